import type { Seeder } from './seeder.ts';

/** Demo tokens last 30 days, so a script written against a running demo keeps working. */
const DEMO_TOKEN_SECONDS = 30 * 24 * 3600;

/** Two regions with an admin and officers each, a third with an officer, and a national admin. */
export const DEMO_OFFICIALS = [
  { role: 'national-admin', region: '11', officerId: 'national-admin-01' },
  { role: 'admin', region: '11', officerId: 'admin-0001' },
  { role: 'officer', region: '11', officerId: 'officer-seoul-01' },
  { role: 'officer', region: '11', officerId: 'officer-seoul-02' },
  { role: 'admin', region: '27', officerId: 'admin-daegu-01' },
  { role: 'officer', region: '27', officerId: 'officer-daegu-01' },
  { role: 'officer', region: '41', officerId: 'officer-gyeonggi-01' },
] as const;

export const officialsSeeder: Seeder = {
  name: 'officials',
  async seed({ issuer, credentials }) {
    for (const official of DEMO_OFFICIALS) {
      credentials.officials.push({ ...official, token: await issuer.sign(official, DEMO_TOKEN_SECONDS) });
    }
  },
};
