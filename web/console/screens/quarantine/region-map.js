import { element } from '../../../element.js';
import { formatNumber, t } from '../../../i18n.js';
import { dataTable, regionName, section } from '../../view.js';
import { caseHref, CASE_STATES, countsByState, FENCE_STATES, mapPointsOf } from './case-view.js';
import { fenceWords, stateWords } from './case-list.js';
import { problemBox, REGIONS, select } from './parts.js';
import { drawRegionMap, mapFrame } from './quarantine-maps.js';

/** The most cases of one state the map reads (20 pages of the list): a province's peak in 2020 was a few thousand. */
const MAX_PER_STATE = 5000;

/**
 * The region's cases without names: every state's list (`GET /v1/quarantine/cases?state=…`, paged to
 * its end), the homes as the list gives them (≈100 m) on a clustered map, a table of counts by state
 * and fence state, and a table of the points.
 * @param {HTMLElement} container @param {import('../../registry.js').ScreenContext} context
 */
export const showRegionMap = async (container, { official, api, signal }) => {
  const national = official.role === 'national-admin';
  let region = official.region;
  const box = element('div', { 'data-region-map': '' });
  if (national) {
    const choice = select('map-region', REGIONS, regionName, region);
    choice.addEventListener('change', () => {
      region = /** @type {HTMLSelectElement} */ (choice).value;
      void show();
    });
    container.append(element('div', { class: 'console-form field-inline' }, [element('label', { class: 'field-label', for: 'map-region' }, [t('console.quarantine.region')]), choice]));
  }
  container.append(element('p', { class: 'field-hint' }, [t(official.role === 'officer' ? 'console.quarantine.map.introMine' : 'console.quarantine.map.intro')]), box);

  /** @type {AbortController | undefined} */
  let drawn;
  /** @param {string} state */
  const allOf = async (state) => {
    /** @type {import('./case-view.js').CaseListItem[]} */
    const items = [];
    let cursor = '';
    do {
      const page = await api.get(`/v1/quarantine/cases?state=${state}&limit=100${national ? `&region=${region}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { signal });
      items.push(...page.items);
      cursor = page.cursor ?? '';
    } while (cursor && items.length < MAX_PER_STATE);
    return items;
  };

  const show = async () => {
    drawn?.abort();
    const view = new AbortController();
    drawn = view;
    signal.addEventListener('abort', () => view.abort());
    box.replaceChildren(element('p', {}, [t('console.loading')]));
    let items;
    try {
      items = (await Promise.all(CASE_STATES.map(allOf))).flat();
    } catch (error) {
      if (!view.signal.aborted) box.replaceChildren(problemBox(error));
      return;
    }
    if (view.signal.aborted) return;
    const points = mapPointsOf(items);
    const counts = countsByState(items);
    const { container: mapBox, note, help } = mapFrame('region-map', t('console.quarantine.map.label', { region: regionName(region) }), t('console.quarantine.map.help'));
    const legend = element('ul', { class: 'map-legend', 'aria-label': t('console.quarantine.map.legend') }, [
      element('li', {}, [element('span', { class: 'legend-mark state-active', 'aria-hidden': 'true' }), t('console.quarantine.map.legendActive')]),
      element('li', {}, [element('span', { class: 'legend-mark state-active fence-outside', 'aria-hidden': 'true' }), t('console.quarantine.map.legendOutside')]),
      element('li', {}, [element('span', { class: 'legend-mark state-ended', 'aria-hidden': 'true' }), t('console.quarantine.map.legendEnded')]),
      element('li', {}, [element('span', { class: 'legend-mark group', 'aria-hidden': 'true' }), t('console.quarantine.map.legendGroup')]),
    ]);
    box.replaceChildren(
      element('p', { 'data-map-count': '' }, [t('console.quarantine.map.count', { region: regionName(region), count: formatNumber(items.length), mapped: formatNumber(points.length) })]),
      mapBox,
      note,
      legend,
      help,
      section('map-counts-title', t('console.quarantine.map.counts'), [
        dataTable({
          caption: t('console.quarantine.map.countsCaption', { region: regionName(region) }),
          columns: [t('console.quarantine.col.state'), t('console.quarantine.map.total'), ...FENCE_STATES.map(fenceWords)],
          rows: counts.map((c) => [stateWords(c.state), formatNumber(c.total), ...FENCE_STATES.map((f) => formatNumber(/** @type {number} */ (c.fence[f])))]),
          numeric: [1, 2, 3, 4],
          className: 'state-counts-table',
        }),
      ]),
      section('map-points-title', t('console.quarantine.map.points'), [
        points.length === 0
          ? element('p', {}, [t('console.quarantine.map.noPoints')])
          : dataTable({
              caption: t('console.quarantine.map.pointsCaption'),
              columns: [t('console.quarantine.col.case'), t('console.quarantine.col.state'), t('console.quarantine.col.fence'), t('console.quarantine.case.officer'), t('console.quarantine.map.near')],
              rows: points.map((p) => [element('a', { href: caseHref(p.caseId), class: 'case-id' }, [p.caseId]), stateWords(p.state), fenceWords(p.fence), p.officerId, `${p.lat.toFixed(3)}, ${p.lng.toFixed(3)}`]),
              className: 'points-table',
            }),
      ]),
    );
    drawRegionMap(mapBox, note, points, view.signal);
  };
  await show();
};
