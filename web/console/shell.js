import { element } from '../element.js';
import { onLanguageChange, t } from '../i18n.js';
import { createApi } from './api.js';
import { loadConsoleConfig } from './console-config.js';
import { finishSignIn, signOutUrl, SignInRefused } from './pkce.js';
import { hashPath, screenForHash, screensFor } from './registry.js';
import { createSession, secondsLeft } from './session.js';
import { showSignIn } from './sign-in.js';
import { failureBox, regionName, roleName } from './view.js';

/**
 * The console's frame: sign-in, who is signed in, the screens this official may see (from the
 * registry) as a navigation, and the one screen the address names (`#/alerts`). Screens are loaded
 * into `main`; leaving one aborts its signal, which stops its polling.
 *
 * @param {HTMLElement} root the page
 */
export const startConsole = async (root) => {
  const find = (/** @type {string} */ selector) => /** @type {HTMLElement} */ (root.querySelector(selector));
  const main = find('[data-screen]');
  const bar = find('[data-signed-in]');
  const who = find('[data-who]');
  const nav = find('[data-nav]');
  const navList = find('[data-nav-list]');
  const announcer = find('[data-announcer]');
  const session = createSession();
  const config = await loadConsoleConfig();
  /** @type {import('./session.js').Official | undefined} */
  let official;
  /** @type {AbortController | undefined} */
  let running;
  /** @type {string | undefined} */
  let signInProblem;

  /** Said politely by screen readers, after what they are reading; never moves the focus. @param {string} text */
  const announce = (text) => {
    announcer.textContent = '';
    // A fresh text node in a later frame, so the same words said twice are announced twice.
    requestAnimationFrame(() => {
      announcer.textContent = text;
    });
  };

  const signOut = (/** @type {string | undefined} */ problem) => {
    running?.abort();
    session.signOut();
    official = undefined;
    signInProblem = problem;
    if (!problem && config?.signIn === 'cognito') return window.location.assign(signOutUrl(config));
    void render();
  };

  const api = createApi({ token: session.token, onUnauthorized: () => signOut(t('console.expired')) });

  const renderSignIn = async () => {
    bar.hidden = true;
    nav.hidden = true;
    root.setAttribute('data-state', 'signed-out');
    await showSignIn(main, {
      config,
      problem: signInProblem,
      setPending: session.setPending,
      onToken: (token) => {
        session.signIn(token);
        signInProblem = undefined;
        void render();
      },
    });
  };

  const renderScreen = async ({ focus = false } = {}) => {
    if (!official) return;
    running?.abort();
    running = new AbortController();
    const visible = screensFor(official.role);
    const screen = screenForHash(visible, window.location.hash);
    for (const link of navList.querySelectorAll('a')) {
      if (link.getAttribute('data-screen-id') === screen?.id) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    if (!screen) return;
    document.title = `${t(screen.title)} | ${t('console.title')}`;
    const heading = element('h1', { tabindex: '-1' }, [t(screen.title)]);
    const body = element('div', { class: 'screen-body' });
    main.replaceChildren(heading, body);
    root.setAttribute('data-screen-id', screen.id);
    if (focus) heading.focus();
    try {
      const setTitle = (/** @type {string} */ text) => {
        heading.textContent = text;
        document.title = `${text} | ${t('console.title')}`;
      };
      await screen.load(body, { official, api, announce, signal: running.signal, path: hashPath(window.location.hash), setTitle });
    } catch (error) {
      if (!running.signal.aborted) body.replaceChildren(failureBox(error));
    }
  };

  const renderFrame = () => {
    if (!official) return;
    const current = official;
    who.replaceChildren(
      element('span', { class: 'visually-hidden' }, [`${t('console.signedInAs')}: `]),
      t('console.who', { officerId: current.officerId, role: roleName(current.role), region: regionName(current.region) }),
    );
    navList.replaceChildren(
      ...screensFor(current.role).map((screen) => element('li', {}, [element('a', { href: `#/${screen.id}`, 'data-screen-id': screen.id }, [t(screen.title)])])),
    );
    bar.hidden = false;
    nav.hidden = false;
    root.setAttribute('data-state', 'signed-in');
  };

  const render = async () => {
    const token = session.token();
    if (!token || secondsLeft(token, Date.now()) <= 0) {
      if (token) signInProblem = t('console.expired');
      session.signOut();
      official = undefined;
      return renderSignIn();
    }
    if (!official) {
      main.replaceChildren(element('p', { role: 'status' }, [t('console.loading')]));
      try {
        official = await api.get('/v1/officials/me');
      } catch (error) {
        if (!session.token()) return; // the 401 already sent the official back to sign-in
        main.replaceChildren(failureBox(error));
        return;
      }
    }
    renderFrame();
    await renderScreen();
  };

  find('[data-sign-out]').addEventListener('click', () => signOut());
  window.addEventListener('hashchange', () => void renderScreen({ focus: true }));
  onLanguageChange(() => {
    if (official) {
      renderFrame();
      void renderScreen();
    } else void renderSignIn();
  });

  // Back from Cognito's managed login with a code: exchanged once, then the address is cleaned.
  if (config?.signIn === 'cognito') {
    try {
      const token = await finishSignIn(config, window.location.href, session.pending());
      if (token) session.signIn(token);
    } catch (error) {
      signInProblem = error instanceof SignInRefused ? t('signIn.refused') : String(error);
    }
    session.setPending(undefined);
    const url = new URL(window.location.href);
    if (url.searchParams.has('code') || url.searchParams.has('error')) {
      for (const name of ['code', 'state', 'error', 'error_description']) url.searchParams.delete(name);
      window.history.replaceState(null, '', url);
    }
  }
  await render();
};
