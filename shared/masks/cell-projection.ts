import { cellOf } from '../geo/cell-cover.ts';
import type { LatLng } from '../geo/distance.ts';
import { storeInfoOf, type StoreSnapshot } from './store.ts';

/** One change of the stores table, as the stream reports it. */
export interface StoreChange {
  readonly before?: { readonly code: string } & LatLng;
  readonly after?: StoreSnapshot;
}

export interface CellUpdate {
  readonly cell: string;
  readonly snapshots: StoreSnapshot[];
  readonly removed: string[];
}

const snapshotOf = (store: StoreSnapshot): StoreSnapshot => ({
  ...storeInfoOf(store),
  ...(store.remaining !== undefined ? { remaining: store.remaining } : {}),
  ...(store.onBreak ? { onBreak: true } : {}),
  ...(store.stockAt ? { stockAt: store.stockAt } : {}),
  updatedAt: store.updatedAt,
  createdAt: store.createdAt,
});

/**
 * Folds a batch of changes (in stream order) into one update per cell: the last snapshot of each
 * store wins, and a store that moved or was deleted leaves its old cell. Cells come from the
 * coordinates, not from the stores table, so the read model's precision is its own to choose.
 * One update per cell matters on AWS: a write is billed by the size of the whole cell item.
 */
export const projectToCells = (changes: readonly StoreChange[]): CellUpdate[] => {
  const latest = new Map<string, StoreChange['after']>();
  const leftCells = new Map<string, Set<string>>();
  for (const change of changes) {
    const code = change.after?.code ?? change.before?.code;
    if (!code) continue;
    const oldCell = change.before && cellOf(change.before);
    if (oldCell && oldCell !== (change.after && cellOf(change.after))) (leftCells.get(code) ?? leftCells.set(code, new Set()).get(code))?.add(oldCell);
    latest.set(code, change.after);
  }
  const updates = new Map<string, CellUpdate>();
  const updateFor = (cell: string): CellUpdate => {
    let update = updates.get(cell);
    if (!update) updates.set(cell, (update = { cell, snapshots: [], removed: [] }));
    return update;
  };
  for (const [code, after] of latest) {
    const cell = after && cellOf(after);
    for (const left of leftCells.get(code) ?? []) if (left !== cell) updateFor(left).removed.push(code);
    if (after && cell) updateFor(cell).snapshots.push(snapshotOf(after));
  }
  return [...updates.values()];
};
