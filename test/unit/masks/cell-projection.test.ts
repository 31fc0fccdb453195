import { describe, expect, it } from 'vitest';
import { projectToCells } from '../../../shared/masks/cell-projection.ts';

const snapshot = (code: string, cell: string, remaining: number) => ({
  code,
  cell,
  name: 'n',
  addr: 'a b',
  type: '01' as const,
  lat: 37.5,
  lng: 127,
  remaining,
  updatedAt: `2020-03-09T00:00:0${remaining}Z`,
  createdAt: '2020-03-09T00:00:00Z',
});

describe('projecting store changes to cells', () => {
  it('keeps the last snapshot of a store changed twice in one batch', () => {
    const updates = projectToCells([{ after: snapshot('1', 'wydm9q', 5) }, { before: snapshot('1', 'wydm9q', 5), after: snapshot('1', 'wydm9q', 3) }]);
    expect(updates).toEqual([{ cell: 'wydm9q', snapshots: [expect.objectContaining({ code: '1', remaining: 3 })], removed: [] }]);
  });

  it('takes a moved store out of its old cell and into its new one', () => {
    const updates = projectToCells([{ before: snapshot('1', 'wydm9q', 5), after: snapshot('1', 'wydm9r', 5) }]);
    expect(updates).toEqual(
      expect.arrayContaining([
        { cell: 'wydm9q', snapshots: [], removed: ['1'] },
        { cell: 'wydm9r', snapshots: [expect.objectContaining({ code: '1' })], removed: [] },
      ]),
    );
  });

  it('removes a deleted store, and does not remove a store that moved back', () => {
    expect(projectToCells([{ before: snapshot('1', 'wydm9q', 5) }])).toEqual([{ cell: 'wydm9q', snapshots: [], removed: ['1'] }]);
    const roundTrip = projectToCells([
      { before: snapshot('1', 'a', 1), after: snapshot('1', 'b', 1) },
      { before: snapshot('1', 'b', 1), after: snapshot('1', 'a', 2) },
    ]);
    expect(roundTrip.find((u) => u.cell === 'a')).toEqual({ cell: 'a', snapshots: [expect.objectContaining({ remaining: 2 })], removed: [] });
  });
});
