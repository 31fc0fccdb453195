import * as L from 'leaflet/dist/leaflet-src.esm.js';
import Supercluster from 'supercluster';
import { element, svgElement } from '../element.js';
import { formatNumber, t } from '../i18n.js';
import { ringsFor } from './projection.js';
import { bandMark, bandOf } from './stock-bands.js';
import { listItemId } from './store-list.js';
import { distanceWords, stockWords, typeWords } from './store-words.js';
import { addStreetTiles } from './map-tiles.js';

/**
 * The map: Leaflet over street tiles when they load, and the drawn view when they cannot (no
 * network, a tile server down, no tile source configured): the same rings, centre and marks on a
 * plain ground, so the map never depends on a third party to work.
 *
 * Marks: each store is a 44 px button, nearest first in the page's order and drawn on top of farther
 * ones, so a finger on the nearest store gets the nearest store. Stores whose buttons would overlap
 * are gathered into one numbered mark (supercluster) that zooms in when pressed; the nearest store is
 * never gathered. The reference point is drawn under the marks and takes no taps.
 *
 * Keyboard: the marks are one tab stop (the selected store, else the nearest); the arrow keys, Home
 * and End move between marks nearest first, Enter or Space selects a store or opens a group.
 *
 * @typedef {import('./mask-api.js').NearbyStore} NearbyStore
 * @typedef {{ center: { lat: number, lng: number }, radiusM: number, centreKind: 'here' | 'address',
 *   stores: readonly NearbyStore[], selectedCode: string | undefined }} MapView
 * @typedef {{ kind: 'store', store: NearbyStore, rank: number, lat: number, lng: number }
 *   | { kind: 'group', id: number, count: number, lat: number, lng: number, rank: number }} Mark
 */

/** WCAG 2.5.5's 44 CSS px: every mark is this wide, and marks closer than this are gathered. */
const TARGET_PX = 44;
const MARK_RADIUS = 9;
/** Leaflet's z-index of a mark is its y position plus this offset: rank decides, whatever the position. */
const Z_STEP = 10_000;
const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown']);
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'ArrowUp']);

/** A mark's face, centred in its 44 px button; the rings show focus and selection. @param {(Node)[]} face */
const markFace = (face) =>
  svgElement('svg', { class: 'map-mark-face', viewBox: `${-TARGET_PX / 2} ${-TARGET_PX / 2} ${TARGET_PX} ${TARGET_PX}`, width: TARGET_PX, height: TARGET_PX, 'aria-hidden': 'true', focusable: 'false' }, [
    svgElement('circle', { class: 'map-focus map-focus-outer', r: 20 }),
    svgElement('circle', { class: 'map-focus map-focus-inner', r: 17 }),
    svgElement('circle', { class: 'map-selection-ring', r: MARK_RADIUS + 7 }),
    ...face,
  ]);

/** A Leaflet icon that is exactly `node`, centred on its position. @param {string} className @param {HTMLElement | SVGElement} node @param {number} size */
const iconOf = (className, node, size) => L.divIcon({ className, html: /** @type {HTMLElement} */ (node), iconSize: [size, size], iconAnchor: [size / 2, size / 2] });

/**
 * @param {HTMLElement} container
 * @param {{ caption: HTMLElement, note: HTMLElement }} around
 * @param {{ onSelect: (code: string) => void, onShowInList: (code: string) => void }} handlers
 */
export const createStoreMap = (container, { caption, note }, { onSelect, onShowInList }) => {
  /** @type {MapView | undefined} */
  let view;
  /** The stores, gathered by screen distance at each zoom. */
  let groups = new Supercluster({ radius: TARGET_PX, extent: 256, maxZoom: 19, minPoints: 2 });
  /** @type {Map<string, L.Marker>} */
  const markers = new Map();

  const map = L.map(container, { keyboard: false, zoomSnap: 0.25, zoomDelta: 1, minZoom: 6, maxZoom: 19, attributionControl: true, zoomControl: false });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  // Top left: the ring labels sit on the upper-right diagonal.
  L.control.zoom({ position: 'topleft' }).addTo(map);
  // Below the marks: the rings, their labels and the reference point never take a tap meant for a store.
  map.createPane('map-drawing').classList.add('map-drawing-pane');
  const drawing = L.layerGroup([], { pane: 'map-drawing' }).addTo(map);
  const marksLayer = L.layerGroup().addTo(map);

  addStreetTiles(map, { container, note });

  /** @returns {HTMLElement[]} the marks on the map, nearest first */
  const markElements = () => [...container.querySelectorAll('.map-store, .map-group')].map((mark) => /** @type {HTMLElement} */ (mark));
  /** @param {string} code */
  const markOf = (code) => markers.get(code)?.getElement();

  /** @param {NearbyStore} store @param {number} rank */
  const markName = (store, rank) =>
    t('masks.map.storeName', { rank, name: store.name, type: typeWords(store.type), stock: stockWords(store.remainStat), distance: distanceWords(store.distanceM) });

  /**
   * What is on screen at this zoom: the nearest store alone, the others alone or gathered. A mark
   * that would lie over the nearest store's target is moved aside, out of its way.
   * @returns {Mark[]}
   */
  const marksNow = () => {
    if (!view || view.stores.length === 0) return [];
    const { stores } = view;
    const nearest = /** @type {NearbyStore} */ (stores[0]);
    const bounds = map.getBounds();
    // Gathered as at the whole zoom level below: marks are then at least 44 px apart at any zoom in between.
    const found = groups.getClusters([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()], Math.floor(map.getZoom()));
    /** @type {Mark[]} */
    const marks = [{ kind: 'store', store: nearest, rank: 1, lat: nearest.lat, lng: nearest.lng }];
    /** @param {number} rank */
    const storeMark = (rank) => {
      const store = /** @type {NearbyStore} */ (stores[rank - 1]);
      return /** @type {Mark} */ ({ kind: 'store', store, rank, lat: store.lat, lng: store.lng });
    };
    for (const feature of found) {
      const [lng, lat] = /** @type {[number, number]} */ (feature.geometry.coordinates);
      const props = /** @type {{ cluster?: boolean, cluster_id?: number, point_count?: number, rank: number }} */ (feature.properties);
      if (!props.cluster) {
        if (props.rank !== 1) marks.push(storeMark(props.rank));
        continue;
      }
      const id = /** @type {number} */ (props.cluster_id);
      if (props.rank !== 1) {
        marks.push({ kind: 'group', id, count: /** @type {number} */ (props.point_count), lat, lng, rank: props.rank });
        continue;
      }
      // The nearest store's own group: the nearest stands alone, the rest stay gathered.
      const others = groups.getLeaves(id, Infinity).map((leaf) => /** @type {number} */ (leaf.properties.rank)).filter((rank) => rank !== 1);
      if (others.length === 1) marks.push(storeMark(/** @type {number} */ (others[0])));
      else if (others.length > 1) {
        const members = others.map((rank) => /** @type {NearbyStore} */ (stores[rank - 1]));
        const middle = { lat: members.reduce((sum, store) => sum + store.lat, 0) / members.length, lng: members.reduce((sum, store) => sum + store.lng, 0) / members.length };
        marks.push({ kind: 'group', id, count: others.length, ...middle, rank: Math.min(...others) });
      }
    }
    const centre = map.latLngToLayerPoint([nearest.lat, nearest.lng]);
    for (const mark of marks.slice(1)) {
      const at = map.latLngToLayerPoint([mark.lat, mark.lng]);
      const apart = at.distanceTo(centre);
      if (apart >= TARGET_PX + 2) continue;
      const away = apart < 1 ? L.point(0, -1) : at.subtract(centre).divideBy(apart);
      const moved = map.layerPointToLatLng(centre.add(away.multiplyBy(TARGET_PX + 2)));
      mark.lat = moved.lat;
      mark.lng = moved.lng;
    }
    return marks.sort((a, b) => a.rank - b.rank);
  };

  /** Redraws the marks for the current zoom and view; focus on a mark stays with its store. */
  const drawMarks = () => {
    const focused = container.contains(document.activeElement) ? document.activeElement?.getAttribute('data-code') : undefined;
    marksLayer.clearLayers();
    markers.clear();
    const marks = marksNow();
    marks.forEach((mark, order) => {
      const zIndexOffset = (marks.length - order) * Z_STEP;
      if (mark.kind === 'store') {
        const { store, rank } = mark;
        const face = markFace([bandMark(bandOf(store.remainStat), MARK_RADIUS)]);
        const marker = L.marker([mark.lat, mark.lng], { icon: iconOf('map-store', face, TARGET_PX), keyboard: false, zIndexOffset, riseOnHover: false });
        marker.on('click', () => onSelect(store.code));
        marker.addTo(marksLayer);
        const node = /** @type {HTMLElement} */ (marker.getElement());
        for (const [name, value] of Object.entries({ role: 'button', tabindex: '-1', 'aria-pressed': 'false', 'aria-label': markName(store, rank), 'data-code': store.code })) node.setAttribute(name, value);
        markers.set(store.code, marker);
      } else {
        const face = markFace([svgElement('circle', { class: 'map-group-disc', r: 15 }), svgElement('text', { class: mark.count >= 100 ? 'map-group-count map-group-count-long' : 'map-group-count', y: 5, 'text-anchor': 'middle' }, [formatNumber(mark.count)])]);
        const marker = L.marker([mark.lat, mark.lng], { icon: iconOf('map-group', face, TARGET_PX), keyboard: false, zIndexOffset, riseOnHover: false });
        marker.on('click', () => openGroup(mark.id, mark.lat, mark.lng));
        marker.addTo(marksLayer);
        const node = /** @type {HTMLElement} */ (marker.getElement());
        for (const [name, value] of Object.entries({ role: 'button', tabindex: '-1', 'aria-label': t('masks.map.group', { count: formatNumber(mark.count), rank: mark.rank }), 'data-group': String(mark.id) })) node.setAttribute(name, value);
      }
    });
    drawSelection();
    if (focused) markOf(focused)?.focus({ preventScroll: true });
  };

  /** Zooms in far enough that the group comes apart, and moves the focus to its nearest store. @param {number} id @param {number} lat @param {number} lng */
  const openGroup = (id, lat, lng) => {
    const hadFocus = container.contains(document.activeElement);
    map.setView([lat, lng], Math.min(groups.getClusterExpansionZoom(id), map.getMaxZoom()), { animate: false });
    if (hadFocus) markElements()[0]?.focus({ preventScroll: true });
  };

  /** The zoom at which a store is shown by itself, to bring a store chosen in the list onto the map. @param {NearbyStore} store */
  const zoomShowing = (store) => {
    const near = 1e-6;
    for (let level = Math.ceil(map.getZoom()); level < map.getMaxZoom(); level += 1) {
      const here = groups.getClusters([store.lng - near, store.lat - near, store.lng + near, store.lat + near], level);
      if (here.some((feature) => !feature.properties.cluster && feature.properties.rank && view?.stores[feature.properties.rank - 1]?.code === store.code)) return level;
    }
    return map.getMaxZoom();
  };

  const drawSelection = () => {
    if (!view) return;
    const current = view;
    const index = current.stores.findIndex((store) => store.code === current.selectedCode);
    const store = current.stores[index];
    for (const [code, marker] of markers) {
      const node = marker.getElement();
      node?.setAttribute('aria-pressed', String(code === store?.code));
      // The selected store rises above every other mark.
      marker.setZIndexOffset(code === store?.code ? (current.stores.length + 1) * Z_STEP : /** @type {number} */ (marker.options.zIndexOffset));
    }
    const all = markElements();
    const focusable = (store && markOf(store.code)) || all[0];
    for (const mark of all) mark.setAttribute('tabindex', mark === focusable ? '0' : '-1');
    if (!store) {
      caption.replaceChildren(current.stores.length === 0 ? t('masks.map.empty') : t('masks.map.pick'));
      return;
    }
    caption.replaceChildren(
      element('strong', {}, [`${index + 1}. ${store.name}`]),
      ` · ${stockWords(store.remainStat)} · ${distanceWords(store.distanceM)} `,
      element('a', { href: `#${listItemId(store.code)}`, 'data-show-in-list': store.code }, [t('masks.map.showInList')]),
    );
  };

  /** The rings (at the radius and inside it), their distances, and the reference point. */
  const drawGround = () => {
    if (!view) return;
    const { center, radiusM, centreKind } = view;
    drawing.clearLayers();
    for (const distance of ringsFor(radiusM)) {
      L.circle([center.lat, center.lng], { radius: distance, pane: 'map-drawing', className: 'map-ring', interactive: false }).addTo(drawing);
      // The label sits on the ring's upper-right diagonal, where it crosses the fewest other labels.
      const north = L.latLng(center.lat, center.lng).toBounds(distance * 2 * Math.SQRT1_2).getNorthEast();
      L.marker(north, { icon: L.divIcon({ className: 'map-ring-label', html: element('span', {}, [distanceWords(distance)]), iconSize: [0, 0] }), pane: 'map-drawing', interactive: false, keyboard: false }).addTo(drawing);
    }
    const centre = svgElement('svg', { viewBox: '-26 -26 52 52', width: 52, height: 52, focusable: 'false' }, [
      svgElement('circle', { class: 'map-centre-ring', r: 15 }),
      svgElement('path', { class: 'map-centre-ticks', d: 'M0 -24 V-15 M0 15 V24 M-24 0 H-15 M15 0 H24' }),
    ]);
    L.marker([center.lat, center.lng], { icon: iconOf('map-centre', centre, 52), pane: 'map-drawing', interactive: false, keyboard: false, title: '' }).addTo(drawing);
    for (const node of container.querySelectorAll('.map-drawing-pane .leaflet-marker-icon')) node.setAttribute('aria-hidden', 'true');
    container.setAttribute('data-centre', centreKind);
  };

  /** Leaflet names its zoom buttons in English; the page's language names them here. */
  const nameControls = () => {
    for (const [selector, key] of /** @type {const} */ ([['.leaflet-control-zoom-in', 'masks.map.zoomIn'], ['.leaflet-control-zoom-out', 'masks.map.zoomOut']])) {
      const button = container.querySelector(selector);
      button?.setAttribute('title', t(key));
      button?.setAttribute('aria-label', t(key));
    }
  };

  // Only once the map has a view: its first `moveend` comes before its layers are on it.
  map.whenReady(() => map.on('zoomend moveend', drawMarks));

  container.addEventListener('keydown', (event) => {
    const mark = /** @type {Element} */ (event.target).closest('.map-store, .map-group');
    if (!mark) return;
    const all = markElements();
    const at = all.indexOf(/** @type {HTMLElement} */ (mark));
    let next;
    if (NEXT_KEYS.has(event.key)) next = all[Math.min(at + 1, all.length - 1)];
    else if (PREVIOUS_KEYS.has(event.key)) next = all[Math.max(at - 1, 0)];
    else if (event.key === 'Home') next = all[0];
    else if (event.key === 'End') next = all.at(-1);
    else if (event.key === 'Enter' || event.key === ' ') next = all[at];
    else return;
    // Arrows would otherwise pan the page, and Space would scroll it.
    event.preventDefault();
    if (!next) return;
    const code = next.getAttribute('data-code');
    if (code) {
      onSelect(code);
      markOf(code)?.focus({ preventScroll: true });
    } else if (event.key === 'Enter' || event.key === ' ') {
      const { lat, lng } = /** @type {L.Marker} */ (findGroupMarker(next)).getLatLng();
      openGroup(Number(next.getAttribute('data-group')), lat, lng);
    } else {
      for (const other of all) other.setAttribute('tabindex', other === next ? '0' : '-1');
      next.focus({ preventScroll: true });
    }
  });

  /** @param {Element} node */
  const findGroupMarker = (node) => {
    /** @type {L.Marker | undefined} */
    let found;
    marksLayer.eachLayer((layer) => {
      if (layer instanceof L.Marker && layer.getElement() === node) found = layer;
    });
    return found;
  };

  caption.addEventListener('click', (event) => {
    const link = /** @type {Element} */ (event.target).closest('[data-show-in-list]');
    if (!link) return;
    event.preventDefault();
    onShowInList(/** @type {string} */ (link.getAttribute('data-show-in-list')));
  });

  return {
    /**
     * Draws new data. A new place or radius frames the whole radius; a refresh of the same question
     * keeps where the reader has zoomed or panned to.
     * @param {MapView} next
     */
    render(next) {
      const reframe = !view || view.center.lat !== next.center.lat || view.center.lng !== next.center.lng || view.radiusM !== next.radiusM;
      view = next;
      groups = new Supercluster({
        radius: TARGET_PX,
        extent: 256,
        maxZoom: 19,
        minPoints: 2,
        // A group answers for its nearest store: its place in the order of the marks.
        map: (props) => ({ rank: props.rank }),
        reduce: (into, props) => {
          into.rank = Math.min(into.rank, props.rank);
        },
      });
      groups.load(
        next.stores.map((store, i) => ({ type: 'Feature', properties: { rank: i + 1 }, geometry: { type: 'Point', coordinates: [store.lng, store.lat] } })),
      );
      // The map may have been created, or last drawn, while hidden: Leaflet measures it again.
      map.invalidateSize({ pan: false });
      if (reframe) map.fitBounds(L.latLng(next.center.lat, next.center.lng).toBounds(next.radiusM * 2), { animate: false, padding: [4, 4] });
      drawGround();
      nameControls();
      drawMarks();
    },

    /** Marks another store as selected, zooming in if it is inside a group. @param {string | undefined} code */
    select(code) {
      if (!view) return;
      view = { ...view, selectedCode: code };
      const store = view.stores.find((candidate) => candidate.code === code);
      if (store && !markOf(store.code)) map.setView([store.lat, store.lng], zoomShowing(store), { animate: false });
      drawSelection();
    },

    /** Scrolls the map into sight if it is out of it (the phone layout puts it above the list). */
    reveal() {
      const box = container.getBoundingClientRect();
      if (box.bottom < 0 || box.top > window.innerHeight) container.scrollIntoView({ block: 'nearest' });
    },

    /** The zoom buttons' names follow the page's language. */
    relabel: nameControls,
  };
};
