import { registerOfficial } from '../local-officials.ts';
import type { Seeder } from './seeder.ts';

/** Demo tokens last 30 days, so a script written against a running demo keeps working. */
const DEMO_TOKEN_SECONDS = 30 * 24 * 3600;

/** Two regions with an admin and officers each, a third with an officer, and a national admin. */
export const DEMO_OFFICIALS = [
  { role: 'national-admin', region: '11', officerId: 'national-admin-01', name: '이서연', email: 'seoyeon.lee@example.org' },
  { role: 'admin', region: '11', officerId: 'admin-0001', name: '김민준', email: 'minjun.kim@example.org' },
  { role: 'officer', region: '11', officerId: 'officer-seoul-01', name: '박지훈', email: 'jihoon.park@example.org' },
  { role: 'officer', region: '11', officerId: 'officer-seoul-02', name: '최수아', email: 'sua.choi@example.org' },
  { role: 'admin', region: '27', officerId: 'admin-daegu-01', name: '정도윤', email: 'doyoon.jung@example.org' },
  { role: 'officer', region: '27', officerId: 'officer-daegu-01', name: '강하은', email: 'haeun.kang@example.org' },
  { role: 'officer', region: '41', officerId: 'officer-gyeonggi-01', name: '윤서준', email: 'seojun.yoon@example.org' },
] as const;

/**
 * The demo officials in the directory (once: a restart keeps whatever admins did to them since) and a
 * token for each one still enabled in `demo-credentials.json`. One an admin disabled is left out, as a
 * rotated store key is: their token would only be refused.
 */
export const officialsSeeder: Seeder = {
  name: 'officials',
  async seed({ issuer, credentials }) {
    for (const { name, email, ...claims } of DEMO_OFFICIALS) {
      const official = await registerOfficial(claims, { name, email, createdBy: 'seed' });
      if (!official.enabled) continue;
      credentials.officials.push({ ...claims, token: await issuer.sign(claims, DEMO_TOKEN_SECONDS) });
    }
  },
};
