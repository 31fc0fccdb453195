import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { MapTiles } from '../pages/map-tiles.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticFile =
  | { readonly kind: 'file'; readonly body: Buffer; readonly contentType: string }
  /** A folder asked for without its slash: relative links in its index.html need the slash. */
  | { readonly kind: 'redirect'; readonly location: string };

/** Files under `root` only: `..` and absolute tricks resolve outside and are refused. */
export const readStatic = async (root: string, urlPath: string): Promise<StaticFile | undefined> => {
  const base = resolve(root);
  let relative: string;
  try {
    relative = normalize(decodeURIComponent(urlPath));
  } catch {
    return undefined;
  }
  let path = resolve(join(base, relative));
  if (path !== base && !path.startsWith(base + sep)) return undefined;
  try {
    if ((await stat(path)).isDirectory()) {
      if (!urlPath.endsWith('/')) return { kind: 'redirect', location: `${urlPath}/` };
      path = join(path, 'index.html');
    }
    const contentType = TYPES[extname(path)];
    if (!contentType) return undefined;
    return { kind: 'file', body: await readFile(path), contentType };
  } catch {
    return undefined;
  }
};

/** The map's tile source for the page; `{ "url": null }` when the map is to be drawn without tiles. */
export const mapTilesFile = (tiles: MapTiles | undefined): StaticFile => ({
  kind: 'file',
  body: Buffer.from(JSON.stringify(tiles ?? { url: null })),
  contentType: TYPES['.json'] as string,
});
