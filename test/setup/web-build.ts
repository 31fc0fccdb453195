import { ensureWebBuild } from '../../infra/local/web-build.ts';

/** The browser tests load the pages as `npm start` serves them: from the Vite build, rebuilt if stale. */
export default async function setup(): Promise<void> {
  await ensureWebBuild();
}
