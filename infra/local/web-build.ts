import { randomBytes } from 'node:crypto';
import { readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const PROJECT = resolve(import.meta.dirname, '../..');
/** What the gateway serves and `cdk deploy` uploads: the Vite build of `web/`. */
export const WEB_BUILD = join(PROJECT, 'dist/web');
/**
 * Built files with fixed names that a browser must revalidate on every use (`Cache-Control: no-cache`
 * from the local gateway and from S3/CloudFront): the check-in app's service worker and web manifest.
 */
export const REVALIDATED_PAGE_FILES = ['checkin/sw.js', 'checkin/manifest.webmanifest'] as const;
/** Written last by a build that finished: its time is the build's time. */
const STAMP = join(WEB_BUILD, '.built');
/** What a build is made of; a change to any of them makes the build stale. */
const SOURCES = [join(PROJECT, 'web'), join(PROJECT, 'vite.config.ts'), join(PROJECT, 'infra/pages/checkin-service-worker.ts'), join(PROJECT, 'package-lock.json')];

const newestChange = async (path: string): Promise<number> => {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  const times = await Promise.all(entries.filter((entry) => entry.isFile()).map(async (entry) => (await stat(join(entry.parentPath, entry.name))).mtimeMs));
  return Math.max(info.mtimeMs, ...times);
};

const builtAt = async (): Promise<number | undefined> => (await stat(STAMP).catch(() => undefined))?.mtimeMs;

/**
 * Builds the pages if there is no build or a source changed since: a start with an up-to-date build
 * costs a few `stat`s, a stale one about a second.
 */
export const ensureWebBuild = async (log: (line: string) => void = () => undefined): Promise<'fresh' | 'built'> => {
  const built = await builtAt();
  if (built !== undefined) {
    const changed = Math.max(...(await Promise.all(SOURCES.map(newestChange))));
    if (changed <= built) return 'fresh';
  }
  log(built === undefined ? 'building the pages (dist/web)…' : 'the pages changed: rebuilding dist/web…');
  // Loaded only when needed: an up-to-date start never pays for loading Vite.
  const { build } = await import('vite');
  // Built aside and moved into place: two builds at once (the e2e and infra tests' setups, a start
  // during a test run) never mix their files, and a server never reads a half-written build.
  const aside = `${WEB_BUILD}.${process.pid}-${randomBytes(4).toString('hex')}`;
  await build({ configFile: join(PROJECT, 'vite.config.ts'), build: { outDir: aside } });
  await writeFile(join(aside, '.built'), `${new Date().toISOString()}\n`);
  await rm(WEB_BUILD, { recursive: true, force: true });
  // Another build may have landed first; its files are as fresh as these.
  await rename(aside, WEB_BUILD).catch(() => rm(aside, { recursive: true, force: true }));
  return 'built';
};

if (import.meta.main) {
  await ensureWebBuild((line) => console.log(line));
}
