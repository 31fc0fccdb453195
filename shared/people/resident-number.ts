/**
 * Resident registration numbers (주민등록번호), `YYMMDD-GNNNNNN`, as the rationing and the relief registry
 * read them. G gives the century (and sex). Two schemes are in use at once:
 *
 * - issued before 5 October 2020: four digits of the birth registration office, a serial and a check digit;
 * - issued since: six random digits and no check digit. Not only births: anyone whose number was changed
 *   (after identity theft or domestic violence) has one, whatever their birth date.
 *
 * So a number cannot be told to be wrong by its last digit: a check digit that does not add up may be a
 * real person's new number, and refusing it would refuse them masks or relief. What is checked is what
 * both schemes share: the form, a real birth date, and a birth not after today.
 */
export type ResidentNumberProblem = 'format' | 'date' | 'century' | 'future';

export interface ResidentNumber {
  readonly ok: true;
  readonly birthYear: number;
  /** The 13 digits, without the hyphen: what a keyed hash is taken of. */
  readonly digits: string;
  /** Whether the last digit is the pre-2020 check digit; informational, never a reason to refuse. */
  readonly checkDigitMatches: boolean;
}

const CENTURY: Record<string, number> = { '9': 1800, '0': 1800, '1': 1900, '2': 1900, '5': 1900, '6': 1900, '3': 2000, '4': 2000, '7': 2000, '8': 2000 };
const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
/** Birth dates are Korean calendar dates: a baby born this morning in Seoul is born "today" there. */
const KST_OFFSET_MS = 9 * 3600 * 1000;

export const normalizeResidentNumber = (input: string): string => input.replace(/[\s-]/g, '');

const checkDigitOf = (first12: string): number => (11 - (WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(first12[i]), 0) % 11)) % 10;

export const checkResidentNumber = (input: string, now: Date): ResidentNumber | { ok: false; problem: ResidentNumberProblem } => {
  const digits = normalizeResidentNumber(input);
  if (!/^\d{13}$/.test(digits)) return { ok: false, problem: 'format' };
  const century = CENTURY[digits[6] ?? ''];
  if (century === undefined) return { ok: false, problem: 'century' };
  const birthYear = century + Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  const date = new Date(Date.UTC(birthYear, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return { ok: false, problem: 'date' };
  const today = new Date(now.getTime() + KST_OFFSET_MS);
  if (date.getTime() > Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())) return { ok: false, problem: 'future' };
  return { ok: true, birthYear, digits, checkDigitMatches: checkDigitOf(digits) === Number(digits[12]) };
};

const genderDigit = (year: number, female: boolean): number => {
  if (year < 1900) return female ? 0 : 9;
  return (year >= 2000 ? 3 : 1) + (female ? 1 : 0);
};
const birthDigits = (birth: { year: number; month: number; day: number }): string =>
  `${String(birth.year % 100).padStart(2, '0')}${String(birth.month).padStart(2, '0')}${String(birth.day).padStart(2, '0')}`;

/** A valid pre-October-2020 number for a birth date (tests and demo data): the check digit computed, not guessed. */
export const residentNumberFor = (birth: { year: number; month: number; day: number }, serial: number, female = false): string => {
  const first12 = `${birthDigits(birth)}${genderDigit(birth.year, female)}${String(serial % 100000).padStart(5, '0')}`;
  return `${first12.slice(0, 6)}-${first12.slice(6)}${checkDigitOf(first12)}`;
};

/** A number as issued since 5 October 2020: six random digits after the gender digit, no check digit. */
export const newSchemeResidentNumberFor = (birth: { year: number; month: number; day: number }, random: number, female = false): string =>
  `${birthDigits(birth)}-${genderDigit(birth.year, female)}${String(random % 1_000_000).padStart(6, '0')}`;
