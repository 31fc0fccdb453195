import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellOf, coverCircle } from '../../../shared/geo/cell-cover.ts';
import { distanceM } from '../../../shared/geo/distance.ts';

const korea = fc.record({ lat: fc.double({ min: 33.1, max: 38.6, noNaN: true }), lng: fc.double({ min: 124.6, max: 131.8, noNaN: true }) });

describe('the cell cover of a circle', () => {
  it('includes the cell of every point within the radius, so no store is missed', () => {
    fc.assert(
      fc.property(korea, fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), (center, radius, fraction, bearing) => {
        const d = radius * fraction;
        const point = {
          lat: center.lat + (d * Math.cos(bearing)) / 111_320,
          lng: center.lng + (d * Math.sin(bearing)) / (111_320 * Math.cos((center.lat * Math.PI) / 180)),
        };
        fc.pre(distanceM(center, point) <= radius);
        expect(coverCircle(center, radius)).toContain(cellOf(point));
      }),
      { numRuns: 300 },
    );
  });

  it('stays small: at most four cells for 1 km and twenty for 5 km, anywhere in Korea', () => {
    fc.assert(
      fc.property(korea, (center) => {
        expect(coverCircle(center, 1000).length).toBeLessThanOrEqual(4);
        expect(coverCircle(center, 5000).length).toBeLessThanOrEqual(20);
      }),
      { numRuns: 300 },
    );
  });
});
