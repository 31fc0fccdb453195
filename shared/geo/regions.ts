/**
 * Korea's 17 provinces by their 2-digit administrative codes, as officials are assigned to them.
 * 강원 and 전북 took new codes when they became special self-governing provinces (2023, 2024); addresses
 * written either way map to the code of their name, and both codes are regions of their own.
 */
export const PROVINCES = [
  { code: '11', names: ['서울특별시', '서울'] },
  { code: '26', names: ['부산광역시', '부산'] },
  { code: '27', names: ['대구광역시', '대구'] },
  { code: '28', names: ['인천광역시', '인천'] },
  { code: '29', names: ['광주광역시', '광주'] },
  { code: '30', names: ['대전광역시', '대전'] },
  { code: '31', names: ['울산광역시', '울산'] },
  { code: '36', names: ['세종특별자치시', '세종'] },
  { code: '41', names: ['경기도', '경기'] },
  { code: '42', names: ['강원도'] },
  { code: '51', names: ['강원특별자치도', '강원'] },
  { code: '43', names: ['충청북도', '충북'] },
  { code: '44', names: ['충청남도', '충남'] },
  { code: '45', names: ['전라북도'] },
  { code: '52', names: ['전북특별자치도', '전북'] },
  { code: '46', names: ['전라남도', '전남'] },
  { code: '47', names: ['경상북도', '경북'] },
  { code: '48', names: ['경상남도', '경남'] },
  { code: '50', names: ['제주특별자치도', '제주도', '제주'] },
] as const;

export const PROVINCE_CODES: readonly string[] = PROVINCES.map((province) => province.code);

const codeByName = new Map<string, string>(PROVINCES.flatMap((province) => province.names.map((name) => [name, province.code] as const)));

/** The province code of an address by its first word (`서울특별시 강남구 …` → `11`); undefined when it names none. */
export const regionOfAddress = (addr: string): string | undefined => codeByName.get(addr.trim().split(/\s+/)[0] ?? '');
