import { element } from '../../element.js';
import { formatNumber, t } from '../../i18n.js';
import { timeWords } from '../../masks/store-words.js';
import { registerScreen } from '../registry.js';
import { failureBox, regionName } from '../view.js';
import { clockOf, countdownOf, FEED_POLL_MS, foldChanges, inboxOrder, matchesFilters } from './alerts/inbox.js';
import './alerts/messages.js';
import { openNoteDialog } from './alerts/note-dialog.js';

/** @typedef {import('./alerts/inbox.js').AlertView} AlertView */

const STATES = ['open', 'acknowledged', 'resolved'];
const SEVERITIES = ['critical', 'high', 'info'];

/** @param {string} id @param {string} label @param {string[]} values @param {(value: string) => string} words @param {string} chosen */
const filterSelect = (id, label, values, words, chosen) =>
  element('div', { class: 'filter' }, [
    element('label', { class: 'field-label', for: id }, [label]),
    element('select', { id, class: 'select-input', 'data-filter': id }, [
      element('option', { value: '' }, [t('console.alerts.any')]),
      ...values.map((value) => element('option', { value, ...(value === chosen ? { selected: '' } : {}) }, [words(value)])),
    ]),
  ]);

/**
 * The alerts inbox, live: the first page from `GET /v1/alerts`, then every change from the feed
 * `GET /v1/alerts/changes?after=<cursor>` once a second (one mechanism, the same in both runtimes).
 * New alerts are announced politely and never take the focus.
 */
registerScreen({
  id: 'alerts',
  title: 'console.alerts.title',
  roles: ['officer', 'admin', 'national-admin'],
  async load(container, { official, api, announce, signal }) {
    /** @type {import('./alerts/inbox.js').InboxFilters} */
    const filters = { state: 'open' };
    /** @type {Map<string, AlertView>} */
    let shown = new Map();
    const types = new Set();
    const list = element('ul', { class: 'alert-list', 'aria-labelledby': 'alerts-list-title', 'data-alert-list': '' });
    const count = element('p', { class: 'alert-count', 'data-alert-count': '' });
    const problem = element('div');
    const typeBox = element('div');
    const filterForm = element('form', { class: 'alert-filters', 'aria-labelledby': 'alerts-filter-title' }, [
      element('h2', { id: 'alerts-filter-title', class: 'visually-hidden' }, [t('console.alerts.filters')]),
      filterSelect('alerts-state', t('console.alerts.state'), STATES, (s) => t(`console.alerts.state.${s}`), 'open'),
      filterSelect('alerts-severity', t('console.alerts.severity'), SEVERITIES, (s) => t(`console.alerts.severity.${s}`), ''),
      typeBox,
    ]);
    container.append(
      filterForm,
      element('p', { class: 'field-hint' }, [t('console.alerts.live')]),
      problem,
      element('h2', { id: 'alerts-list-title', class: 'visually-hidden' }, [t('console.alerts.list')]),
      count,
      list,
    );

    const drawTypes = () => {
      const chosen = filters.type ?? '';
      typeBox.replaceChildren(filterSelect('alerts-type', t('console.alerts.type'), [...types].sort(), (x) => x, chosen));
    };

    /** @param {AlertView} alert */
    const countdownWords = (alert) => {
      const left = countdownOf(alert, Date.now());
      if (!left) return '';
      return t(left.kind === 'left' ? 'console.alerts.left' : 'console.alerts.overdue', { clock: clockOf(left.seconds) });
    };

    /** @param {AlertView} alert @param {'acknowledge' | 'resolve'} verb */
    const act = (alert, verb) =>
      openNoteDialog({
        verb,
        summary: `${t(`console.alerts.severity.${alert.severity}`)} · ${alert.type} · ${alert.message}`,
        send: async (note) => {
          /** @type {AlertView} */
          const changed = await api.post(`/v1/alerts/${encodeURIComponent(alert.alertId)}:${verb}`, note === undefined ? {} : { note }, { signal });
          shown = foldChanges(shown, [changed]).shown;
          draw();
          announce(t(`console.alerts.done.${changed.state}`));
        },
      });

    /** @param {AlertView} alert */
    const card = (alert) => {
      const mine = official.role === 'officer' && alert.officerId === official.officerId;
      const actions = element('div', { class: 'form-actions' });
      if (alert.state === 'open') {
        const acknowledge = element('button', { type: 'button', class: 'button', 'aria-label': `${t('console.alerts.acknowledge')}: ${alert.message}` }, [t('console.alerts.acknowledge')]);
        acknowledge.addEventListener('click', () => act(alert, 'acknowledge'));
        actions.append(acknowledge);
      }
      if (alert.state !== 'resolved') {
        const resolve = element('button', { type: 'button', class: 'button button-secondary', 'aria-label': `${t('console.alerts.resolve')}: ${alert.message}` }, [t('console.alerts.resolve')]);
        resolve.addEventListener('click', () => act(alert, 'resolve'));
        actions.append(resolve);
      }
      const facts = [
        `${t('console.alerts.created')} ${timeWords(new Date(alert.createdAt))}`,
        regionName(alert.region),
        t('console.alerts.subject', { kind: alert.subject.kind, id: alert.subject.id }),
        ...(alert.officerId ? [t('console.alerts.officer', { officerId: alert.officerId })] : []),
        ...(alert.count > 1 ? [t('console.alerts.repeated', { count: formatNumber(alert.count) })] : []),
        ...(alert.escalatedAt ? [t('console.alerts.escalated')] : []),
      ];
      return element('li', { class: `alert-card severity-${alert.severity}`, 'data-alert-id': alert.alertId, 'data-state': alert.state }, [
        element('p', { class: 'alert-head' }, [
          element('span', { class: `severity-badge severity-${alert.severity}` }, [t(`console.alerts.severity.${alert.severity}`)]),
          element('span', { class: 'alert-type' }, [alert.type]),
          element('span', { class: 'alert-state' }, [t(`console.alerts.state.${alert.state}`)]),
          ...(mine ? [element('span', { class: 'alert-mine' }, [t('console.alerts.mine')])] : []),
        ]),
        element('p', { class: 'alert-message' }, [alert.message]),
        element('p', { class: 'alert-deadline', 'data-countdown': alert.alertId, 'data-overdue': String(countdownOf(alert, Date.now())?.kind === 'overdue') }, [countdownWords(alert)]),
        element('p', { class: 'alert-facts' }, [facts.join(' · ')]),
        ...(alert.history.length > 0
          ? [element('details', {}, [element('summary', {}, [t('console.alerts.history')]), element('ul', {}, alert.history.map((h) => element('li', {}, [t('console.alerts.history.item', { at: timeWords(new Date(h.at)), by: h.by, action: h.action }) + (h.note ? ` — ${h.note}` : '')])))])]
          : []),
        actions,
      ]);
    };

    const draw = () => {
      const visible = inboxOrder([...shown.values()].filter((alert) => matchesFilters(alert, filters)), official);
      count.textContent = visible.length === 0 ? t('console.alerts.none') : t('console.alerts.count', { count: formatNumber(visible.length) });
      // Keyed by alert, so a redraw keeps the focus on the button an official was about to press.
      const focused = document.activeElement?.closest('[data-alert-id]')?.getAttribute('data-alert-id');
      const focusedLabel = document.activeElement?.getAttribute('aria-label');
      list.replaceChildren(...visible.map(card));
      if (focused) {
        const again = [...list.querySelectorAll(`[data-alert-id] button`)].find((b) => b.closest('[data-alert-id]')?.getAttribute('data-alert-id') === focused && b.getAttribute('aria-label') === focusedLabel);
        if (again instanceof HTMLElement) again.focus();
      }
    };

    const tick = () => {
      for (const node of list.querySelectorAll('[data-countdown]')) {
        const alert = shown.get(/** @type {string} */ (node.getAttribute('data-countdown')));
        if (!alert) continue;
        node.textContent = countdownWords(alert);
        node.setAttribute('data-overdue', String(countdownOf(alert, Date.now())?.kind === 'overdue'));
      }
    };

    /** @param {AlertView[]} alerts */
    const noteTypes = (alerts) => {
      const before = types.size;
      for (const alert of alerts) types.add(alert.type);
      if (types.size !== before) drawTypes();
    };

    filterForm.addEventListener('change', (event) => {
      const select = /** @type {HTMLSelectElement} */ (event.target);
      const value = select.value || undefined;
      if (select.id === 'alerts-state') filters.state = value;
      if (select.id === 'alerts-severity') filters.severity = value;
      if (select.id === 'alerts-type') filters.type = value;
      draw();
    });

    // The feed's position first, then the inbox: nothing raised in between is missed.
    let { cursor } = await api.get('/v1/alerts/changes', { signal });
    /** @type {AlertView[]} */
    const first = [];
    let page = '';
    do {
      const answer = await api.get(`/v1/alerts?limit=100${page ? `&cursor=${encodeURIComponent(page)}` : ''}`, { signal });
      first.push(...answer.items);
      page = answer.cursor ?? '';
    } while (page && first.length < 500);
    shown = foldChanges(new Map(), first).shown;
    noteTypes(first);
    drawTypes();
    draw();

    const ticker = setInterval(tick, 1000);
    signal.addEventListener('abort', () => clearInterval(ticker));
    const poll = async () => {
      while (!signal.aborted) {
        await new Promise((resolve) => setTimeout(resolve, FEED_POLL_MS));
        if (signal.aborted) return;
        try {
          const changes = await api.get(`/v1/alerts/changes?after=${encodeURIComponent(cursor)}`, { signal });
          cursor = changes.cursor ?? cursor;
          problem.replaceChildren();
          if (changes.items.length === 0) continue;
          const folded = foldChanges(shown, changes.items);
          shown = folded.shown;
          noteTypes(changes.items);
          draw();
          for (const alert of folded.added.filter((a) => matchesFilters(a, filters))) {
            announce(t('console.alerts.new', { severity: t(`console.alerts.severity.${alert.severity}`), message: alert.message }));
          }
        } catch (error) {
          if (signal.aborted) return;
          // A 401 has already returned the official to sign-in; anything else is shown and retried.
          problem.replaceChildren(failureBox(error));
        }
      }
    };
    void poll();
  },
});
