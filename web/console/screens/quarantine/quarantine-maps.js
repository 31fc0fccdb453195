import * as L from 'leaflet/dist/leaflet-src.esm.js';
import Supercluster from 'supercluster';
import { element, svgElement } from '../../../element.js';
import { formatNumber, t } from '../../../i18n.js';
import { addStreetTiles } from '../../../masks/map-tiles.js';
import { fenceShapeOf } from './case-view.js';

/**
 * The quarantine screens' maps: Leaflet over the tile source the other maps use (`/map-tiles.json`,
 * within the pages' CSP), falling back to a plain ground with a note when no tile loads. Every map is
 * a picture with a table behind it (the screen draws the table), so nothing on it takes the focus.
 *
 * @typedef {import('./case-view.js').CaseListItem} CaseListItem
 */

/** A map with its zoom buttons named, its tiles or the drawn ground. @param {HTMLElement} container @param {HTMLElement} note @param {AbortSignal} signal */
const baseMap = (container, note, signal) => {
  const map = L.map(container, { keyboard: false, zoomControl: true, attributionControl: true, minZoom: 5, maxZoom: 18 });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  addStreetTiles(map, { container, note, signal });
  for (const [selector, key] of /** @type {const} */ ([['.leaflet-control-zoom-in', 'masks.map.zoomIn'], ['.leaflet-control-zoom-out', 'masks.map.zoomOut']])) {
    const button = container.querySelector(selector);
    button?.setAttribute('title', t(key));
    button?.setAttribute('aria-label', t(key));
  }
  signal.addEventListener('abort', () => map.remove());
  return map;
};

/** A mark drawn in SVG, as a Leaflet icon that takes no pointer or focus. @param {string} className @param {Node[]} face @param {number} size */
const markIcon = (className, face, size) =>
  L.divIcon({
    className,
    html: /** @type {HTMLElement} */ (/** @type {unknown} */ (svgElement('svg', { viewBox: `${-size / 2} ${-size / 2} ${size} ${size}`, width: size, height: size, 'aria-hidden': 'true', focusable: 'false' }, face))),
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
  });

/** A house: a square with a roof. */
const houseFace = () => [svgElement('path', { class: 'home-shape', d: 'M0 -9 L9 -1 L6 -1 L6 8 L-6 8 L-6 -1 L-9 -1 Z' })];

/**
 * The map frame every quarantine map uses: a labelled group, its help, and the fallback note.
 * @param {string} id @param {string} label @param {string} help
 */
export const mapFrame = (id, label, help) => {
  const container = element('div', { class: 'console-map quarantine-map', role: 'group', 'aria-label': label, 'aria-describedby': `${id}-help`, 'data-map': id });
  const note = element('p', { class: 'map-note', hidden: '' }, [t('console.quarantine.map.drawn')]);
  return { container, note, help: element('p', { id: `${id}-help`, class: 'field-hint' }, [help]) };
};

/**
 * A case's map: the home, the fence (circle or polygon) and the stored outside positions, numbered
 * in the order of the table under the map.
 * @param {HTMLElement} container @param {HTMLElement} note
 * @param {{ home?: { lat: number, lng: number }, fence?: any, positions: readonly { lat: number, lng: number, accuracyM: number }[] }} view
 * @param {AbortSignal} signal
 */
export const drawCaseMap = (container, note, { home, fence, positions }, signal) => {
  const map = baseMap(container, note, signal);
  /** @type {L.LatLngExpression[]} */
  const seen = [];
  const shape = fenceShapeOf(fence, home);
  if (shape?.kind === 'circle') {
    L.circle(shape.center, { radius: shape.radiusM, className: 'fence-shape', interactive: false }).addTo(map);
    // The circle's own bounds need a map with a view; the centre's square of the diameter does not.
    const bounds = L.latLng(shape.center).toBounds(shape.radiusM * 2);
    seen.push(bounds.getSouthWest(), bounds.getNorthEast());
  } else if (shape?.kind === 'polygon') {
    L.polygon(shape.ring, { className: 'fence-shape', interactive: false }).addTo(map);
    seen.push(...shape.ring);
  }
  if (home) {
    L.marker([home.lat, home.lng], { icon: markIcon('home-mark', houseFace(), 22), keyboard: false, interactive: false }).addTo(map);
    seen.push([home.lat, home.lng]);
  }
  positions.forEach((position, i) => {
    const face = [svgElement('circle', { class: 'outside-shape', r: 10 }), svgElement('text', { class: 'outside-number', 'text-anchor': 'middle', 'dominant-baseline': 'central' }, [String(i + 1)])];
    L.marker([position.lat, position.lng], { icon: markIcon('outside-mark', face, 24), keyboard: false, interactive: false }).addTo(map);
    seen.push([position.lat, position.lng]);
  });
  if (seen.length > 0) map.fitBounds(L.latLngBounds(seen), { padding: [24, 24], maxZoom: 17, animate: false });
  else map.setView([36.4, 127.8], 6);
  return map;
};

/** The state marks' faces: colour and shape both say the state (outside the fence: a diamond). @param {string} state @param {string} fence */
const caseFace = (state, fence) =>
  fence === 'OUTSIDE' && state === 'active'
    ? [svgElement('path', { class: `case-shape state-${state} fence-outside`, d: 'M0 -9 L9 0 L0 9 L-9 0 Z' })]
    : [svgElement('circle', { class: `case-shape state-${state}`, r: 7 })];

/**
 * The region's cases by state, gathered into numbered marks where they would overlap (supercluster,
 * regathered at each zoom), at homes the list gives to ≈100 m.
 * @param {HTMLElement} container @param {HTMLElement} note
 * @param {readonly { caseId: string, state: string, fence: string, lat: number, lng: number }[]} points
 * @param {AbortSignal} signal
 */
export const drawRegionMap = (container, note, points, signal) => {
  const map = baseMap(container, note, signal);
  const index = new Supercluster({ radius: 40, extent: 256, maxZoom: 17, minPoints: 2 });
  index.load(points.map((point) => ({ type: 'Feature', properties: { state: point.state, fence: point.fence }, geometry: { type: 'Point', coordinates: [point.lng, point.lat] } })));
  const marks = L.layerGroup().addTo(map);
  const draw = () => {
    marks.clearLayers();
    const bounds = map.getBounds();
    for (const feature of index.getClusters([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()], Math.floor(map.getZoom()))) {
      const [lng, lat] = /** @type {[number, number]} */ (feature.geometry.coordinates);
      const props = /** @type {{ cluster?: boolean, point_count?: number, state: string, fence: string }} */ (feature.properties);
      const face = props.cluster
        ? [svgElement('circle', { class: 'case-group-shape', r: 15 }), svgElement('text', { class: 'case-group-count', 'text-anchor': 'middle', 'dominant-baseline': 'central' }, [formatNumber(/** @type {number} */ (props.point_count))])]
        : caseFace(props.state, props.fence);
      L.marker([lat, lng], { icon: markIcon(props.cluster ? 'case-group-mark' : 'case-mark', face, props.cluster ? 32 : 20), keyboard: false, interactive: false }).addTo(marks);
    }
  };
  map.on('moveend', draw);
  if (points.length > 0) map.fitBounds(L.latLngBounds(points.map((p) => L.latLng(p.lat, p.lng))), { padding: [24, 24], maxZoom: 15, animate: false });
  else map.setView([36.4, 127.8], 7);
  draw();
  return map;
};
