/**
 * The quarantine screens' rules, free of the page: days left, Korean times in and out of the form's
 * fields, the new case's body and what is missing from it, the timeline's order, the region map's
 * points and counts. Tested in `test/unit/console/quarantine-case-view.test.ts`.
 *
 * @typedef {{ caseId: string, region: string, officerId: string, state: 'active' | 'ended' | 'purged', language: string,
 *   startsAt: string, endsAt: string, enrolled: boolean, fence: 'INSIDE' | 'OUTSIDE' | 'UNKNOWN', lastSeenAt?: string,
 *   lastCheckinAt?: string, locationOff?: boolean, openAlerts: number, home?: { lat: number, lng: number } }} CaseListItem
 * @typedef {{ at: string, kind: 'checkin' | 'position' | 'transition' | 'alert', [key: string]: unknown }} TimelineEntry
 * @typedef {{ field: string, key: string }} FormProblem  `field` the form's control id, `key` the message
 */

export const CASE_STATES = /** @type {const} */ (['active', 'ended', 'purged']);
export const FENCE_STATES = /** @type {const} */ (['INSIDE', 'OUTSIDE', 'UNKNOWN']);
export const CASE_LANGUAGES = /** @type {const} */ (['ko', 'en', 'zh']);
/** The spec's default circle: a flat, its stairwell and the street door (shared/geo/fence-shape.ts). */
export const DEFAULT_RADIUS_M = 100;
export const MIN_RADIUS_M = 30;
export const MAX_RADIUS_M = 2000;
/** Korea's 14 days of self-quarantine in 2020: what a new case's end is set to unless changed. */
export const DEFAULT_DAYS = 14;
const DAY_MS = 86_400_000;
/** Korea has no daylight saving time: its offset is always +09:00. */
const KOREA_OFFSET_MS = 9 * 3_600_000;

/**
 * Whole days until the case ends, counting a started day as one (0 once ended).
 * @param {string} endsAt @param {number} now epoch ms
 */
export const daysLeft = (endsAt, now) => {
  const end = Date.parse(endsAt);
  if (!Number.isFinite(end) || end <= now) return 0;
  return Math.ceil((end - now) / DAY_MS);
};

/**
 * What a `datetime-local` field shows for a time: the wall clock in Korea, to the minute.
 * @param {string | number | Date} time
 */
export const koreanFieldValue = (time) => new Date(new Date(time).getTime() + KOREA_OFFSET_MS).toISOString().slice(0, 16);

/**
 * A `datetime-local` value read as Korean time, as the API wants it (ISO with offset); undefined when
 * it is no time.
 * @param {string} value `2026-12-02T09:30`
 */
export const isoFromKoreanField = (value) => {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  const iso = `${value}:00+09:00`;
  return Number.isFinite(Date.parse(iso)) ? iso : undefined;
};

/** @param {string} value */
const numberOf = (value) => (value.trim() === '' ? undefined : Number(value));

/**
 * The `POST /v1/quarantine/cases` body from the form's values, or what the official must fix first.
 * The API checks everything again; these are the mistakes worth catching before a round trip.
 * @param {{ name: string, phone: string, language: string, lat: string, lng: string, address: string, radiusM: string,
 *   startsAt: string, endsAt: string, region: string, officerId?: string }} values
 * @returns {{ ok: true, body: Record<string, unknown> } | { ok: false, problems: FormProblem[] }}
 */
export const newCaseBody = (values) => {
  /** @type {FormProblem[]} */
  const problems = [];
  const name = values.name.trim();
  const phone = values.phone.trim();
  if (!name) problems.push({ field: 'case-name', key: 'console.quarantine.form.nameRequired' });
  if (!/^[+0-9][0-9 -]{6,19}$/.test(phone)) problems.push({ field: 'case-phone', key: 'console.quarantine.form.phoneInvalid' });
  const lat = numberOf(values.lat);
  const lng = numberOf(values.lng);
  const address = values.address.trim();
  if (lat !== undefined && !(Number.isFinite(lat) && lat >= -90 && lat <= 90)) problems.push({ field: 'case-lat', key: 'console.quarantine.form.latInvalid' });
  if (lng !== undefined && !(Number.isFinite(lng) && lng >= -180 && lng <= 180)) problems.push({ field: 'case-lng', key: 'console.quarantine.form.lngInvalid' });
  if ((lat === undefined) !== (lng === undefined)) problems.push({ field: lat === undefined ? 'case-lat' : 'case-lng', key: 'console.quarantine.form.bothCoordinates' });
  if (lat === undefined && lng === undefined && !address) problems.push({ field: 'case-lat', key: 'console.quarantine.form.homeRequired' });
  const radiusM = numberOf(values.radiusM) ?? DEFAULT_RADIUS_M;
  if (!(Number.isInteger(radiusM) && radiusM >= MIN_RADIUS_M && radiusM <= MAX_RADIUS_M)) problems.push({ field: 'case-radius', key: 'console.quarantine.form.radiusInvalid' });
  const startsAt = isoFromKoreanField(values.startsAt);
  const endsAt = isoFromKoreanField(values.endsAt);
  if (!startsAt) problems.push({ field: 'case-starts', key: 'console.quarantine.form.timeInvalid' });
  if (!endsAt) problems.push({ field: 'case-ends', key: 'console.quarantine.form.timeInvalid' });
  else if (startsAt && Date.parse(endsAt) <= Date.parse(startsAt)) problems.push({ field: 'case-ends', key: 'console.quarantine.form.endBeforeStart' });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    body: {
      person: { name, phone, language: values.language },
      home: { ...(lat !== undefined && lng !== undefined ? { lat, lng } : {}), ...(address ? { address } : {}) },
      fence: { type: 'circle', radiusM },
      startsAt,
      endsAt,
      region: values.region,
      ...(values.officerId ? { officerId: values.officerId } : {}),
    },
  };
};

/**
 * What the case page lists as its timeline: check-ins, fence transitions and alerts, newest first
 * (the outside positions have their own table under the map). Ties keep the API's order.
 * @param {readonly TimelineEntry[]} timeline
 */
export const timelineOf = (timeline) =>
  timeline
    .map((entry, i) => ({ entry, i }))
    .filter(({ entry }) => entry.kind !== 'position')
    .sort((a, b) => Date.parse(b.entry.at) - Date.parse(a.entry.at) || a.i - b.i)
    .map(({ entry }) => entry);

/**
 * The stored outside positions, oldest first (the order a walk was made).
 * @param {readonly TimelineEntry[]} timeline
 * @returns {{ at: string, lat: number, lng: number, accuracyM: number }[]}
 */
export const positionsOf = (timeline) =>
  timeline
    .filter((entry) => entry.kind === 'position' && typeof entry.lat === 'number' && typeof entry.lng === 'number')
    .map((entry) => ({ at: entry.at, lat: /** @type {number} */ (entry.lat), lng: /** @type {number} */ (entry.lng), accuracyM: Number(entry.accuracyM ?? 0) }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

/** Three decimals of a degree, ≈100 m: the most the region map ever shows of a home. @param {number} degrees */
export const roundHome = (degrees) => Math.round(degrees * 1000) / 1000;

/**
 * The region map's points: cases with a home, placed to ≈100 m whatever the list sent, newest first.
 * @param {readonly CaseListItem[]} items
 */
export const mapPointsOf = (items) =>
  items
    .filter((item) => item.home && Number.isFinite(item.home.lat) && Number.isFinite(item.home.lng))
    .map((item) => ({
      caseId: item.caseId,
      officerId: item.officerId,
      state: item.state,
      fence: item.fence,
      lat: roundHome(/** @type {{ lat: number }} */ (item.home).lat),
      lng: roundHome(/** @type {{ lng: number }} */ (item.home).lng),
    }));

/**
 * Cases counted by state and, within it, by fence state, every state and fence state present (zeros
 * included), so the table has the same rows and columns every time.
 * @param {readonly CaseListItem[]} items
 */
export const countsByState = (items) =>
  CASE_STATES.map((state) => {
    const of = items.filter((item) => item.state === state);
    return {
      state,
      total: of.length,
      fence: Object.fromEntries(FENCE_STATES.map((fence) => [fence, of.filter((item) => item.fence === fence).length])),
    };
  });

/**
 * The fence as the map draws it: a circle's centre and radius, or a polygon's ring in Leaflet's
 * `[lat, lng]` order (the API's is GeoJSON's `[lng, lat]`).
 * @param {{ type: 'circle', center?: { lat: number, lng: number }, radiusM: number } | { type: 'polygon', coordinates: [number, number][] }} fence
 * @param {{ lat: number, lng: number } | undefined} home
 * @returns {{ kind: 'circle', center: [number, number], radiusM: number } | { kind: 'polygon', ring: [number, number][] } | undefined}
 */
export const fenceShapeOf = (fence, home) => {
  if (!fence) return undefined;
  if (fence.type === 'polygon') return { kind: 'polygon', ring: fence.coordinates.map(([lng, lat]) => /** @type {[number, number]} */ ([lat, lng])) };
  const center = fence.center ?? home;
  if (!center) return undefined;
  return { kind: 'circle', center: [center.lat, center.lng], radiusM: fence.radiusM ?? DEFAULT_RADIUS_M };
};

/**
 * The `#/cases/<caseId>` address of a case; and back, the case an address names (or undefined).
 * @param {string} caseId
 */
export const caseHref = (caseId) => `#/cases/${encodeURIComponent(caseId)}`;
/** @param {string} path the part of the address under `#/cases/` */
export const caseIdOf = (path) => (/^c_[A-Za-z0-9_-]{22}$/.test(path) ? path : undefined);
