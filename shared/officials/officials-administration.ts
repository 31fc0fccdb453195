import { randomBytes } from 'node:crypto';
import type { AuditEvent } from '../audit/audit-trail.ts';
import type { Official } from '../auth/principal.ts';
import { requestFingerprint } from '../platform/request-fingerprint.ts';
import { AccountExistsError, AccountMissingError, AccountsBusyError, type OfficialAccounts } from '../ports/official-accounts.ts';
import { auditActorOf, normalisedEmail, type DirectoryOfficial, type OfficialRequest } from './official.ts';
import { refusalToChangeStatus, refusalToCreate, type Refusal } from './official-policy.ts';

/** What the directory table does for this service (the DynamoDB repository in both runtimes). */
export interface OfficialsDirectory {
  get(officerId: string): Promise<DirectoryOfficial | undefined>;
  create(
    official: DirectoryOfficial,
    fingerprint: string,
  ): Promise<{ kind: 'created' } | { kind: 'officer-id-taken'; existing: DirectoryOfficial; fingerprint: string | undefined } | { kind: 'email-taken' }>;
  remove(official: Pick<DirectoryOfficial, 'officerId' | 'email'>): Promise<void>;
  setEnabled(officerId: string, enabled: boolean, change: { at: string; by: string }): Promise<DirectoryOfficial | undefined>;
}

export interface AuditAppender {
  append(event: AuditEvent): Promise<unknown>;
}

/** What the official's alert subscriptions do when they are disabled (`OfficialSubscriptions.endAllOf`). */
export interface SubscriptionsOfOfficial {
  endAllOf(admin: Official, officerId: string, requestId?: string): Promise<{ ended: number; remaining: number }>;
}

export type CreateOutcome =
  | { readonly kind: 'created'; readonly official: DirectoryOfficial }
  | { readonly kind: 'refused'; readonly refusal: Refusal }
  /** The client's officer id already names an official created by another request. */
  | { readonly kind: 'officer-id-reused' }
  | { readonly kind: 'email-taken' }
  /** The user pool has an account with this e-mail that the directory does not know. */
  | { readonly kind: 'account-exists' }
  | { readonly kind: 'accounts-busy' };

export type StatusChange = 'disable' | 'enable';

export type StatusOutcome =
  /** `subscriptionsRemaining`: a disable whose SNS subscriptions SNS could not end just now (disable again). */
  | { readonly kind: 'changed'; readonly official: DirectoryOfficial; readonly subscriptionsRemaining?: number }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'refused'; readonly refusal: Refusal }
  | { readonly kind: 'account-missing' }
  | { readonly kind: 'accounts-busy' };

/** An id for an official whose admin chose none: the role and region a person reads, and 8 random hex digits. */
const generatedOfficerId = (request: OfficialRequest): string =>
  `${request.role}-${request.region}-${randomBytes(4).toString('hex')}`;

/**
 * Admins creating, disabling and enabling officials. The directory is written first when it makes an
 * official refusable sooner (a disable) and last when it would let one in sooner (an enable), so a failure
 * half-way leaves the official refused rather than admitted; a create that cannot make the account takes
 * its directory entry back out, so the same request can be sent again. Every change is audited, without
 * the name or e-mail.
 */
export interface AdministrationParts {
  readonly directory: OfficialsDirectory;
  readonly accounts: OfficialAccounts;
  readonly audit: AuditAppender;
  readonly now?: () => Date;
  readonly newOfficerId?: (request: OfficialRequest) => string;
  /** A disable ends the official's alert subscriptions; without it (creating officials) nothing is ended. */
  readonly subscriptions?: SubscriptionsOfOfficial;
}

export class OfficialsAdministration {
  private readonly directory: OfficialsDirectory;
  private readonly accounts: OfficialAccounts;
  private readonly audit: AuditAppender;
  private readonly now: () => Date;
  private readonly newOfficerId: (request: OfficialRequest) => string;
  private readonly subscriptions: SubscriptionsOfOfficial | undefined;

  constructor(parts: AdministrationParts) {
    this.directory = parts.directory;
    this.accounts = parts.accounts;
    this.audit = parts.audit;
    this.now = parts.now ?? (() => new Date());
    this.newOfficerId = parts.newOfficerId ?? generatedOfficerId;
    this.subscriptions = parts.subscriptions;
  }

  async create(actor: Official, request: OfficialRequest, requestId: string): Promise<CreateOutcome> {
    const refusal = refusalToCreate(actor, request);
    if (refusal) return { kind: 'refused', refusal };
    const email = normalisedEmail(request.email);
    const at = this.now().toISOString();
    const official: DirectoryOfficial = {
      officerId: request.officerId ?? this.newOfficerId(request),
      role: request.role,
      region: request.region,
      name: request.name.trim(),
      email,
      enabled: true,
      createdAt: at,
      createdBy: actor.officerId,
    };
    // Only what must match for a retry to be the same request; an e-mail address is not a citizen's identifier.
    const fingerprint = requestFingerprint({ name: official.name, email, role: official.role, region: official.region });

    const written = await this.directory.create(official, fingerprint);
    if (written.kind === 'email-taken') return written;
    if (written.kind === 'officer-id-taken') {
      return request.officerId !== undefined && written.fingerprint === fingerprint
        ? { kind: 'created', official: written.existing }
        : { kind: 'officer-id-reused' };
    }

    try {
      await this.accounts.create(official);
    } catch (error) {
      await this.directory.remove(official);
      if (error instanceof AccountExistsError) return { kind: 'account-exists' };
      if (error instanceof AccountsBusyError) return { kind: 'accounts-busy' };
      throw error;
    }
    await this.audit.append(this.#event(actor, 'official.create', official, at, requestId, `role ${official.role}`));
    return { kind: 'created', official };
  }

  async changeStatus(actor: Official, officerId: string, change: StatusChange, requestId: string): Promise<StatusOutcome> {
    const target = await this.directory.get(officerId);
    if (!target) return { kind: 'not-found' };
    const refusal = refusalToChangeStatus(actor, target);
    if (refusal) return { kind: 'refused', refusal };
    const at = this.now().toISOString();
    const unchanged = target.enabled === (change === 'enable');

    let official: DirectoryOfficial | undefined;
    try {
      if (change === 'disable') {
        official = await this.directory.setEnabled(officerId, false, { at, by: actor.officerId });
        if (official) await this.accounts.disable(official);
      } else {
        await this.accounts.enable(target);
        official = await this.directory.setEnabled(officerId, true, { at, by: actor.officerId });
      }
    } catch (error) {
      if (error instanceof AccountsBusyError) return { kind: 'accounts-busy' };
      if (error instanceof AccountMissingError) return { kind: 'account-missing' };
      throw error;
    }
    if (!official) return { kind: 'not-found' };
    const note = unchanged ? `already ${change === 'disable' ? 'disabled' : 'enabled'}` : undefined;
    await this.audit.append(this.#event(actor, `official.${change}`, official, at, requestId, note));
    // After the directory refuses them, so nothing reaches a disabled official whatever happens here; an
    // enabled official subscribes again themself, to the endpoints they still hold.
    const left = change === 'disable' && this.subscriptions ? (await this.subscriptions.endAllOf(actor, officerId, requestId)).remaining : 0;
    return { kind: 'changed', official, ...(left > 0 && { subscriptionsRemaining: left }) };
  }

  #event(actor: Official, action: string, official: DirectoryOfficial, at: string, requestId: string, note?: string): AuditEvent {
    return {
      actor: auditActorOf(actor),
      action,
      subject: { kind: 'official', id: official.officerId },
      region: official.region,
      at,
      requestId,
      ...(note !== undefined && { note }),
    };
  }
}
