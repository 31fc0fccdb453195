import * as L from 'leaflet/dist/leaflet-src.esm.js';

/**
 * Where the map's street tiles come from: `/map-tiles.json`, written by the local gateway from its
 * environment and by the pages deployment on AWS. No answer, or `"url": null`, means: draw the map
 * without tiles.
 *
 * @typedef {{ url: string, attribution: string, maxZoom: number }} MapTiles
 */

/** @returns {Promise<MapTiles | undefined>} */
export const loadMapTiles = async () => {
  try {
    const response = await fetch('/map-tiles.json', { headers: { accept: 'application/json' } });
    if (!response.ok) return undefined;
    const body = await response.json();
    if (!body || typeof body.url !== 'string' || typeof body.attribution !== 'string') return undefined;
    return { url: body.url, attribution: body.attribution, maxZoom: Number.isInteger(body.maxZoom) ? body.maxZoom : 18 };
  } catch {
    return undefined;
  }
};

/**
 * Puts the street tiles under `map`, and falls back to the drawn map (the marks on a plain ground,
 * with `note` shown) when there is no tile source or it never delivers a tile. The mode stands in
 * the container's `data-tiles`: `loading`, then `streets` once a tile has loaded, or `drawn` when
 * none can. A map removed before the source is known (`signal` aborted) is left alone.
 *
 * @param {L.Map} map
 * @param {{ container: HTMLElement, note: HTMLElement, signal?: AbortSignal }} options
 */
export const addStreetTiles = (map, { container, note, signal }) => {
  /** @param {'loading' | 'streets' | 'drawn'} mode */
  const setTiles = (mode) => {
    container.setAttribute('data-tiles', mode);
    note.hidden = mode !== 'drawn';
  };
  setTiles('loading');
  void loadMapTiles().then((source) => {
    if (signal?.aborted) return;
    if (!source) return setTiles('drawn');
    const tiles = L.tileLayer(source.url, { attribution: source.attribution, maxZoom: source.maxZoom });
    let loaded = 0;
    tiles.on('tileload', () => {
      loaded += 1;
      setTiles('streets');
    });
    // Only a source that never delivered is given up on; a few missing tiles on a working one are not.
    tiles.on('tileerror', () => {
      if (loaded > 0) return;
      map.removeLayer(tiles);
      setTiles('drawn');
    });
    tiles.addTo(map);
  });
};
