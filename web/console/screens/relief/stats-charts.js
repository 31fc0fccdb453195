import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { element } from '../../../element.js';
import { formatNumber, t } from '../../../i18n.js';
import { dataTable, regionName } from '../../view.js';

/**
 * The relief statistics as charts with their tables: the paid curve (the cumulative share of the
 * registry paid, day by day) and the won by region. Each canvas is one image with a name that says the
 * table under it holds the same numbers, which is what a screen reader and a keyboard read.
 *
 * @typedef {{ households: number, grantedWon: number, donatedWon: number, spentWon: number, reversedWon: number, expiredWon: number }} Figures
 * @typedef {Figures & { date: string, cumulativeHouseholds: number, paidPercent: number }} StatsDay
 * @typedef {Figures & { regionCode: string, registeredHouseholds: number, paidPercent: number }} StatsRegion
 */

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

const INK = '#1b1f24';
const FONT = { family: "system-ui, 'Noto Sans CJK KR', sans-serif" };
/** Distinguishable without colour too: each amount has its own pattern-free, high-contrast hue and a legend. */
const AMOUNTS = /** @type {const} */ ([
  ['grantedWon', 'granted', '#1f4e99'],
  ['spentWon', 'spent', '#1d7a3b'],
  ['reversedWon', 'reversed', '#b3261e'],
  ['donatedWon', 'donated', '#8a5a00'],
  ['expiredWon', 'expired', '#5d6675'],
]);

const won = (/** @type {number} */ value) => formatNumber(value);

/** @param {readonly StatsDay[]} days */
export const daysTable = (days) =>
  dataTable({
    caption: t('console.relief.days.caption'),
    columns: [t('console.relief.col.date'), t('console.relief.col.households'), t('console.relief.col.cumulative'), t('console.relief.col.percent'), ...AMOUNTS.map(([, word]) => t(`console.relief.col.${word}`))],
    rows: days.map((day) => [day.date, formatNumber(day.households), formatNumber(day.cumulativeHouseholds), formatNumber(day.paidPercent, { minimumFractionDigits: 2 }), ...AMOUNTS.map(([field]) => won(day[field]))]),
    numeric: [1, 2, 3, 4, 5, 6, 7, 8],
  });

/** @param {readonly StatsRegion[]} regions */
export const regionsTable = (regions) =>
  dataTable({
    caption: t('console.relief.regions.caption'),
    columns: [t('console.relief.col.region'), t('console.relief.col.registered'), t('console.relief.col.households'), t('console.relief.col.percent'), ...AMOUNTS.map(([, word]) => t(`console.relief.col.${word}`))],
    rows: regions.map((r) => [regionName(r.regionCode), formatNumber(r.registeredHouseholds), formatNumber(r.households), formatNumber(r.paidPercent, { minimumFractionDigits: 2 }), ...AMOUNTS.map(([field]) => won(r[field]))]),
    numeric: [1, 2, 3, 4, 5, 6, 7, 8],
  });

const chartOptions = (/** @type {Record<string, unknown>} */ scales) => ({
  responsive: true,
  maintainAspectRatio: false,
  animation: /** @type {const} */ (false),
  events: /** @type {any} */ (['mousemove', 'mouseout', 'click', 'touchstart', 'touchmove']),
  scales,
  plugins: { legend: { position: /** @type {const} */ ('bottom'), labels: { color: INK, boxWidth: 14 } } },
  font: FONT,
});

/**
 * @param {HTMLElement} container @param {readonly StatsDay[]} days @param {AbortSignal} signal
 */
export const drawPaidCurve = (container, days, signal) => {
  const canvas = element('canvas', { role: 'img', 'aria-label': t('console.relief.curve.label') }, [t('console.relief.curve.label')]);
  container.append(element('div', { class: 'band-chart relief-chart' }, [canvas]), daysTable(days));
  const chart = new Chart(canvas, {
    type: 'line',
    data: {
      labels: days.map((day) => day.date.slice(5)),
      datasets: [{ label: t('console.relief.curve.series'), data: days.map((day) => day.paidPercent), borderColor: '#1f4e99', backgroundColor: '#1f4e99', pointRadius: 2, borderWidth: 2 }],
    },
    options: chartOptions({ x: { ticks: { color: INK, maxRotation: 0, autoSkipPadding: 12 } }, y: { min: 0, max: 100, ticks: { color: INK } } }),
  });
  signal.addEventListener('abort', () => chart.destroy());
};

/**
 * @param {HTMLElement} container @param {readonly StatsRegion[]} regions @param {AbortSignal} signal
 */
export const drawAmountsByRegion = (container, regions, signal) => {
  const canvas = element('canvas', { role: 'img', 'aria-label': t('console.relief.amounts.label') }, [t('console.relief.amounts.label')]);
  container.append(element('div', { class: regions.length > 3 ? 'band-chart band-chart-tall' : 'band-chart' }, [canvas]), regionsTable(regions));
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels: regions.map((r) => regionName(r.regionCode)),
      datasets: AMOUNTS.map(([field, word, colour]) => ({ label: t(`console.relief.col.${word}`), data: regions.map((r) => r[field]), backgroundColor: colour, borderColor: INK, borderWidth: 1 })),
    },
    options: { ...chartOptions({ x: { ticks: { color: INK } }, y: { ticks: { color: INK, autoSkip: false } } }), indexAxis: /** @type {const} */ ('y') },
  });
  signal.addEventListener('abort', () => chart.destroy());
};
