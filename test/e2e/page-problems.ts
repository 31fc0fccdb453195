import type { Page } from 'playwright-core';

/** The API's paths: a 4xx or 5xx there is an answer the page shows, not a file it lacks. */
export const API_PATHS: readonly string[] = ['/v1/'];

/**
 * Records in `problems` what goes wrong in a page without any assertion seeing it: an uncaught script
 * error, a refusal by the Content-Security-Policy (Chromium only logs it and carries on), and a 4xx or
 * 5xx for one of the page's own files. A test asserts the list is empty when it ends.
 */
export const watchPageProblems = (page: Page, problems: string[], apiPaths: readonly string[] = API_PATHS): void => {
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (response.status() >= 400 && !apiPaths.some((prefix) => pathname.startsWith(prefix))) problems.push(`${response.status()} for ${pathname}`);
  });
};
