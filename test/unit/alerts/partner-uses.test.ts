import { describe, expect, it } from 'vitest';
import { PARTNER_SIGNATURE_USES } from '../../../infra/manifest/alerts.ts';
import { manifest } from '../../../infra/manifest/index.ts';
import { fixtureManifest } from '../../fixtures/fixture-manifest.ts';

/**
 * Every partner-signature route counts rejected signatures and may raise an alert, so on AWS its
 * function needs those tables granted; a relief webhook added without them would fail only in the cloud.
 */
describe('functions behind a partner signature', () => {
  it.each([
    ['the system', manifest],
    ['the test fixtures', fixtureManifest],
  ])('in %s declare the tables a rejected signature is counted and alerted in', (_name, m) => {
    const partnerFunctions = m.functions.filter((fn) => fn.triggers.some((t) => t.kind === 'http' && t.auth === 'partner-signature'));
    for (const fn of partnerFunctions) {
      for (const [table, access] of Object.entries(PARTNER_SIGNATURE_USES.tables)) expect(fn.uses.tables?.[table], `${fn.name} on ${table}`).toBe(access);
    }
  });
});
