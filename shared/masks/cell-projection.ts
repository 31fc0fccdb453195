import { storeInfoOf, type StoreSnapshot } from './store.ts';

/** One change of the stores table, as the stream reports it. */
export interface StoreChange {
  readonly before?: { readonly code: string; readonly cell?: string };
  readonly after?: StoreSnapshot & { readonly cell: string };
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
 * store wins, and a store that moved or was deleted leaves its old cell.
 */
export const projectToCells = (changes: readonly StoreChange[]): CellUpdate[] => {
  const latest = new Map<string, StoreChange['after']>();
  const leftCells = new Map<string, Set<string>>();
  for (const change of changes) {
    const code = change.after?.code ?? change.before?.code;
    if (!code) continue;
    const oldCell = change.before?.cell;
    if (oldCell && oldCell !== change.after?.cell) (leftCells.get(code) ?? leftCells.set(code, new Set()).get(code))?.add(oldCell);
    latest.set(code, change.after);
  }
  const updates = new Map<string, CellUpdate>();
  const updateFor = (cell: string): CellUpdate => {
    let update = updates.get(cell);
    if (!update) updates.set(cell, (update = { cell, snapshots: [], removed: [] }));
    return update;
  };
  for (const [code, after] of latest) {
    for (const cell of leftCells.get(code) ?? []) if (cell !== after?.cell) updateFor(cell).removed.push(code);
    if (after) updateFor(after.cell).snapshots.push(snapshotOf(after));
  }
  return [...updates.values()];
};
