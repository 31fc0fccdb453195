import { svgElement } from '../element.js';

/**
 * The 2020 stock bands as the reader sees them. Colour alone never carries the band: each has its
 * own shape (the same on the map, in the legend and in the list) and its words next to it.
 *
 *   plenty  green circle       100 or more
 *   some    yellow diamond     30–99
 *   few     red triangle       2–29
 *   empty   grey square        0–1
 *   break   grey octagon, bar  the store stopped selling
 *   unknown dashed ring        no report yet
 */

/** @typedef {'plenty' | 'some' | 'few' | 'empty' | 'break' | 'unknown'} Band */

/** @type {readonly Band[]} */
export const BANDS = ['plenty', 'some', 'few', 'empty', 'break', 'unknown'];

/** @param {string | null | undefined} remainStat @returns {Band} */
export const bandOf = (remainStat) =>
  remainStat && /** @type {readonly string[]} */ (BANDS).includes(remainStat) ? /** @type {Band} */ (remainStat) : 'unknown';

/** The i18n key of the band's words, e.g. 충분(100개 이상). @param {Band} band */
export const bandKey = (band) => `masks.stock.${band}`;

/** @param {number} sides @param {number} radius @param {number} rotation */
const polygon = (sides, radius, rotation) =>
  `${Array.from({ length: sides }, (_, i) => {
    const angle = rotation + (2 * Math.PI * i) / sides;
    return `${i === 0 ? 'M' : 'L'}${(radius * Math.cos(angle)).toFixed(2)} ${(radius * Math.sin(angle)).toFixed(2)}`;
  }).join(' ')} Z`;

/** @param {number} r */
const circle = (r) => `M${-r} 0 a${r} ${r} 0 1 0 ${2 * r} 0 a${r} ${r} 0 1 0 ${-2 * r} 0 Z`;

/**
 * Outlines of about the same visual weight, centred on 0,0, for a mark of radius `r`.
 * @type {Record<Band, (r: number) => string>}
 */
const OUTLINES = {
  plenty: circle,
  some: (r) => polygon(4, r * 1.3, -Math.PI / 2),
  few: (r) => polygon(3, r * 1.35, -Math.PI / 2),
  empty: (r) => `M${-r} ${-r} H${r} V${r} H${-r} Z`,
  break: (r) => polygon(8, r * 1.1, Math.PI / 8),
  unknown: circle,
};

/**
 * The band's mark, centred on 0,0: its outline and, for "break", the bar of a no-entry sign.
 * Colours come from the stylesheet through the `stock-<band>` class.
 * @param {Band} band
 * @param {number} r
 */
export const bandMark = (band, r) => {
  const mark = svgElement('g', { class: `stock-mark stock-${band}` }, [svgElement('path', { class: 'stock-shape', d: OUTLINES[band](r) })]);
  if (band === 'break') mark.append(svgElement('path', { class: 'stock-bar', d: `M${-r * 0.6} 0 H${r * 0.6}` }));
  return mark;
};

/** The mark as a small inline icon for text (list, legend); decorative, the words follow it. @param {Band} band */
export const bandIcon = (band) =>
  svgElement('svg', { class: 'stock-icon', viewBox: '-12 -12 24 24', width: 24, height: 24, 'aria-hidden': 'true', focusable: 'false' }, [bandMark(band, 8)]);
