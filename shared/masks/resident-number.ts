/**
 * Resident registration numbers (주민등록번호), `YYMMDD-GNNNNNN`. G gives the century (and sex), and
 * numbers issued before October 2020 — everyone the 2020 rationing covered — end in a check digit.
 */
export type ResidentNumberProblem = 'format' | 'date' | 'century' | 'checksum';

const CENTURY: Record<string, number> = { '9': 1800, '0': 1800, '1': 1900, '2': 1900, '5': 1900, '6': 1900, '3': 2000, '4': 2000, '7': 2000, '8': 2000 };
const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

export const normalizeResidentNumber = (input: string): string => input.replace(/[\s-]/g, '');

export const checkResidentNumber = (input: string): { ok: true; birthYear: number; digits: string } | { ok: false; problem: ResidentNumberProblem } => {
  const digits = normalizeResidentNumber(input);
  if (!/^\d{13}$/.test(digits)) return { ok: false, problem: 'format' };
  const century = CENTURY[digits[6] ?? ''];
  if (century === undefined) return { ok: false, problem: 'century' };
  const birthYear = century + Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  const date = new Date(Date.UTC(birthYear, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return { ok: false, problem: 'date' };
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(digits[i]), 0);
  if ((11 - (sum % 11)) % 10 !== Number(digits[12])) return { ok: false, problem: 'checksum' };
  return { ok: true, birthYear, digits };
};

/** A valid number for a birth date (tests and demo data): the check digit computed, not guessed. */
export const residentNumberFor = (birth: { year: number; month: number; day: number }, serial: number, female = false): string => {
  const centuryBase = birth.year >= 2000 ? 3 : birth.year >= 1900 ? 1 : 9;
  const g = birth.year >= 1900 ? centuryBase + (female ? 1 : 0) : female ? 0 : 9;
  const first12 = `${String(birth.year % 100).padStart(2, '0')}${String(birth.month).padStart(2, '0')}${String(birth.day).padStart(2, '0')}${g}${String(serial % 100000).padStart(5, '0')}`;
  const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(first12[i]), 0);
  return `${first12.slice(0, 6)}-${first12.slice(6)}${(11 - (sum % 11)) % 10}`;
};
