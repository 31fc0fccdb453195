/** Korea keeps one offset all year (no daylight saving), so KST is UTC+9 by arithmetic. */
const KST_OFFSET_MS = 9 * 3600 * 1000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const kst = (instant: Date): Date => new Date(instant.getTime() + KST_OFFSET_MS);

/** `YYYY/MM/DD HH:mm:ss` in Korean time: the 2020 API's format. */
export const toLegacyTime = (iso: string | undefined): string | null => {
  if (!iso) return null;
  const t = kst(new Date(iso));
  return `${t.getUTCFullYear()}/${pad(t.getUTCMonth() + 1)}/${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
};

/** The calendar date in Korea, `YYYY-MM-DD`. */
export const koreanDate = (instant: Date): string => {
  const t = kst(instant);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
};

/** 0 Sunday … 6 Saturday, in Korea. */
export const koreanWeekday = (instant: Date): number => kst(instant).getUTCDay();

/** The rationing week: Monday to Sunday in Korea, named by its Monday (`2020-03-09`). */
export const rationingWeekOf = (instant: Date): string => {
  const t = kst(instant);
  const daysSinceMonday = (t.getUTCDay() + 6) % 7;
  return koreanDate(new Date(instant.getTime() - daysSinceMonday * 86_400_000));
};
