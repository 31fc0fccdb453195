import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { element } from '../../../element.js';
import { formatNumber, t } from '../../../i18n.js';
import { dataTable, regionName } from '../../view.js';

/**
 * Stores by band per region: a stacked bar chart (Chart.js, on a canvas: no inline style or script,
 * so it keeps the strict CSP) and, under it, the table of the same numbers, which is what a screen
 * reader reads; the canvas is one image with a name that says so.
 *
 * @typedef {{ region: string, counts: Record<string, number>, total: number }} RegionCounts
 */

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** The citizen page's band colours (web/masks/masks.css), with the bands' words as labels. */
const BANDS = /** @type {const} */ ([
  ['plenty', '#1d7a3b'],
  ['some', '#f5c518'],
  ['few', '#b3261e'],
  ['empty', '#5d6675'],
  ['break', '#1b1f24'],
]);

/** @param {readonly RegionCounts[]} rows */
export const bandTable = (rows) =>
  dataTable({
    caption: t('console.masks.table.caption'),
    columns: [t('console.masks.table.region'), ...BANDS.map(([band]) => t(`masks.stock.${band}`)), t('console.masks.table.total')],
    rows: rows.map((row) => [regionName(row.region), ...BANDS.map(([band]) => formatNumber(row.counts[band] ?? 0)), formatNumber(row.total)]),
    numeric: [1, 2, 3, 4, 5, 6],
  });

/**
 * @param {HTMLElement} container
 * @param {readonly RegionCounts[]} rows
 * @param {AbortSignal} signal the chart is destroyed when the screen goes
 */
export const drawBandChart = (container, rows, signal) => {
  const canvas = element('canvas', { role: 'img', 'aria-label': t('console.masks.chart.label') }, [t('console.masks.chart.label')]);
  // Tall enough for a bar per region with its name beside it on a phone.
  const frame = element('div', { class: rows.length > 3 ? 'band-chart band-chart-tall' : 'band-chart' }, [canvas]);
  container.append(frame, bandTable(rows));
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels: rows.map((row) => regionName(row.region)),
      datasets: BANDS.map(([band, colour]) => ({ label: t(`masks.stock.${band}`), data: rows.map((row) => row.counts[band] ?? 0), backgroundColor: colour, borderColor: '#1b1f24', borderWidth: 1 })),
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      // The table carries the numbers for keyboards and screen readers; the chart is for the eye.
      events: ['mousemove', 'mouseout', 'click', 'touchstart', 'touchmove'],
      scales: { x: { stacked: true, ticks: { color: '#1b1f24', precision: 0 } }, y: { stacked: true, ticks: { color: '#1b1f24', autoSkip: false } } },
      plugins: { legend: { position: 'bottom', labels: { color: '#1b1f24', boxWidth: 14 } } },
      font: { family: "system-ui, 'Noto Sans CJK KR', sans-serif" },
    },
  });
  signal.addEventListener('abort', () => chart.destroy());
  return chart;
};
