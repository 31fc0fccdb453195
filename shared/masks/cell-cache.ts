import { cellOf } from '../geo/cell-cover.ts';
import type { CellReader } from './nearby.ts';
import type { StoreSnapshot } from './store.ts';

/**
 * How long a container reuses a cell it read. A stock change reaches the read model through the
 * stream (~15–50 ms locally), so it shows in nearby lookups within this plus the stream's lag. Measured
 * on 2 cores (npm run bench -- masks): 250 ms gave 65 % cache hits and 1,330 lookups/s at 50
 * connections, 700 ms 88 % and 2,120/s but a slowest change seen after 717 ms; 600 ms keeps the slowest
 * well inside the 1 s promise with room for a stream that lags under load.
 */
export const CELL_CACHE_MS = 600;

/**
 * How long before its time to live a cell that a lookup finds is read again, in the background: a
 * cell in demand is then replaced before it expires, and lookups wait for DynamoDB only on cells
 * nobody asked for lately. Nothing is served older than before (CELL_CACHE_MS from the start of its
 * read); the price is up to CELL_CACHE_MS / (CELL_CACHE_MS - REFRESH_AHEAD_MS) reads of a busy cell.
 */
export const REFRESH_AHEAD_MS = 200;

interface Entry {
  readonly at: number;
  readonly stores: Promise<StoreSnapshot[]>;
  /** Its replacement, being read. */
  next?: Entry;
}

/**
 * A per-container cache of cells in front of the read model. Lookups that arrive while a cell is
 * being read wait for that one read instead of each starting their own; empty cells are cached too
 * (much of a circle outside the cities holds no store). A failed read is forgotten at once.
 *
 * The cells that lookups miss in one turn of the event loop are read together, in one BatchGetItem:
 * a read costs mostly per call, not per cell (DynamoDB Local: ~3 ms of its CPU and ~1.3 ms of the
 * SDK's per call, ~0.1 ms more per cell), so lookups that arrive together share a call as they share
 * a cell. A Lambda container serves one lookup at a time: its batch is that lookup's cells, one turn
 * (microseconds) later.
 */
export class CellCache implements CellReader {
  readonly #entries = new Map<string, Entry>();
  readonly #stats = { hits: 0, misses: 0 };
  /** Cells missed in this turn of the event loop, to be read together at its end. */
  #queued: { readonly cells: string[]; readonly read: Promise<Map<string, StoreSnapshot[]>> } | undefined;

  constructor(
    private readonly reader: CellReader,
    private readonly ttlMs = CELL_CACHE_MS,
    private readonly now: () => number = () => performance.now(),
    private readonly refreshAheadMs = Math.min(REFRESH_AHEAD_MS, ttlMs / 2),
  ) {}

  get precision(): number | undefined {
    return this.reader.precision;
  }

  async read(cells: readonly string[]): Promise<{ stores: StoreSnapshot[]; itemsRead: number }> {
    const now = this.now();
    const missing: string[] = [];
    const stale: string[] = [];
    const parts: Promise<StoreSnapshot[]>[] = [];
    for (const cell of cells) {
      const entry = this.#current(cell, now);
      if (!entry) missing.push(cell);
      else if (!entry.next && now - entry.at >= this.ttlMs - this.refreshAheadMs) stale.push(cell);
    }
    this.#stats.hits += cells.length - missing.length;
    this.#stats.misses += missing.length;
    if (missing.length > 0) this.#load(missing, now);
    if (stale.length > 0) this.#refresh(stale, now);
    for (const cell of cells) parts.push(this.#entries.get(cell)?.stores ?? Promise.resolve([]));
    const stores = (await Promise.all(parts)).flat();
    // Entries older than the TTL are dropped as they are replaced; sweep the rest now and then so a
    // container that served all of Korea does not keep every cell for its lifetime.
    if (this.#entries.size > 4096) for (const [cell, entry] of this.#entries) if (now - entry.at >= this.ttlMs && !entry.next) this.#entries.delete(cell);
    return { stores, itemsRead: missing.length + stale.length };
  }

  /** Share of cells served from the cache since the container started. */
  get hitRate(): number {
    return this.#stats.hits / Math.max(1, this.#stats.hits + this.#stats.misses);
  }

  /** The cell's entry within its time to live, or the replacement being read for an expired one. */
  #current(cell: string, now: number): Entry | undefined {
    let entry = this.#entries.get(cell);
    if (entry && now - entry.at >= this.ttlMs && entry.next) {
      entry = entry.next;
      this.#entries.set(cell, entry);
    }
    return entry && now - entry.at < this.ttlMs ? entry : undefined;
  }

  #load(cells: readonly string[], at: number): void {
    const batch = this.#queue(cells);
    for (const cell of cells) {
      const entry: Entry = { at, stores: batch.then((byCell) => byCell.get(cell) ?? []) };
      entry.stores.catch(() => {
        if (this.#entries.get(cell) === entry) this.#entries.delete(cell);
      });
      this.#entries.set(cell, entry);
    }
  }

  /** Reads cells again while their entries still serve; each replaces its entry once read. */
  #refresh(cells: readonly string[], at: number): void {
    const batch = this.#queue(cells);
    for (const cell of cells) {
      const current = this.#entries.get(cell);
      if (!current) continue;
      const next: Entry = { at, stores: batch.then((byCell) => byCell.get(cell) ?? []) };
      current.next = next;
      next.stores.then(
        () => {
          if (this.#entries.get(cell) === current) this.#entries.set(cell, next);
        },
        () => {
          // The current entry serves until it expires; a lookup after that reads the cell again.
          if (current.next === next) current.next = undefined;
          if (this.#entries.get(cell) === next) this.#entries.delete(cell);
        },
      );
    }
  }

  #queue(cells: readonly string[]): Promise<Map<string, StoreSnapshot[]>> {
    if (!this.#queued) {
      const queued: string[] = [];
      const read = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        this.#queued = undefined;
        return this.#readCells(queued);
      });
      this.#queued = { cells: queued, read };
    }
    this.#queued.cells.push(...cells);
    return this.#queued.read;
  }

  async #readCells(cells: readonly string[]): Promise<Map<string, StoreSnapshot[]>> {
    const { stores } = await this.reader.read(cells);
    const byCell = new Map<string, StoreSnapshot[]>(cells.map((cell) => [cell, []]));
    // A cover asks for cells of one precision; a store's cell at that precision is where it is held.
    const precisions = new Set(cells.map((cell) => cell.length));
    for (const store of stores) for (const precision of precisions) byCell.get(cellOf(store, precision))?.push(store);
    return byCell;
  }
}
