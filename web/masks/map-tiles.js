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
