import { formatNumber, formatTime, onLanguageChange, t } from './i18n.js';

/**
 * The live "system status" box: asks `GET /v1/health` now and every `intervalMs`, and says in words
 * what it learnt.
 *
 * Markup (see web/index.html): a `[data-status-summary]` live region, a `[data-status-details]`
 * list and a `[data-status-refresh]` button inside `box`. Only the summary is a live region, and it
 * is rewritten only when its words change: a screen reader hears when the system goes down or comes
 * back, not a new latency figure every 30 seconds.
 */

const HEALTH_PATH = '/v1/health';
const TIMEOUT_MS = 10_000;

/**
 * @typedef {{ status: string, service?: string, runtime?: string, database?: { status?: string, latencyMs?: number }, time?: string }} Health
 * @typedef {{ type?: string, title?: string, status?: number, detail?: string }} Problem
 * @typedef {{ kind: 'checking' }
 *   | { kind: 'ok' | 'degraded', health: Health, checkedAt: Date }
 *   | { kind: 'unavailable', problem: Problem, httpStatus: number, detailLanguage: string, checkedAt: Date }
 *   | { kind: 'unreachable', checkedAt: Date }} Outcome
 */

/** @returns {Promise<Outcome>} */
const probe = async () => {
  const checkedAt = new Date();
  let response;
  try {
    response = await fetch(HEALTH_PATH, {
      headers: { accept: 'application/json, application/problem+json' },
      cache: 'no-store',
      signal: window.AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    return { kind: 'unreachable', checkedAt };
  }
  /** @type {unknown} */
  const body = await response.json().catch(() => undefined);
  const record = typeof body === 'object' && body !== null ? /** @type {Record<string, unknown>} */ (body) : {};
  if (response.ok && typeof record.status === 'string') {
    const health = /** @type {Health} */ (record);
    const healthy = health.status === 'ok' && (health.database?.status ?? 'ok') === 'ok';
    return { kind: healthy ? 'ok' : 'degraded', health, checkedAt };
  }
  return {
    kind: 'unavailable',
    problem: /** @type {Problem} */ (record),
    httpStatus: response.status,
    // The API writes its problem details in English unless it says otherwise; marking the language
    // lets a screen reader read an English reason on a Korean page with the right voice.
    detailLanguage: response.headers.get('content-language')?.split(',')[0]?.trim() || 'en',
    checkedAt,
  };
};

/**
 * @param {string} tag
 * @param {Record<string, string>} [attributes]
 * @param {(Node | string)[]} [children]
 */
const element = (tag, attributes = {}, children = []) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
};

const timeElement = (/** @type {Date} */ date) => element('time', { datetime: date.toISOString() }, [formatTime(date)]);

/** @param {Outcome} outcome @returns {(Node | string)[]} */
const summaryOf = (outcome) => {
  switch (outcome.kind) {
    case 'checking':
      return [t('status.checking')];
    case 'ok':
      return [t('status.ok')];
    case 'degraded':
      return [t('status.degraded', { status: outcome.health.database?.status ?? outcome.health.status })];
    case 'unreachable':
      return [t('status.unreachable')];
    case 'unavailable': {
      const reason = outcome.problem.detail ?? outcome.problem.title;
      if (typeof reason !== 'string' || reason === '') return [t('status.unavailable')];
      return [`${t('status.unavailable')} ${t('status.reason')} `, element('span', { lang: outcome.detailLanguage }, [reason])];
    }
  }
};

/** @param {Outcome} outcome @returns {[string, Node | string][]} */
const detailsOf = (outcome) => {
  if (outcome.kind === 'checking') return [];
  const checked = /** @type {[string, Node]} */ ([t('status.checkedAt'), timeElement(outcome.checkedAt)]);
  if (outcome.kind === 'unreachable') return [checked];
  if (outcome.kind === 'unavailable') return [[t('status.httpStatus'), String(outcome.httpStatus)], checked];

  const { database, runtime, time } = outcome.health;
  /** @type {[string, Node | string][]} */
  const rows = [];
  if (database && typeof database.latencyMs === 'number') {
    const latency = formatNumber(database.latencyMs, { maximumFractionDigits: 2 });
    rows.push([
      t('status.database'),
      database.status === 'ok' ? t('status.databaseOk', { latency }) : t('status.databaseOther', { status: String(database.status), latency }),
    ]);
  }
  if (runtime) rows.push([t('status.runtime'), runtime === 'local' || runtime === 'aws' ? t(`status.runtime.${runtime}`) : runtime]);
  if (time && !Number.isNaN(Date.parse(time))) rows.push([t('status.serverTime'), timeElement(new Date(time))]);
  rows.push(checked);
  return rows;
};

/**
 * @param {HTMLElement} box
 * @param {{ intervalMs?: number }} [options]
 */
export const startHealthStatus = (box, { intervalMs = 30_000 } = {}) => {
  const summary = /** @type {HTMLElement} */ (box.querySelector('[data-status-summary]'));
  const details = /** @type {HTMLElement} */ (box.querySelector('[data-status-details]'));
  const refresh = box.querySelector('[data-status-refresh]');

  /** @type {Outcome} */
  let outcome = { kind: 'checking' };
  let inFlight = false;

  const render = () => {
    box.dataset.state = outcome.kind;
    const words = element('p', {}, summaryOf(outcome));
    if (words.innerHTML !== summary.innerHTML) summary.replaceChildren(...words.childNodes);
    details.replaceChildren(...detailsOf(outcome).flatMap(([term, value]) => [element('dt', {}, [term]), element('dd', {}, [value])]));
  };

  const check = async () => {
    if (inFlight) return;
    inFlight = true;
    try {
      outcome = await probe();
    } finally {
      inFlight = false;
    }
    render();
  };

  refresh?.addEventListener('click', () => void check());
  // Background tabs throttle timers; a reader coming back should not see a stale answer.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void check();
  });
  onLanguageChange(render);
  setInterval(() => void check(), intervalMs);
  render();
  void check();
};
