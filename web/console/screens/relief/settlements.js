import { element } from '../../../element.js';
import { formatNumber, t } from '../../../i18n.js';
import { dataTable, failureBox } from '../../view.js';

/**
 * A card company's settlement of one Korean day, as a table, and the day's transfers as one CSV file:
 * the API gives them a page at a time (`Link: rel="next"`), and the screen joins the pages, keeping the
 * header line of the first only.
 *
 * @typedef {{ partnerId: string, date: string, approvedWon: number, approvedCount: number, reversedWon: number, reversedCount: number, lateReversedWon: number, lateReversedCount: number, netWon: number }} Settlement
 */

/** Yesterday in Korea: the last day a card company has closed. */
const yesterdayInKorea = () => new Date(Date.now() + 9 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);

/** @param {Settlement} s */
export const settlementTable = (s) =>
  dataTable({
    caption: t('console.relief.settlements.caption', { partner: s.partnerId, date: s.date }),
    columns: [t('console.relief.settlements.figure'), t('console.relief.settlements.won'), t('console.relief.settlements.count')],
    rows: [
      [t('console.relief.settlements.approved'), formatNumber(s.approvedWon), formatNumber(s.approvedCount)],
      [t('console.relief.settlements.reversed'), formatNumber(s.reversedWon), formatNumber(s.reversedCount)],
      [t('console.relief.settlements.lateReversed'), formatNumber(s.lateReversedWon), formatNumber(s.lateReversedCount)],
      [t('console.relief.settlements.net'), formatNumber(s.netWon), ''],
    ],
    numeric: [1, 2],
  });

/**
 * @param {HTMLElement} container
 * @param {import('../../registry.js').ScreenContext} context
 */
export const showSettlements = (container, { api, announce, signal }) => {
  const partner = element('input', { id: 'settlement-partner', class: 'text-input', required: '', pattern: '[a-z0-9][a-z0-9\\-]{0,31}', autocomplete: 'off', spellcheck: 'false' });
  const date = element('input', { id: 'settlement-date', class: 'text-input', type: 'date', required: '', value: yesterdayInKorea() });
  const show = element('button', { type: 'submit', class: 'button' }, [t('console.relief.show')]);
  const form = element('form', { class: 'console-form', novalidate: '' }, [
    element('label', { class: 'field-label', for: 'settlement-partner' }, [t('console.relief.settlements.partner')]),
    partner,
    element('label', { class: 'field-label', for: 'settlement-date' }, [t('console.relief.settlements.date')]),
    date,
    element('div', { class: 'form-actions' }, [show]),
  ]);
  const outcome = element('div', { 'data-settlement': '' });
  const status = element('p', { role: 'status' });
  container.append(element('p', {}, [t('console.relief.settlements.intro')]), form, outcome, status);

  const query = () => `partner=${encodeURIComponent(/** @type {HTMLInputElement} */ (partner).value.trim())}&date=${encodeURIComponent(/** @type {HTMLInputElement} */ (date).value)}`;

  const download = async () => {
    const lines = [];
    /** @type {string | undefined} */
    let next = `/v1/admin/relief/settlements?${query()}&format=csv&limit=10000`;
    try {
      while (next) {
        const page = await api.text(next, { signal, accept: 'text/csv' });
        const rows = page.text.split('\r\n').filter((line) => line !== '');
        lines.push(...(lines.length === 0 ? rows : rows.slice(1)));
        status.textContent = t('console.relief.settlements.csvProgress', { rows: formatNumber(Math.max(lines.length - 1, 0)) });
        next = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
      }
    } catch (error) {
      if (signal.aborted) return;
      outcome.append(failureBox(error));
      return;
    }
    const file = new window.Blob([`${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' });
    const link = element('a', { href: URL.createObjectURL(file), download: `settlement-${query().replace(/[^a-z0-9-]+/g, '-')}.csv` });
    link.click();
    URL.revokeObjectURL(link.getAttribute('href') ?? '');
    const done = t('console.relief.settlements.csvReady', { rows: formatNumber(Math.max(lines.length - 1, 0)) });
    status.textContent = done;
    announce(done);
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    outcome.replaceChildren();
    status.textContent = '';
    if (!(/** @type {HTMLFormElement} */ (form).checkValidity())) {
      (/** @type {HTMLInputElement} */ (partner).checkValidity() ? date : partner).focus();
      return;
    }
    try {
      /** @type {Settlement} */
      const settlement = await api.get(`/v1/admin/relief/settlements?${query()}`, { signal });
      const csv = element('button', { type: 'button', class: 'button button-secondary' }, [t('console.relief.settlements.csv')]);
      csv.addEventListener('click', () => void download());
      outcome.append(settlementTable(settlement), element('div', { class: 'form-actions' }, [csv]));
    } catch (error) {
      if (!signal.aborted) outcome.append(failureBox(error));
    }
  });
};
