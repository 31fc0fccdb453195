import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth/principal.ts';
import { settlementScope, statsScope } from '../../../shared/relief/report-scope.ts';

const national: Principal = { kind: 'official', role: 'national-admin', region: '11', officerId: 'nat' };
const busanAdmin: Principal = { kind: 'official', role: 'admin', region: '26', officerId: 'adm' };
const kb: Principal = { kind: 'partner', partnerId: 'kb' };
const NOW = new Date('2020-05-20T03:00:00Z');

describe('who reads which relief report', () => {
  it('lets a card company read only its own settlement, a national admin any, a region admin none', () => {
    expect(settlementScope(kb, 'kb')).toEqual({ partnerId: 'kb' });
    expect(settlementScope(kb, 'nh')).toMatchObject({ kind: 'forbidden' });
    expect(settlementScope(national, 'nh')).toEqual({ partnerId: 'nh' });
    expect(settlementScope(busanAdmin, 'kb')).toMatchObject({ kind: 'forbidden' });
  });

  it('shows a region admin their region and refuses another, and a national admin every region or the one asked', () => {
    expect(statsScope(busanAdmin, {}, NOW)).toMatchObject({ regions: ['26'] });
    expect(statsScope(busanAdmin, { region: '11' }, NOW)).toMatchObject({ kind: 'forbidden' });
    expect(statsScope(national, {}, NOW)).toMatchObject({ regions: expect.arrayContaining(['11', '26', '52']) });
    expect(statsScope(national, { region: '48' }, NOW)).toMatchObject({ regions: ['48'] });
    expect(statsScope(kb, {}, NOW)).toMatchObject({ kind: 'forbidden' });
  });

  it('reads the 30 days to today in Korea by default, and at most 200 days at once', () => {
    const late = new Date('2020-05-19T15:30:00Z'); // 00:30 on the 20th in Seoul
    expect(statsScope(national, {}, late)).toMatchObject({ from: '2020-04-21', to: '2020-05-20' });
    expect(statsScope(national, { from: '2020-05-11' }, NOW)).toMatchObject({ from: '2020-05-11', to: '2020-06-09' });
    expect(statsScope(national, { from: '2020-01-01', to: '2020-12-31' }, NOW)).toMatchObject({ kind: 'invalid', field: 'query.to' });
  });
});
