import { createHash } from 'node:crypto';
import { REGION_CODES } from '../../../shared/geo/regions.ts';
import { newSchemeResidentNumberFor, residentNumberFor } from '../../../shared/people/resident-number.ts';
import type { Seeder } from './seeder.ts';

/** How many households `npm start` registers unless DEMO_HOUSEHOLDS says otherwise: enough to chart the "paid" curve by region, about two seconds of the first start. */
export const DEFAULT_DEMO_HOUSEHOLDS = 300;
/** One import per data directory: its fixed id makes a restart find it and upload nothing again. */
export const DEMO_REGISTRY_IMPORT = 'demo-registry-2020';
/** How many households that have not applied go to demo-credentials.json. */
const LISTED = 20;

export interface DemoHousehold {
  readonly householdId: string;
  readonly regionCode: string;
  /** Fictional resident numbers, the head's first. */
  readonly members: readonly string[];
}

/**
 * The demo registry, drawn from the data directory's seed: households of 1–5 people over the 17
 * regions (Seoul and Gyeonggi the largest, as in 2020), about one member in ten with a number of the
 * post-October-2020 scheme (no check digit), so both kinds reach the card companies' applications.
 */
export const demoHouseholds = (seed: string, count = DEFAULT_DEMO_HOUSEHOLDS): DemoHousehold[] => {
  const bytes = (i: number) => createHash('sha256').update(`${seed}#household#${i}`).digest();
  const weights = REGION_CODES.map((code) => (code === '11' ? 4 : code === '41' ? 5 : code === '26' ? 2 : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  return Array.from({ length: count }, (_, i) => {
    const b = bytes(i);
    let pick = b.readUInt16BE(0) % total;
    const regionCode = REGION_CODES[weights.findIndex((w) => (pick -= w) < 0)] ?? '11';
    const size = 1 + (b[2]! % 5);
    const members = Array.from({ length: size }, (_, m) => {
      const adult = m < 2;
      const year = adult ? 1950 + (b[3 + m]! % 50) : 2000 + (b[3 + m]! % 20);
      const birth = { year, month: 1 + (b[8 + m]! % 12), day: 1 + (b[13 + m]! % 28) };
      const serial = (i * 7 + m) % 100_000;
      return b[18 + m]! % 10 === 0 ? newSchemeResidentNumberFor(birth, (i * 31 + m) % 1_000_000, m % 2 === 1) : residentNumberFor(birth, serial, m % 2 === 1);
    });
    return { householdId: `DEMO-${String(i + 1).padStart(5, '0')}`, regionCode, members };
  });
};

export const demoRegistryCsv = (households: readonly DemoHousehold[]): string =>
  ['householdId,headResidentId,memberResidentIds,regionCode', ...households.map((h) => `${h.householdId},${h.members[0]},${h.members.slice(1).join(';')},${h.regionCode}`)].join('\n') + '\n';

/**
 * The demo registry goes in as an administrator's would: the import route, a PUT of the file at the
 * upload URL, the queue and its worker. Once per data directory; `households` in demo-credentials.json
 * lists some that have not applied (no grant yet), with the head's number to apply with.
 */
export const reliefRegistrySeeder = (count: number): Seeder => ({
  name: 'household registry',
  async seed({ derive, credentials, progress, queuesDrained }) {
    const { HouseholdsRepository } = await import('../../../shared/data/households-repository.ts');
    const began = Date.now();
    const households = demoHouseholds(derive('relief-registry'), count);
    const admin = credentials.officials.find((o) => o.role === 'national-admin');
    if (!admin) throw new Error('The registry seed needs the demo national administrator (seeded by the officials seeder)');
    const started = await fetch(`${credentials.baseUrl}/v1/admin/households:import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ importId: DEMO_REGISTRY_IMPORT, format: 'csv' }),
    });
    if (started.status !== 200 && started.status !== 201) throw new Error(`The registry import did not start: ${started.status} ${await started.text()}`);
    const { uploadUrl, uploadHeaders } = (await started.json()) as { uploadUrl: string; uploadHeaders: Record<string, string> };
    // 412: uploaded on an earlier start, whose queue journal carries on with it.
    const put = await fetch(uploadUrl, { method: 'PUT', headers: uploadHeaders, body: demoRegistryCsv(households) });
    if (put.status !== 200 && put.status !== 412) throw new Error(`The registry upload failed: ${put.status} ${await put.text()}`);
    await queuesDrained?.();

    const candidates = households.slice(0, LISTED * 3);
    const stored = await new HouseholdsRepository().read(candidates.map((h) => h.householdId));
    for (const h of candidates) {
      if (credentials.households.length >= LISTED) break;
      const found = stored.get(h.householdId);
      if (!found || found.granted) continue;
      credentials.households.push({ householdId: h.householdId, headResidentId: h.members[0] ?? '', size: h.members.length, regionCode: h.regionCode });
    }
    progress(`demo household registry: ${households.length} households${started.status === 201 ? ' imported' : ''}, ${credentials.households.length} not yet applied (${((Date.now() - began) / 1000).toFixed(1)} s)`);
  },
});
