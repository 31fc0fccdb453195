import { element } from '../element.js';
import { t } from '../i18n.js';
import { failureBox, regionName, roleName } from './view.js';
import { startSignIn } from './pkce.js';

/**
 * The sign-in page. Locally it lists the demo officials (`GET /local/officials`) grouped by region and
 * signs in with the local issuer (`POST /local/sign-in`); on AWS one button goes to Cognito's managed
 * login (see pkce.js), which comes back to the console with a code.
 *
 * @typedef {import('./console-config.js').ConsoleConfig} ConsoleConfig
 * @typedef {{ officerId: string, role: string, region: string, name?: string, enabled?: boolean }} DemoOfficial
 */

/**
 * @param {HTMLElement} container
 * @param {{ config: ConsoleConfig | undefined, problem?: string, onToken: (token: string) => void, setPending: (pending: import('./pkce.js').PendingSignIn) => void }} options
 */
export const showSignIn = async (container, { config, problem, onToken, setPending }) => {
  const heading = element('h1', { tabindex: '-1' }, [t('signIn.heading')]);
  container.replaceChildren(heading, element('p', { class: 'lead' }, [t('signIn.intro')]));
  if (problem) container.append(element('p', { class: 'console-problem', role: 'alert' }, [problem]));
  if (!config) {
    container.append(element('p', { class: 'console-problem', role: 'alert' }, [t('signIn.noConfig')]));
    return;
  }
  if (config.signIn === 'cognito') {
    const cognito = config;
    const button = element('button', { type: 'button', class: 'button' }, [t('signIn.cognito')]);
    button.addEventListener('click', async () => {
      const { url, pending } = await startSignIn(cognito);
      setPending(pending);
      window.location.assign(url);
    });
    container.append(element('p', {}, [t('signIn.cognitoIntro')]), button);
    return;
  }
  container.append(element('p', {}, [t('signIn.local')]));
  /** @type {DemoOfficial[]} */
  let officials;
  try {
    const response = await fetch('/local/officials', { headers: { accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) throw Object.assign(new Error('officials'), { kind: 'problem', reason: `HTTP ${response.status}` });
    officials = (await response.json()).officials;
  } catch (error) {
    container.append(failureBox(error));
    return;
  }
  const regions = [...new Set(officials.map((official) => official.region))].sort();
  for (const region of regions) {
    const id = `sign-in-region-${region}`;
    const list = element('ul', { class: 'sign-in-list', 'aria-labelledby': id });
    for (const official of officials.filter((candidate) => candidate.region === region)) {
      const button = element('button', { type: 'button', class: 'button sign-in-choice', 'data-officer-id': official.officerId, 'aria-label': t('signIn.as', { officerId: official.officerId }) }, [
        element('span', { class: 'sign-in-name' }, [official.name ? t('signIn.official', { name: official.name, officerId: official.officerId }) : official.officerId]),
        element('span', { class: 'sign-in-role' }, [roleName(official.role) + (official.enabled === false ? ` · ${t('signIn.disabled')}` : '')]),
      ]);
      button.addEventListener('click', async () => {
        const response = await fetch('/local/sign-in', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ officerId: official.officerId }) });
        const body = await response.json().catch(() => ({}));
        if (response.ok && typeof body.idToken === 'string') onToken(body.idToken);
        else container.append(failureBox({ kind: 'problem', reason: body.detail ?? t('signIn.refused'), detailLanguage: response.headers.get('content-language') ?? 'en' }));
      });
      list.append(element('li', {}, [button]));
    }
    container.append(element('section', { class: 'sign-in-region', 'aria-labelledby': id }, [element('h2', { id }, [t('signIn.regionGroup', { region: regionName(region) })]), list]));
  }
  heading.focus({ preventScroll: true });
};
