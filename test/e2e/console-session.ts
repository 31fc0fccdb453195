import type { BrowserContextOptions, Page } from 'playwright-core';
import { LOCAL_SIGN_IN_PREFIX } from '../../infra/local/local-sign-in.ts';
import type { LocalOptions, LocalRuntime } from '../../infra/local/runtime.ts';
import { DESKTOP } from './browser.ts';
import { browserSession, type PrepareContext } from './browser-session.ts';
import { API_PATHS } from './page-problems.ts';

/** Where the console keeps the signed-in official's ID token (web/console/session.js). */
export const TOKEN_KEY = 'crisis-response.console.idToken';
/** The default tile source; the tests run offline, so the maps fall back to the drawn view. */
const TILES = 'https://tile.openstreetmap.org/**';

export interface ConsoleSessionOptions {
  /** What the file's local system starts with, over `startTestRuntime`'s small demo. */
  readonly runtime?: Partial<LocalOptions>;
  /** What every page's context starts from; a page's own options win. */
  readonly context?: BrowserContextOptions;
  /** Sets each context up before its page opens, after the map tiles are cut off. */
  readonly prepare?: PrepareContext;
}

export interface ConsoleSession {
  /** The file's local system, from its first `beforeAll` on. */
  readonly runtime: LocalRuntime;
  /** A page in a fresh context, on a desktop unless told otherwise, offline for map tiles. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** A demo official's ID token, as the local sign-in hands it out. */
  tokenOf(officerId: string): string;
  /** Opens the console at `hash` signed in as a demo official (the token in the tab's sessionStorage, as sign-in leaves it). */
  openAs(page: Page, officerId: string, hash: string, lang?: string): Promise<void>;
}

/** The console's browser tests: a `browserSession` whose pages sign in as the demo officials. */
export const consoleSession = ({ runtime: runtimeOptions, context: contextDefaults, prepare }: ConsoleSessionOptions = {}): ConsoleSession => {
  // The local sign-in answers a wrong password with a 401, as the API would.
  const session = browserSession({ runtime: runtimeOptions, apiPaths: [...API_PATHS, LOCAL_SIGN_IN_PREFIX] });

  const tokenOf = (officerId: string): string => {
    const token = session.runtime.credentials.officials.find((o) => o.officerId === officerId)?.token;
    if (!token) throw new Error(`no demo official ${officerId}`);
    return token;
  };

  return {
    get runtime() {
      return session.runtime;
    },
    newPage: (options = DESKTOP) =>
      session.newPage({ ...contextDefaults, ...options }, async (context) => {
        await context.route(TILES, (route) => route.abort('internetdisconnected'));
        await prepare?.(context);
      }),
    tokenOf,
    openAs: async (page, officerId, hash, lang = 'ko') => {
      await page.goto(`/console/?lang=${lang}`);
      await page.evaluate(([key, token]) => sessionStorage.setItem(key, token), [TOKEN_KEY, tokenOf(officerId)] as const);
      await page.goto(`/console/?lang=${lang}${hash}`);
      // The same address but for the hash is not a new page: load it again, now with the token.
      await page.reload();
      await page.waitForFunction(() => document.body.getAttribute('data-state') === 'signed-in');
    },
  };
};

/** The rows of the table with this caption, each as the text of its cells. */
export const tableRows = (page: Page, caption: string): Promise<string[][]> =>
  page
    .locator('table', { has: page.locator('caption', { hasText: caption }) })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent ?? '')));
