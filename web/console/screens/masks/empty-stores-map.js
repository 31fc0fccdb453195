import * as L from 'leaflet/dist/leaflet-src.esm.js';
import { element, svgElement } from '../../../element.js';
import { t } from '../../../i18n.js';
import { addStreetTiles } from '../../../masks/map-tiles.js';
import { bandMark } from '../../../masks/stock-bands.js';

/**
 * Where a region's empty stores are: Leaflet over the tile source the citizen page uses
 * (`/map-tiles.json`), and the same fallback when no tile loads: the marks on a plain ground, with a
 * note. The marks are a picture (the table under the map names each store), so they take no focus.
 *
 * @typedef {{ code: string, name: string, lat: number, lng: number }} MappedStore
 */

/**
 * @param {HTMLElement} container sized by CSS
 * @param {HTMLElement} note shown when the map is drawn without tiles
 * @param {readonly MappedStore[]} stores
 * @param {AbortSignal} signal
 */
export const drawEmptyStoresMap = (container, note, stores, signal) => {
  const map = L.map(container, { keyboard: false, zoomControl: true, attributionControl: true, minZoom: 5, maxZoom: 18 });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  addStreetTiles(map, { container, note, signal });
  const face = () => svgElement('svg', { viewBox: '-8 -8 16 16', width: 16, height: 16, 'aria-hidden': 'true', focusable: 'false' }, [bandMark('empty', 6)]);
  for (const store of stores) {
    L.marker([store.lat, store.lng], { icon: L.divIcon({ className: 'empty-store-mark', html: /** @type {HTMLElement} */ (/** @type {unknown} */ (face())), iconSize: [16, 16] }), keyboard: false, interactive: false }).addTo(map);
  }
  if (stores.length > 0) map.fitBounds(L.latLngBounds(stores.map((s) => L.latLng(s.lat, s.lng))), { padding: [16, 16], maxZoom: 14, animate: false });
  else map.setView([36.4, 127.8], 6);
  for (const [selector, key] of /** @type {const} */ ([['.leaflet-control-zoom-in', 'masks.map.zoomIn'], ['.leaflet-control-zoom-out', 'masks.map.zoomOut']])) {
    const button = container.querySelector(selector);
    button?.setAttribute('title', t(key));
    button?.setAttribute('aria-label', t(key));
  }
  signal.addEventListener('abort', () => map.remove());
  return map;
};

/** The map's frame: the region, its help and fallback note. @param {string} helpId */
export const mapFrame = (helpId) => {
  const container = element('div', { class: 'console-map', role: 'group', 'aria-label': t('console.masks.empty.mapLabel'), 'aria-describedby': helpId });
  const note = element('p', { class: 'map-note', hidden: '' }, [t('console.masks.empty.drawn')]);
  return { container, note, help: element('p', { id: helpId, class: 'field-hint' }, [t('console.masks.empty.help')]) };
};
