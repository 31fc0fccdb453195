/**
 * fast-check arbitraries for the geofence properties: homes and fences in Korea, and tracks of
 * people who stay, leave or go out and come back, with the GPS lies the issue describes.
 */
import fc from 'fast-check';
import type { LatLng } from '../../../shared/geo/distance.ts';
import type { Fence } from '../../../shared/geo/fence-shape.ts';
import type { Sample } from '../../../shared/geo/geofence.ts';

const METRES_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;

/** The point `east` and `north` metres from `origin`. */
export const offset = (origin: LatLng, east: number, north: number): LatLng => ({
  lat: origin.lat + north / METRES_PER_DEGREE,
  lng: origin.lng + east / (METRES_PER_DEGREE * Math.cos((origin.lat * Math.PI) / 180)),
});

export const polar = (origin: LatLng, distance: number, bearing: number): LatLng => offset(origin, distance * Math.sin(bearing), distance * Math.cos(bearing));

export const korea = fc.record({ lat: fc.double({ min: 33.2, max: 38.5, noNaN: true }), lng: fc.double({ min: 124.7, max: 131.7, noNaN: true }) });
const bearing = fc.double({ min: 0, max: 2 * Math.PI, noNaN: true, maxExcluded: true });
const fraction = fc.double({ min: 0, max: 1, noNaN: true });

/** A fence around `home` and a point of the home inside it (at any depth, the edge included). */
export interface Home {
  readonly fence: Fence;
  readonly home: LatLng;
}

const circleHome = fc.record({ center: korea, radiusM: fc.integer({ min: 30, max: 300 }), depth: fraction, b: bearing }).map(
  ({ center, radiusM, depth, b }): Home => ({ fence: { type: 'circle', center, radiusM }, home: polar(center, radiusM * depth, b) }),
);

/** Star-shaped around its centre (vertices at strictly increasing bearings), so never self-intersecting. */
const polygonHome = fc
  .record({
    center: korea,
    radii: fc.array(fc.integer({ min: 40, max: 200 }), { minLength: 3, maxLength: 24 }),
    jitter: fc.double({ min: 0, max: 0.9, noNaN: true }),
    vertex: fc.nat(),
    depth: fraction,
  })
  .map(({ center, radii, jitter, vertex, depth }): Home => {
    const step = (2 * Math.PI) / radii.length;
    const ring = radii.map((r, i) => polar(center, r, i * step + jitter * step)).map((p) => [p.lng, p.lat] as const);
    const toward = vertex % radii.length;
    // On the segment from the centre to a vertex: inside a star-shaped ring.
    return { fence: { type: 'polygon', coordinates: [...ring, ring[0]!] }, home: polar(center, radii[toward]! * depth * 0.999, toward * step + jitter * step) };
  });

export const homeInFence = fc.oneof(circleHome, polygonHome);

export const START = Date.UTC(2020, 2, 1, 0, 0, 0);

/** Gaps between pings: a phone that reports every 10 s to every 10 min. */
const gapMs = fc.integer({ min: 10_000, max: 600_000 });

/** An honest indoor fix: reported accuracy 20–80 m, off by at most twice that (~99 % of real fixes). */
const indoorFix = fc.record({ accuracyM: fc.integer({ min: 20, max: 80 }), error: fraction, b: bearing });

/** A lie: 200–1,500 m from the truth, sometimes claiming 2 m accuracy. */
const outlierFix = fc.record({ distance: fc.integer({ min: 200, max: 1500 }), b: bearing, accuracyM: fc.oneof(fc.constant(2), fc.integer({ min: 20, max: 80 })) });

/**
 * A person who stays at home: indoor fixes and now and then an outlier, never two outliers in a
 * row (an honest fix always comes between; two lies that agree are indistinguishable from a walk).
 */
export const stayAtHome = fc.record({
  where: homeInFence,
  steps: fc.array(fc.record({ gap: gapMs, fix: indoorFix, outlier: fc.option(outlierFix, { freq: 6 }) }), { minLength: 1, maxLength: 150 }),
}).map(({ where, steps }) => {
  let at = START;
  let lastWasOutlier = false;
  const samples = steps.map(({ gap, fix, outlier }): Sample => {
    at += gap;
    if (outlier !== null && !lastWasOutlier) {
      lastWasOutlier = true;
      return { at, ...polar(where.home, outlier.distance, outlier.b), accuracyM: outlier.accuracyM };
    }
    lastWasOutlier = false;
    return { at, ...polar(where.home, 2 * fix.accuracyM * fix.error, fix.b), accuracyM: fix.accuracyM };
  });
  return { ...where, samples };
});

/**
 * A person at home (circle fence of 100 m around it) who walks away at 0.8–2 m/s, pinging every
 * 30–90 s with outdoor fixes (3–25 m accuracy, off by at most that), and stays out beyond 300 m.
 * `beyond200At` is the index of the first sample whose true position is more than 200 m from home.
 */
export const leaver = fc
  .record({
    center: korea,
    stay: fc.array(fc.record({ gap: gapMs, fix: indoorFix, outlier: fc.option(outlierFix, { freq: 6 }) }), { minLength: 0, maxLength: 30 }),
    speed: fc.double({ min: 0.8, max: 2, noNaN: true }),
    heading: bearing,
    walk: fc.infiniteStream(fc.record({ gap: fc.integer({ min: 30_000, max: 90_000 }), accuracyM: fc.integer({ min: 3, max: 25 }), error: fraction, b: bearing })),
    staysOut: fc.integer({ min: 1, max: 10 }),
  })
  .map(({ center, stay, speed, heading, walk, staysOut }) => {
    const fence: Fence = { type: 'circle', center, radiusM: 100 };
    let at = START;
    let lastWasOutlier = false;
    const samples: Sample[] = stay.map(({ gap, fix, outlier }) => {
      at += gap;
      if (outlier !== null && !lastWasOutlier) {
        lastWasOutlier = true;
        return { at, ...polar(center, outlier.distance, outlier.b), accuracyM: outlier.accuracyM };
      }
      lastWasOutlier = false;
      return { at, ...polar(center, 2 * fix.accuracyM * fix.error, fix.b), accuracyM: fix.accuracyM };
    });
    const leftAt = at;
    let beyond200At = -1;
    let beyond300 = 0;
    for (const step of walk) {
      at += step.gap;
      const walked = (speed * (at - leftAt)) / 1000;
      if (walked > 200 && beyond200At < 0) beyond200At = samples.length;
      if (walked > 300) beyond300 += 1;
      samples.push({ at, ...polar(polar(center, walked, heading), step.accuracyM * step.error, step.b), accuracyM: step.accuracyM });
      if (beyond300 > staysOut) break;
    }
    return { fence, samples, beyond200At, leftAt };
  });

/**
 * A person who goes out `trips` times (beyond 300 m, for a while) and comes back home each time,
 * with honest fixes (indoor at home, outdoor outside) and isolated outliers. `returns` counts the
 * true re-entries.
 */
export const excursions = fc
  .record({
    center: korea,
    trips: fc.array(
      fc.record({ homeFor: fc.integer({ min: 0, max: 15 }), away: fc.integer({ min: 300, max: 3000 }), outFor: fc.integer({ min: 0, max: 15 }), b: bearing }),
      { minLength: 1, maxLength: 5 },
    ),
    fixes: fc.infiniteStream(fc.record({ gap: gapMs, indoor: indoorFix, outdoorAccuracyM: fc.integer({ min: 3, max: 25 }), outlier: fc.option(outlierFix, { freq: 8 }) })),
  })
  .map(({ center, trips, fixes }) => {
    const fence: Fence = { type: 'circle', center, radiusM: 100 };
    const stream = fixes[Symbol.iterator]();
    const samples: Sample[] = [];
    let at = START;
    let lastWasOutlier = false;
    const ping = (truth: LatLng, indoors: boolean) => {
      const fix = stream.next().value!;
      at += fix.gap;
      if (fix.outlier !== null && !lastWasOutlier) {
        lastWasOutlier = true;
        samples.push({ at, ...polar(truth, fix.outlier.distance, fix.outlier.b), accuracyM: fix.outlier.accuracyM });
        return;
      }
      lastWasOutlier = false;
      const accuracyM = indoors ? fix.indoor.accuracyM : fix.outdoorAccuracyM;
      samples.push({ at, ...polar(truth, (indoors ? 2 : 1) * accuracyM * fix.indoor.error, fix.indoor.b), accuracyM });
    };
    for (const trip of trips) {
      for (let i = 0; i < trip.homeFor; i++) ping(center, true);
      for (let i = 0; i < trip.outFor; i++) ping(polar(center, trip.away, trip.b), false);
    }
    ping(center, true);
    return { fence, samples, reentries: trips.filter((t) => t.outFor > 0).length };
  });

/** Anything: fixes anywhere within 3 km of a fence, any accuracy, any gap, duplicates and all. */
export const anyTrack = fc
  .record({
    where: homeInFence,
    fixes: fc.array(
      fc.record({ gap: fc.integer({ min: 1, max: 900_000 }), distance: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 3000 })), b: bearing, accuracyM: fc.integer({ min: 1, max: 150 }) }),
      { minLength: 0, maxLength: 120 },
    ),
  })
  .map(({ where, fixes }) => {
    let at = START;
    const samples = fixes.map(({ gap, distance, b, accuracyM }): Sample => {
      at += gap;
      return { at, ...polar(where.home, distance, b), accuracyM };
    });
    return { ...where, samples };
  });

/** Deterministic shuffling and splitting, from a seed fast-check draws (so failures replay). */
const mulberry32 = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/**
 * The track as a phone might upload it: split into batches at random points (in time order, as
 * uploads are), each batch shuffled, some samples sent twice.
 */
export const asBatches = (samples: readonly Sample[], seed: number): Sample[][] => {
  const random = mulberry32(seed);
  const batches: Sample[][] = [];
  let current: Sample[] = [];
  for (const sample of samples) {
    current.push(sample);
    if (random() < 0.15) current.push({ ...sample });
    if (random() < 0.3) {
      batches.push(current);
      current = [];
    }
  }
  batches.push(current);
  for (const batch of batches) {
    for (let i = batch.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [batch[i], batch[j]] = [batch[j]!, batch[i]!];
    }
  }
  return batches;
};
