import type { AuditActor, AuditEvent } from '../audit/audit-trail.ts';
import type { Official } from '../auth/principal.ts';
import { parsePartnerKeys, partnerSecretOf, rotatePartnerSecret, validSecrets, withPartnerSecret, type PartnerKeys } from './partner-secrets.ts';

/** A card company as admins see it; its secrets are never part of it. */
export interface Partner {
  readonly partnerId: string;
  readonly name: string;
  readonly addedAt: string;
  readonly addedBy: string;
  readonly rotatedAt?: string;
}

/** The `relief-partners` table: the partners and the lease on the `partner-keys` secret. */
export interface PartnerDirectory {
  get(partnerId: string): Promise<Partner | undefined>;
  /** False when the partner exists already. */
  create(partner: Partner): Promise<boolean>;
  markRotated(partnerId: string, at: string): Promise<void>;
  list(): Promise<Partner[]>;
  /** True when `holder` now holds the lease until `until` (none held, or the last holder's ran out). */
  acquireLease(holder: string, now: Date, until: Date): Promise<boolean>;
  releaseLease(holder: string): Promise<void>;
}

/** The one JSON secret all partners' webhook keys live in (Secrets Manager on AWS). */
export interface PartnerKeysStore {
  read(options?: { readonly fresh?: boolean }): Promise<string>;
  write(text: string): Promise<void>;
  readonly staleSeconds: number;
}

export interface PartnersDependencies {
  readonly directory: PartnerDirectory;
  readonly keys: PartnerKeysStore;
  readonly audit: { append(event: AuditEvent): Promise<unknown> };
  readonly actorOf: (official: Official) => AuditActor;
  readonly randomKey: () => Uint8Array;
  readonly now?: () => Date;
  /** Between tries for a lease another admin holds. */
  readonly pause?: (attempt: number) => Promise<void>;
}

/**
 * 30 s, three times the function's timeout: a holder that dies mid-write is forgotten after it, and
 * one that is alive has always finished (or been stopped by Lambda) before another can take over.
 */
export const LEASE_MS = 30_000;
/** ~5 s of waiting for another admin's change (each one is a read and a write of one secret). */
const LEASE_ATTEMPTS = 50;

export type Added = { readonly kind: 'added'; readonly partner: Partner; readonly secret: string; readonly acceptedFrom: string };
export type Rotated = { readonly kind: 'rotated'; readonly partnerId: string; readonly secret: string; readonly previousValidUntil: string | null; readonly acceptedFrom: string };
export type Refused = { readonly kind: 'exists'; readonly partnerId: string } | { readonly kind: 'not-found'; readonly partnerId: string } | { readonly kind: 'busy' };

export interface PartnerListing extends Partner {
  /** How many secrets verify now: 2 during a rotation's grace, else 1. */
  readonly validSecrets: number;
  readonly previousValidUntil: string | null;
}

/**
 * Admins add card companies and rotate their secrets. Every change of the `partner-keys` secret is
 * a read-modify-write of one JSON value for all partners, so it runs under a lease: two admins at the
 * same moment each see the other's change, and none is lost.
 */
export class Partners {
  readonly #deps: PartnersDependencies;
  readonly #now: () => Date;

  constructor(deps: PartnersDependencies) {
    this.#deps = deps;
    this.#now = deps.now ?? (() => new Date());
  }

  async add(official: Official, request: { partnerId: string; name: string }, requestId: string): Promise<Added | Refused> {
    return this.#underLease(async () => {
      const { directory, keys } = this.#deps;
      if (await directory.get(request.partnerId)) return { kind: 'exists', partnerId: request.partnerId } as const;
      const secret = partnerSecretOf(this.#deps.randomKey());
      const now = this.#now();
      // The secret first: a crash before the partner item leaves a key nobody lists, and the retry replaces it.
      await keys.write(JSON.stringify(withPartnerSecret(await this.#freshKeys(), request.partnerId, secret)));
      const partner: Partner = { partnerId: request.partnerId, name: request.name, addedAt: now.toISOString(), addedBy: official.officerId };
      if (!(await directory.create(partner))) return { kind: 'exists', partnerId: request.partnerId } as const;
      await this.#audit(official, 'partner.add', request.partnerId, now, requestId);
      return { kind: 'added', partner, secret, acceptedFrom: this.#acceptedFrom(now) } as const;
    });
  }

  async rotate(official: Official, partnerId: string, requestId: string): Promise<Rotated | Refused> {
    return this.#underLease(async () => {
      const { directory, keys } = this.#deps;
      if (!(await directory.get(partnerId))) return { kind: 'not-found', partnerId } as const;
      const secret = partnerSecretOf(this.#deps.randomKey());
      const now = this.#now();
      const rotation = rotatePartnerSecret(await this.#freshKeys(), partnerId, secret, now);
      // The secret last: had a failure after it lost the answer, the admin's retry would rotate again and
      // drop the secret the company signs with, for one nobody has seen.
      await directory.markRotated(partnerId, now.toISOString());
      await this.#audit(official, 'partner.rotate-secret', partnerId, now, requestId);
      await keys.write(JSON.stringify(rotation.keys));
      return { kind: 'rotated', partnerId, secret, previousValidUntil: rotation.previousValidUntil, acceptedFrom: this.#acceptedFrom(now) } as const;
    });
  }

  async list(official: Official, requestId: string): Promise<PartnerListing[]> {
    const now = this.#now();
    const [partners, keys] = await Promise.all([this.#deps.directory.list(), this.#deps.keys.read().then(parsePartnerKeys)]);
    await this.#audit(official, 'partner.list', 'all', now, requestId);
    return partners.map((partner) => {
      const held = keys[partner.partnerId] ?? [];
      const previous = held.slice(1).find((key) => typeof key !== 'string' && validSecrets([key], now).length > 0);
      return { ...partner, validSecrets: validSecrets(held, now).length, previousValidUntil: previous && typeof previous !== 'string' ? previous.validUntil : null };
    });
  }

  async #freshKeys(): Promise<PartnerKeys> {
    return parsePartnerKeys(await this.#deps.keys.read({ fresh: true }));
  }

  /** Other containers still serve their cached copy of the secret until then. */
  #acceptedFrom(now: Date): string {
    return new Date(now.getTime() + this.#deps.keys.staleSeconds * 1000).toISOString();
  }

  async #audit(official: Official, action: string, partnerId: string, at: Date, requestId: string): Promise<void> {
    await this.#deps.audit.append({ actor: this.#deps.actorOf(official), action, subject: { kind: 'partner', id: partnerId }, region: official.region, at: at.toISOString(), requestId });
  }

  async #underLease<T>(change: () => Promise<T>): Promise<T | { readonly kind: 'busy' }> {
    const holder = Buffer.from(this.#deps.randomKey()).toString('base64url');
    const pause = this.#deps.pause ?? ((attempt: number) => new Promise((done) => setTimeout(done, 20 + Math.random() * 10 * Math.min(attempt, 10))));
    for (let attempt = 1; ; attempt++) {
      const now = this.#now();
      if (await this.#deps.directory.acquireLease(holder, now, new Date(now.getTime() + LEASE_MS))) break;
      if (attempt >= LEASE_ATTEMPTS) return { kind: 'busy' };
      await pause(attempt);
    }
    try {
      return await change();
    } finally {
      await this.#deps.directory.releaseLease(holder);
    }
  }
}
