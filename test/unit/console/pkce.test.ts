import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ES module of the pages, typed by JSDoc
import { base64url, finishSignIn, signOutUrl, SignInRefused, startSignIn } from '../../../web/console/pkce.js';
// @ts-expect-error plain ES module of the pages, typed by JSDoc
import { readConsoleConfig } from '../../../web/console/console-config.js';

const CONFIG = {
  signIn: 'cognito',
  domain: 'officials.auth.ap-northeast-2.amazoncognito.com',
  clientId: 'client123',
  redirectUri: 'https://example.go.kr/console/',
  logoutUri: 'https://example.go.kr/console/',
  scopes: ['openid', 'email'],
};

interface TokenCall {
  url: string;
  body: URLSearchParams;
}
const tokenEndpoint = (answer: { status: number; body: unknown }, calls: TokenCall[] = []) =>
  (async (url: string, init: { body: string }) => {
    calls.push({ url, body: new URLSearchParams(init.body) });
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;

describe('signing in with Cognito’s managed login and PKCE', () => {
  it('sends the browser to the authorize endpoint with an S256 challenge of a fresh verifier and a state', async () => {
    const { url, pending } = await startSignIn(CONFIG);
    const sent = new URL(url);
    expect(`${sent.origin}${sent.pathname}`).toBe(`https://${CONFIG.domain}/oauth2/authorize`);
    expect(Object.fromEntries(sent.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client123',
      redirect_uri: CONFIG.redirectUri,
      scope: 'openid email',
      state: pending.state,
      code_challenge: createHash('sha256').update(pending.verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    // RFC 7636: 43 to 128 characters of the unreserved set.
    expect(pending.verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    const again = await startSignIn(CONFIG);
    expect(again.pending.verifier).not.toBe(pending.verifier);
    expect(again.pending.state).not.toBe(pending.state);
  });

  it('writes base64url as Node does, for any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      expect(base64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
    }));
  });

  it('exchanges the returned code with this tab’s verifier for the ID token', async () => {
    const calls: TokenCall[] = [];
    const pending = { state: 's1', verifier: 'v'.repeat(43) };
    const token = await finishSignIn(CONFIG, 'https://example.go.kr/console/?code=abc&state=s1', pending, tokenEndpoint({ status: 200, body: { id_token: 'id.jwt.token', access_token: 'x' } }, calls));
    expect(token).toBe('id.jwt.token');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(`https://${CONFIG.domain}/oauth2/token`);
    expect(Object.fromEntries(calls[0]?.body ?? [])).toEqual({ grant_type: 'authorization_code', client_id: 'client123', code: 'abc', redirect_uri: CONFIG.redirectUri, code_verifier: pending.verifier });
  });

  it('refuses an answer whose state is not this tab’s, without asking for a token', async () => {
    const calls: TokenCall[] = [];
    const endpoint = tokenEndpoint({ status: 200, body: { id_token: 't' } }, calls);
    await expect(finishSignIn(CONFIG, 'https://x/console/?code=abc&state=forged', { state: 's1', verifier: 'v' }, endpoint)).rejects.toBeInstanceOf(SignInRefused);
    await expect(finishSignIn(CONFIG, 'https://x/console/?code=abc&state=s1', undefined, endpoint)).rejects.toBeInstanceOf(SignInRefused);
    expect(calls).toHaveLength(0);
  });

  it('says no when Cognito refused or the exchange failed, and nothing when the address is no answer', async () => {
    const pending = { state: 's1', verifier: 'v' };
    await expect(finishSignIn(CONFIG, 'https://x/console/?error=access_denied&state=s1', pending, tokenEndpoint({ status: 200, body: {} }))).rejects.toThrow('access_denied');
    await expect(finishSignIn(CONFIG, 'https://x/console/?code=abc&state=s1', pending, tokenEndpoint({ status: 400, body: { error: 'invalid_grant' } }))).rejects.toThrow('token');
    expect(await finishSignIn(CONFIG, 'https://x/console/#/alerts', pending, tokenEndpoint({ status: 200, body: {} }))).toBeUndefined();
  });

  it('signs out at Cognito and comes back to the console', () => {
    expect(signOutUrl(CONFIG)).toBe(`https://${CONFIG.domain}/logout?client_id=client123&logout_uri=${encodeURIComponent(CONFIG.logoutUri)}`);
  });
});

describe('the console’s sign-in settings', () => {
  it('are local, or Cognito with a domain and client id, defaulting the addresses to this origin', () => {
    expect(readConsoleConfig({ signIn: 'local' }, 'http://127.0.0.1:3000')).toEqual({ signIn: 'local' });
    expect(readConsoleConfig({ signIn: 'cognito', domain: 'a.auth.ap-northeast-2.amazoncognito.com', clientId: 'c' }, 'https://d.cloudfront.net')).toEqual({
      signIn: 'cognito',
      domain: 'a.auth.ap-northeast-2.amazoncognito.com',
      clientId: 'c',
      redirectUri: 'https://d.cloudfront.net/console/',
      logoutUri: 'https://d.cloudfront.net/console/',
      scopes: ['openid', 'email', 'profile'],
    });
  });

  it('are refused when incomplete or when the domain could send the browser elsewhere', () => {
    for (const body of [null, {}, { signIn: 'cognito', clientId: 'c' }, { signIn: 'cognito', domain: 'evil.example/path?x=', clientId: 'c' }, { signIn: 'saml' }]) {
      expect(readConsoleConfig(body, 'https://x')).toBeUndefined();
    }
  });
});
