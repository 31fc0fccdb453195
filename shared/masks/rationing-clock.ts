/**
 * The time the rationing rules are judged at. Normally now; with MASK_RATIONING_AS_OF (a date) every
 * sale is judged as if made at noon that day in Korea — for demos and tests of the 2020 rules, which
 * by today's date would all have ended.
 */
export const rationingClock = (asOf: string | undefined): (() => Date) =>
  asOf ? () => new Date(`${asOf}T12:00:00+09:00`) : () => new Date();
