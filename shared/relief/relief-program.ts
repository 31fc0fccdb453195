import { z } from 'zod';

const day = z.iso.date('a day as YYYY-MM-DD, in Korean time');
const won = z.number().int().positive().max(100_000_000);

/**
 * A relief program, as data (`config/relief-*.json`): who gets how much, when they may apply and
 * spend, where and on what. Days are Korean calendar days; a period includes its last day.
 */
export const reliefProgramSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9-]+$/, 'lowercase words with dashes'),
    description: z.string().min(1),
    /** The day of the resident register that decides households and their size. */
    registerDate: day,
    /** The grant by household size; a household larger than the last row gets the last row's amount. */
    amounts: z
      .array(z.object({ members: z.number().int().min(1).max(20), won }).strict())
      .min(1)
      .refine((rows) => rows.every((row, i) => row.members === i + 1), 'one row for each size from 1 member up'),
    application: z
      .object({
        opens: day,
        closes: day,
        /** Until this day (included) the head may apply only on the weekday of their birth year's last digit. */
        birthYearWeekdayUntil: day.optional(),
      })
      .strict()
      .refine((a) => a.opens <= a.closes, 'the application period opens before it closes'),
    spending: z.object({ until: day }).strict(),
    /** `residence`: spent only in the province or metropolitan city the household lives in (a move may be registered). */
    region: z.enum(['residence', 'anywhere']),
    /** Whether online payments may spend it (2020: no). */
    online: z.boolean(),
    excludedCategories: z.array(z.object({ mcc: z.string().regex(/^\d{4}$/, 'a 4-digit merchant category code'), name: z.string().min(1) }).strict()),
    /** A donation at application is a multiple of this. */
    donationStepWon: won,
    /** Where a grant's remaining balance goes at the end of spending, and the money of households that never applied. */
    unspent: z.literal('treasury'),
    unclaimed: z.literal('treasury'),
  })
  .strict()
  .refine((p) => p.application.opens <= p.spending.until, { message: 'spending ends after applications open', path: ['spending', 'until'] });

export type ReliefProgram = z.infer<typeof reliefProgramSchema>;

/** The grant for a household of `members` people. */
export const grantAmountFor = (program: Pick<ReliefProgram, 'amounts'>, members: number): number => {
  const rows = program.amounts;
  const row = rows[Math.min(Math.max(members, 1), rows.length) - 1];
  if (!row) throw new Error('a program has at least one amount');
  return row.won;
};
