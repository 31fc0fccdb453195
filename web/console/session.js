/**
 * The signed-in official's ID token, kept in this tab's sessionStorage: it goes when the tab closes
 * (a shared office computer forgets it), it is not sent by the browser on its own as a cookie would be
 * (so no request forgery), and the static pages have no server to keep it in an HttpOnly cookie. A
 * script could read it, which the pages' CSP (no inline or foreign script) is there to prevent.
 *
 * @typedef {{ officerId: string, role: 'officer' | 'admin' | 'national-admin', region: string }} Official
 */

const TOKEN_KEY = 'crisis-response.console.idToken';
const PENDING_KEY = 'crisis-response.console.pendingSignIn';

/** @param {Storage} storage */
export const createSession = (storage = sessionStorage) => ({
  token: () => storage.getItem(TOKEN_KEY) ?? undefined,
  /** @param {string} token */
  signIn: (token) => storage.setItem(TOKEN_KEY, token),
  signOut: () => storage.removeItem(TOKEN_KEY),
  /** @returns {import('./pkce.js').PendingSignIn | undefined} */
  pending: () => {
    try {
      const value = JSON.parse(storage.getItem(PENDING_KEY) ?? 'null');
      return value && typeof value.state === 'string' && typeof value.verifier === 'string' ? value : undefined;
    } catch {
      return undefined;
    }
  },
  /** @param {import('./pkce.js').PendingSignIn | undefined} pending */
  setPending: (pending) => (pending ? storage.setItem(PENDING_KEY, JSON.stringify(pending)) : storage.removeItem(PENDING_KEY)),
});

/**
 * Seconds until the token expires (its `exp`), read without verifying: only to sign out in time.
 * The API verifies every request; an unreadable token counts as expired.
 * @param {string} token @param {number} now milliseconds
 */
export const secondsLeft = (token, now) => {
  try {
    const payload = JSON.parse(atob((token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/')));
    return typeof payload.exp === 'number' ? payload.exp - now / 1000 : -1;
  } catch {
    return -1;
  }
};
