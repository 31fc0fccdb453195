import { forbidden } from '../http/problem.ts';

/** Who is calling, whatever the runtime proved it with. Handlers receive exactly one of these. */
export type Principal =
  | { readonly kind: 'public' }
  | { readonly kind: 'store'; readonly storeCode: string }
  | { readonly kind: 'device'; readonly caseId: string }
  | { readonly kind: 'partner'; readonly partnerId: string }
  | {
      readonly kind: 'official';
      readonly officerId: string;
      readonly role: OfficialRole;
      /** Administrative region code (2-digit province, e.g. `11` Seoul); only a national admin sees others. */
      readonly region: string;
    };

/**
 * A case officer works in one region on their own cases; a region admin manages that region's officials
 * and sees all of its alerts; a national admin sees every region (imports, national settlements).
 */
export type OfficialRole = 'officer' | 'admin' | 'national-admin';
export const OFFICIAL_ROLES: readonly OfficialRole[] = ['officer', 'admin', 'national-admin'];

export type Official = Extract<Principal, { kind: 'official' }>;

/** Whether an official may see what belongs to a region. */
export const seesRegion = (official: Official, region: string): boolean =>
  official.role === 'national-admin' || official.region === region;

/** A store key updates only its own store. */
export const requireStore = (principal: Principal, storeCode: string): void => {
  if (principal.kind !== 'store' || principal.storeCode !== storeCode) {
    throw forbidden(`This key belongs to another store; it may not act for store ${storeCode}.`);
  }
};

/** A device token checks in only for its own case. */
export const requireCase = (principal: Principal, caseId: string): void => {
  if (principal.kind !== 'device' || principal.caseId !== caseId) {
    throw forbidden('This device token belongs to another case.');
  }
};

export const requireOfficial = (principal: Principal): Official => {
  if (principal.kind !== 'official') throw forbidden('Only officials may do this.');
  return principal;
};

/** An official sees only their region; a national admin sees all. */
export const requireRegion = (principal: Principal, region: string): Official => {
  const official = requireOfficial(principal);
  if (!seesRegion(official, region)) throw forbidden(`Region ${region} is outside your region ${official.region}.`);
  return official;
};

/** A region admin or a national admin. */
export const requireAdmin = (principal: Principal): Official => {
  if (principal.kind !== 'official' || principal.role === 'officer') throw forbidden('Only administrators may do this.');
  return principal;
};

export const requireNationalAdmin = (principal: Principal): Official => {
  if (principal.kind !== 'official' || principal.role !== 'national-admin') throw forbidden('Only national administrators may do this.');
  return principal;
};
