import { element } from '../../element.js';
import { formatNumber, t } from '../../i18n.js';
import { typeWords, timeWords } from '../../masks/store-words.js';
import { registerScreen } from '../registry.js';
import { dataTable, failureBox, regionName, section } from '../view.js';
import { drawBandChart } from './masks/band-chart.js';
import { drawEmptyStoresMap, mapFrame } from './masks/empty-stores-map.js';
import { showKeyRotation } from './masks/key-rotation.js';
import './masks/messages.js';
import { showStoreImport } from './masks/store-import.js';

/** The regions a national admin picks from, in code order (shared/geo/regions.ts). */
const REGIONS = ['11', '26', '27', '28', '29', '30', '31', '36', '41', '43', '44', '46', '47', '48', '50', '51', '52'];

/**
 * Masks for officials: stores by band per region (chart and table), the empty stores of a region
 * (map and table), and for administrators the store import and key rotation.
 */
registerScreen({
  id: 'masks',
  title: 'console.masks.title',
  roles: ['officer', 'admin', 'national-admin'],
  async load(container, context) {
    const { official, api, signal } = context;
    const national = official.role === 'national-admin';
    let region = official.region;

    const summary = element('div', { 'data-summary': '' });
    const empty = element('div', { 'data-empty-stores': '' });
    container.append(section('masks-chart-title', t('console.masks.chart.title'), [summary]));
    const emptyChildren = [];
    if (national) {
      const select = element('select', { id: 'masks-region', class: 'select-input' }, REGIONS.map((code) => element('option', { value: code, ...(code === region ? { selected: '' } : {}) }, [regionName(code)])));
      select.addEventListener('change', () => {
        region = /** @type {HTMLSelectElement} */ (select).value;
        void showEmpty();
      });
      emptyChildren.push(element('div', { class: 'console-form field-inline' }, [element('label', { class: 'field-label', for: 'masks-region' }, [t('console.masks.region')]), select]));
    }
    container.append(section('masks-empty-title', t('console.masks.empty.title'), [...emptyChildren, empty]));
    if (national) container.append(section('masks-import-title', t('console.masks.import.title'), [element('div', { 'data-import': '' })]));
    if (official.role !== 'officer') container.append(section('masks-key-title', t('console.masks.key.title'), [element('div', { 'data-key': '' })]));

    /** @type {AbortController | undefined} */
    let emptyView;
    const showEmpty = async () => {
      emptyView?.abort();
      const view = new AbortController();
      emptyView = view;
      signal.addEventListener('abort', () => view.abort());
      empty.replaceChildren(element('p', {}, [t('console.loading')]));
      try {
        const page = await api.get(`/v1/admin/masks/stores?region=${region}&remainStat=empty&limit=500`, { signal });
        if (view.signal.aborted) return;
        const { container: mapBox, note, help } = mapFrame('masks-empty-help');
        const count = formatNumber(page.items.length);
        const words = page.items.length === 0 ? t('console.masks.empty.none', { region: regionName(region) }) : t(page.cursor ? 'console.masks.empty.countMore' : 'console.masks.empty.count', { region: regionName(region), count });
        empty.replaceChildren(element('p', { 'data-empty-count': '' }, [words]), mapBox, note, help);
        drawEmptyStoresMap(mapBox, note, page.items, view.signal);
        if (page.items.length > 0) {
          empty.append(
            dataTable({
              caption: t('console.masks.empty.caption'),
              columns: [t('console.masks.empty.name'), t('console.masks.empty.address'), t('masks.store.type'), t('console.masks.empty.remaining'), t('console.masks.empty.updated')],
              rows: page.items.map((/** @type {any} */ s) => [s.name, s.addr, typeWords(s.type), s.remaining === null ? '—' : formatNumber(s.remaining), timeWords(new Date(s.updatedAt))]),
              numeric: [3],
              className: 'empty-stores-table',
            }),
          );
        }
      } catch (error) {
        if (!view.signal.aborted) empty.replaceChildren(failureBox(error));
      }
    };

    const showSummary = async () => {
      try {
        const answer = await api.get('/v1/admin/masks/summary', { signal });
        summary.replaceChildren(element('p', { class: 'field-hint' }, [t('console.masks.chart.note', { time: timeWords(new Date(answer.countedAt)) })]));
        drawBandChart(summary, answer.regions, signal);
      } catch (error) {
        if (!signal.aborted) summary.replaceChildren(failureBox(error));
      }
    };

    const importBox = container.querySelector('[data-import]');
    if (importBox) showStoreImport(/** @type {HTMLElement} */ (importBox), context);
    const keyBox = container.querySelector('[data-key]');
    if (keyBox) showKeyRotation(/** @type {HTMLElement} */ (keyBox), context);
    await Promise.all([showSummary(), showEmpty()]);
  },
});
