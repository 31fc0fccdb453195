/**
 * The console's plug-in point. A context adds its screens by importing this and registering them in
 * its own module (`screens/alerts.js`, `screens/masks.js`, …); the shell lists, routes to and loads
 * them, and knows nothing of what they show.
 *
 * @typedef {import('./session.js').Official} Official
 * @typedef {import('./api.js').ConsoleApi} ConsoleApi
 * @typedef {{ official: Official, api: ConsoleApi, announce: (text: string) => void, signal: AbortSignal,
 *   path: string, setTitle: (text: string) => void }} ScreenContext
 *   `path` is what the address names under the screen (`#/cases/c_…` → `c_…`, else empty); `setTitle`
 *   replaces the screen's heading and the tab's title when that names one thing (a case).
 * @typedef {{
 *   id: string,
 *   title: string,
 *   roles: readonly Official['role'][],
 *   load: (container: HTMLElement, context: ScreenContext) => void | Promise<void>,
 * }} Screen
 *   `id` is the screen's address (`#/<id>`), `title` an i18n key, `roles` who sees it; `load` draws the
 *   screen into `container` and stops its timers when `signal` aborts (the official left the screen).
 */

/** @type {Screen[]} */
const screens = [];

/** @param {Screen} screen */
export const registerScreen = (screen) => {
  if (!/^[a-z][a-z0-9-]*$/.test(screen.id)) throw new Error(`A screen id is lowercase words with dashes, not ${screen.id}`);
  if (screens.some((known) => known.id === screen.id)) throw new Error(`Screen ${screen.id} is registered twice`);
  screens.push(screen);
};

/** The screens an official of this role sees, in the order they were registered. @param {Official['role']} role */
export const screensFor = (role) => screens.filter((screen) => screen.roles.includes(role));

/**
 * The screen an address names, if this official may see it; else their first screen.
 * @param {readonly Screen[]} visible @param {string} hash
 */
export const screenForHash = (visible, hash) => {
  const id = /^#\/([a-z0-9-]+)/.exec(hash)?.[1];
  return visible.find((screen) => screen.id === id) ?? visible[0];
};

/**
 * What an address names under its screen: `#/cases/c_abc` → `c_abc`; empty for `#/cases`.
 * @param {string} hash
 */
export const hashPath = (hash) => {
  const rest = /^#\/[a-z0-9-]+\/([^?#]*)/.exec(hash)?.[1] ?? '';
  try {
    return decodeURIComponent(rest);
  } catch {
    return '';
  }
};
