/**
 * A seeded synthetic population for the geofence bench: person-days of one ping a minute, with the
 * GPS noise phones show. Honest fixes scatter around the truth as Android's accuracy means it (a
 * 2-D normal whose 68 % circle is the reported accuracy); indoors that is 20–80 m. One fix in 200
 * is a lie 200–1,500 m off, three in ten of those claiming 2 m; lies are independent, so two in a
 * row happen too (about 70 times in 2,000 days).
 *
 * Stay-at-home people never leave the flat (they move around it by up to 10 m). Leavers stay home
 * for 1–15 hours, walk (1.0–1.6 m/s) or drive (walk 50 m, then 8–14 m/s) 400 m–5 km away, stay
 * 20–120 minutes and come back the same way.
 */
import type { LatLng } from '../shared/geo/distance.ts';
import { compileFence, type Fence } from '../shared/geo/fence-shape.ts';
import type { Sample } from '../shared/geo/geofence.ts';
import type { Random } from './harness/random.ts';

const METRES_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;
const MINUTE = 60_000;
export const PINGS_PER_DAY = 1440;
const DAY_START = Date.UTC(2020, 2, 1, 15, 0, 0); // midnight in Seoul

export const polar = (origin: LatLng, distance: number, bearing: number): LatLng => ({
  lat: origin.lat + (distance * Math.cos(bearing)) / METRES_PER_DEGREE,
  lng: origin.lng + (distance * Math.sin(bearing)) / (METRES_PER_DEGREE * Math.cos((origin.lat * Math.PI) / 180)),
});

export interface PersonDay {
  readonly kind: 'stay' | 'leave';
  readonly byCar: boolean;
  readonly fence: Fence;
  readonly samples: readonly Sample[];
  /** Per sample: the true position's distance from home and its signed distance to the fence. */
  readonly trueFromHomeM: Float64Array;
  readonly trueSignedM: Float64Array;
}

const uniform = (random: Random, min: number, max: number) => min + (max - min) * random();

/** Distance of an honest fix from the truth: Rayleigh, with 68 % of fixes within `accuracyM`. */
const honestError = (random: Random, accuracyM: number) => (accuracyM / 1.5096) * Math.sqrt(-2 * Math.log(1 - random()));

const fenceAround = (random: Random, home: LatLng): Fence => {
  if (random() < 0.7) return { type: 'circle', center: home, radiusM: 100 };
  // A block of flats drawn by hand: 8–16 vertices 60–120 m from the home.
  const n = 8 + Math.floor(random() * 9);
  const ring = Array.from({ length: n }, (_, i) => polar(home, uniform(random, 60, 120), (2 * Math.PI * (i + 0.5 * random())) / n)).map((p) => [p.lng, p.lat] as const);
  return { type: 'polygon', coordinates: [...ring, ring[0]!] };
};

const OUTLIER_RATE = 1 / 200;

const fixAround = (random: Random, truth: LatLng, accuracyM: number, at: number): Sample => {
  if (random() < OUTLIER_RATE) {
    const lie = polar(truth, uniform(random, 200, 1500), uniform(random, 0, 2 * Math.PI));
    return { at, ...lie, accuracyM: random() < 0.3 ? 2 : Math.round(uniform(random, 20, 80)) };
  }
  return { at, ...polar(truth, honestError(random, accuracyM), uniform(random, 0, 2 * Math.PI)), accuracyM: Math.round(accuracyM) };
};

export const personDay = (random: Random, kind: 'stay' | 'leave', day: number): PersonDay => {
  const home = { lat: uniform(random, 37.45, 37.65), lng: uniform(random, 126.85, 127.15) };
  const fence = fenceAround(random, home);
  const shape = compileFence(fence);
  const indoor = uniform(random, 20, 80);
  const start = DAY_START + day * PINGS_PER_DAY * MINUTE;

  // The truth minute by minute: at home, or along a straight trip and back.
  const leaveAt = kind === 'leave' ? Math.floor(uniform(random, 60, 900)) : Number.POSITIVE_INFINITY;
  const byCar = random() < 0.4;
  const speed = byCar ? uniform(random, 8, 14) : uniform(random, 1, 1.6);
  const destination = uniform(random, 400, 5000);
  const heading = uniform(random, 0, 2 * Math.PI);
  const stayFor = uniform(random, 20, 120) * 60;
  const secondsTo = (d: number) => (byCar ? Math.min(d, 50) / 1.3 + Math.max(0, d - 50) / speed : d / speed);
  const travel = secondsTo(destination);
  const distanceAt = (seconds: number): number => {
    if (seconds <= 0) return 0;
    const along = (s: number) => {
      if (byCar) return s <= 50 / 1.3 ? s * 1.3 : Math.min(destination, 50 + (s - 50 / 1.3) * speed);
      return Math.min(destination, s * speed);
    };
    if (seconds <= travel) return along(seconds);
    if (seconds <= travel + stayFor) return destination;
    return Math.max(0, destination - along(seconds - travel - stayFor));
  };

  const samples: Sample[] = [];
  const trueFromHomeM = new Float64Array(PINGS_PER_DAY);
  const trueSignedM = new Float64Array(PINGS_PER_DAY);
  for (let minute = 0; minute < PINGS_PER_DAY; minute++) {
    const at = start + minute * MINUTE + Math.round(uniform(random, -5000, 5000));
    const away = distanceAt(minute * 60 - leaveAt * 60);
    const inFlat = polar(home, uniform(random, 0, 10), uniform(random, 0, 2 * Math.PI));
    const truth = away > 0 ? polar(inFlat, away, heading) : inFlat;
    const atDestination = away >= destination;
    const accuracy = away > 0 && !atDestination ? uniform(random, 3, 20) : indoor * uniform(random, 0.8, 1.2);
    samples.push(fixAround(random, truth, accuracy, at));
    trueFromHomeM[minute] = away;
    trueSignedM[minute] = shape.signedDistanceM(truth);
  }
  return { kind, byCar: kind === 'leave' && byCar, fence, samples, trueFromHomeM, trueSignedM };
};
