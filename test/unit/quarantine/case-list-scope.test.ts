import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OFFICIAL_ROLES, type Official } from '../../../shared/auth/principal.ts';
import { REGION_CODES } from '../../../shared/geo/regions.ts';
import { caseListScope } from '../../../shared/quarantine/quarantine-cases.ts';

const official = (role: Official['role'], region: string, officerId = 'officer-x'): Official => ({ kind: 'official', role, region, officerId });

describe('which cases a listing reads', () => {
  it('is an officer’s own cases, an admin’s region, and a colleague’s when named', () => {
    expect(caseListScope(official('officer', '11', 'officer-a'), {})).toEqual({ region: '11', officerId: 'officer-a' });
    expect(caseListScope(official('officer', '11', 'officer-a'), { officerId: 'officer-b' })).toEqual({ region: '11', officerId: 'officer-b' });
    expect(caseListScope(official('admin', '27'), {})).toEqual({ region: '27' });
    expect(caseListScope(official('national-admin', '11'), { region: '48' })).toEqual({ region: '48' });
  });

  it('never reaches a region outside the official’s, unless they are a national admin', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OFFICIAL_ROLES), fc.constantFrom(...REGION_CODES), fc.constantFrom(...REGION_CODES), (role, own, asked) => {
        const scope = caseListScope(official(role, own), { region: asked });
        if (role === 'national-admin' || own === asked) expect(scope).toMatchObject({ region: asked });
        else expect(scope).toMatchObject({ kind: 'forbidden' });
      }),
    );
  });
});
