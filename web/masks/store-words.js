import { currentLanguage, t } from '../i18n.js';
import { bandKey, bandOf } from './stock-bands.js';

/**
 * A store in the reader's words: what kind of seller, how much stock, how far, since when. Shared by
 * the list, the map's labels and the live summary so they never disagree.
 */

/** @param {string} type '01' pharmacy, '02' post office, '03' NongHyup mart */
export const typeWords = (type) => (['01', '02', '03'].includes(type) ? t(`masks.type.${type}`) : type);

/** @param {string | null | undefined} remainStat */
export const stockWords = (remainStat) => t(bandKey(bandOf(remainStat)));

/** "850 m" below a kilometre, "1.2 km" from there. @param {number} metres */
export const distanceWords = (metres) =>
  metres < 1000
    ? new Intl.NumberFormat(currentLanguage(), { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(metres)
    : new Intl.NumberFormat(currentLanguage(), { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 }).format(metres / 1000);

/**
 * Times in Korea's zone: the stores are in Korea and their stock times are theirs, whatever zone the
 * reader's device is set to.
 * @param {Date} date
 */
export const timeWords = (date) =>
  new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Seoul' }).format(date);

/** @param {string | null | undefined} iso */
export const parseTime = (iso) => {
  if (!iso) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

/** Just the time of day, to the second: when the page last heard from the API. @param {Date} date */
export const clockWords = (date) =>
  new Intl.DateTimeFormat(currentLanguage(), { timeStyle: 'medium', timeZone: 'Asia/Seoul' }).format(date);
