import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { checkinServiceWorker } from './infra/pages/checkin-service-worker.ts';

/**
 * The one build for every page in `web/`: each page is an entry (the check-in app and the officials'
 * console join as more entries). The output is plain files in `dist/web`, served as they are by the
 * local gateway and uploaded to the pages bucket by `cdk deploy`.
 */
export const WEB_PAGES = {
  portal: 'index.html',
  masks: 'masks/index.html',
  console: 'console/index.html',
  /** The self-quarantine check-in app (a PWA: its manifest and service worker are added after the build). */
  checkin: 'checkin/index.html',
} as const;

const root = resolve(import.meta.dirname, 'web');

export default defineConfig({
  root,
  base: '/',
  // Nothing public to copy: every file is reached from a page, so the build names and fingerprints it.
  publicDir: false,
  logLevel: 'warn',
  plugins: [checkinServiceWorker()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    // The pages' strict CSP has no 'unsafe-inline': keep every asset a file, never a data: URL in a script.
    assetsInlineLimit: 0,
    target: 'es2022',
    rolldownOptions: {
      // The check-in worker's step (esbuild + Workbox, ~1 s) would be reported on every build as a slow plugin.
      checks: { pluginTimings: false },
      input: Object.fromEntries(Object.entries(WEB_PAGES).map(([name, page]) => [name, resolve(root, page)])),
    },
  },
});
