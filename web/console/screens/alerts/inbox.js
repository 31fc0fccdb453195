/**
 * The alerts inbox's rules, free of the page: which alerts a filter keeps, their order, how the live
 * feed's changes fold into what is shown, and the deadline's countdown.
 *
 * @typedef {{ action: string, by: string, at: string, note?: string }} AlertHistory
 * @typedef {{ alertId: string, type: string, severity: 'info' | 'high' | 'critical', region: string, officerId?: string,
 *   subject: { kind: string, id: string }, message: string, state: 'open' | 'acknowledged' | 'resolved', count: number,
 *   createdAt: string, lastSeenAt: string, deadlineAt?: string, escalatedAt?: string, escalationOf?: string,
 *   history: AlertHistory[] }} AlertView
 * @typedef {{ state?: string, severity?: string, type?: string }} InboxFilters  empty or undefined: any
 */

/**
 * The live feed's pace: the console waits this long after each answer before it asks again, so a new
 * alert shows within it plus one request (`npm run bench -- alerts-delivery` measures write → screen:
 * at 1,000 ms the p99 was 1,020 ms, over the 1 s; 750 ms keeps it under with a round trip to spare).
 */
export const FEED_POLL_MS = 750;

/** @param {AlertView} alert @param {InboxFilters} filters */
export const matchesFilters = (alert, filters) =>
  (!filters.state || alert.state === filters.state) && (!filters.severity || alert.severity === filters.severity) && (!filters.type || alert.type === filters.type);

/**
 * An officer's own cases first (the alerts addressed to them), then newest first; ties by id so the
 * order never jumps between two renders.
 * @param {readonly AlertView[]} alerts @param {{ role: string, officerId: string }} official
 */
export const inboxOrder = (alerts, official) => {
  const mine = (/** @type {AlertView} */ alert) => (official.role === 'officer' && alert.officerId === official.officerId ? 0 : 1);
  return [...alerts].sort((a, b) => mine(a) - mine(b) || b.createdAt.localeCompare(a.createdAt) || a.alertId.localeCompare(b.alertId));
};

/**
 * Folds the feed's changes into the inbox: a changed alert replaces its old self; the ids that are
 * new to this inbox are returned, to be announced.
 * @param {Map<string, AlertView>} shown @param {readonly AlertView[]} changes
 * @returns {{ shown: Map<string, AlertView>, added: AlertView[] }}
 */
export const foldChanges = (shown, changes) => {
  const next = new Map(shown);
  /** @type {AlertView[]} */
  const added = [];
  for (const alert of changes) {
    const before = next.get(alert.alertId);
    // A change can arrive after a newer answer to this screen's own action: keep the later one.
    if (before && before.history.length > alert.history.length) continue;
    if (!before && !added.some((a) => a.alertId === alert.alertId)) added.push(alert);
    next.set(alert.alertId, alert);
  }
  return { shown: next, added };
};

/**
 * How long is left to answer a `high` alert (or how long it is overdue), in whole seconds; nothing
 * for an alert without a deadline or one already handled.
 * @param {AlertView} alert @param {number} now milliseconds
 * @returns {{ kind: 'left' | 'overdue', seconds: number } | undefined}
 */
export const countdownOf = (alert, now) => {
  if (!alert.deadlineAt || alert.state !== 'open') return undefined;
  const left = Math.floor((Date.parse(alert.deadlineAt) - now) / 1000);
  return left >= 0 ? { kind: 'left', seconds: left } : { kind: 'overdue', seconds: -left };
};

/** `mm:ss`, or `h:mm:ss` past an hour. @param {number} seconds */
export const clockOf = (seconds) => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
};
