import { kinks } from '@turf/kinks';
import type { LatLng } from './distance.ts';

/**
 * A quarantine case's home fence, as an official draws it: a circle around the address, or a
 * polygon around the building (GeoJSON order, `[lng, lat]`, closed ring, no holes).
 */
export interface CircleFence {
  readonly type: 'circle';
  readonly center: LatLng;
  readonly radiusM: number;
}

export interface PolygonFence {
  readonly type: 'polygon';
  readonly coordinates: readonly (readonly [number, number])[];
}

export type Fence = CircleFence | PolygonFence;

/** 100 m: a flat, its stairwell and the street door, with room for a geocoded address a few tens of metres off. */
export const DEFAULT_RADIUS_M = 100;
/** Below 30 m an indoor fix (20–80 m accuracy) could never be judged inside. */
export const MIN_RADIUS_M = 30;
/** 2 km: a farm or a village; beyond that a fence no longer says "at home". */
export const MAX_RADIUS_M = 2000;
/** 200 vertices (201 positions with the closing one) is far more than a building needs and bounds each evaluation. */
export const MAX_POLYGON_VERTICES = 200;
/** A polygon spans at most a largest circle's diameter, which also keeps the flat frame below exact to centimetres. */
export const MAX_POLYGON_SPAN_M = 2 * MAX_RADIUS_M;
/** Smaller than a room is a drawing slip, not a home. */
const MIN_POLYGON_AREA_M2 = 25;

/** A circle as a client may send it: the radius may be left to the default. */
export type FenceInput = Omit<CircleFence, 'radiusM'> & { readonly radiusM?: number } | PolygonFence;

export type FenceProblemCode =
  | 'radius-out-of-range'
  | 'latitude-out-of-range'
  | 'longitude-out-of-range'
  | 'ring-not-closed'
  | 'too-few-positions'
  | 'too-many-vertices'
  | 'self-intersection'
  | 'too-large'
  | 'no-area';

/** A field-named problem, as data: the handler prefixes the field (`body.fence.`) and maps it to problem+json. */
export interface FenceProblem {
  /** Relative to the fence: `radiusM`, `center.lat`, `coordinates`, `coordinates[3][1]`. */
  readonly field: string;
  readonly code: FenceProblemCode;
  readonly message: string;
}

export type FenceValidation = { readonly ok: true; readonly fence: Fence } | { readonly ok: false; readonly problems: readonly FenceProblem[] };

const latitudeProblem = (field: string, lat: number): FenceProblem | undefined =>
  Number.isFinite(lat) && lat >= -90 && lat <= 90 ? undefined : { field, code: 'latitude-out-of-range', message: 'must be a latitude between -90 and 90' };

const longitudeProblem = (field: string, lng: number): FenceProblem | undefined =>
  Number.isFinite(lng) && lng >= -180 && lng <= 180 ? undefined : { field, code: 'longitude-out-of-range', message: 'must be a longitude between -180 and 180' };

const defined = <T>(items: readonly (T | undefined)[]): T[] => items.filter((item): item is T => item !== undefined);

const validateCircle = (input: Extract<FenceInput, { type: 'circle' }>): FenceValidation => {
  const radiusM = input.radiusM ?? DEFAULT_RADIUS_M;
  const problems = defined([
    latitudeProblem('center.lat', input.center.lat),
    longitudeProblem('center.lng', input.center.lng),
    Number.isFinite(radiusM) && radiusM >= MIN_RADIUS_M && radiusM <= MAX_RADIUS_M
      ? undefined
      : { field: 'radiusM', code: 'radius-out-of-range' as const, message: `must be between ${MIN_RADIUS_M} and ${MAX_RADIUS_M} metres` },
  ]);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, fence: { type: 'circle', center: { lat: input.center.lat, lng: input.center.lng }, radiusM } };
};

const validatePolygon = (input: PolygonFence): FenceValidation => {
  const ring = input.coordinates;
  const positions = defined(ring.flatMap(([lng, lat], i) => [longitudeProblem(`coordinates[${i}][0]`, lng), latitudeProblem(`coordinates[${i}][1]`, lat)]));
  if (positions.length > 0) return { ok: false, problems: positions };
  if (ring.length < 4) return { ok: false, problems: [{ field: 'coordinates', code: 'too-few-positions', message: 'a closed ring needs at least 4 positions (3 vertices and the first again)' }] };
  if (ring.length > MAX_POLYGON_VERTICES + 1) {
    return { ok: false, problems: [{ field: 'coordinates', code: 'too-many-vertices', message: `at most ${MAX_POLYGON_VERTICES} vertices (${MAX_POLYGON_VERTICES + 1} positions with the closing one); got ${ring.length - 1}` }] };
  }
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    return { ok: false, problems: [{ field: `coordinates[${ring.length - 1}]`, code: 'ring-not-closed', message: 'the last position must repeat the first, so the ring is closed' }] };
  }
  const frame = FlatFrame.around(first);
  const flat = ring.map((position) => frame.project(position));
  const span = Math.max(...flat.map(([x, y]) => Math.hypot(x, y)));
  if (span > MAX_POLYGON_SPAN_M) {
    return { ok: false, problems: [{ field: 'coordinates', code: 'too-large', message: `spans ${Math.round(span)} m; a home fence spans at most ${MAX_POLYGON_SPAN_M} m` }] };
  }
  const crossings = kinks({ type: 'Polygon', coordinates: [ring.map(([lng, lat]) => [lng, lat])] }).features;
  if (crossings.length > 0) {
    const [lng, lat] = crossings[0]!.geometry.coordinates;
    return { ok: false, problems: [{ field: 'coordinates', code: 'self-intersection', message: `the ring crosses itself (near ${lat?.toFixed(6)}, ${lng?.toFixed(6)})` }] };
  }
  if (Math.abs(shoelaceArea(flat)) < MIN_POLYGON_AREA_M2) {
    return { ok: false, problems: [{ field: 'coordinates', code: 'no-area', message: `encloses less than ${MIN_POLYGON_AREA_M2} m²` }] };
  }
  return { ok: true, fence: { type: 'polygon', coordinates: ring.map(([lng, lat]) => [lng, lat] as const) } };
};

/** Checks a fence an official drew; every problem names its field, so a handler maps them to a 400 as they are. */
export const validateFence = (input: FenceInput): FenceValidation => (input.type === 'circle' ? validateCircle(input) : validatePolygon(input));

/**
 * Metres east and north of an origin (equirectangular, on the same mean Earth radius as
 * `@turf/distance`). Within a fence's 4 km it agrees with the great circle to centimetres, and a
 * distance costs a few multiplications instead of trigonometry: evaluation runs for every ping.
 */
class FlatFrame {
  static readonly #metresPerDegree = (6_371_008.8 * Math.PI) / 180;

  private constructor(
    readonly lng0: number,
    readonly lat0: number,
    readonly kx: number,
    readonly ky: number,
  ) {}

  static around([lng, lat]: readonly [number, number]): FlatFrame {
    return new FlatFrame(lng, lat, FlatFrame.#metresPerDegree * Math.cos((lat * Math.PI) / 180), FlatFrame.#metresPerDegree);
  }

  project([lng, lat]: readonly [number, number]): [number, number] {
    return [(lng - this.lng0) * this.kx, (lat - this.lat0) * this.ky];
  }
}

const shoelaceArea = (flat: readonly (readonly [number, number])[]): number => {
  let twice = 0;
  for (let i = 0; i + 1 < flat.length; i++) twice += flat[i]![0] * flat[i + 1]![1] - flat[i + 1]![0] * flat[i]![1];
  return twice / 2;
};

/**
 * A fence ready to judge positions: the signed distance in metres from a point to the fence's
 * boundary, negative inside. Build it once per fence (`compileFence`), use it for every sample.
 */
export interface CompiledFence {
  readonly fence: Fence;
  signedDistanceM(point: LatLng): number;
}

const compileCircle = (fence: CircleFence): CompiledFence => {
  const { lng0, lat0, kx, ky } = FlatFrame.around([fence.center.lng, fence.center.lat]);
  const radiusM = fence.radiusM;
  return {
    fence,
    signedDistanceM: ({ lat, lng }) => Math.hypot((lng - lng0) * kx, (lat - lat0) * ky) - radiusM,
  };
};

const compilePolygon = (fence: PolygonFence): CompiledFence => {
  const ring = fence.coordinates;
  const frame = FlatFrame.around(ring[0]!);
  const { lng0, lat0, kx, ky } = frame;
  // Per edge, what every evaluation would otherwise recompute: start, direction, 1/length², dx/dy.
  const edges = ring.length - 1;
  const table = new Float64Array(edges * 6);
  for (let i = 0; i < edges; i++) {
    const [ax, ay] = frame.project(ring[i]!);
    const [bx, by] = frame.project(ring[i + 1]!);
    const dx = bx - ax;
    const dy = by - ay;
    table.set([ax, ay, dx, dy, 1 / (dx * dx + dy * dy || 1), dy === 0 ? 0 : dx / dy], i * 6);
  }
  return {
    fence,
    signedDistanceM: ({ lat, lng }) => {
      const px = (lng - lng0) * kx;
      const py = (lat - lat0) * ky;
      let nearest = Number.POSITIVE_INFINITY;
      let inside = false;
      for (let e = 0; e < table.length; e += 6) {
        const wx = px - table[e]!;
        const wy = py - table[e + 1]!;
        const dx = table[e + 2]!;
        const dy = table[e + 3]!;
        let along = (wx * dx + wy * dy) * table[e + 4]!;
        along = along < 0 ? 0 : along > 1 ? 1 : along;
        const ex = wx - along * dx;
        const ey = wy - along * dy;
        const squared = ex * ex + ey * ey;
        if (squared < nearest) nearest = squared;
        // Ray casting in the same pass. The frame is affine in lng/lat, so this is the planar test
        // @turf/boolean-point-in-polygon makes (the tests hold it to turf's answer).
        if (wy < 0 !== wy < dy && wx < table[e + 5]! * wy) inside = !inside;
      }
      const distance = Math.sqrt(nearest);
      return inside ? -distance : distance;
    },
  };
};

/** A valid fence (see `validateFence`) compiled for evaluation. */
export const compileFence = (fence: Fence): CompiledFence => (fence.type === 'circle' ? compileCircle(fence) : compilePolygon(fence));
