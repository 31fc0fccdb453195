/**
 * Signing in on AWS: Cognito's managed login (Hosted UI) with the authorization code flow and PKCE
 * (RFC 7636). The console is static pages with no server of its own and no client secret, so the
 * code is bound to this tab by a verifier only it knows, and the state ties the answer to the request.
 * Pure of the page: randomness, hashing and fetch are passed in, so the flow is tested in Node.
 *
 * @typedef {{ signIn: 'cognito', domain: string, clientId: string, redirectUri: string, logoutUri: string, scopes: string[] }} CognitoConfig
 * @typedef {{ state: string, verifier: string }} PendingSignIn
 * @typedef {{ randomBytes: (n: number) => Uint8Array, sha256: (data: Uint8Array) => Promise<Uint8Array> }} Crypto
 */

/** @param {Uint8Array} bytes */
export const base64url = (bytes) => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** The browser's (and Node's) Web Crypto. @type {Crypto} */
export const webCrypto = {
  randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
  sha256: async (data) => new Uint8Array(await crypto.subtle.digest('SHA-256', /** @type {BufferSource} */ (data))),
};

/** RFC 7636's S256 challenge of a verifier. @param {string} verifier @param {Crypto} [using] */
export const challengeOf = async (verifier, using = webCrypto) => base64url(await using.sha256(new TextEncoder().encode(verifier)));

/**
 * Where to send the browser to sign in, and what to keep until it comes back (in this tab's
 * sessionStorage: another tab's sign-in is not this one's).
 * @param {CognitoConfig} config @param {Crypto} [using]
 * @returns {Promise<{ url: string, pending: PendingSignIn }>}
 */
export const startSignIn = async (config, using = webCrypto) => {
  // 32 bytes: a 43-character verifier, RFC 7636's shortest, with 256 bits of entropy.
  const verifier = base64url(using.randomBytes(32));
  const state = base64url(using.randomBytes(16));
  const url = new URL(`https://${config.domain}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: config.scopes.join(' '),
    state,
    code_challenge: await challengeOf(verifier, using),
    code_challenge_method: 'S256',
  }).toString();
  return { url: url.toString(), pending: { state, verifier } };
};

export class SignInRefused extends Error {
  /** @param {string} reason */
  constructor(reason) {
    super(reason);
    this.name = 'SignInRefused';
  }
}

/**
 * The browser came back to the console: undefined when the address is no sign-in answer; else the
 * ID token the code is exchanged for. Refused when the state is not this tab's pending one (a forged
 * or replayed answer), when Cognito said no, or when the exchange fails.
 * @param {CognitoConfig} config @param {string} href @param {PendingSignIn | undefined} pending
 * @param {typeof fetch} [request]
 * @returns {Promise<string | undefined>}
 */
export const finishSignIn = async (config, href, pending, request = fetch) => {
  const answer = new URL(href).searchParams;
  if (!answer.has('code') && !answer.has('error')) return undefined;
  if (!pending || answer.get('state') !== pending.state) throw new SignInRefused('state');
  const error = answer.get('error');
  if (error) throw new SignInRefused(error);
  const response = await request(`https://${config.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code: /** @type {string} */ (answer.get('code')),
      redirect_uri: config.redirectUri,
      code_verifier: pending.verifier,
    }).toString(),
  });
  const body = /** @type {{ id_token?: unknown }} */ (await response.json().catch(() => ({})));
  if (!response.ok || typeof body.id_token !== 'string') throw new SignInRefused('token');
  return body.id_token;
};

/** Cognito's sign-out, which ends its session too and comes back to the console. @param {CognitoConfig} config */
export const signOutUrl = (config) => {
  const url = new URL(`https://${config.domain}/logout`);
  url.search = new URLSearchParams({ client_id: config.clientId, logout_uri: config.logoutUri }).toString();
  return url.toString();
};
