import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OFFICIAL_ROLES, type Official } from '../../../shared/auth/principal.ts';
import { auditScope, listingScope, refusalToChangeStatus, refusalToCreate } from '../../../shared/officials/official-policy.ts';
import { REGION_CODES } from '../../../shared/geo/regions.ts';

const region = fc.constantFrom(...REGION_CODES);
const role = fc.constantFrom(...OFFICIAL_ROLES);
const officerId = fc.constantFrom('a-1', 'a-2', 'o-1', 'n-1');
const official = fc.record({ kind: fc.constant('official' as const), officerId, role, region }) as fc.Arbitrary<Official>;
const target = fc.record({ officerId, role, region });

describe('who may create whom', () => {
  it('an officer creates no one', () => {
    fc.assert(fc.property(official, target, (actor, wanted) => {
      if (actor.role !== 'officer') return;
      expect(refusalToCreate(actor, wanted)).toBe('not-an-admin');
    }));
  });

  it('a region admin creates exactly the officers and admins of their own region', () => {
    fc.assert(fc.property(official, target, (actor, wanted) => {
      if (actor.role !== 'admin') return;
      const allowed = wanted.region === actor.region && wanted.role !== 'national-admin';
      expect(refusalToCreate(actor, wanted) === undefined).toBe(allowed);
    }));
  });

  it('a national admin creates any role in any region', () => {
    fc.assert(fc.property(official, target, (actor, wanted) => {
      if (actor.role !== 'national-admin') return;
      expect(refusalToCreate(actor, wanted)).toBeUndefined();
    }));
  });
});

describe('who may disable or enable whom', () => {
  it('no one changes their own account', () => {
    fc.assert(fc.property(official, (actor) => {
      expect(refusalToChangeStatus(actor, { officerId: actor.officerId, role: actor.role, region: actor.region })).toBeDefined();
    }));
  });

  it('whoever may change another’s status could also have created them, and nobody else may', () => {
    fc.assert(fc.property(official, target, (actor, other) => {
      if (other.officerId === actor.officerId) return;
      expect(refusalToChangeStatus(actor, other)).toBe(refusalToCreate(actor, other));
    }));
  });

  it('a region admin never reaches another region or a national admin', () => {
    fc.assert(fc.property(official, target, (actor, other) => {
      if (actor.role !== 'admin') return;
      if (other.region !== actor.region || other.role === 'national-admin') expect(refusalToChangeStatus(actor, other)).toBeDefined();
    }));
  });
});

describe('what an admin may list and read', () => {
  it('a region admin sees their region and nothing else; a national admin any region or all', () => {
    fc.assert(fc.property(official, fc.option(region, { nil: undefined }), (actor, wanted) => {
      const listing = listingScope(actor, wanted);
      const audit = auditScope(actor, wanted);
      if (actor.role === 'officer') {
        expect(listing).toEqual({ refusal: 'not-an-admin' });
        expect(audit).toEqual({ refusal: 'not-an-admin' });
      } else if (actor.role === 'admin') {
        const own = wanted === undefined || wanted === actor.region;
        expect(listing).toEqual(own ? { region: actor.region } : { refusal: 'other-region' });
        expect(audit).toEqual(own ? { region: actor.region } : { refusal: 'other-region' });
      } else {
        expect(listing).toEqual({ region: wanted });
        expect(audit).toEqual({ region: wanted ?? actor.region });
      }
    }));
  });
});
