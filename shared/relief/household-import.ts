import { parse } from 'csv-parse/sync';
import { checkResidentNumber } from '../people/resident-number.ts';
import { REGION_CODES } from '../geo/regions.ts';

/**
 * One row of a household import, as read: the household's id, the head's resident number, the other
 * members' numbers and the region (2-digit province code). CSV columns
 * `householdId,headResidentId,memberResidentIds,regionCode` (members separated by `;`), or JSON lines
 * of objects with the same fields (`memberResidentIds` an array).
 */
export interface HouseholdRow {
  readonly householdId: string;
  readonly headDigits: string;
  /** Every member's 13 digits, the head first. */
  readonly memberDigits: readonly string[];
  readonly regionCode: string;
}

/** What a row error says: never the resident number itself, only which field and why. */
export interface RowError {
  /** 1-based data row (a CSV's header is row 0). */
  readonly row: number;
  readonly field: string;
  readonly message: string;
}

export type ImportFormat = 'csv' | 'json';

export const CSV_COLUMNS = ['householdId', 'headResidentId', 'memberResidentIds', 'regionCode'] as const;
/** 2020's largest registered households had a few dozen members (institutions count as one each). */
export const MAX_MEMBERS = 50;
const HOUSEHOLD_ID = /^[A-Za-z0-9-]{1,40}$/;
const REGIONS = new Set<string>(REGION_CODES);

export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

/** The CSV header, checked once per file: the planner reads it and passes it on with every chunk. */
export const readCsvHeader = (line: string): string[] => {
  const columns = line.replace(/^\uFEFF/, '').split(',').map((c) => c.trim());
  const missing = CSV_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw new ImportFileError(`the header lacks ${missing.join(', ')}; it must name ${CSV_COLUMNS.join(',')}`);
  return columns;
};

/** The raw records of a chunk's lines: CSV under the file's header, or one JSON object a line. */
export const readRecords = (format: ImportFormat, text: string, header: readonly string[] | undefined): { record: Record<string, unknown> | undefined; problem?: string }[] => {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => {
    if (format === 'json') {
      // A JSON array written one element a line reads the same: its brackets and commas are dropped.
      const trimmed = line.trim().replace(/^\[/, '').replace(/\]$/, '').replace(/,$/, '').trim();
      if (trimmed === '') return { record: undefined };
      try {
        const value: unknown = JSON.parse(trimmed);
        return value && typeof value === 'object' && !Array.isArray(value) ? { record: value as Record<string, unknown> } : { record: undefined, problem: 'a line must hold one JSON object' };
      } catch {
        return { record: undefined, problem: 'the line is not valid JSON' };
      }
    }
    if (line.trim() === '') return { record: undefined };
    try {
      const [cells] = parse(line, { relax_column_count: true, trim: true }) as string[][];
      return { record: Object.fromEntries((header ?? CSV_COLUMNS).map((name, i) => [name, cells?.[i] ?? ''])) };
    } catch (error) {
      return { record: undefined, problem: `the CSV line cannot be read: ${(error as Error).message}` };
    }
  });
};

const residentProblem = { format: 'is not 13 digits (YYMMDD-GNNNNNN)', date: 'does not hold a real birth date', century: 'has an unknown 7th digit', future: 'has a birth date after today' } as const;

/** Checks one row; both resident-number schemes pass (a check digit that does not add up is a post-2020 number). */
export const checkHouseholdRow = (raw: Record<string, unknown>, row: number, now: Date): { ok: true; household: HouseholdRow } | { ok: false; errors: RowError[] } => {
  const errors: RowError[] = [];
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');
  const householdId = text(raw.householdId);
  if (!HOUSEHOLD_ID.test(householdId)) errors.push({ row, field: 'householdId', message: 'a household id is 1–40 letters, digits or hyphens' });
  const regionCode = text(raw.regionCode);
  if (!REGIONS.has(regionCode)) errors.push({ row, field: 'regionCode', message: `the region is a 2-digit province code (${REGION_CODES.join(', ')})` });
  const head = checkResidentNumber(text(raw.headResidentId), now);
  if (!head.ok) errors.push({ row, field: 'headResidentId', message: `the head's resident number ${residentProblem[head.problem]}` });
  const members = Array.isArray(raw.memberResidentIds)
    ? raw.memberResidentIds.map(text)
    : text(raw.memberResidentIds).split(';').map((m) => m.trim()).filter(Boolean);
  const memberDigits: string[] = head.ok ? [head.digits] : [];
  members.forEach((member, i) => {
    const checked = checkResidentNumber(member, now);
    if (!checked.ok) return void errors.push({ row, field: `memberResidentIds[${i}]`, message: `a member's resident number ${residentProblem[checked.problem]}` });
    // The head listed again among the members is the same person, not a second one.
    if (checked.digits === memberDigits[0]) return;
    if (memberDigits.includes(checked.digits)) return void errors.push({ row, field: `memberResidentIds[${i}]`, message: 'a member is listed twice' });
    memberDigits.push(checked.digits);
  });
  if (memberDigits.length > MAX_MEMBERS) errors.push({ row, field: 'memberResidentIds', message: `a household has at most ${MAX_MEMBERS} members` });
  if (errors.length > 0 || !head.ok) return { ok: false, errors };
  return { ok: true, household: { householdId, headDigits: head.digits, memberDigits, regionCode } };
};

/** A household as the registry keeps it: only keyed hashes of its members. */
export interface RegisteredHousehold {
  readonly householdId: string;
  readonly regionCode: string;
  readonly headHash: string;
  /** The head's first. */
  readonly memberHashes: readonly string[];
}

/** What the registry holds of a household before a chunk writes it. */
export interface StoredHousehold extends RegisteredHousehold {
  readonly importId: string;
  readonly chunk: number;
  /** The region before the write `importId`/`chunk` made; absent when that write made the household. */
  readonly previousRegionCode?: string;
  readonly previousMemberHashes?: readonly string[];
  readonly granted: boolean;
}

export interface ChunkPlan {
  /** `resident#` items to put: each member, pointing at their household. */
  readonly residents: { hash: string; householdId: string; isHead: boolean }[];
  /** Members who left: their `resident#` item goes, if it still points at the household they left. */
  readonly departed: { hash: string; householdId: string }[];
  /** New to the registry (a put) or already there (an update that leaves `grantId` alone). */
  readonly households: { household: RegisteredHousehold; isNew: boolean; previousRegionCode?: string; previousMemberHashes: readonly string[] }[];
  /** Households gained (+) and lost (−) by region, so `region#<code>` counts stay exact across moves. */
  readonly regionDeltas: Readonly<Record<string, number>>;
}

export const UNCLAIMED_SHARDS = 16;

/**
 * The writes one chunk makes, from what the registry held before. A chunk delivered again after it
 * wrote some households sees those with its own `importId` and `chunk`, and plans from what they held
 * before it (`previous…`), so a redelivery computes the same writes and the same region counts; the
 * chunk's marker then makes sure the counts are added once. Later rows of one household win.
 */
export const planChunk = (importId: string, chunk: number, rows: readonly RegisteredHousehold[], stored: ReadonlyMap<string, StoredHousehold>): ChunkPlan => {
  const latest = new Map<string, RegisteredHousehold>();
  for (const row of rows) latest.set(row.householdId, row);
  const residents: ChunkPlan['residents'] = [];
  const departed: ChunkPlan['departed'] = [];
  const households: ChunkPlan['households'] = [];
  const regionDeltas: Record<string, number> = {};
  const add = (region: string, delta: number) => (regionDeltas[region] = (regionDeltas[region] ?? 0) + delta);

  for (const household of latest.values()) {
    const found = stored.get(household.householdId);
    const ownWrite = found && found.importId === importId && found.chunk === chunk;
    const before = ownWrite
      ? found.previousRegionCode === undefined
        ? undefined
        : { regionCode: found.previousRegionCode, memberHashes: found.previousMemberHashes ?? [] }
      : found;
    if (before?.regionCode !== household.regionCode) {
      add(household.regionCode, 1);
      if (before) add(before.regionCode, -1);
    }
    const members = new Set(household.memberHashes);
    for (const hash of before?.memberHashes ?? []) if (!members.has(hash)) departed.push({ hash, householdId: household.householdId });
    household.memberHashes.forEach((hash, i) => residents.push({ hash, householdId: household.householdId, isHead: i === 0 }));
    households.push({
      household,
      // Only a household the registry has never held is put whole; any other is updated, so a grant
      // given meanwhile (`grantId`) is never overwritten.
      isNew: found === undefined,
      ...(before ? { previousRegionCode: before.regionCode } : {}),
      previousMemberHashes: before?.memberHashes ?? [],
    });
  }
  for (const [region, delta] of Object.entries(regionDeltas)) if (delta === 0) delete regionDeltas[region];
  return { residents, departed, households, regionDeltas };
};

/** The unclaimed index's shard of a household: spread by its id, stable across imports. */
export const unclaimedShard = (householdId: string): string => {
  let hash = 0;
  for (const char of householdId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `U#${hash % UNCLAIMED_SHARDS}`;
};
