import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countByBand, regionsToShow } from '../../../shared/masks/regional-view.ts';
import { REMAIN_STATS, remainStatOf } from '../../../shared/masks/remain-stat.ts';

describe('a region’s stores counted by band', () => {
  it('counts each band by the 2020 thresholds, a break whatever its last count', () => {
    expect(countByBand([{ remaining: 100 }, { remaining: 99 }, { remaining: 30 }, { remaining: 29 }, { remaining: 2 }, { remaining: 1 }, { remaining: 0 }, { remaining: 500, onBreak: true }, { remaining: 0, onBreak: false }])).toEqual({
      plenty: 1,
      some: 2,
      few: 2,
      empty: 3,
      break: 1,
    });
  });

  it('shows every band, zero where a region has none, and leaves out stores that never reported', () => {
    expect(countByBand([])).toEqual({ plenty: 0, some: 0, few: 0, empty: 0, break: 0 });
    expect(countByBand([{}, { onBreak: false }])).toEqual({ plenty: 0, some: 0, few: 0, empty: 0, break: 0 });
  });

  it('counts every reporting store exactly once, in the band the citizen page shows it in', () => {
    const level = fc.record({ remaining: fc.option(fc.nat(500), { nil: undefined }), onBreak: fc.option(fc.boolean(), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(level), (levels) => {
        const counts = countByBand(levels);
        const reporting = levels.filter((l) => remainStatOf(l.remaining, l.onBreak ?? false) !== undefined);
        expect(REMAIN_STATS.reduce((sum, band) => sum + counts[band], 0)).toBe(reporting.length);
        for (const band of REMAIN_STATS) expect(counts[band]).toBe(reporting.filter((l) => remainStatOf(l.remaining, l.onBreak ?? false) === band).length);
      }),
    );
  });
});

describe('the regions an official is shown', () => {
  const all = ['11', '26', '27'];
  it('are their own region unless they ask for one', () => {
    expect(regionsToShow({ role: 'admin', region: '27' }, undefined, all)).toEqual(['27']);
    expect(regionsToShow({ role: 'officer', region: '11' }, '11', all)).toEqual(['11']);
  });
  it('are every region for a national admin who asks for none', () => {
    expect(regionsToShow({ role: 'national-admin', region: '11' }, undefined, all)).toEqual(all);
    expect(regionsToShow({ role: 'national-admin', region: '11' }, '26', all)).toEqual(['26']);
  });
});
