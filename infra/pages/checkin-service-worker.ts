import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';

const WEB = resolve(import.meta.dirname, '../../web');
/** What the check-in app keeps under fixed names: a manifest, its icons and a service worker are found by URL, not by a page's import. */
const FIXED_FILES = ['checkin/manifest.webmanifest', 'checkin/icons/icon-192.png', 'checkin/icons/icon-512.png'];

/** The build's files the check-in page loads: its scripts, preloads and styles (Vite writes them all into the page). */
export const filesOfPage = (html: string): string[] =>
  [...new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((match) => match[1] as string))].sort();

/**
 * After Vite has written the pages: copies the check-in app's fixed files, bundles its service worker
 * (web/checkin/sw.js, Workbox's modules) with esbuild, and lets Workbox's `injectManifest` list what to
 * precache — the page, its own assets (not the other pages'), the manifest and icons — with a revision
 * for each file whose name carries no hash. One plugin, so `vite build` and the local runtime's build
 * (infra/local/web-build.ts) both produce it.
 */
export const checkinServiceWorker = (): Plugin => ({
  name: 'crisis-response:checkin-service-worker',
  apply: 'build',
  writeBundle: {
    sequential: true,
    order: 'post',
    async handler(options) {
      const outDir = options.dir as string;
      for (const file of FIXED_FILES) {
        await mkdir(resolve(outDir, file, '..'), { recursive: true });
        await copyFile(join(WEB, file), join(outDir, file));
      }
      const swDest = join(outDir, 'checkin/sw.js');
      // Loaded only for a build: the pages' tests and the local runtime import this config without building.
      const [{ build }, { injectManifest }] = await Promise.all([import('esbuild'), import('workbox-build/build/inject-manifest.js')]);
      await build({
        entryPoints: [join(WEB, 'checkin/sw.js')],
        bundle: true,
        format: 'iife',
        minify: true,
        target: 'es2022',
        outfile: swDest,
        // Workbox's development logging is dropped from a production build.
        define: { 'process.env.NODE_ENV': '"production"' },
        logLevel: 'warning',
      });
      const html = await readFile(join(outDir, 'checkin/index.html'), 'utf8');
      const { warnings } = await injectManifest({
        swSrc: swDest,
        swDest,
        globDirectory: outDir,
        globPatterns: ['checkin/index.html', ...FIXED_FILES, ...filesOfPage(html)],
        // The precache URLs are absolute: the worker lives in /checkin/, the assets in /assets/.
        modifyURLPrefix: { '': '/' },
        // Vite's hashed names are their own revision.
        dontCacheBustURLsMatching: /\/assets\//,
      });
      for (const warning of warnings) this.warn(warning);
    },
  },
});
