/**
 * How this console signs in: `/console/console-config.json`, answered by the local gateway
 * (`{"signIn": "local"}`) and, on AWS, written beside the pages by their deployment with the Cognito
 * domain and app client id (like the mask finder's map-tiles.json).
 *
 * @typedef {{ signIn: 'local' } | import('./pkce.js').CognitoConfig} ConsoleConfig
 */

/** @param {unknown} body @param {string} origin @returns {ConsoleConfig | undefined} */
export const readConsoleConfig = (body, origin) => {
  if (typeof body !== 'object' || body === null) return undefined;
  const config = /** @type {Record<string, unknown>} */ (body);
  if (config.signIn === 'local') return { signIn: 'local' };
  if (config.signIn !== 'cognito' || typeof config.domain !== 'string' || typeof config.clientId !== 'string') return undefined;
  if (!/^[a-z0-9.-]+$/i.test(config.domain)) return undefined;
  return {
    signIn: 'cognito',
    domain: config.domain,
    clientId: config.clientId,
    redirectUri: typeof config.redirectUri === 'string' ? config.redirectUri : `${origin}/console/`,
    logoutUri: typeof config.logoutUri === 'string' ? config.logoutUri : `${origin}/console/`,
    scopes: Array.isArray(config.scopes) && config.scopes.every((s) => typeof s === 'string') ? config.scopes : ['openid', 'email', 'profile'],
  };
};

export const loadConsoleConfig = async () => {
  try {
    const response = await fetch('/console/console-config.json', { headers: { accept: 'application/json' }, cache: 'no-store' });
    return response.ok ? readConsoleConfig(await response.json(), window.location.origin) : undefined;
  } catch {
    return undefined;
  }
};
