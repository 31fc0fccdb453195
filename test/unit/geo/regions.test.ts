import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_PROVINCES } from '../../../infra/local/seed/demo-stores.ts';
import { PROVINCE_REGIONS, REGION_CODES, regionOfAddress } from '../../../shared/geo/regions.ts';

describe('the region of a store’s address', () => {
  it('is the province’s code, whether the address writes the province in full or short', () => {
    expect(regionOfAddress('서울특별시 강남구 논현동 1')).toBe('11');
    expect(regionOfAddress('서울 강남구 논현동 1')).toBe('11');
    expect(regionOfAddress('부산광역시 부산진구 부전동 35-1')).toBe('26');
    expect(regionOfAddress('  대구광역시 중구 동인동1가 2-1')).toBe('27');
    expect(regionOfAddress('세종특별자치시 조치원읍 원리 1')).toBe('36');
    expect(regionOfAddress('제주특별자치도 제주시 이도이동 1')).toBe('50');
  });

  it('keeps one code for a province renamed since 2020, under either name', () => {
    expect(regionOfAddress('강원도 춘천시 효자동 1')).toBe('51');
    expect(regionOfAddress('강원특별자치도 춘천시 효자동 1')).toBe('51');
    expect(regionOfAddress('전라북도 전주시 완산구 중앙동 1')).toBe('52');
    expect(regionOfAddress('전북특별자치도 전주시 완산구 중앙동 1')).toBe('52');
  });

  it('goes by the first word only: 광주시 in 경기도 is in 경기, not in 광주광역시', () => {
    expect(regionOfAddress('경기도 광주시 경안동 1')).toBe('41');
    expect(regionOfAddress('광주광역시 동구 충장로1가 1')).toBe('29');
  });

  it('names no region for an address that does not start with a province', () => {
    for (const addr of ['', '   ', '강남구 논현동 1', 'Seoul Gangnam-gu', '서울특별시강남구', '경기도청']) expect(regionOfAddress(addr)).toBeUndefined();
  });

  it('places every demo store’s province in a region, and no two provinces in one', () => {
    const regions = DEMO_PROVINCES.map((province) => regionOfAddress(`${province.fullName} 어딘가 1`));
    expect(regions.every((region) => region !== undefined && (REGION_CODES as readonly string[]).includes(region))).toBe(true);
    expect(new Set(regions).size).toBe(DEMO_PROVINCES.length);
  });

  it('gives each of the 17 provinces its own code', () => {
    expect(REGION_CODES).toHaveLength(17);
    expect(new Set(PROVINCE_REGIONS.flatMap((p) => p.names)).size).toBe(PROVINCE_REGIONS.flatMap((p) => p.names).length);
  });

  it('depends on nothing after the province', () => {
    const names = PROVINCE_REGIONS.flatMap(({ region, names }) => names.map((name) => ({ region, name })));
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.string(), ({ region, name }, rest) => {
        expect(regionOfAddress(`${name} ${rest}`)).toBe(region);
      }),
    );
  });
});
