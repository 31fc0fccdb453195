import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Official } from '../auth/principal.ts';
import { seesRegion } from '../auth/principal.ts';
import type { AlertRecord, AlertSeverity } from './alert.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { INBOX_INDEXES, inboxPlanOf, type InboxFilter, type InboxPlan, type InboxSource } from './inbox-plan.ts';

/** Where a read of one index partition stopped: DynamoDB's key of the last item it went past. */
export type InboxKey = Readonly<Record<string, string>>;

export interface InboxRead {
  /** The alerts that passed the filters, newest first, each with its key to start after. */
  readonly rows: readonly { readonly record: AlertRecord; readonly key: InboxKey }[];
  /** Where to go on; undefined when the partition has nothing more. */
  readonly next?: InboxKey;
  /** How many items DynamoDB read, filtered out or not. */
  readonly evaluated: number;
}

/** Reads one index partition newest first: a DynamoDB Query on the table, a list in tests. */
export interface InboxReader {
  read(
    source: InboxSource,
    options: { readonly after?: InboxKey; readonly want: number; readonly budget: number; readonly type?: string; readonly severity?: AlertSeverity },
  ): Promise<InboxRead>;
}

/** Items one request may read across its partitions: with a rare type filter a page may come back short, with a cursor. */
export const INBOX_READ_BUDGET = 1000;

const START = 0;
const DONE = 1;
type Position = typeof START | typeof DONE | InboxKey;

const inboxKey = z.record(z.string().max(200), z.string().max(200));
const cursorSchema = z.object({
  k: z.literal('inbox'),
  f: z.string().max(32),
  p: z.number().int().min(0).max(10),
  s: z.array(z.union([z.literal(START), z.literal(DONE), inboxKey])).max(40),
});
type InboxCursor = z.infer<typeof cursorSchema>;

/** Ties a cursor to the query it came from: another filter or another caller's plan is another query. */
const fingerprintOf = (plan: InboxPlan, filter: InboxFilter): string =>
  createHash('sha256')
    .update(JSON.stringify([plan.map((phase) => phase.map((s) => [s.index, s.partition, s.excludeOfficer ?? null])), filter.type ?? null, filter.severity ?? null]))
    .digest('base64url')
    .slice(0, 16);

export type CursorCheck =
  | { readonly kind: 'ok'; readonly cursor?: InboxCursor }
  | { readonly kind: 'forbidden'; readonly detail: string }
  | { readonly kind: 'invalid'; readonly detail: string };

/** A cursor is taken only for the very query it came from, and only within what the caller sees. */
export const checkInboxCursor = (text: string | undefined, official: Official, plan: InboxPlan, filter: InboxFilter): CursorCheck => {
  if (text === undefined) return { kind: 'ok' };
  const cursor = decodeCursor(text, cursorSchema);
  if (!cursor) return { kind: 'invalid', detail: 'is not a cursor this API gave out' };
  for (const position of cursor.s) {
    if (typeof position !== 'object') continue;
    for (const attribute of Object.values(INBOX_INDEXES)) {
      const region = position[attribute]?.split('#')[0];
      if (region !== undefined && !seesRegion(official, region)) return { kind: 'forbidden', detail: `The cursor points into region ${region}, outside your region ${official.region}.` };
    }
  }
  if (cursor.f !== fingerprintOf(plan, filter)) return { kind: 'invalid', detail: 'belongs to another query: keep the filters of the page it came with' };
  const phase = plan[cursor.p];
  if (!phase || cursor.s.length !== phase.length) return { kind: 'invalid', detail: 'does not fit this query' };
  for (const [i, position] of cursor.s.entries()) {
    if (typeof position !== 'object') continue;
    const source = phase[i];
    const attribute = source && INBOX_INDEXES[source.index];
    const keys = Object.keys(position).sort();
    const expected = ['createdAt', 'pk', attribute ?? ''].sort();
    if (!source || !attribute || position[attribute] !== source.partition || keys.join() !== expected.join() || !position.pk?.startsWith('alert#')) {
      return { kind: 'invalid', detail: 'does not fit this query' };
    }
  }
  return { kind: 'ok', cursor };
};

interface Fetched {
  readonly rows: InboxRead['rows'];
  readonly next?: InboxKey;
  taken: number;
}

const newer = (a: AlertRecord, b: AlertRecord): boolean => a.createdAt > b.createdAt;

/**
 * One page of the inbox, newest first. The partitions of a phase are merged head by head (each keeps
 * DynamoDB's own order), and an alert is taken only if no partition could still hold a newer one: a
 * partition that stopped early on its read budget holds back the others until it catches up. The
 * cursor says, per partition, what was handed out; a page may be short when filters skip many items.
 */
export const readInbox = async (
  reader: InboxReader,
  plan: InboxPlan,
  filter: InboxFilter,
  cursor: InboxCursor | undefined,
  limit: number,
  readBudget = INBOX_READ_BUDGET,
): Promise<{ items: AlertRecord[]; cursor: string | null }> => {
  let phase = cursor?.p ?? 0;
  let positions: Position[] = cursor ? [...cursor.s] : (plan[0] ?? []).map(() => START);
  const items: AlertRecord[] = [];
  let budget = readBudget;

  while (items.length < limit && phase < plan.length && budget > 0) {
    const sources = plan[phase] ?? [];
    const want = limit - items.length;
    const perSource = Math.max(want, Math.floor(budget / Math.max(1, sources.length)));
    const fetched: (Fetched | undefined)[] = await Promise.all(
      sources.map(async (source, i) => {
        const position = positions[i];
        if (position === DONE) return undefined;
        const read = await reader.read(source, {
          ...(typeof position === 'object' ? { after: position } : {}),
          want,
          budget: perSource,
          ...(filter.type ? { type: filter.type } : {}),
          ...(filter.severity ? { severity: filter.severity } : {}),
        });
        budget -= read.evaluated;
        return { rows: read.rows, ...(read.next ? { next: read.next } : {}), taken: 0 };
      }),
    );

    while (items.length < limit) {
      let best: Fetched | undefined;
      for (const f of fetched) {
        const head = f?.rows[f.taken];
        if (f && head && (!best || newer(head.record, best.rows[best.taken]?.record ?? head.record))) best = f;
      }
      const head = best?.rows[best.taken];
      if (!best || !head) break;
      const heldBack = fetched.some((f) => f && f.taken >= f.rows.length && f.next && (f.next.createdAt ?? '') > head.record.createdAt);
      if (heldBack) break;
      items.push(head.record);
      best.taken++;
    }

    positions = positions.map((position, i) => {
      const f = fetched[i];
      if (!f) return position;
      if (f.taken === f.rows.length) return f.next ?? DONE;
      return f.taken > 0 ? (f.rows[f.taken - 1]?.key ?? position) : position;
    });
    if (positions.every((position) => position === DONE)) {
      phase++;
      positions = (plan[phase] ?? []).map(() => START);
    }
  }

  return { items, cursor: phase < plan.length ? encodeCursor({ k: 'inbox', f: fingerprintOf(plan, filter), p: phase, s: positions } satisfies InboxCursor) : null };
};

export type InboxPage =
  | { readonly kind: 'page'; readonly items: AlertRecord[]; readonly cursor: string | null }
  | { readonly kind: 'forbidden'; readonly detail: string }
  | { readonly kind: 'bad-cursor'; readonly detail: string };

/** The inbox as an official asks for it: who sees what, the cursor checked against that, one page. */
export const inboxPage = async (
  reader: InboxReader,
  official: Official,
  filter: InboxFilter,
  cursor: string | undefined,
  limit: number,
  readBudget = INBOX_READ_BUDGET,
): Promise<InboxPage> => {
  const planned = inboxPlanOf(official, filter);
  if (planned.kind === 'forbidden') return planned;
  const checked = checkInboxCursor(cursor, official, planned.plan, filter);
  if (checked.kind === 'forbidden') return checked;
  if (checked.kind === 'invalid') return { kind: 'bad-cursor', detail: checked.detail };
  return { kind: 'page', ...(await readInbox(reader, planned.plan, filter, checked.cursor, limit, readBudget)) };
};
