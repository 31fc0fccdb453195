import { submitCheckin, submitPositions } from './checkin-api.js';
import { dequeue, enqueue, queued, readSignal, saveSignal } from './device-store.js';

/**
 * Sends what the phone queued — check-ins, then positions in batches — once the API answers, in the
 * order they were made. Each entry carries the id the client made for it, so a retry after a lost
 * answer is applied once by the server. Sending runs on open, on every `online` event, after each new
 * entry, and on a backoff timer after a failure (2 s doubling to 5 min, with jitter, or `Retry-After`).
 */

/** The API takes at most 50 positions a request. */
export const POSITIONS_PER_BATCH = 50;
const FIRST_RETRY_MS = 2_000;
const LAST_RETRY_MS = 5 * 60_000;

/**
 * @typedef {import('./device-store.js').OutboxEntry} OutboxEntry
 * @typedef {{ pending: number, failures: number, lastSentAt?: string, nextTryAt?: string }} OutboxState
 * @typedef {{
 *   token: () => string | undefined,
 *   onEnded: () => void,
 *   onRejected: (reason: 'conflict' | 'invalid', entry: { kind: string }, detail: string) => void,
 *   onSent: (kind: 'checkin' | 'positions', answer: any) => void,
 *   onChange: (state: OutboxState) => void,
 * }} OutboxHooks
 */

/**
 * The token no longer works: 401 (the authorizer: ended, revoked, or another phone enrolled) or 410 (the case
 * ended while the token was still honoured).
 * @param {import('./checkin-api.js').Outcome} outcome
 */
export const isEnded = (outcome) => outcome.kind === 'problem' && (outcome.status === 401 || outcome.status === 410);

/** @param {number} failures */
export const retryDelayMs = (failures, random = Math.random) => {
  const ceiling = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
};

/** @param {OutboxHooks} hooks */
export const createOutbox = (hooks) => {
  let failures = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let retryTimer;
  /** @type {Promise<void> | undefined} */
  let running;
  let again = false;
  let stopped = false;
  /** @type {string | undefined} a heartbeat waiting for the next batch: only the newest counts */
  let heartbeatAt;
  /** @type {OutboxState} */
  const state = { pending: 0, failures: 0 };

  const report = async () => {
    state.pending = (await queued()).length;
    state.failures = failures;
    hooks.onChange({ ...state });
  };

  /** @param {number} [afterSeconds] */
  const backOff = (afterSeconds) => {
    failures += 1;
    const delay = afterSeconds ? afterSeconds * 1000 : retryDelayMs(failures);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void flush(), delay);
    state.nextTryAt = new Date(Date.now() + delay).toISOString();
  };

  /**
   * One answer's consequence: `sent` (dequeue), `retry` (stop, back off), `ended` (stop for good),
   * `dropped` (dequeue, tell the person).
   * @param {import('./checkin-api.js').Outcome} outcome
   * @returns {'sent' | 'retry' | 'ended' | 'dropped'}
   */
  const judge = (outcome) => {
    if (outcome.kind === 'ok') return 'sent';
    // 404: a route missing during a deploy, or a gateway's own answer; never a reason to drop what the person reported.
    if (outcome.kind === 'unreachable' || outcome.status >= 500 || [404, 408, 429].includes(outcome.status)) return 'retry';
    if (isEnded(outcome)) return 'ended';
    return 'dropped';
  };

  /** @param {import('./checkin-api.js').Outcome} outcome */
  const detailOf = (outcome) => (outcome.kind === 'problem' ? (outcome.problem.detail ?? outcome.problem.title ?? '') : '');

  const sendAll = async () => {
    const token = hooks.token();
    if (!token || stopped) return;
    const entries = await queued();
    for (const entry of entries.filter((e) => e.kind === 'checkin')) {
      const outcome = await submitCheckin(token, entry.body);
      const verdict = judge(outcome);
      if (verdict === 'retry') return backOff(outcome.kind === 'problem' ? outcome.retryAfterSeconds : undefined);
      if (verdict === 'ended') return end();
      await dequeue([entry.id]);
      if (verdict === 'dropped') hooks.onRejected(outcome.kind === 'problem' && outcome.status === 409 ? 'conflict' : 'invalid', entry, detailOf(outcome));
      else hooks.onSent('checkin', /** @type {{ body: unknown }} */ (outcome).body);
    }
    const positions = entries.filter((e) => e.kind === 'position');
    let signal = await readSignal();
    // At least one request when there is a heartbeat or a location state to tell, even with no position.
    for (let from = 0; from < positions.length || signal || heartbeatAt; from += POSITIONS_PER_BATCH) {
      const batch = positions.slice(from, from + POSITIONS_PER_BATCH);
      const sentHeartbeat = heartbeatAt;
      const body = {
        positions: batch.map((e) => e.body),
        ...(sentHeartbeat ? { heartbeat: { at: sentHeartbeat } } : {}),
        ...(signal ? { location: signal } : {}),
      };
      const outcome = await submitPositions(token, body);
      const verdict = judge(outcome);
      if (verdict === 'retry') return backOff(outcome.kind === 'problem' ? outcome.retryAfterSeconds : undefined);
      if (verdict === 'ended') return end();
      await dequeue(batch.map((e) => e.id));
      // A newer state or heartbeat that arrived meanwhile goes with the next request.
      if (signal && (await readSignal())?.at === signal.at) await saveSignal(undefined);
      if (heartbeatAt === sentHeartbeat) heartbeatAt = undefined;
      signal = undefined;
      if (verdict === 'dropped') hooks.onRejected(outcome.kind === 'problem' && outcome.status === 409 ? 'conflict' : 'invalid', { kind: 'positions' }, detailOf(outcome));
      else hooks.onSent('positions', /** @type {{ body: unknown }} */ (outcome).body);
    }
    failures = 0;
    state.nextTryAt = undefined;
    state.lastSentAt = new Date().toISOString();
  };

  const end = () => {
    stopped = true;
    clearTimeout(retryTimer);
    hooks.onEnded();
  };

  /** Sends everything queued; a call while sending runs once more after it, so nothing waits for a timer. */
  const flush = async () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await sendAll();
        } while (again && !stopped && failures === 0);
      } finally {
        running = undefined;
        await report();
      }
    })();
    return running;
  };

  const online = () => {
    failures = 0;
    void flush();
  };
  window.addEventListener('online', online);

  return {
    flush,
    /** @param {Record<string, unknown> & { checkinId: string }} checkin */
    addCheckin: async (checkin) => {
      await enqueue({ kind: 'checkin', id: checkin.checkinId, body: checkin, queuedAt: new Date().toISOString(), attempts: 0 });
      await report();
    },
    /** @param {{ id: string, at: string, lat: number, lng: number, accuracyM: number }} position */
    addPosition: async (position) => {
      await enqueue({ kind: 'position', id: position.id, body: position, queuedAt: position.at, attempts: 0 });
      await report();
    },
    /** @param {string} at */
    heartbeat: (at) => {
      heartbeatAt = at;
    },
    /** @param {import('./device-store.js').LocationSignal} signal */
    setSignal: (signal) => saveSignal(signal),
    stop: () => {
      stopped = true;
      clearTimeout(retryTimer);
      window.removeEventListener('online', online);
    },
    report,
  };
};
