import { createHash } from 'node:crypto';
import type { OfficialRole } from '../auth/principal.ts';

/**
 * Who did something to a person's data or to the officials' own records. `system` is a sweep or a
 * stream consumer (an escalation, a purge), named by its function.
 */
export type AuditActor =
  | { readonly kind: 'official'; readonly officerId: string; readonly role: OfficialRole; readonly region: string }
  | { readonly kind: 'system'; readonly name: string };

/**
 * One line of the audit trail: who, what, about which subject, when. It never holds the personal data
 * itself (no name, phone or position), only that it was read or changed, so the trail can be kept and
 * shown to admins for as long as the law asks.
 */
export interface AuditEvent {
  readonly actor: AuditActor;
  /** `case.read`, `alert.acknowledge`, `alert.escalate`, `official.disable`, … */
  readonly action: string;
  readonly subject: { readonly kind: string; readonly id: string };
  /** The subject's region: admins read the trail of their region. */
  readonly region: string;
  readonly at: string;
  readonly requestId?: string;
  /** A short, non-personal note (an acknowledgement's reason is the official's words, not data). */
  readonly note?: string;
}

/** An event as stored: its place in its chain and the hash that ties it to the one before. */
export interface AuditEntry extends AuditEvent {
  /** `<region>#<Korean day>#<shard>`: a chain of its own. */
  readonly log: string;
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/**
 * Appends to one partition are serialised by a conditional write on the next sequence number, so a
 * region's busy day is spread over a few chains; each verifies on its own.
 */
export const AUDIT_SHARDS = 4;

const KOREAN_OFFSET_MS = 9 * 3600_000;
export const koreanDayOf = (at: string): string => new Date(Date.parse(at) + KOREAN_OFFSET_MS).toISOString().slice(0, 10);

export const auditLogOf = (region: string, day: string, shard: number): string => `${region}#${day}#${shard}`;

/** The hash a chain starts from: its own name, so an entry moved to another chain breaks the link. */
export const genesisHashOf = (log: string): string => createHash('sha256').update(`crisis-response audit ${log}`).digest('hex');

/** Fields in a fixed order, so the hash does not depend on how an item was read back. */
const canonical = (entry: Omit<AuditEntry, 'hash'>): string =>
  JSON.stringify([
    entry.log,
    entry.seq,
    entry.prevHash,
    entry.at,
    entry.actor.kind === 'official'
      ? ['official', entry.actor.officerId, entry.actor.role, entry.actor.region]
      : ['system', entry.actor.name],
    entry.action,
    entry.subject.kind,
    entry.subject.id,
    entry.region,
    entry.requestId ?? null,
    entry.note ?? null,
  ]);

export const hashOf = (entry: Omit<AuditEntry, 'hash'>): string => createHash('sha256').update(canonical(entry)).digest('hex');

/** The entry that follows `previous` in `log` (or starts it). */
export const chained = (log: string, previous: Pick<AuditEntry, 'seq' | 'hash'> | undefined, event: AuditEvent): AuditEntry => {
  const unsigned = { ...event, log, seq: (previous?.seq ?? 0) + 1, prevHash: previous?.hash ?? genesisHashOf(log) };
  return { ...unsigned, hash: hashOf(unsigned) };
};

export type ChainCheck = { readonly intact: true; readonly entries: number } | { readonly intact: false; readonly entries: number; readonly brokenAt: number; readonly reason: string };

/** Walks one chain in sequence order and names the first entry that does not follow from the one before. */
export const verifyChain = (log: string, entries: readonly AuditEntry[]): ChainCheck => {
  let previous: Pick<AuditEntry, 'seq' | 'hash'> | undefined;
  for (const entry of entries) {
    const expectedSeq = (previous?.seq ?? 0) + 1;
    const broken = (reason: string): ChainCheck => ({ intact: false, entries: entries.length, brokenAt: entry.seq, reason });
    if (entry.log !== log) return broken(`belongs to chain ${entry.log}`);
    if (entry.seq !== expectedSeq) return broken(`sequence ${entry.seq} where ${expectedSeq} was due: an entry is missing`);
    if (entry.prevHash !== (previous?.hash ?? genesisHashOf(log))) return broken('does not link to the entry before it');
    if (entry.hash !== hashOf(entry)) return broken('its content no longer matches its hash');
    previous = entry;
  }
  return { intact: true, entries: entries.length };
};
