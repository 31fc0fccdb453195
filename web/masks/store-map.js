import { element, svgElement } from '../element.js';
import { t } from '../i18n.js';
import { projectAround, ringsFor } from './projection.js';
import { bandMark, bandOf } from './stock-bands.js';
import { listItemId } from './store-list.js';
import { distanceWords, stockWords, typeWords } from './store-words.js';

/**
 * The map, drawn by the page itself as SVG: the reference point in the middle, rings at set
 * distances, and a mark per store whose colour and shape both tell its stock. It needs no tiles, so
 * it works offline, here, and when a tile server is down.
 *
 * Keyboard: the marks are one tab stop (the selected store, else the nearest); the arrow keys, Home
 * and End move between stores in distance order, and the selection follows. Every mark is a button
 * whose name says rank, name, type, stock and distance.
 *
 * @typedef {import('./mask-api.js').NearbyStore} NearbyStore
 * @typedef {{ center: { lat: number, lng: number }, radiusM: number, centreKind: 'here' | 'address',
 *   stores: readonly NearbyStore[], selectedCode: string | undefined }} MapView
 */

/** The viewBox is ±215; the outer ring sits a little inside so labels and marks on it still fit. */
const RADIUS_UNITS = 185;
const HALF_SIZE = 215;
const MARK_RADIUS = 9;
/** 44 CSS px across on a 360 px phone, where the map is 328 px wide for 430 units. */
const HIT_RADIUS = 29;

const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown']);
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'ArrowUp']);

/** Yellow inside dark, as everywhere else on the site; shown only while the mark has the focus. */
const focusRing = () => [
  svgElement('circle', { class: 'map-focus map-focus-outer', r: MARK_RADIUS + 16 }),
  svgElement('circle', { class: 'map-focus map-focus-inner', r: MARK_RADIUS + 13 }),
];

/** @param {string} text @param {Record<string, string | number>} attributes */
const label = (text, attributes) => svgElement('text', { class: 'map-label', ...attributes }, [text]);

/**
 * @param {SVGSVGElement} svg
 * @param {HTMLElement} caption
 * @param {{ onSelect: (code: string) => void, onShowInList: (code: string) => void }} handlers
 */
export const createStoreMap = (svg, caption, { onSelect, onShowInList }) => {
  /** @type {MapView | undefined} */
  let view;
  const overlay = svgElement('g', { class: 'map-selection', 'aria-hidden': 'true' });

  /** @returns {SVGGElement[]} */
  const marks = () => [...svg.querySelectorAll('.map-store')].map((mark) => /** @type {SVGGElement} */ (mark));
  /** @param {string} code */
  const markOf = (code) => marks().find((mark) => mark.getAttribute('data-code') === code);

  svg.addEventListener('click', (event) => {
    const mark = /** @type {Element} */ (event.target).closest('.map-store');
    if (mark) onSelect(/** @type {string} */ (mark.getAttribute('data-code')));
  });

  svg.addEventListener('keydown', (event) => {
    const mark = /** @type {Element} */ (event.target).closest('.map-store');
    if (!mark) return;
    const all = marks();
    const at = all.indexOf(/** @type {SVGGElement} */ (mark));
    let next;
    if (NEXT_KEYS.has(event.key)) next = all[Math.min(at + 1, all.length - 1)];
    else if (PREVIOUS_KEYS.has(event.key)) next = all[Math.max(at - 1, 0)];
    else if (event.key === 'Home') next = all[0];
    else if (event.key === 'End') next = all.at(-1);
    else if (event.key === 'Enter' || event.key === ' ') next = all[at];
    else return;
    // Arrows would otherwise scroll the page, and Space would too.
    event.preventDefault();
    if (!next) return;
    onSelect(/** @type {string} */ (next.getAttribute('data-code')));
    next.focus();
  });

  caption.addEventListener('click', (event) => {
    const link = /** @type {Element} */ (event.target).closest('[data-show-in-list]');
    if (!link) return;
    event.preventDefault();
    onShowInList(/** @type {string} */ (link.getAttribute('data-show-in-list')));
  });

  /** @param {NearbyStore} store @param {number} rank */
  const markName = (store, rank) =>
    t('masks.map.storeName', { rank, name: store.name, type: typeWords(store.type), stock: stockWords(store.remainStat), distance: distanceWords(store.distanceM) });

  /** @param {MapView} current */
  const drawSelection = (current) => {
    const index = current.stores.findIndex((store) => store.code === current.selectedCode);
    const store = current.stores[index];
    for (const mark of marks()) mark.setAttribute('aria-pressed', String(mark.getAttribute('data-code') === store?.code));
    // One tab stop for all the marks: the selected store, or else the nearest one.
    const focusable = store ? markOf(store.code) : marks()[0];
    for (const mark of marks()) mark.setAttribute('tabindex', mark === focusable ? '0' : '-1');

    overlay.replaceChildren();
    if (!store) {
      caption.replaceChildren(current.stores.length === 0 ? t('masks.map.empty') : t('masks.map.pick'));
      return;
    }
    const project = projectAround(current.center, current.radiusM, RADIUS_UNITS);
    const { x, y } = project(store);
    // The name goes on the side with more room, so it stays inside the map.
    const onLeft = x > 40;
    overlay.append(
      svgElement('g', { transform: `translate(${x.toFixed(1)} ${y.toFixed(1)})` }, [
        ...focusRing(),
        svgElement('circle', { class: 'map-selection-ring', r: MARK_RADIUS + 8 }),
        bandMark(bandOf(store.remainStat), MARK_RADIUS),
        label(store.name, { x: onLeft ? -(MARK_RADIUS + 12) : MARK_RADIUS + 12, y: 7, 'text-anchor': onLeft ? 'end' : 'start', class: 'map-label map-label-strong' }),
      ]),
    );
    caption.replaceChildren(
      element('strong', {}, [`${index + 1}. ${store.name}`]),
      ` · ${stockWords(store.remainStat)} · ${distanceWords(store.distanceM)} `,
      element('a', { href: `#${listItemId(store.code)}`, 'data-show-in-list': store.code }, [t('masks.map.showInList')]),
    );
  };

  return {
    /** Redraws everything for new data; keyboard focus on a store's mark stays on that store. @param {MapView} next */
    render(next) {
      view = next;
      const focusedCode = svg.contains(document.activeElement) ? document.activeElement?.getAttribute('data-code') : undefined;
      const project = projectAround(next.center, next.radiusM, RADIUS_UNITS);

      const rings = ringsFor(next.radiusM).map((distance) => {
        const r = (distance / next.radiusM) * RADIUS_UNITS;
        // Labels sit on the upper-right diagonal, where they cross the fewest other rings' labels.
        return svgElement('g', {}, [
          svgElement('circle', { class: 'map-ring', r: r.toFixed(1) }),
          label(distanceWords(distance), { x: (r * Math.SQRT1_2 + 4).toFixed(1), y: (-r * Math.SQRT1_2 - 4).toFixed(1) }),
        ]);
      });
      const north = svgElement('g', { class: 'map-north', transform: `translate(${-HALF_SIZE + 24} ${-HALF_SIZE + 22})` }, [
        svgElement('path', { d: 'M0 -12 L7 8 L0 3 L-7 8 Z' }),
        label(t('masks.map.north'), { x: 0, y: 32, 'text-anchor': 'middle' }),
      ]);
      // A hollow ring with ticks, drawn over the stores: a store right at the centre stays visible
      // inside it. Its name is in a corner, which lies outside the outer ring where no store can be.
      const centre = svgElement('g', { class: 'map-centre', 'aria-hidden': 'true' }, [
        svgElement('circle', { class: 'map-centre-ring', r: 15 }),
        svgElement('path', { class: 'map-centre-ticks', d: 'M0 -24 V-15 M0 15 V24 M-24 0 H-15 M15 0 H24' }),
      ]);
      const centreKey = svgElement('g', { class: 'map-centre', transform: `translate(${-HALF_SIZE + 24} ${HALF_SIZE - 24})` }, [
        svgElement('circle', { class: 'map-centre-ring', r: 9 }),
        label(t(next.centreKind === 'here' ? 'masks.map.you' : 'masks.map.centre'), { x: 18, y: 6 }),
      ]);
      const stores = next.stores.map((store, i) => {
        const { x, y } = project(store);
        return svgElement(
          'g',
          {
            class: 'map-store',
            'data-code': store.code,
            role: 'button',
            tabindex: '-1',
            'aria-pressed': 'false',
            'aria-label': markName(store, i + 1),
            transform: `translate(${x.toFixed(1)} ${y.toFixed(1)})`,
          },
          [
            svgElement('circle', { class: 'map-hit', r: HIT_RADIUS }),
            ...focusRing(),
            bandMark(bandOf(store.remainStat), MARK_RADIUS),
          ],
        );
      });

      svg.replaceChildren(
        svgElement('rect', { class: 'map-ground', x: -HALF_SIZE, y: -HALF_SIZE, width: 2 * HALF_SIZE, height: 2 * HALF_SIZE }),
        svgElement('g', { 'aria-hidden': 'true' }, [...rings, north, centreKey]),
        // Nearest first: the order a screen reader walks the marks in is the list's order.
        svgElement('g', { class: 'map-stores' }, stores),
        centre,
        overlay,
      );
      drawSelection(next);
      if (focusedCode) markOf(focusedCode)?.focus();
    },

    /** Marks another store as selected without redrawing the map. @param {string | undefined} code */
    select(code) {
      if (!view) return;
      view = { ...view, selectedCode: code };
      drawSelection(view);
    },

    /** Scrolls the map into sight if it is out of it (the phone layout puts it above the list). */
    reveal() {
      const box = svg.getBoundingClientRect();
      if (box.bottom < 0 || box.top > window.innerHeight) svg.scrollIntoView({ block: 'nearest' });
    },
  };
};
