import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { LocalOptions, LocalRuntime } from '../../infra/local/runtime.ts';
import { startTestRuntime } from '../setup/local-runtime.ts';
import { launchBrowser } from './browser.ts';
import { API_PATHS, watchPageProblems } from './page-problems.ts';

export interface BrowserSessionOptions {
  /** What the file's local system starts with, over `startTestRuntime`'s small demo. */
  readonly runtime?: Partial<LocalOptions>;
  /** Paths whose errors are answers the pages show (see `API_PATHS`). */
  readonly apiPaths?: readonly string[];
}

/** Sets a fresh context up (routes, permissions) before its page opens. */
export type PrepareContext = (context: BrowserContext) => Promise<unknown>;

export interface BrowserSession {
  /** The file's local system, from its first `beforeAll` on. */
  readonly runtime: LocalRuntime;
  readonly browser: Browser;
  /** A page in a fresh context, at the local system's address: nothing remembered from another test. */
  newPage(options?: BrowserContextOptions, prepare?: PrepareContext): Promise<Page>;
}

const started = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`${what} is not started yet: use the session in a hook or a test`);
  return value;
};

/**
 * A test file's browser tests: the local system and Chromium, started before the file's tests and
 * stopped after them; after each test its pages are closed and the test fails if one of them had a
 * problem (`watchPageProblems`), whatever the test itself asserted. Called at the top of the file, so
 * its hooks run before the file's own, which find the system started.
 */
export const browserSession = ({ runtime: runtimeOptions, apiPaths = API_PATHS }: BrowserSessionOptions = {}): BrowserSession => {
  let runtime: LocalRuntime | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    [runtime, browser] = await Promise.all([startTestRuntime(runtimeOptions), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
    expect(problems.splice(0), 'the page had script errors, CSP refusals or missing files').toEqual([]);
  });

  return {
    get runtime() {
      return started(runtime, 'the local runtime');
    },
    get browser() {
      return started(browser, 'the browser');
    },
    async newPage(options = {}, prepare) {
      const context = await started(browser, 'the browser').newContext({ baseURL: started(runtime, 'the local runtime').baseUrl, ...options });
      contexts.push(context);
      await prepare?.(context);
      const page = await context.newPage();
      // Playwright's 30 s default would make a missing element fail slower than the test's own waits.
      page.setDefaultTimeout(10_000);
      watchPageProblems(page, problems, apiPaths);
      return page;
    },
  };
};
