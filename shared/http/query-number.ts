import { z } from 'zod';

/** What a person writes as a number: digits, an optional sign and decimals. No hex, exponents or spaces. */
const PLAIN_DECIMAL = /^-?\d{1,16}(\.\d{1,16})?$/;

/**
 * A number in the query string, for every route. Query values arrive as text, and JavaScript's Number()
 * reads `0x25`, `0b1`, `1e3`, `Infinity` and ` 12` as numbers a client never meant; here they are refused,
 * naming the field. An empty value is "missing", not 0, so the schema's default applies.
 */
export const queryNumber = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value, ctx) => {
    if (value === '' || value === undefined) return undefined;
    if (typeof value !== 'string') return value;
    if (!PLAIN_DECIMAL.test(value)) {
      ctx.addIssue({ code: 'custom', message: `expected a plain decimal number such as 37.5, got ${JSON.stringify(value.slice(0, 40))}`, input: value });
      return z.NEVER;
    }
    return Number(value);
  }, schema);
