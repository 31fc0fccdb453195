/**
 * The 2020 API's stock bands. Citizens read colours, not counts: green `plenty` (100+), yellow `some`
 * (30–99), red `few` (2–29), grey `empty` (0–1) and `break` (the store stopped selling).
 */
export type RemainStat = 'plenty' | 'some' | 'few' | 'empty' | 'break';

export const REMAIN_STATS: readonly RemainStat[] = ['plenty', 'some', 'few', 'empty', 'break'];

export const remainStatOf = (remaining: number | undefined, onBreak = false): RemainStat | undefined => {
  if (onBreak) return 'break';
  if (remaining === undefined) return undefined;
  if (remaining >= 100) return 'plenty';
  if (remaining >= 30) return 'some';
  if (remaining >= 2) return 'few';
  return 'empty';
};
