import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import turfDistance from '@turf/distance';
import { pointToPolygonDistance } from '@turf/point-to-polygon-distance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileFence, validateFence, type PolygonFence } from '../../../shared/geo/fence-shape.ts';
import { homeInFence, korea, polar } from './tracks.ts';

const seoul = { lat: 37.5665, lng: 126.978 };
const square = (sideM: number): [number, number][] => {
  const corners = [polar(seoul, 0, 0), polar(polar(seoul, sideM, Math.PI / 2), 0, 0), polar(polar(seoul, sideM, Math.PI / 2), sideM, 0), polar(seoul, sideM, 0)];
  return [...corners, corners[0]!].map((p) => [p.lng, p.lat]);
};

describe('validating a fence an official drew', () => {
  it('gives a circle the 100 m default radius', () => {
    expect(validateFence({ type: 'circle', center: seoul })).toEqual({ ok: true, fence: { type: 'circle', center: seoul, radiusM: 100 } });
  });

  it('refuses a radius outside 30–2,000 m, naming the field', () => {
    for (const radiusM of [29, 2001, Number.NaN]) {
      expect(validateFence({ type: 'circle', center: seoul, radiusM })).toEqual({ ok: false, problems: [expect.objectContaining({ field: 'radiusM', code: 'radius-out-of-range' })] });
    }
    expect(validateFence({ type: 'circle', center: seoul, radiusM: 30 }).ok).toBe(true);
    expect(validateFence({ type: 'circle', center: seoul, radiusM: 2000 }).ok).toBe(true);
  });

  it('names every bad coordinate at once', () => {
    const result = validateFence({ type: 'circle', center: { lat: 91, lng: 181 }, radiusM: 10 });
    expect(result.ok ? [] : result.problems.map((p) => p.field)).toEqual(['center.lat', 'center.lng', 'radiusM']);
    const polygon = validateFence({ type: 'polygon', coordinates: [[126.9, 37.5], [126.9, 95], [200, 37.5], [126.9, 37.5]] });
    expect(polygon.ok ? [] : polygon.problems.map((p) => p.field)).toEqual(['coordinates[1][1]', 'coordinates[2][0]']);
  });

  it('accepts a closed square and refuses it open, too short or with more than 200 vertices', () => {
    expect(validateFence({ type: 'polygon', coordinates: square(40) }).ok).toBe(true);
    const open = square(40).slice(0, -1);
    expect(validateFence({ type: 'polygon', coordinates: open })).toMatchObject({ ok: false, problems: [{ field: 'coordinates[3]', code: 'ring-not-closed' }] });
    expect(validateFence({ type: 'polygon', coordinates: square(40).slice(0, 3) })).toMatchObject({ ok: false, problems: [{ code: 'too-few-positions' }] });
    const circleOf = (n: number) => {
      const ring = Array.from({ length: n }, (_, i) => polar(seoul, 100, (2 * Math.PI * i) / n)).map((p) => [p.lng, p.lat] as [number, number]);
      return [...ring, ring[0]!];
    };
    expect(validateFence({ type: 'polygon', coordinates: circleOf(200) }).ok).toBe(true);
    expect(validateFence({ type: 'polygon', coordinates: circleOf(201) })).toMatchObject({ ok: false, problems: [{ field: 'coordinates', code: 'too-many-vertices' }] });
  });

  it('refuses a ring that crosses itself (a bow tie)', () => {
    const [a, b, c, d] = square(50);
    expect(validateFence({ type: 'polygon', coordinates: [a!, c!, b!, d!, a!] })).toMatchObject({ ok: false, problems: [{ field: 'coordinates', code: 'self-intersection' }] });
  });

  it('refuses a fence wider than 4 km and one with no area', () => {
    expect(validateFence({ type: 'polygon', coordinates: square(3500) })).toMatchObject({ ok: false, problems: [{ code: 'too-large' }] });
    const [a, b] = square(50);
    expect(validateFence({ type: 'polygon', coordinates: [a!, b!, a!, a!] })).toMatchObject({ ok: false });
  });

  it('accepts every star-shaped polygon and every circle the tests draw', () => {
    fc.assert(
      fc.property(homeInFence, ({ fence }) => {
        expect(validateFence(fence)).toEqual({ ok: true, fence });
      }),
      { numRuns: 200 },
    );
  });
});

describe('the distance from a point to the fence', () => {
  const point = fc.record({ distance: fc.double({ min: 0, max: 3000, noNaN: true }), bearing: fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }) });

  it('matches turf for circles: the great-circle distance to the centre less the radius, within 0.1 % + 5 cm', () => {
    fc.assert(
      fc.property(korea, fc.integer({ min: 30, max: 2000 }), point, (center, radiusM, { distance, bearing }) => {
        const p = polar(center, distance, bearing);
        const expected = turfDistance([center.lng, center.lat], [p.lng, p.lat], { units: 'meters' }) - radiusM;
        expect(Math.abs(compileFence({ type: 'circle', center, radiusM }).signedDistanceM(p) - expected)).toBeLessThan(0.05 + 0.001 * distance);
      }),
      { numRuns: 300 },
    );
  });

  it('matches turf for polygons: inside by turf is negative, and the distance agrees within 0.1 % + 5 cm', () => {
    fc.assert(
      fc.property(homeInFence.filter((h) => h.fence.type === 'polygon'), point, ({ fence }, { distance, bearing }) => {
        const ring = (fence as PolygonFence).coordinates.map(([lng, lat]) => [lng, lat]);
        const first = { lng: ring[0]![0]!, lat: ring[0]![1]! };
        const p = polar(first, distance, bearing);
        const signed = compileFence(fence).signedDistanceM(p);
        const polygon = { type: 'Polygon' as const, coordinates: [ring] };
        const expected = pointToPolygonDistance([p.lng, p.lat], polygon, { units: 'meters' });
        expect(Math.abs(signed - expected)).toBeLessThan(0.05 + 0.001 * Math.abs(expected));
        if (Math.abs(expected) > 0.01) expect(signed < 0).toBe(booleanPointInPolygon([p.lng, p.lat], polygon));
      }),
      { numRuns: 300 },
    );
  });
});
