import type { AlertRecord, AlertState, HistoryEntry } from './alert.ts';

/** What an official asks of an alert. */
export interface AlertCommand {
  readonly action: 'acknowledge' | 'resolve';
  /** The official's officer id. */
  readonly by: string;
  readonly at: string;
  readonly note?: string;
}

export type Transition =
  /** The alert moves on; `entry` is appended to its history. */
  | { readonly kind: 'changed'; readonly state: AlertState; readonly entry: HistoryEntry }
  /** The same official asked the same again (a double click, a retry): the first answer stands. */
  | { readonly kind: 'same' }
  /** Asked of an alert already past it, or already done by someone else or with other words. */
  | { readonly kind: 'conflict'; readonly detail: string }
  /** A resolution says what was done: without a note nobody can tell later. */
  | { readonly kind: 'needs-note' };

const TARGET: Record<AlertCommand['action'], AlertState> = { acknowledge: 'acknowledged', resolve: 'resolved' };

const lastOf = (history: readonly HistoryEntry[], action: HistoryEntry['action']): HistoryEntry | undefined =>
  history.findLast((entry) => entry.action === action);

const describe = (entry: HistoryEntry): string => `${entry.by} at ${entry.at}${entry.note ? ` (“${entry.note}”)` : ''}`;

const normalNote = (note: string | undefined): string | undefined => {
  const trimmed = note?.trim();
  return trimmed ? trimmed : undefined;
};

/**
 * The alert lifecycle: `open` → `acknowledged` → `resolved`, or `open` → `resolved` at once. A
 * command repeated by the same official with the same note answers the same; anything else asked of
 * an alert that is already there is a conflict that names who got there first.
 */
export const transition = (alert: Pick<AlertRecord, 'state' | 'history'>, command: AlertCommand): Transition => {
  const note = normalNote(command.note);
  if (command.action === 'resolve' && !note) return { kind: 'needs-note' };
  const target = TARGET[command.action];
  const entry: HistoryEntry = { action: command.action, by: command.by, at: command.at, ...(note ? { note } : {}) };

  if (alert.state === target) {
    const earlier = lastOf(alert.history, command.action);
    if (earlier && earlier.by === command.by && earlier.note === note) return { kind: 'same' };
    const verb = command.action === 'acknowledge' ? 'acknowledged' : 'resolved';
    return { kind: 'conflict', detail: earlier ? `This alert was already ${verb} by ${describe(earlier)}.` : `This alert is already ${verb}.` };
  }
  if (alert.state === 'resolved') {
    const resolved = lastOf(alert.history, 'resolve');
    return { kind: 'conflict', detail: `This alert is resolved${resolved ? ` (by ${describe(resolved)})` : ''}; it can no longer be acknowledged.` };
  }
  return { kind: 'changed', state: target, entry };
};
