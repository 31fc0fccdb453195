import { createHash } from 'node:crypto';
import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, saveScreenshot } from './browser.ts';
import { browserSession } from './browser-session.ts';

/**
 * The console's sign-in on AWS, end to end in the browser: the console reads the managed login the
 * deployment wrote (`console-config.json`), sends the official to Cognito's `/oauth2/authorize` with a
 * PKCE challenge, exchanges the code at `/oauth2/token` from the page (which the pages' CSP must allow)
 * and calls the API with the ID token. Cognito cannot run here, so its two endpoints answer from this
 * test, checking what Cognito checks (client, redirect, state, S256 verifier); the ID token is the local
 * issuer's, with Cognito's claims, so the real gateway and authorizer accept it.
 */
const DOMAIN = 'crisis-response-test.auth.ap-northeast-2.amazoncognito.com';
const CLIENT_ID = '1example23456789clientid';
const eventually = { timeout: 10_000, interval: 100 };

const session = browserSession({ runtime: { demoStores: 0, managedLogin: { domain: DOMAIN, clientId: CLIENT_ID } } });

interface Authorization {
  readonly redirectUri: string;
  readonly challenge: string;
  readonly scope: string;
}

/** Managed login as the test plays it: signs in the given official at once and hands out each code once. */
const managedLogin = (officerId: string) => {
  const codes = new Map<string, Authorization>();
  const exchanges: { verifierMatched: boolean }[] = [];
  const token = session.runtime.credentials.officials.find((o) => o.officerId === officerId)?.token;
  if (!token) throw new Error(`no demo official ${officerId}`);

  const answer = async (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.pathname === '/oauth2/authorize') {
      const q = url.searchParams;
      if (q.get('client_id') !== CLIENT_ID || q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256') {
        return route.fulfill({ status: 400, body: 'invalid_request' });
      }
      const code = `code-${codes.size + 1}`;
      codes.set(code, { redirectUri: q.get('redirect_uri') ?? '', challenge: q.get('code_challenge') ?? '', scope: q.get('scope') ?? '' });
      const back = new URL(q.get('redirect_uri') ?? '');
      back.search = new URLSearchParams({ code, state: q.get('state') ?? '' }).toString();
      return route.fulfill({ status: 302, headers: { location: back.toString() } });
    }
    if (url.pathname === '/oauth2/token' && request.method() === 'POST') {
      const form = new URLSearchParams(request.postData() ?? '');
      const issued = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifierMatched = !!issued && createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url') === issued.challenge;
      exchanges.push({ verifierMatched });
      const cors = { 'access-control-allow-origin': session.runtime.baseUrl, 'content-type': 'application/json' };
      if (!issued || !verifierMatched || form.get('redirect_uri') !== issued.redirectUri || form.get('client_id') !== CLIENT_ID) {
        return route.fulfill({ status: 400, headers: cors, body: JSON.stringify({ error: 'invalid_grant' }) });
      }
      return route.fulfill({ status: 200, headers: cors, body: JSON.stringify({ id_token: token, access_token: 'unused', token_type: 'Bearer', expires_in: 3600 }) });
    }
    if (url.pathname === '/logout') {
      return route.fulfill({ status: 302, headers: { location: url.searchParams.get('logout_uri') ?? '/' } });
    }
    return route.fulfill({ status: 404, body: 'not found' });
  };
  return { answer, codes, exchanges };
};

/** A desktop page whose managed login (Cognito's two endpoints) answers as `managedLogin` plays it. */
const newPage = async (officerId: string) => {
  const login = managedLogin(officerId);
  const page = await session.newPage(DESKTOP, (context) => context.route(`https://${DOMAIN}/**`, login.answer));
  return { page, login };
};

describe('the console on AWS signs in through managed login', () => {
  it('with the authorization code and PKCE, back to the console, then works with the ID token and signs out through Cognito', async () => {
    const official = session.runtime.credentials.officials.find((o) => o.role === 'officer');
    if (!official) throw new Error('no demo officer');
    const { page, login } = await newPage(official.officerId);

    await page.goto('/console/?lang=en');
    const csp = (await page.request.get('/console/')).headers()['content-security-policy'];
    expect(csp).toContain(`connect-src 'self' https://${DOMAIN}`);
    await page.getByRole('button', { name: 'Sign in with your government account' }).click();

    await page.waitForFunction(() => document.body.getAttribute('data-state') === 'signed-in');
    expect(login.exchanges).toEqual([{ verifierMatched: true }]);
    // The code and state are gone from the address: a reload or a shared link carries no code.
    expect(page.url()).toBe(`${session.runtime.baseUrl}/console/`);
    await expect.poll(() => page.locator('[data-who]').textContent(), eventually).toContain(official.officerId);
    // The API accepted the ID token: the inbox loaded for this official.
    await expect.poll(() => page.locator('main').textContent(), eventually).not.toMatch(/Sign in|401/);
    await saveScreenshot(page, 'console-managed-login-signed-in', { whole: false });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForFunction(() => document.body.getAttribute('data-state') === 'signed-out');
    await page.getByRole('button', { name: /Sign in with your government account|정부 공무원 계정으로 로그인/ }).waitFor();
  });

  it('refuses an answer that is not this tab’s own sign-in (a forged state) and exchanges no code', async () => {
    const official = session.runtime.credentials.officials.find((o) => o.role === 'admin');
    if (!official) throw new Error('no demo admin');
    const { page, login } = await newPage(official.officerId);

    await page.goto('/console/?lang=en&code=stolen-code&state=forged');
    await page.waitForFunction(() => document.body.getAttribute('data-state') === 'signed-out');
    await page.getByText('Signing in did not work. Please try again.').waitFor();
    expect(login.exchanges).toEqual([]);
    expect(new URL(page.url()).searchParams.has('code')).toBe(false);
  });
});
