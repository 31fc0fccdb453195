/**
 * The 17 provinces and metropolitan cities (시·도) by their 2-digit administrative codes: an official's
 * region (`custom:region`), an alert's, a store's. Addresses start with the province, written in full
 * (`서울특별시`) or short (`서울`), under its name of 2020 or of today: 강원도 became 강원특별자치도 in 2023
 * and 전라북도 전북특별자치도 in 2024, and each province keeps one code whichever name an address uses,
 * so a region's officials see all of it. The codes are today's (강원 51, 전북 52).
 */
export const PROVINCE_REGIONS: readonly { readonly region: string; readonly names: readonly string[] }[] = [
  { region: '11', names: ['서울특별시', '서울시', '서울'] },
  { region: '26', names: ['부산광역시', '부산시', '부산'] },
  { region: '27', names: ['대구광역시', '대구시', '대구'] },
  { region: '28', names: ['인천광역시', '인천시', '인천'] },
  { region: '29', names: ['광주광역시', '광주시', '광주'] },
  { region: '30', names: ['대전광역시', '대전시', '대전'] },
  { region: '31', names: ['울산광역시', '울산시', '울산'] },
  { region: '36', names: ['세종특별자치시', '세종시', '세종'] },
  { region: '41', names: ['경기도', '경기'] },
  { region: '43', names: ['충청북도', '충북'] },
  { region: '44', names: ['충청남도', '충남'] },
  { region: '46', names: ['전라남도', '전남'] },
  { region: '47', names: ['경상북도', '경북'] },
  { region: '48', names: ['경상남도', '경남'] },
  { region: '50', names: ['제주특별자치도', '제주도', '제주'] },
  { region: '51', names: ['강원특별자치도', '강원도', '강원'] },
  { region: '52', names: ['전북특별자치도', '전라북도', '전북'] },
];

/** Every region, in code order: a national listing walks them in this order. */
export const REGION_CODES = ['11', '26', '27', '28', '29', '30', '31', '36', '41', '43', '44', '46', '47', '48', '50', '51', '52'] as const;
export type RegionCode = (typeof REGION_CODES)[number];

const BY_NAME = new Map(PROVINCE_REGIONS.flatMap(({ region, names }) => names.map((name) => [name, region] as const)));

/**
 * The region of an address by its first word; undefined when that word is no province (a typo, an
 * address without one), so such a store is left to national administrators rather than guessed.
 * `경기도 광주시` is in 경기 (41): only the first word decides, never a city name further on.
 */
export const regionOfAddress = (addr: string): string | undefined => BY_NAME.get(addr.trim().split(/\s+/, 1)[0] ?? '');
