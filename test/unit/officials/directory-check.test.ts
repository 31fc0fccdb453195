import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OFFICIAL_ROLES, type Official } from '../../../shared/auth/principal.ts';
import { admission } from '../../../shared/officials/directory-check.ts';
import type { DirectoryOfficial } from '../../../shared/officials/official.ts';

const claims: Official = { kind: 'official', officerId: 'o-1', role: 'officer', region: '11' };
const entry = (overrides: Partial<DirectoryOfficial> = {}): DirectoryOfficial => ({
  officerId: 'o-1',
  role: 'officer',
  region: '11',
  name: '박지훈',
  email: 'jihoon.park@example.org',
  enabled: true,
  createdAt: '2026-12-01T00:00:00.000Z',
  createdBy: 'admin-0001',
  ...overrides,
});

describe('whether a signed-in official may act now', () => {
  it('admits only an enabled official whose role and region the directory holds as the token says', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OFFICIAL_ROLES), fc.constantFrom('11', '27'), fc.boolean(), (role, region, enabled) => {
        const verdict = admission(claims, entry({ role, region, enabled }));
        if (!enabled) expect(verdict).toBe('disabled');
        else expect(verdict).toBe(role === claims.role && region === claims.region ? 'admitted' : 'changed');
      }),
    );
  });

  it('refuses an official the directory does not hold', () => {
    expect(admission(claims, undefined)).toBe('unknown');
  });
});
