import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellOf } from '../../../shared/geo/cell-cover.ts';
import { projectToCells, type StoreChange } from '../../../shared/masks/cell-projection.ts';
import type { StoreSnapshot } from '../../../shared/masks/store.ts';

/** Seoul City Hall, Gangnam station and Busan: three different cells of the read model. */
const places = { cityHall: { lat: 37.5663, lng: 126.9779 }, gangnam: { lat: 37.4979, lng: 127.0276 }, busan: { lat: 35.1151, lng: 129.0414 } };
type Place = keyof typeof places;

const snapshot = (code: string, place: Place, remaining: number): StoreSnapshot => ({
  code,
  name: 'n',
  addr: 'a b',
  type: '01',
  ...places[place],
  remaining,
  updatedAt: `2020-03-09T00:00:0${remaining}Z`,
  createdAt: '2020-03-09T00:00:00Z',
});

describe('projecting store changes to cells', () => {
  it('keeps the last snapshot of a store changed twice in one batch', () => {
    const updates = projectToCells([{ after: snapshot('1', 'cityHall', 5) }, { before: snapshot('1', 'cityHall', 5), after: snapshot('1', 'cityHall', 3) }]);
    expect(updates).toEqual([{ cell: cellOf(places.cityHall), snapshots: [expect.objectContaining({ code: '1', remaining: 3 })], removed: [] }]);
  });

  it('takes a moved store out of its old cell and into its new one', () => {
    const updates = projectToCells([{ before: snapshot('1', 'cityHall', 5), after: snapshot('1', 'gangnam', 5) }]);
    expect(updates).toEqual(
      expect.arrayContaining([
        { cell: cellOf(places.cityHall), snapshots: [], removed: ['1'] },
        { cell: cellOf(places.gangnam), snapshots: [expect.objectContaining({ code: '1' })], removed: [] },
      ]),
    );
  });

  it('removes a deleted store, and does not remove a store that moved back', () => {
    expect(projectToCells([{ before: snapshot('1', 'cityHall', 5) }])).toEqual([{ cell: cellOf(places.cityHall), snapshots: [], removed: ['1'] }]);
    const roundTrip = projectToCells([
      { before: snapshot('1', 'cityHall', 1), after: snapshot('1', 'gangnam', 1) },
      { before: snapshot('1', 'gangnam', 1), after: snapshot('1', 'cityHall', 2) },
    ]);
    expect(roundTrip.find((u) => u.cell === cellOf(places.cityHall))).toEqual({ cell: cellOf(places.cityHall), snapshots: [expect.objectContaining({ remaining: 2 })], removed: [] });
  });

  it('leaves every store, after any batch of changes, in exactly the cell of its last position', () => {
    const change = fc.record({ code: fc.constantFrom('1', '2', '3'), to: fc.option(fc.constantFrom<Place>('cityHall', 'gangnam', 'busan'), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(change, { maxLength: 20 }), (steps) => {
        // The read model before the batch, and the stores table the changes are made to.
        const where = new Map<string, Place>([['1', 'cityHall']]);
        const model = new Map<string, Set<string>>([[cellOf(places.cityHall), new Set(['1'])]]);
        const changes: StoreChange[] = steps.map(({ code, to }, i) => {
          const from = where.get(code);
          if (to) where.set(code, to);
          else where.delete(code);
          return { ...(from ? { before: snapshot(code, from, 0) } : {}), ...(to ? { after: snapshot(code, to, i % 10) } : {}) };
        });
        for (const update of projectToCells(changes)) {
          const held = model.get(update.cell) ?? model.set(update.cell, new Set()).get(update.cell);
          for (const code of update.removed) held?.delete(code);
          for (const s of update.snapshots) held?.add(s.code);
        }
        for (const code of ['1', '2', '3']) {
          const place = where.get(code);
          const cells = [...model].filter(([, codes]) => codes.has(code)).map(([cell]) => cell);
          expect(cells).toEqual(place ? [cellOf(places[place])] : []);
        }
      }),
    );
  });
});
