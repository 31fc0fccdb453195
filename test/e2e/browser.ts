import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); tests never download a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Headless Chromium for a test file. The flags keep it quiet and deterministic on a CI machine: no
 * sandbox (root in a container), no GPU, no calls home, and a /tmp-backed shared memory because
 * containers often give /dev/shm only 64 MB, which crashes tabs.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/** A small phone (360 CSS pixels wide, as many Android phones are), held upright and touched. */
export const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };

export const launchBrowser = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

/**
 * The same Chromium with a profile on disk, as a person's phone has: a fresh context of `launchBrowser`
 * is an incognito profile, where Chromium reports every web app as not installable (`in-incognito`).
 */
export const launchProfileBrowser = (userDataDir: string, options: BrowserContextOptions = {}): Promise<BrowserContext> =>
  chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, ...options });

/** Where the browser tests leave pictures of the pages for a person to look at (git-ignored). */
export const SCREENSHOTS = resolve(import.meta.dirname, 'screenshots');

/**
 * Saves what the reader sees first as `test/e2e/screenshots/<name>.png` and, unless `whole` is off (a
 * page too long to picture), the whole page as `<name>-full.png`. Nothing compares them: they are for reviewing what tests cannot judge (Korean
 * drawn as glyphs, a useful first screen, nothing overlapping, no blank space).
 */
export const saveScreenshot = async (page: Page, name: string, { whole = true } = {}): Promise<void> => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
  if (whole) await page.screenshot({ path: join(SCREENSHOTS, `${name}-full.png`), fullPage: true, animations: 'disabled' });
};
