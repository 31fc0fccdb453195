import { element } from '../../element.js';
import { formatNumber, t } from '../../i18n.js';
import { registerScreen } from '../registry.js';
import { failureBox, regionName, section } from '../view.js';
import './relief/messages.js';
import { showSettlements } from './relief/settlements.js';
import { drawAmountsByRegion, drawPaidCurve } from './relief/stats-charts.js';

/** The regions a national admin picks from, in code order (shared/geo/regions.ts). */
const REGIONS = ['11', '26', '27', '28', '29', '30', '31', '36', '41', '43', '44', '46', '47', '48', '50', '51', '52'];

const koreanToday = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
const daysBefore = (/** @type {string} */ day, /** @type {number} */ n) => new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/**
 * Relief funds for administrators: the paid curve and the won by region (each chart with its table),
 * for a period and, for a national admin, a region or all; and for national admins the card
 * companies' settlements with their CSV. What each sees is decided by the API; the screen only asks.
 */
registerScreen({
  id: 'relief',
  title: 'console.relief.title',
  roles: ['admin', 'national-admin'],
  async load(container, context) {
    const { official, api, signal } = context;
    const national = official.role === 'national-admin';
    const to = koreanToday();
    const from = element('input', { id: 'relief-from', class: 'text-input', type: 'date', value: daysBefore(to, 29), required: '' });
    const until = element('input', { id: 'relief-to', class: 'text-input', type: 'date', value: to, required: '' });
    const fields = [
      element('label', { class: 'field-label', for: 'relief-from' }, [t('console.relief.from')]),
      from,
      element('label', { class: 'field-label', for: 'relief-to' }, [t('console.relief.to')]),
      until,
    ];
    const region = element('select', { id: 'relief-region', class: 'select-input' }, [
      element('option', { value: '' }, [t('console.relief.allRegions')]),
      ...REGIONS.map((code) => element('option', { value: code }, [regionName(code)])),
    ]);
    if (national) fields.push(element('label', { class: 'field-label', for: 'relief-region' }, [t('console.relief.region')]), region);
    const form = element('form', { class: 'console-form', novalidate: '' }, [...fields, element('div', { class: 'form-actions' }, [element('button', { type: 'submit', class: 'button' }, [t('console.relief.show')])])]);
    const summary = element('p', { role: 'status', 'data-relief-summary': '' });
    const curve = element('div', { 'data-relief-curve': '' });
    const amounts = element('div', { 'data-relief-amounts': '' });
    container.append(form, summary, section('relief-curve-title', t('console.relief.curve.title'), [curve]), section('relief-amounts-title', t('console.relief.amounts.title'), [amounts]));
    if (national) {
      const settlements = element('div');
      container.append(section('relief-settlements-title', t('console.relief.settlements.title'), [settlements]));
      showSettlements(settlements, context);
    }

    /** @type {AbortController | undefined} */
    let view;
    const show = async () => {
      view?.abort();
      const current = new AbortController();
      view = current;
      signal.addEventListener('abort', () => current.abort());
      curve.replaceChildren();
      amounts.replaceChildren();
      summary.textContent = t('console.relief.loading');
      const chosen = national ? /** @type {HTMLSelectElement} */ (region).value : '';
      const params = new URLSearchParams({ from: /** @type {HTMLInputElement} */ (from).value, to: /** @type {HTMLInputElement} */ (until).value, ...(chosen ? { region: chosen } : {}) });
      try {
        const stats = await api.get(`/v1/admin/relief/stats?${params}`, { signal: current.signal });
        if (current.signal.aborted) return;
        summary.textContent = t('console.relief.summary', {
          regions: stats.regions.length === 1 ? regionName(stats.regions[0]) : t('console.relief.allRegions'),
          registered: formatNumber(stats.registeredHouseholds),
          paid: formatNumber(stats.totals.households),
          percent: formatNumber(stats.totals.paidPercent, { minimumFractionDigits: 2 }),
        });
        drawPaidCurve(curve, stats.days, current.signal);
        drawAmountsByRegion(amounts, stats.byRegion, current.signal);
      } catch (error) {
        if (current.signal.aborted) return;
        summary.textContent = '';
        curve.append(failureBox(error));
      }
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void show();
    });
    await show();
  },
});
