import { describe, expect, it } from 'vitest';
import { NoGeocoder } from '../../../shared/adapters/no-geocoder.ts';
import { placeRows, readRows, validateRows } from '../../../shared/masks/store-import.ts';

const csv = `\uFEFFCode,Name,Addr,Type,Lat,Lng
31000001,온누리약국,서울특별시 강남구 논현동 1-1,01,37.51,127.02
3100000X,나쁜코드약국,서울특별시 강남구 논현동 1-2,01,37.51,127.02
31000003,우체국,서울특별시 강남구 역삼동 5,02,,
31000001,중복약국,서울특별시 강남구 논현동 1-3,01,37.51,127.02
31000004,바다약국,서울특별시 강남구 논현동 1-4,07,10.0,127.02
`;

describe('reading an import', () => {
  it('reads CSV with a BOM and any header case, JSON arrays and {rows}', () => {
    expect(readRows(csv)[0]).toMatchObject({ code: '31000001', name: '온누리약국', lat: '37.51' });
    expect(readRows([{ code: '1' }])).toEqual([{ code: '1' }]);
    expect(readRows({ rows: [{ code: '1' }] })).toEqual([{ code: '1' }]);
    expect(() => readRows(42)).toThrow(/CSV with a header row/);
    expect(() => readRows('code,name\n"unterminated')).toThrow(/cannot be read/);
  });

  it('reports every bad row by number and field, and keeps the good ones', () => {
    const { valid, errors } = validateRows(readRows(csv));
    expect(valid.map((v) => v.row)).toEqual([1, 3]);
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'code'],
      [4, 'code'],
      [5, 'type'],
      [5, 'lat'],
    ]);
    expect(errors.find((e) => e.row === 4)?.message).toContain('row 1');
  });

  it('refuses rows without coordinates locally, one row at a time', async () => {
    const { valid } = validateRows(readRows(csv));
    const { placed, errors } = await placeRows(valid, new NoGeocoder());
    expect(placed.map((s) => s.code)).toEqual(['31000001']);
    expect(errors).toEqual([expect.objectContaining({ row: 3, code: '31000003', message: expect.stringContaining('give lat and lng') })]);
  });
});
