/**
 * `npm run bench -- geofence`: the geofence engine against a naive point-in-polygon and Amazon
 * Location's `AccuracyBased` filtering, on one seeded population (2,000 stay-at-home person-days,
 * 500 with a departure, one ping a minute), in one run:
 *
 * - false exit alerts per 1,000 person-days (an alert while the person is truly inside the fence);
 * - detection delay of true departures, from the first ping more than 200 m from home to the alert,
 *   in pings and minutes (median, p99, max), and departures never alerted;
 * - positions each evaluates (Amazon Location bills each);
 * - evaluations/s in process: the engine, one ping per call as the positions handler gets them and
 *   in uploads of 10, against raw `@turf/boolean-point-in-polygon` on the same polygon and pings.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { compileFence, type PolygonFence } from '../shared/geo/fence-shape.ts';
import { evaluate, INITIAL_GEOFENCE_STATE, type GeofenceState, type Sample } from '../shared/geo/geofence.ts';
import { amazonLocationAccuracyBased, naivePointInPolygon, type BaselineOutcome } from './geofence-baselines.ts';
import { personDay, PINGS_PER_DAY, type PersonDay } from './geofence-tracks.ts';
import { closedLoop } from './harness/closed-loop.ts';
import { latencyFigures, publish, ratio, type Figure } from './harness/results.ts';
import { seededRandom } from './harness/random.ts';

const STAY_DAYS = 2000;
const LEAVE_DAYS = 500;
const UPLOAD = 5; // pings per upload: the phone sends what it has every five minutes

const random = seededRandom(2020);
const population: PersonDay[] = [
  ...Array.from({ length: STAY_DAYS }, (_, day) => personDay(random, 'stay', day)),
  ...Array.from({ length: LEAVE_DAYS }, (_, day) => personDay(random, 'leave', day)),
];
console.log(`population: ${STAY_DAYS} stay-at-home and ${LEAVE_DAYS} leaving person-days, ${(population.length * PINGS_PER_DAY).toLocaleString('en-US')} pings`);

/** The engine as the positions handler runs it: one upload at a time, each in the order it arrived (shuffled). */
const engine = (day: PersonDay): BaselineOutcome => {
  const index = new Map(day.samples.map((s, i) => [s.at, i]));
  const exits: number[] = [];
  let state: GeofenceState = INITIAL_GEOFENCE_STATE;
  for (let i = 0; i < day.samples.length; i += UPLOAD) {
    const upload = day.samples.slice(i, i + UPLOAD);
    for (let j = upload.length - 1; j > 0; j--) {
      const k = Math.floor(random() * (j + 1));
      [upload[j], upload[k]] = [upload[k]!, upload[j]!];
    }
    const result = evaluate(state, day.fence, upload);
    state = result.state;
    for (const t of result.transitions) if (t.kind !== 'return' && !t.permitted) exits.push(index.get(t.at)!);
  }
  return { exits, evaluated: day.samples.length };
};

const methods = {
  engine,
  'naive point-in-polygon': (day: PersonDay) => naivePointInPolygon(compileFence(day.fence), day.samples),
  'Amazon Location AccuracyBased': (day: PersonDay) => amazonLocationAccuracyBased(compileFence(day.fence), day.samples),
} as const;

const percentile = (sorted: readonly number[], p: number): number => (sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);

const figures: Figure[] = [];
for (const [name, method] of Object.entries(methods)) {
  let falseOnStays = 0;
  let falseOnLeavers = 0;
  let evaluated = 0;
  let missed = 0;
  const delayPings: number[] = [];
  const delayMinutes: number[] = [];
  const within2 = { walk: 0, car: 0 };
  const leavers = { walk: 0, car: 0 };
  const started = performance.now();
  for (const day of population) {
    const outcome = method(day);
    evaluated += outcome.evaluated;
    const falseExits = outcome.exits.filter((i) => day.trueSignedM[i]! <= 0).length;
    if (day.kind === 'stay') {
      falseOnStays += falseExits;
      continue;
    }
    falseOnLeavers += falseExits;
    leavers[day.byCar ? 'car' : 'walk'] += 1;
    const beyond200 = day.trueFromHomeM.findIndex((d) => d > 200);
    const detected = outcome.exits.find((i) => day.trueSignedM[i]! > 0 && day.trueFromHomeM[i]! > 0);
    if (detected === undefined) {
      missed += 1;
      continue;
    }
    delayPings.push(Math.max(0, detected - beyond200 + 1));
    if (detected - beyond200 + 1 <= 2) within2[day.byCar ? 'car' : 'walk'] += 1;
    delayMinutes.push(Math.max(0, (day.samples[detected]!.at - day.samples[beyond200]!.at) / 60_000));
  }
  const seconds = (performance.now() - started) / 1000;
  delayPings.sort((a, b) => a - b);
  delayMinutes.sort((a, b) => a - b);
  figures.push(
    { name: `${name}: false exit alerts per 1,000 stay-at-home days`, value: (falseOnStays / STAY_DAYS) * 1000, unit: 'alerts', better: 'lower' },
    { name: `${name}: false exit alerts per 1,000 person-days, all`, value: ((falseOnStays + falseOnLeavers) / population.length) * 1000, unit: 'alerts', better: 'lower' },
    { name: `${name}: departures never alerted`, value: missed, unit: `of ${LEAVE_DAYS}`, better: 'lower' },
    { name: `${name}: delay after passing 200 m, median`, value: percentile(delayPings, 50), unit: 'pings', better: 'lower' },
    { name: `${name}: delay after passing 200 m, p99`, value: percentile(delayPings, 99), unit: 'pings', better: 'lower' },
    { name: `${name}: delay after passing 200 m, max`, value: percentile(delayPings, 100), unit: 'pings', better: 'lower' },
    { name: `${name}: delay after passing 200 m, median`, value: percentile(delayMinutes, 50), unit: 'min', better: 'lower' },
    { name: `${name}: delay after passing 200 m, p99`, value: percentile(delayMinutes, 99), unit: 'min', better: 'lower' },
    { name: `${name}: departures within 2 pings of passing 200 m`, value: (delayPings.filter((d) => d <= 2).length / LEAVE_DAYS) * 100, unit: '%', better: 'higher' },
    { name: `${name}: walks alerted within 2 pings of passing 200 m`, value: (within2.walk / leavers.walk) * 100, unit: '%', better: 'higher' },
    { name: `${name}: drives alerted within 2 pings of passing 200 m`, value: (within2.car / leavers.car) * 100, unit: '%', better: 'higher' },
    { name: `${name}: positions evaluated`, value: (evaluated / (population.length * PINGS_PER_DAY)) * 100, unit: '% of pings', better: 'lower' },
  );
  console.log(`${name}: ${seconds.toFixed(1)} s for the population`);
}

// Throughput, in process: the same polygon and the same pings for all three; each call of the loop
// does 1,000 evaluations, because a single one is far under the loop's own microsecond.
const polygonDay = population.find((d) => d.fence.type === 'polygon' && d.kind === 'stay')!;
const circleDay = population.find((d) => d.fence.type === 'circle' && d.kind === 'stay')!;
const polygon = polygonDay.fence as PolygonFence;
const ring = polygon.coordinates.map(([lng, lat]) => [lng, lat]);
const xs = ring.map((p) => p[0]!);
const ys = ring.map((p) => p[1]!);
// The baseline at its best: a Feature with its bbox, which turf checks first.
const turfPolygon = { type: 'Feature' as const, properties: {}, bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as [number, number, number, number], geometry: { type: 'Polygon' as const, coordinates: [ring] } };
const points = polygonDay.samples.map((s) => [s.lng, s.lat] as [number, number]);
const PER_CALL = 1000;

/** Evaluates the day's pings one per call of `evaluate`, from the state the last left, restarting the day when it ends. */
const engineLoop = (day: PersonDay, perUpload: number) => {
  const compiled = compileFence(day.fence);
  let state: GeofenceState = INITIAL_GEOFENCE_STATE;
  let next = 0;
  const uploads: Sample[][] = [];
  for (let i = 0; i < day.samples.length; i += perUpload) uploads.push(day.samples.slice(i, i + perUpload));
  return async () => {
    for (let done = 0; done < PER_CALL; done += perUpload) {
      if (next === uploads.length) {
        next = 0;
        state = INITIAL_GEOFENCE_STATE;
      }
      state = evaluate(state, compiled, uploads[next++]!).state;
    }
  };
};

let sink = 0;
const turfLoop = () => {
  let next = 0;
  return async () => {
    for (let done = 0; done < PER_CALL; done++) {
      if (booleanPointInPolygon(points[next]!, turfPolygon)) sink += 1;
      next = (next + 1) % points.length;
    }
  };
};

// Short spans in rotating order, medians over the rounds: the machine is shared, and load that
// drifts over a minute would otherwise favour whichever ran in the quiet part.
const span = { warmup: { seconds: 0.5 }, measure: { seconds: 1 } };
const loops = { turf: turfLoop(), single: engineLoop(polygonDay, 1), upload: engineLoop(polygonDay, 10), circle: engineLoop(circleDay, 1) };
const rounds: Record<keyof typeof loops, number[]> = { turf: [], single: [], upload: [], circle: [] };
const last: Partial<Record<keyof typeof loops, Awaited<ReturnType<typeof closedLoop>>>> = {};
const order = Object.keys(loops) as (keyof typeof loops)[];
for (let round = 0; round < 9; round++) {
  for (let i = 0; i < order.length; i++) {
    const which = order[(round + i) % order.length]!;
    const result = await closedLoop(loops[which], span);
    rounds[which].push(result.perSecond * PER_CALL);
    last[which] = result;
  }
}
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
figures.push(
  { name: `raw @turf/boolean-point-in-polygon (${ring.length - 1} vertices)`, value: median(rounds.turf), unit: 'evaluations/s', better: 'higher' },
  { name: 'engine, polygon, one ping per evaluate()', value: median(rounds.single), unit: 'evaluations/s', better: 'higher' },
  { name: 'engine, polygon, uploads of 10', value: median(rounds.upload), unit: 'evaluations/s', better: 'higher' },
  { name: 'engine, circle, one ping per evaluate()', value: median(rounds.circle), unit: 'evaluations/s', better: 'higher' },
  ratio('engine one ping / raw point-in-polygon', median(rounds.single), median(rounds.turf), 'higher'),
  ratio('engine uploads of 10 / raw point-in-polygon', median(rounds.upload), median(rounds.turf), 'higher'),
  ...latencyFigures(`raw point-in-polygon, ${PER_CALL} calls`, last.turf!.latency, ['p50', 'p99']),
  ...latencyFigures(`engine, ${PER_CALL} evaluate() of one ping`, last.single!.latency, ['p50', 'p99']),
  ...latencyFigures(`engine, ${PER_CALL / 10} evaluate() of 10 pings`, last.upload!.latency, ['p50', 'p99']),
);
if (sink < 0) console.log(sink);

publish('geofence', figures);
