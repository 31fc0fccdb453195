import { parse } from 'csv-parse/sync';
import { GeocodingUnavailable, type Geocoder } from '../ports/geocoder.ts';
import { requestFingerprint } from '../platform/request-fingerprint.ts';
import { importRowSchema } from './contracts.ts';
import type { StoreInfo } from './store.ts';

export interface RowError {
  /** 1-based data row (the CSV header is row 0). */
  readonly row: number;
  readonly code: string | null;
  readonly field: string;
  readonly message: string;
}

export interface ImportProgress {
  readonly importId: string;
  readonly status: 'running' | 'done';
  readonly total: number;
  readonly processed: number;
  readonly created: number;
  readonly updated: number;
  readonly rejected: number;
  readonly errors: RowError[];
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

export interface StoreWriter {
  upsert(stores: readonly StoreInfo[], now: string): Promise<{ created: number; updated: number }>;
}

export interface ImportLog {
  /**
   * Starts an import under its id, with the fingerprint of its rows; when the id is taken, what it was
   * first used for and how far that import got.
   */
  start(progress: ImportProgress, fingerprint: string): Promise<{ started: true } | { started: false; fingerprint?: string; earlier?: ImportProgress }>;
  save(progress: ImportProgress): Promise<void>;
  get(importId: string): Promise<ImportProgress | undefined>;
}

/** The console polls progress; rows are written in chunks of this many. */
export const IMPORT_CHUNK = 1000;
/** A file with thousands of bad rows needs the first of them, not a multi-megabyte answer. */
export const MAX_REPORTED_ERRORS = 1000;

export class ImportFormatError extends Error {
  override name = 'ImportFormatError';
}

/** CSV with a header row, a JSON array of rows, or `{rows: [...]}`. */
export const readRows = (body: unknown): Record<string, unknown>[] => {
  const rows = rowsOf(body);
  if (rows.length === 0) {
    throw new ImportFormatError(typeof body === 'string' ? 'the file has a header but no rows' : 'the file has no rows');
  }
  return rows;
};

const rowsOf = (body: unknown): Record<string, unknown>[] => {
  if (typeof body === 'string') {
    try {
      return parse(body, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true });
    } catch (error) {
      throw new ImportFormatError(`the CSV cannot be read: ${(error as Error).message}`);
    }
  }
  if (Array.isArray(body)) return body as Record<string, unknown>[];
  if (body && typeof body === 'object' && Array.isArray((body as { rows?: unknown }).rows)) return (body as { rows: Record<string, unknown>[] }).rows;
  throw new ImportFormatError('send CSV with a header row, a JSON array of rows, or {"rows": [...]}');
};

const blankToUndefined = (value: unknown): unknown => (value === '' || value === null ? undefined : value);

/** Checks every row; a code seen twice keeps its first row and reports the later ones. */
export const validateRows = (rows: readonly Record<string, unknown>[]): { valid: { row: number; store: ImportRowLike }[]; errors: RowError[] } => {
  const valid: { row: number; store: ImportRowLike }[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  rows.forEach((raw, index) => {
    const row = index + 1;
    const code = typeof raw.code === 'string' || typeof raw.code === 'number' ? String(raw.code) : null;
    const result = importRowSchema.safeParse({ ...raw, lat: blankToUndefined(raw.lat), lng: blankToUndefined(raw.lng), code: code ?? raw.code });
    if (!result.success) {
      for (const issue of result.error.issues) errors.push({ row, code, field: issue.path.join('.') || 'row', message: issue.message });
      return;
    }
    if ((result.data.lat === undefined) !== (result.data.lng === undefined)) {
      errors.push({ row, code, field: result.data.lat === undefined ? 'lat' : 'lng', message: 'give both lat and lng, or neither' });
      return;
    }
    const first = seen.get(result.data.code);
    if (first !== undefined) {
      errors.push({ row, code, field: 'code', message: `code ${result.data.code} already appears in row ${first}` });
      return;
    }
    seen.set(result.data.code, row);
    valid.push({ row, store: result.data });
  });
  return { valid, errors };
};

type ImportRowLike = Omit<StoreInfo, 'lat' | 'lng'> & { lat?: number; lng?: number };

/** Fills in missing coordinates; a row that cannot be placed becomes a row error. */
export const placeRows = async (
  rows: readonly { row: number; store: ImportRowLike }[],
  geocoder: Geocoder,
): Promise<{ placed: StoreInfo[]; errors: RowError[] }> => {
  const placed: StoreInfo[] = [];
  const errors: RowError[] = [];
  for (const { row, store } of rows) {
    if (store.lat !== undefined && store.lng !== undefined) {
      placed.push({ ...store, lat: store.lat, lng: store.lng });
      continue;
    }
    try {
      const point = await geocoder.locate(store.addr);
      if (point && point.lat >= 33 && point.lat <= 43 && point.lng >= 124 && point.lng <= 132) placed.push({ ...store, ...point });
      else errors.push({ row, code: store.code, field: 'addr', message: `the address “${store.addr}” could not be placed in Korea; give lat and lng` });
    } catch (error) {
      if (!(error instanceof GeocodingUnavailable)) throw error;
      errors.push({ row, code: store.code, field: 'lat', message: error.message });
    }
  }
  return { placed, errors };
};

export const runImport = async (
  deps: { writer: StoreWriter; log: ImportLog; geocoder: Geocoder; now: () => Date },
  importId: string,
  body: unknown,
): Promise<ImportProgress | 'in-progress' | 'id-reused'> => {
  const rows = readRows(body);
  // The rows as read, so the same stores sent again (as CSV or JSON) are the same import.
  const fingerprint = requestFingerprint(rows);
  const { valid, errors: rowErrors } = validateRows(rows);
  const startedAt = deps.now().toISOString();
  let progress: ImportProgress = {
    importId,
    status: 'running',
    total: rows.length,
    processed: 0,
    created: 0,
    updated: 0,
    rejected: 0,
    errors: [],
    startedAt,
    finishedAt: null,
  };
  const start = await deps.log.start(progress, fingerprint);
  if (!start.started) {
    if (start.fingerprint !== undefined && start.fingerprint !== fingerprint) return 'id-reused';
    return start.earlier?.status === 'done' ? start.earlier : 'in-progress';
  }
  const { placed, errors: placeErrors } = await placeRows(valid, deps.geocoder);
  const errors = [...rowErrors, ...placeErrors].sort((a, b) => a.row - b.row);
  const rejectedRows = new Set(errors.map((e) => e.row)).size;
  for (let i = 0; i < placed.length; i += IMPORT_CHUNK) {
    const { created, updated } = await deps.writer.upsert(placed.slice(i, i + IMPORT_CHUNK), deps.now().toISOString());
    progress = { ...progress, created: progress.created + created, updated: progress.updated + updated, processed: Math.min(rows.length, i + IMPORT_CHUNK) };
    await deps.log.save(progress);
  }
  progress = {
    ...progress,
    status: 'done',
    processed: rows.length,
    rejected: rejectedRows,
    errors: errors.slice(0, MAX_REPORTED_ERRORS),
    finishedAt: deps.now().toISOString(),
  };
  await deps.log.save(progress);
  return progress;
};

/**
 * One chunk of an uploaded store file (the registry import queue's way, for files of any size): its
 * lines under the file's header, checked, placed and upserted as `runImport` does. A code seen twice
 * in one chunk keeps its first row; across chunks the later chunk's row is the one kept.
 */
export const applyStoreChunk = async (
  deps: { writer: StoreWriter; geocoder: Geocoder; now: () => Date },
  chunk: { readonly format: 'csv' | 'json'; readonly header?: readonly string[]; readonly firstRow: number },
  text: string,
): Promise<{ rowsRead: number; upserted: number; rejected: number; errors: { row: number; field: string; message: string }[] }> => {
  const body = chunk.format === 'csv' ? `${(chunk.header ?? []).join(',')}\n${text}` : text.split(/\r?\n/).map((line) => line.trim().replace(/^\[/, '').replace(/\]$/, '').replace(/,$/, '')).filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  const rows = rowsOf(body);
  const { valid, errors: rowErrors } = validateRows(rows);
  const { placed, errors: placeErrors } = await placeRows(valid, deps.geocoder);
  for (let i = 0; i < placed.length; i += IMPORT_CHUNK) await deps.writer.upsert(placed.slice(i, i + IMPORT_CHUNK), deps.now().toISOString());
  const errors = [...rowErrors, ...placeErrors].sort((a, b) => a.row - b.row);
  const offset = chunk.firstRow - 1;
  return {
    rowsRead: rows.length,
    upserted: placed.length,
    rejected: new Set(errors.map((e) => e.row)).size,
    errors: errors.slice(0, 100).map(({ row, field, message }) => ({ row: row + offset, field, message })),
  };
};
