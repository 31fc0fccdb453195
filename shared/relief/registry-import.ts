import type { Readable } from 'node:stream';
import type { UploadedFile, UploadStore } from '../ports/upload-store.ts';
import type { WorkQueue } from '../ports/work-queue.ts';
import {
  checkHouseholdRow,
  ImportFileError,
  planChunk,
  readCsvHeader,
  readRecords,
  type ChunkPlan,
  type ImportFormat,
  type RegisteredHousehold,
  type RowError,
  type StoredHousehold,
} from './household-import.ts';

/** Rows a chunk holds: a few seconds of writes on AWS, far inside the worker's 300 s. */
export const CHUNK_ROWS = 5_000;
/** Per chunk, and what the import's progress shows: the first errors, not a multi-megabyte answer. */
export const MAX_REPORTED_ERRORS = 100;
/** An upload URL is good for an hour: long enough for a national file over a slow line, short enough to leak little. */
export const UPLOAD_URL_SECONDS = 3600;

export type ImportKind = 'households' | 'stores';

export interface ImportRecord {
  readonly importId: string;
  readonly kind: ImportKind;
  readonly format: ImportFormat;
  readonly status: 'awaiting-upload' | 'running' | 'done' | 'failed';
  readonly uploadKey: string;
  readonly uploadExpiresAt: string;
  /** Of what was asked (kind, format): the same importId asked again with another body is refused. */
  readonly fingerprint: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly rowsRead?: number;
  readonly upserted?: number;
  readonly rejected?: number;
  readonly chunksTotal?: number;
  readonly chunksDone?: number;
  readonly uploadedBytes?: number;
  readonly finishedAt?: string;
  readonly failure?: string;
}

export interface ChunkOutcome {
  readonly rowsRead: number;
  readonly upserted: number;
  readonly rejected: number;
  readonly errors: RowError[];
  readonly regionDeltas: Readonly<Record<string, number>>;
}

export interface ImportStore {
  create(record: ImportRecord): Promise<{ created: true } | { created: false; existing: ImportRecord }>;
  get(importId: string): Promise<ImportRecord | undefined>;
  uploaded(importId: string, bytes: number, now: string): Promise<void>;
  planned(importId: string, chunks: number): Promise<void>;
  isChunkDone(importId: string, chunk: number): Promise<boolean>;
  completeChunk(importId: string, chunk: number, outcome: ChunkOutcome, now: string): Promise<'applied' | 'already'>;
  finishIfComplete(importId: string, now: string): Promise<void>;
  fail(importId: string, message: string, now: string): Promise<void>;
}

export interface HouseholdStore {
  read(householdIds: readonly string[]): Promise<Map<string, StoredHousehold>>;
  apply(importId: string, chunk: number, plan: ChunkPlan, stored: ReadonlyMap<string, StoredHousehold>): Promise<void>;
}

/** A byte range of an upload: whole lines, `firstRow` the row number of its first line. */
export interface ChunkMessage {
  readonly kind: 'chunk';
  readonly importId: string;
  readonly importKind: ImportKind;
  readonly format: ImportFormat;
  readonly uploadKey: string;
  readonly chunk: number;
  readonly start: number;
  readonly end: number;
  readonly firstRow: number;
  /** The CSV's header line, read once by the planner. */
  readonly header?: readonly string[];
}

export const uploadKeyOf = (kind: ImportKind, importId: string, format: ImportFormat) => `${kind}/${importId}.${format}`;

export const parseUploadKey = (key: string): { kind: ImportKind; importId: string; format: ImportFormat } | undefined => {
  const match = /^(households|stores)\/([A-Za-z0-9-]{8,64})\.(csv|json)$/.exec(key);
  return match ? { kind: match[1] as ImportKind, importId: match[2] as string, format: match[3] as ImportFormat } : undefined;
};

/**
 * Reads the whole upload once, only to find where every `CHUNK_ROWS` lines start (no parsing, so a
 * 2 GB national file is read in well under the worker's timeout), and returns one message per chunk.
 */
export const planChunks = async (
  source: Readable,
  file: { importId: string; importKind: ImportKind; format: ImportFormat; uploadKey: string },
  rowsPerChunk = CHUNK_ROWS,
): Promise<{ chunks: ChunkMessage[]; header?: string[] }> => {
  const chunks: ChunkMessage[] = [];
  let offset = 0;
  let lines = 0;
  let chunkStart = 0;
  let chunkFirstRow = 1;
  let header: string[] | undefined;
  let headerText: Buffer[] | undefined = file.format === 'csv' ? [] : undefined;
  const cut = (end: number) => {
    if (end > chunkStart) chunks.push({ kind: 'chunk', ...file, chunk: chunks.length, start: chunkStart, end, firstRow: chunkFirstRow, ...(header ? { header } : {}) });
    chunkStart = end;
  };
  for await (const piece of source as AsyncIterable<Buffer>) {
    let from = 0;
    for (let at = piece.indexOf(10, from); at !== -1; at = piece.indexOf(10, from)) {
      if (headerText) {
        headerText.push(piece.subarray(from, at));
        header = readCsvHeader(Buffer.concat(headerText).toString('utf8').replace(/\r$/, ''));
        headerText = undefined;
        chunkStart = offset + at + 1;
      } else if (++lines % rowsPerChunk === 0) {
        cut(offset + at + 1);
        chunkFirstRow = lines + 1;
      }
      from = at + 1;
    }
    if (headerText) headerText.push(piece.subarray(from));
    offset += piece.byteLength;
  }
  if (headerText) {
    const text = Buffer.concat(headerText).toString('utf8').trim();
    if (text === '') throw new ImportFileError('the file is empty');
    header = readCsvHeader(text);
    chunkStart = offset;
  }
  cut(offset);
  return { chunks, ...(header ? { header } : {}) };
};

/** How rows become registry entries: the resident numbers' keyed hashes, never the numbers. */
export type Hasher = (residentDigits: string) => string;

/** One chunk's rows, checked and hashed; the errors name the row and field, never the number. */
export const readChunk = (message: ChunkMessage, text: string, hash: Hasher, now: Date): { households: RegisteredHousehold[]; errors: RowError[]; rowsRead: number; rejected: number } => {
  const households: RegisteredHousehold[] = [];
  const errors: RowError[] = [];
  let rowsRead = 0;
  let rejected = 0;
  readRecords(message.format, text, message.header).forEach(({ record, problem }, index) => {
    const row = message.firstRow + index;
    if (!record && !problem) return;
    rowsRead++;
    if (!record) {
      rejected++;
      return void errors.push({ row, field: 'row', message: problem ?? 'unreadable' });
    }
    const checked = checkHouseholdRow(record, row, now);
    if (!checked.ok) {
      rejected++;
      return void errors.push(...checked.errors);
    }
    const memberHashes = checked.household.memberDigits.map(hash);
    households.push({ householdId: checked.household.householdId, regionCode: checked.household.regionCode, headHash: memberHashes[0] as string, memberHashes });
  });
  return { households, errors: errors.slice(0, MAX_REPORTED_ERRORS), rowsRead, rejected };
};

const text = async (stream: Readable): Promise<string> => {
  const parts: Buffer[] = [];
  for await (const part of stream as AsyncIterable<Buffer>) parts.push(part);
  return Buffer.concat(parts).toString('utf8');
};

export interface ImportWorkerDeps {
  readonly imports: ImportStore;
  readonly households: HouseholdStore;
  readonly uploads: UploadStore;
  readonly queue: WorkQueue;
  readonly hash: () => Promise<Hasher>;
  readonly now: () => Date;
  /** Store imports take the same way; their chunks are applied by the masks' import rules. */
  readonly storeChunk?: (message: ChunkMessage, text: string) => Promise<Omit<ChunkOutcome, 'regionDeltas'>>;
}

/**
 * An uploaded file is announced: split it into chunks, one queue message each. Delivered again (at
 * least once, as SQS delivers), it plans the same chunks, which their markers apply once; an import
 * whose chunks were all sent (`chunksTotal`) is not planned again.
 */
export const planUpload = async (deps: ImportWorkerDeps, file: UploadedFile): Promise<void> => {
  const parsed = parseUploadKey(file.key);
  if (!parsed) return; // not an import's file: nothing to do, and nothing to retry
  const record = await deps.imports.get(parsed.importId);
  if (!record || record.uploadKey !== file.key || record.chunksTotal !== undefined || record.status === 'done' || record.status === 'failed') return;
  const now = () => deps.now().toISOString();
  await deps.imports.uploaded(record.importId, file.size, now());
  let plan: Awaited<ReturnType<typeof planChunks>>;
  try {
    plan = await planChunks(await deps.uploads.read(file.key), { importId: record.importId, importKind: record.kind, format: record.format, uploadKey: file.key });
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    return deps.imports.fail(record.importId, error.message, now());
  }
  await deps.queue.send(plan.chunks);
  await deps.imports.planned(record.importId, plan.chunks.length);
  await deps.imports.finishIfComplete(record.importId, now());
};

export const importChunk = async (deps: ImportWorkerDeps, message: ChunkMessage): Promise<'applied' | 'already'> => {
  if (await deps.imports.isChunkDone(message.importId, message.chunk)) return 'already';
  const body = await text(await deps.uploads.read(message.uploadKey, { start: message.start, end: message.end }));
  let outcome: ChunkOutcome;
  if (message.importKind === 'stores') {
    if (!deps.storeChunk) throw new Error('This worker does not apply store imports');
    outcome = { ...(await deps.storeChunk(message, body)), regionDeltas: {} };
  } else {
    const read = readChunk(message, body, await deps.hash(), deps.now());
    const stored = await deps.households.read(read.households.map((h) => h.householdId));
    const plan = planChunk(message.importId, message.chunk, read.households, stored);
    await deps.households.apply(message.importId, message.chunk, plan, stored);
    outcome = { rowsRead: read.rowsRead, upserted: read.households.length, rejected: read.rejected, errors: read.errors, regionDeltas: plan.regionDeltas };
  }
  const applied = await deps.imports.completeChunk(message.importId, message.chunk, outcome, deps.now().toISOString());
  await deps.imports.finishIfComplete(message.importId, deps.now().toISOString());
  return applied;
};

export type UploadRequestOutcome = { readonly outcome: 'created' | 'repeated'; readonly record: ImportRecord } | { readonly outcome: 'id-reused' };

/** An import waiting for its file; the same importId asked again gets the first answer if it asks the same. */
export const requestUpload = async (
  deps: { imports: Pick<ImportStore, 'create'>; now: () => Date },
  request: { importId: string; kind: ImportKind; format: ImportFormat; officerId: string; fingerprint: string },
): Promise<UploadRequestOutcome> => {
  const now = deps.now();
  const record: ImportRecord = {
    importId: request.importId,
    kind: request.kind,
    format: request.format,
    status: 'awaiting-upload',
    uploadKey: uploadKeyOf(request.kind, request.importId, request.format),
    uploadExpiresAt: new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString(),
    fingerprint: request.fingerprint,
    createdAt: now.toISOString(),
    createdBy: request.officerId,
  };
  const created = await deps.imports.create(record);
  if (created.created) return { outcome: 'created', record };
  if (created.existing.fingerprint !== request.fingerprint) return { outcome: 'id-reused' };
  return { outcome: 'repeated', record: created.existing };
};
