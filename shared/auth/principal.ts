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
      /** Administrative region code (2-digit province, e.g. `11` Seoul); admins may see every region. */
      readonly region: string;
    };

export type OfficialRole = 'admin' | 'officer';

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

/** An official sees only their region; an admin sees all. */
export const requireRegion = (principal: Principal, region: string): void => {
  if (principal.kind !== 'official') throw forbidden('Only officials may do this.');
  if (principal.role !== 'admin' && principal.region !== region) {
    throw forbidden(`Region ${region} is outside your region ${principal.region}.`);
  }
};

export const requireAdmin = (principal: Principal): void => {
  if (principal.kind !== 'official' || principal.role !== 'admin') {
    throw forbidden('Only administrators may do this.');
  }
};
