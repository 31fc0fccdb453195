/**
 * Where the mask finder's map gets its street tiles. The page reads this as `/map-tiles.json`: the
 * local gateway answers it from the environment, and on AWS the pages deployment writes it next to
 * the pages. The pages' CSP lets images (and only images) come from the tiles' host.
 */
export interface MapTiles {
  /** A Leaflet URL template: `{z}`, `{x}`, `{y}`, and `{s}` for a subdomain. */
  readonly url: string;
  /** Shown on the map, as the tile provider's licence requires. HTML: links are allowed. */
  readonly attribution: string;
  readonly maxZoom: number;
}

/** OpenStreetMap's own tiles: fine for development and demos; its usage policy rules out national traffic. */
export const OPENSTREETMAP_TILES: MapTiles = {
  url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
  maxZoom: 19,
};

/** `MAP_TILE_URL`, `MAP_TILE_ATTRIBUTION`, `MAP_TILE_MAX_ZOOM`; `MAP_TILE_URL=none` draws the map without tiles. */
export const mapTilesFromEnvironment = (env: Record<string, string | undefined>): MapTiles | undefined => {
  const url = env.MAP_TILE_URL;
  if (url === 'none') return undefined;
  if (!url) return OPENSTREETMAP_TILES;
  if (!/^https:\/\/[^/]+\//.test(url)) throw new Error(`MAP_TILE_URL must be an https URL template, not ${url}`);
  const maxZoom = Number(env.MAP_TILE_MAX_ZOOM ?? 19);
  if (!Number.isInteger(maxZoom) || maxZoom < 1 || maxZoom > 22) throw new Error(`MAP_TILE_MAX_ZOOM must be a whole number from 1 to 22, not ${env.MAP_TILE_MAX_ZOOM}`);
  if (!env.MAP_TILE_ATTRIBUTION) throw new Error('MAP_TILE_ATTRIBUTION is required with MAP_TILE_URL: tile providers require their credit on the map');
  return { url, attribution: env.MAP_TILE_ATTRIBUTION, maxZoom };
};

/** The CSP source for the tiles' host: `{s}` subdomains become a wildcard. */
export const tileSource = (tiles: MapTiles): string => {
  const origin = /^(https:\/\/[^/]+)\//.exec(tiles.url)?.[1];
  if (!origin) throw new Error(`Not an https URL template: ${tiles.url}`);
  return origin.replace(/\{s\}/g, '*');
};

/**
 * The pages' Content-Security-Policy: no inline script or style; images also from the tiles' host;
 * connections also to the officials' sign-in origin when the console signs in there (Cognito's token endpoint),
 * and to where the console PUTs import files when that is not the pages' origin (S3 on AWS; the local
 * gateway takes them itself).
 */
export const pageContentSecurityPolicy = (tiles: MapTiles | undefined, signInOrigin?: string, uploadOrigin?: string): string => {
  const connect = [signInOrigin, uploadOrigin].filter((origin): origin is string => Boolean(origin));
  return [
    "default-src 'self'",
    `img-src 'self' data:${tiles ? ` ${tileSource(tiles)}` : ''}`,
    ...(connect.length > 0 ? [`connect-src 'self' ${connect.join(' ')}`] : []),
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
};
