import { element } from '../../element.js';
import { t } from '../../i18n.js';
import { timeWords } from '../../masks/store-words.js';
import { registerScreen } from '../registry.js';
import { dataTable, failureBox, regionName, roleName, section } from '../view.js';
import './admin/messages.js';

const REGIONS = ['11', '26', '27', '28', '29', '30', '31', '36', '41', '43', '44', '46', '47', '48', '50', '51', '52'];
const SEVERITIES = ['critical', 'high', 'info'];

/** Today in Korea, as the audit trail names its days. */
const koreanToday = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);

/** @param {string} id @param {string} label @param {Node} control @param {string} [hint] */
const field = (id, label, control, hint) =>
  element('div', { class: 'field' }, [element('label', { class: 'field-label', for: id }, [label]), ...(hint ? [element('p', { class: 'field-hint', id: `${id}-hint` }, [hint])] : []), control]);

/** @param {string} id @param {string[]} values @param {(v: string) => string} words @param {string} [chosen] */
const select = (id, values, words, chosen) =>
  element('select', { id, class: 'select-input' }, values.map((value) => element('option', { value, ...(value === chosen ? { selected: '' } : {}) }, [words(value)])));

/** Officials of my region: list, add, disable and enable (admins; a national admin picks the region). */
registerScreen({
  id: 'officials',
  title: 'console.officials.title',
  roles: ['admin', 'national-admin'],
  async load(container, { official, api, announce, signal }) {
    const national = official.role === 'national-admin';
    let region = official.region;
    const listBox = element('div', { 'data-officials': '' });
    const formProblem = element('div');
    const name = element('input', { id: 'official-name', class: 'text-input', autocomplete: 'off' });
    const email = element('input', { id: 'official-email', class: 'text-input', type: 'email', autocomplete: 'off' });
    const role = select('official-role', national ? ['officer', 'admin', 'national-admin'] : ['officer', 'admin'], roleName);
    const regionChoice = national ? select('official-region', REGIONS, regionName, region) : undefined;
    const form = element('form', { class: 'console-form', novalidate: '' }, [
      field('official-name', t('console.officials.name'), name),
      field('official-email', t('console.officials.email'), email),
      field('official-role', t('console.officials.role'), role),
      ...(regionChoice ? [field('official-region', t('console.officials.region'), regionChoice)] : []),
      formProblem,
      element('div', { class: 'form-actions' }, [element('button', { type: 'submit', class: 'button' }, [t('console.officials.createButton')])]),
    ]);
    const picker = national ? select('officials-region', REGIONS, regionName, region) : undefined;
    picker?.addEventListener('change', () => {
      region = /** @type {HTMLSelectElement} */ (picker).value;
      void showList();
    });
    container.append(
      section('officials-list-title', t('console.officials.list', { region: regionName(region) }), [...(picker ? [field('officials-region', t('console.officials.region'), picker)] : []), listBox]),
      section('officials-create-title', t('console.officials.create'), [form]),
    );

    /** An admin acts on officials of their region but never on themselves or a national admin (the API refuses it too). @param {any} person */
    const mayChange = (person) => person.officerId !== official.officerId && (national || person.role !== 'national-admin');

    /** @param {any} person */
    const toggle = (person) => {
      const verb = person.enabled ? 'disable' : 'enable';
      const button = element('button', { type: 'button', class: person.enabled ? 'button button-secondary' : 'button', 'aria-label': t(`console.officials.${verb}Label`, { officerId: person.officerId }), 'data-toggle': person.officerId }, [t(`console.officials.${verb}`)]);
      button.addEventListener('click', async () => {
        button.setAttribute('disabled', '');
        try {
          await api.post(`/v1/admin/officials/${encodeURIComponent(person.officerId)}:${verb}`, {}, { signal });
          announce(t(`console.officials.changed.${verb}d`, { officerId: person.officerId }));
          await showList(person.officerId);
        } catch (error) {
          listBox.prepend(failureBox(error));
          button.removeAttribute('disabled');
        }
      });
      return button;
    };

    /** @param {string} [focusOn] the official whose button keeps the focus after the redraw */
    const showList = async (focusOn) => {
      try {
        /** @type {any[]} */
        const people = [];
        let cursor = '';
        do {
          const page = await api.get(`/v1/admin/officials?region=${region}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { signal });
          people.push(...page.items);
          cursor = page.cursor ?? '';
        } while (cursor && people.length < 1000);
        const heading = container.querySelector('#officials-list-title');
        if (heading) heading.textContent = t('console.officials.list', { region: regionName(region) });
        listBox.replaceChildren(
          dataTable({
            caption: t('console.officials.list', { region: regionName(region) }),
            columns: [t('console.officials.id'), t('console.officials.name'), t('console.officials.role'), t('console.officials.status'), ''],
            rows: people.map((p) => [p.officerId, p.name, roleName(p.role), t(p.enabled ? 'console.officials.enabled' : 'console.officials.disabled'), mayChange(p) ? toggle(p) : '']),
          }),
        );
        if (focusOn) /** @type {HTMLElement | null} */ (listBox.querySelector(`[data-toggle="${CSS.escape(focusOn)}"]`))?.focus();
      } catch (error) {
        if (!signal.aborted) listBox.replaceChildren(failureBox(error));
      }
    };

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = {
        name: /** @type {HTMLInputElement} */ (name).value.trim(),
        email: /** @type {HTMLInputElement} */ (email).value.trim(),
        role: /** @type {HTMLSelectElement} */ (role).value,
        region: regionChoice ? /** @type {HTMLSelectElement} */ (regionChoice).value : official.region,
      };
      if (!body.name || !body.email) {
        formProblem.replaceChildren(element('p', { class: 'field-error', role: 'alert' }, [t('console.officials.required')]));
        (body.name ? email : name).focus();
        return;
      }
      try {
        const created = await api.post('/v1/admin/officials', body, { signal });
        formProblem.replaceChildren(element('p', { class: 'console-ok', role: 'status' }, [t('console.officials.created', { officerId: created.officerId })]));
        /** @type {HTMLFormElement} */ (form).reset();
        await showList();
      } catch (error) {
        formProblem.replaceChildren(failureBox(error));
      }
    });
    await showList();
  },
});

/** My subscriptions: where my alerts are sent (SNS e-mail or SMS), and which. */
registerScreen({
  id: 'subscriptions',
  title: 'console.subscriptions.title',
  roles: ['officer', 'admin', 'national-admin'],
  async load(container, { api, announce, signal }) {
    const listBox = element('div', { 'data-subscriptions': '' });
    const problem = element('div');
    const protocol = select('subscription-protocol', ['email', 'sms'], (p) => t(`console.subscriptions.protocol.${p}`));
    const endpoint = element('input', { id: 'subscription-endpoint', class: 'text-input', autocomplete: 'off', 'aria-describedby': 'subscription-endpoint-hint' });
    const severities = element('fieldset', { class: 'choice-group' }, [
      element('legend', {}, [t('console.subscriptions.severities')]),
      ...SEVERITIES.map((s) => element('label', { class: 'check' }, [element('input', { type: 'checkbox', value: s, 'data-severity': '' }), element('span', {}, [t(`console.alerts.severity.${s}`)])])),
    ]);
    const form = element('form', { class: 'console-form', novalidate: '' }, [
      field('subscription-protocol', t('console.subscriptions.protocol'), protocol),
      field('subscription-endpoint', t('console.subscriptions.endpoint'), endpoint, t('console.subscriptions.endpointHint')),
      severities,
      problem,
      element('div', { class: 'form-actions' }, [element('button', { type: 'submit', class: 'button' }, [t('console.subscriptions.add')])]),
    ]);
    container.append(section('subscriptions-list-title', t('console.subscriptions.list'), [listBox]), section('subscriptions-add-title', t('console.subscriptions.add'), [form]));

    /** @param {{ severity?: string[], alertType?: string[], region?: string[] }} filter */
    const filterWords = (filter) => {
      const parts = [...(filter.severity ?? []).map((s) => t(`console.alerts.severity.${s}`)), ...(filter.alertType ?? []), ...(filter.region ?? []).map(regionName)];
      return parts.length === 0 ? t('console.subscriptions.filterAll') : parts.join(', ');
    };

    const showList = async () => {
      try {
        const { items } = await api.get('/v1/officials/me/subscriptions', { signal });
        if (items.length === 0) return listBox.replaceChildren(element('p', {}, [t('console.subscriptions.none')]));
        listBox.replaceChildren(
          dataTable({
            caption: t('console.subscriptions.list'),
            className: 'subscriptions-table',
            // The address and how it is sent share a column, so the table fits a phone without scrolling.
            columns: [t('console.subscriptions.endpoint'), t('console.subscriptions.filter'), t('console.subscriptions.status'), ''],
            rows: items.map((/** @type {any} */ s) => {
              const remove = element('button', { type: 'button', class: 'button button-secondary', 'aria-label': t('console.subscriptions.removeLabel', { endpoint: s.endpoint }) }, [t('console.subscriptions.remove')]);
              remove.addEventListener('click', async () => {
                try {
                  await api.delete(`/v1/officials/me/subscriptions/${encodeURIComponent(s.subscriptionId)}`, { signal });
                  announce(t('console.subscriptions.removed'));
                  await showList();
                } catch (error) {
                  listBox.prepend(failureBox(error));
                }
              });
              return [element('span', {}, [element('span', { class: 'subscription-endpoint' }, [s.endpoint]), element('span', { class: 'subscription-protocol' }, [t(`console.subscriptions.protocol.${s.protocol}`)])]), filterWords(s.filter ?? {}), t(`console.subscriptions.status.${s.status}`), remove];
            }),
          }),
        );
      } catch (error) {
        if (!signal.aborted) listBox.replaceChildren(failureBox(error));
      }
    };

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const to = /** @type {HTMLInputElement} */ (endpoint).value.trim();
      if (!to) {
        problem.replaceChildren(element('p', { class: 'field-error', role: 'alert' }, [t('console.subscriptions.endpointRequired')]));
        endpoint.focus();
        return;
      }
      const chosen = [...severities.querySelectorAll('input:checked')].map((input) => /** @type {HTMLInputElement} */ (input).value);
      try {
        await api.post('/v1/officials/me/subscriptions', { protocol: /** @type {HTMLSelectElement} */ (protocol).value, endpoint: to, ...(chosen.length > 0 ? { filter: { severity: chosen } } : {}) }, { signal });
        problem.replaceChildren();
        /** @type {HTMLFormElement} */ (form).reset();
        announce(t('console.subscriptions.added'));
        await showList();
      } catch (error) {
        problem.replaceChildren(failureBox(error));
      }
    });
    await showList();
  },
});

/** The audit log: a day of my region, and whether each of its hash chains is intact. */
registerScreen({
  id: 'audit',
  title: 'console.audit.title',
  roles: ['admin', 'national-admin'],
  async load(container, { official, api, signal, announce }) {
    const national = official.role === 'national-admin';
    const day = element('input', { id: 'audit-day', class: 'text-input', type: 'date', value: koreanToday() });
    const regionChoice = national ? select('audit-region', REGIONS, regionName, official.region) : undefined;
    const result = element('div', { 'data-audit': '' });
    const form = element('form', { class: 'console-form audit-form', novalidate: '' }, [
      field('audit-day', t('console.audit.day'), day),
      ...(regionChoice ? [field('audit-region', t('console.audit.region'), regionChoice)] : []),
      element('div', { class: 'form-actions' }, [element('button', { type: 'submit', class: 'button' }, [t('console.audit.show')])]),
    ]);
    container.append(form, result);

    /** A day's entries page by page (the route's pages of 50): "Show more" adds the next page under the ones shown. */
    const show = async () => {
      const region = regionChoice ? /** @type {HTMLSelectElement} */ (regionChoice).value : official.region;
      const chosen = /** @type {HTMLInputElement} */ (day).value || koreanToday();
      /** @type {any[]} */
      const shown = [];
      const base = `/v1/admin/audit?region=${region}&day=${chosen}`;
      try {
        const first = await api.get(base, { signal });
        shown.push(...first.items);
        const broken = first.chains.filter((/** @type {any} */ c) => !c.intact);
        const chains = section('audit-chains-title', t('console.audit.chains'), [
          element('p', { class: broken.length === 0 ? 'console-ok' : 'console-problem', 'data-chains': broken.length === 0 ? 'intact' : 'broken' }, [t(broken.length === 0 ? 'console.audit.allIntact' : 'console.audit.someBroken')]),
          element('ul', {}, first.chains.map((/** @type {any} */ c) => element('li', {}, [c.intact ? t('console.audit.intact', { log: c.log, entries: c.entries }) : t('console.audit.broken', { log: c.log, brokenAt: c.brokenAt, reason: c.reason ?? '' })]))),
        ]);
        const entries = element('div', { 'data-audit-entries': '' });
        const more = element('button', { type: 'button', class: 'button button-secondary', 'data-audit-more': '' }, [t('console.more')]);
        const pageProblem = element('div');
        let cursor = first.cursor;
        const drawEntries = () => {
          entries.replaceChildren(
            shown.length === 0
              ? element('p', {}, [t('console.audit.none')])
              : dataTable({
                  caption: t('console.audit.caption', { region: regionName(region), day: chosen }),
                  columns: [t('console.audit.at'), t('console.audit.actor'), t('console.audit.action'), t('console.audit.subject'), t('console.audit.note')],
                  rows: shown.map((e) => [
                    timeWords(new Date(e.at)),
                    e.actor?.kind === 'official' ? `${e.actor.officerId} (${roleName(e.actor.role)})` : (e.actor?.name ?? String(e.actor)),
                    e.action,
                    `${e.subject.kind} ${e.subject.id}`,
                    e.note ?? '',
                  ]),
                }),
          );
          more.hidden = !cursor;
        };
        more.addEventListener('click', async () => {
          more.setAttribute('disabled', '');
          try {
            const next = await api.get(`${base}&cursor=${encodeURIComponent(cursor)}`, { signal });
            shown.push(...next.items);
            cursor = next.cursor;
            pageProblem.replaceChildren();
            drawEntries();
            announce(t('console.audit.shown', { count: shown.length }));
          } catch (error) {
            if (!signal.aborted) pageProblem.replaceChildren(failureBox(error));
          } finally {
            more.removeAttribute('disabled');
          }
        });
        drawEntries();
        result.replaceChildren(chains, entries, more, pageProblem);
      } catch (error) {
        if (!signal.aborted) result.replaceChildren(failureBox(error));
      }
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void show();
    });
    await show();
  },
});
