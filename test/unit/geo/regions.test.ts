import { describe, expect, it } from 'vitest';
import { DEMO_PROVINCES, generateDemoStores } from '../../../infra/local/seed/demo-stores.ts';
import { regionOfAddress } from '../../../shared/geo/regions.ts';

describe('the province of an address', () => {
  it('is the code of the province every demo store’s address starts with', () => {
    for (const store of generateDemoStores(2000)) {
      const province = DEMO_PROVINCES.find((p) => store.addr.startsWith(`${p.fullName} `));
      expect(regionOfAddress(store.addr), store.addr).toBe(province?.code);
    }
  });

  it('reads the renamed provinces under their new codes and the short names as written in 2020 lists', () => {
    expect(regionOfAddress('강원특별자치도 춘천시 효자동 1')).toBe('51');
    expect(regionOfAddress('강원도 춘천시 효자동 1')).toBe('42');
    expect(regionOfAddress('전북특별자치도 전주시 완산구 1')).toBe('52');
    expect(regionOfAddress('대구 중구 동인동 1')).toBe('27');
    expect(regionOfAddress('  서울특별시 중구 태평로1가 31')).toBe('11');
  });

  it('is none for an address that names no province', () => {
    expect(regionOfAddress('강남구 논현동 1')).toBeUndefined();
    expect(regionOfAddress('')).toBeUndefined();
  });
});
