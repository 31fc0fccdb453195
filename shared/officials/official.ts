import type { AuditActor } from '../audit/audit-trail.ts';
import type { Official, OfficialRole } from '../auth/principal.ts';

/**
 * An official as the directory holds them. The name and e-mail are an official's work identity, not a
 * citizen's data: they are kept in the clear (the table is encrypted at rest on AWS, as Cognito holds
 * them too), shown to the admins of their region, and never written to logs or the audit trail.
 */
export interface DirectoryOfficial {
  readonly officerId: string;
  readonly role: OfficialRole;
  readonly region: string;
  readonly name: string;
  /** Lower case: Cognito signs in by e-mail, case-insensitively, and one address is one official. */
  readonly email: string;
  readonly enabled: boolean;
  readonly createdAt: string;
  /** The officer id of the admin who created them (`seed` for the demo's officials). */
  readonly createdBy: string;
  readonly disabledAt?: string;
  readonly disabledBy?: string;
}

/** What an admin asks for when creating an official. */
export interface OfficialRequest {
  readonly officerId?: string | undefined;
  readonly name: string;
  readonly email: string;
  readonly role: OfficialRole;
  readonly region: string;
}

/** Officer ids end up in a path segment `<officerId>:disable`, in Cognito's `custom:officer_id` (64 at most) and in tokens. */
export const OFFICER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const normalisedEmail = (email: string): string => email.trim().toLowerCase();

/** An official as the audit trail names them: by id, role and region, never by name. */
export const auditActorOf = (official: Official): AuditActor => ({
  kind: 'official',
  officerId: official.officerId,
  role: official.role,
  region: official.region,
});
