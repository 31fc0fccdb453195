import { describe, expect, it } from 'vitest';
import { DEMO_PROVINCES, DONG_CENTRES, generateDemoStores, nearestDongCentre, type DemoStore } from '../../../infra/local/seed/demo-stores.ts';
import { distanceM } from '../../../shared/geo/distance.ts';

// Written out here rather than taken from the module, so a wrong name or code there is caught.
const PROVINCE_NAMES: Record<string, string> = {
  '11': '서울특별시', '26': '부산광역시', '27': '대구광역시', '28': '인천광역시', '29': '광주광역시',
  '30': '대전광역시', '31': '울산광역시', '36': '세종특별자치시', '41': '경기도', '42': '강원도',
  '43': '충청북도', '44': '충청남도', '45': '전라북도', '46': '전라남도', '47': '경상북도',
  '48': '경상남도', '50': '제주특별자치도',
};

const demo = generateDemoStores();

function share(stores: readonly DemoStore[], test: (store: DemoStore) => boolean): number {
  return stores.filter(test).length / stores.length;
}

describe('demo stores', () => {
  it('are 23,000 by default and the same on every call', () => {
    expect(demo).toHaveLength(23_000);
    expect(generateDemoStores(23_000, 2020)).toEqual(demo);
  });

  it('keep the first stores when more are asked for, so the bench set is a superset of the demo', () => {
    const bench = generateDemoStores(25_000);
    expect(bench.slice(0, 23_000)).toEqual(demo);
    expect(generateDemoStores(100)).toEqual(demo.slice(0, 100));
    expect(generateDemoStores(0)).toEqual([]);
  });

  it('differ with the seed', () => {
    const other = generateDemoStores(1_000, 7);
    const sameCode = other.filter((store, i) => store.code === demo[i]?.code).length;
    expect(sameCode).toBeLessThan(10);
    expect(generateDemoStores(1_000, 7)).toEqual(other);
  });

  it('have unique codes, even in a large list', () => {
    expect(new Set(demo.map((store) => store.code)).size).toBe(demo.length);
    const large = generateDemoStores(200_000, 99);
    expect(new Set(large.map((store) => store.code)).size).toBe(large.length);
  });

  it('have every field in the 2020 API shape', () => {
    const prefix = { '01': '3', '02': '1', '03': '5' } as const;
    // Problems are collected rather than asserted one by one: 23,000 × a dozen expects is slow,
    // and a list of the bad stores says more than the first failure.
    const problems = demo.flatMap((store) => {
      const tokens = store.addr.split(' ');
      // Sejong has no si/gun/gu, so its dong addresses are one token shorter, as real ones are.
      const minTokens = store.regionCode === '36' ? 3 : 4;
      const checks: [boolean, string][] = [
        [/^\d{8}$/.test(store.code), 'code is not 8 digits'],
        [store.code[0] === prefix[store.type], 'code prefix does not match the type'],
        [['01', '02', '03'].includes(store.type), 'unknown type'],
        [store.name.length > 2, 'name too short'],
        [store.lat >= 33 && store.lat <= 43 && store.lng >= 124 && store.lng <= 132, 'outside Korea'],
        [Math.round(store.lat * 1e6) / 1e6 === store.lat && Math.round(store.lng * 1e6) / 1e6 === store.lng, 'more than 6 decimals'],
        [PROVINCE_NAMES[store.regionCode] !== undefined, 'unknown region code'],
        [tokens[0] === PROVINCE_NAMES[store.regionCode], 'address does not start with the region code\'s province'],
        [tokens.length >= minTokens && tokens.every((token) => token.length > 0), 'address too short'],
        [/^\d+-\d+$/.test(tokens.at(-1) ?? ''), 'address does not end in a jibun number'],
      ];
      return checks.filter(([ok]) => !ok).map(([, why]) => `${why}: ${JSON.stringify(store)}`);
    });
    expect(problems).toEqual([]);
  });

  it('are named like pharmacies, post offices and Hanaro marts', () => {
    const pattern = { '01': /^\S+약국$/, '02': /^\S+우체국$/, '03': /^하나로마트 \S+점$/ } as const;
    expect(demo.filter((store) => !pattern[store.type].test(store.name))).toEqual([]);
    expect(demo.some((store) => /^논현\S+약국$/.test(store.name))).toBe(true);
    expect(demo.some((store) => store.name === '하나로마트 논현점' || store.name === '강남우체국' || store.name === '논현우체국')).toBe(true);
  });

  it('are mostly pharmacies, with a few post offices and marts', () => {
    expect(share(demo, (s) => s.type === '01')).toBeGreaterThan(0.93);
    expect(share(demo, (s) => s.type === '01')).toBeLessThan(0.97);
    expect(share(demo, (s) => s.type === '02')).toBeGreaterThan(0.02);
    expect(share(demo, (s) => s.type === '02')).toBeLessThan(0.04);
    expect(share(demo, (s) => s.type === '03')).toBeGreaterThan(0.01);
    expect(share(demo, (s) => s.type === '03')).toBeLessThan(0.03);
  });

  it('are spread over all 17 provinces like the 2020 population', () => {
    expect(new Set(demo.map((store) => store.regionCode)).size).toBe(17);
    const capital = share(demo, (s) => s.regionCode === '11' || s.regionCode === '41');
    expect(capital).toBeGreaterThan(0.4);
    expect(capital).toBeLessThan(0.5);
    const gangwon = share(demo, (s) => s.regionCode === '42');
    expect(gangwon).toBeGreaterThan(0.02);
    expect(gangwon).toBeLessThan(0.04);
    expect(share(demo, (s) => s.regionCode === '36')).toBeGreaterThan(0.004);
    // A short prefix is spread too: the province sequence is even, not merely random.
    const first = demo.slice(0, 1_000);
    expect(share(first, (s) => s.regionCode === '41')).toBeGreaterThan(0.24);
    expect(share(first, (s) => s.regionCode === '41')).toBeLessThan(0.28);
  });

  it('use real district and dong names', () => {
    expect(demo.some((store) => store.addr.startsWith('서울특별시 강남구 논현동 '))).toBe(true);
    expect(demo.some((store) => store.addr.startsWith('경기도 수원시 장안구 '))).toBe(true);
    const seoulGu = new Set(demo.filter((s) => s.regionCode === '11').map((s) => s.addr.split(' ')[1]));
    expect(seoulGu.size).toBe(25);
  });

  it('lie near their district and inside their city', () => {
    const inside = (store: DemoStore, south: number, north: number, west: number, east: number) =>
      store.lat >= south && store.lat <= north && store.lng >= west && store.lng <= east;
    const outside = demo.filter(
      (store) =>
        (store.regionCode === '11' && !inside(store, 37.42, 37.71, 126.77, 127.18)) ||
        (store.regionCode === '26' && !inside(store, 35.03, 35.39, 128.85, 129.3)) ||
        (store.regionCode === '50' && !inside(store, 33.15, 33.57, 126.1, 126.98)),
    );
    expect(outside).toEqual([]);
    const gangnam = demo.filter((store) => store.addr.startsWith('서울특별시 강남구 '));
    expect(gangnam.length).toBeGreaterThan(100);
    // 강남구 runs from 신사동 and 압구정동 on the river to 세곡동 and 개포동 in the south-east.
    expect(gangnam.filter((store) => !inside(store, 37.455, 37.54, 127.01, 127.125))).toEqual([]);
  });

  it('come from district tables that fit Korea', () => {
    expect(DEMO_PROVINCES).toHaveLength(17);
    for (const province of DEMO_PROVINCES) {
      expect(PROVINCE_NAMES[province.code]).toBe(province.fullName);
      expect(province.districts.length).toBeGreaterThanOrEqual(province.code === '36' ? 3 : 4);
      for (const district of province.districts) {
        expect(district.dongs.length).toBeGreaterThanOrEqual(2);
        expect(district.lat).toBeGreaterThan(33.1);
        expect(district.lat).toBeLessThan(38.3);
        expect(district.lng).toBeGreaterThan(126.1);
        expect(district.lng).toBeLessThan(129.5);
      }
    }
  });

  it('give a store in Seoul or Busan the address of the nearest dong centre, so the address says where it stands', () => {
    expect([...DONG_CENTRES.keys()]).toEqual(expect.arrayContaining(['11', '26']));
    for (const [region, centres] of DONG_CENTRES) {
      const stores = demo.filter((store) => store.regionCode === region);
      expect(stores.length).toBeGreaterThan(1000);
      const wrong = stores.filter((store) => {
        const { district, dong } = nearestDongCentre(centres, store.lat, store.lng);
        return !store.addr.startsWith(`${PROVINCE_NAMES[region]} ${district.name} ${dong} `);
      });
      expect(wrong).toEqual([]);
      // Within a few kilometres of the dong's centre: the spread of a district does not reach far past its dongs.
      expect(stores.filter((store) => {
        const { lat, lng } = nearestDongCentre(centres, store.lat, store.lng);
        return distanceM(store, { lat, lng }) > 4000;
      })).toEqual([]);
    }
  });

  it('place well-known Seoul landmarks in their own dong', () => {
    const seoul = DONG_CENTRES.get('11') ?? [];
    const at = (lat: number, lng: number) => {
      const { district, dong } = nearestDongCentre(seoul, lat, lng);
      return `${district.name} ${dong}`;
    };
    expect(at(37.5663, 126.9779)).toBe('중구 태평로1가'); // Seoul City Hall
    expect(at(37.511, 127.028)).toBe('강남구 논현동');
    expect(at(37.525, 127.047)).toBe('강남구 청담동');
    expect(at(37.514, 127.056)).toBe('강남구 삼성동');
    expect(at(37.586, 126.998)).toBe('종로구 명륜동');
    expect(at(37.56, 127.015)).toBe('중구 신당동');
    const busan = DONG_CENTRES.get('26') ?? [];
    const inBusan = (lat: number, lng: number) => {
      const { district, dong } = nearestDongCentre(busan, lat, lng);
      return `${district.name} ${dong}`;
    };
    expect(inBusan(35.1577, 129.0592)).toBe('부산진구 부전동'); // Seomyeon
    expect(inBusan(35.1587, 129.1604)).toBe('해운대구 우동'); // Haeundae station
    expect(inBusan(35.0977, 129.0335)).toBe('중구 남포동3가'); // Nampo-dong
  });

  it('put a store 250 m from Seoul City Hall in 중구, not in a dong kilometres away', () => {
    const cityHall = { lat: 37.5663, lng: 126.9779 };
    const near = demo.filter((store) => distanceM(cityHall, store) <= 250);
    for (const store of near) expect(store.addr).toMatch(/^서울특별시 중구 (태평로1가|소공동|정동|남창동) /);
  });

  it('put the stores an address search for 논현동 finds around 논현동, not around 청담동 or 삼성동', () => {
    const nonhyeon = demo.filter((store) => store.addr.startsWith('서울특별시 강남구 논현동 '));
    expect(nonhyeon.length).toBeGreaterThan(10);
    const centre = { lat: nonhyeon.reduce((sum, s) => sum + s.lat, 0) / nonhyeon.length, lng: nonhyeon.reduce((sum, s) => sum + s.lng, 0) / nonhyeon.length };
    expect(distanceM(centre, { lat: 37.511, lng: 127.028 })).toBeLessThan(700);
    expect(nonhyeon.filter((store) => distanceM(store, { lat: 37.511, lng: 127.028 }) > 2500)).toEqual([]);
  });

  it('refuse counts that cannot have unique codes', () => {
    expect(() => generateDemoStores(-1)).toThrow(RangeError);
    expect(() => generateDemoStores(1.5)).toThrow(RangeError);
    expect(() => generateDemoStores(10_000_001)).toThrow(RangeError);
  });

  it('generate 25,000 stores well under a second', () => {
    generateDemoStores(1_000);
    const started = performance.now();
    generateDemoStores(25_000);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
