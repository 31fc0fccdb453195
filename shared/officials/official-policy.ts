import type { Official, OfficialRole } from '../auth/principal.ts';

/** Why an official may not do something to another; the handler turns each into a 403. */
export type Refusal = 'not-an-admin' | 'other-region' | 'role-above-yours' | 'yourself';

interface Target {
  readonly role: OfficialRole;
  readonly region: string;
}

/**
 * Who may create whom: a region admin creates officers and admins of their own region; only a national
 * admin creates national admins, and creates in any region. An officer creates no one.
 */
export const refusalToCreate = (actor: Official, target: Target): Refusal | undefined => {
  if (actor.role === 'officer') return 'not-an-admin';
  if (actor.role === 'national-admin') return undefined;
  if (target.region !== actor.region) return 'other-region';
  if (target.role === 'national-admin') return 'role-above-yours';
  return undefined;
};

/**
 * Who may disable or enable whom: as creating, and never oneself (an admin who locks themselves out
 * needs another admin; one who could re-enable themselves could undo their own suspension).
 */
export const refusalToChangeStatus = (actor: Official, target: Target & { readonly officerId: string }): Refusal | undefined => {
  if (actor.role === 'officer') return 'not-an-admin';
  if (target.officerId === actor.officerId) return 'yourself';
  return refusalToCreate(actor, target);
};

/** Which officials an admin may list: their region; a national admin the one asked for, or (`undefined`) all. */
export const listingScope = (actor: Official, region: string | undefined): { readonly region: string | undefined } | { readonly refusal: Refusal } => {
  if (actor.role === 'officer') return { refusal: 'not-an-admin' };
  if (actor.role === 'national-admin') return { region };
  if (region !== undefined && region !== actor.region) return { refusal: 'other-region' };
  return { region: actor.region };
};

/** Whose audit trail an admin may read: their region's (the default); a national admin any region's. */
export const auditScope = (actor: Official, region: string | undefined): { readonly region: string } | { readonly refusal: Refusal } => {
  if (actor.role === 'officer') return { refusal: 'not-an-admin' };
  const wanted = region ?? actor.region;
  if (actor.role === 'admin' && wanted !== actor.region) return { refusal: 'other-region' };
  return { region: wanted };
};
