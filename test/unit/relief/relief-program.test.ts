import { describe, expect, it } from 'vitest';
import program2020 from '../../../config/relief-2020.json' with { type: 'json' };
import { grantAmountFor, reliefProgramSchema } from '../../../shared/relief/relief-program.ts';

describe('a relief program as data', () => {
  const program = reliefProgramSchema.parse(program2020);

  it('holds 2020’s grant: 400,000 / 600,000 / 800,000 / 1,000,000 won for 1 / 2 / 3 / 4 or more members', () => {
    expect([1, 2, 3, 4, 5, 9].map((members) => grantAmountFor(program, members))).toEqual([400_000, 600_000, 800_000, 1_000_000, 1_000_000, 1_000_000]);
  });

  it('refuses a program whose amounts skip a household size, or whose spending ends before applications open, naming the field', () => {
    const skipped = reliefProgramSchema.safeParse({ ...program2020, amounts: [{ members: 1, won: 1 }, { members: 3, won: 2 }] });
    expect(skipped.success).toBe(false);
    expect(skipped.error?.issues[0]?.path).toEqual(['amounts']);
    const backwards = reliefProgramSchema.safeParse({ ...program2020, spending: { until: '2020-05-01' } });
    expect(backwards.error?.issues[0]?.path).toEqual(['spending', 'until']);
  });

  it('refuses an unknown key, so a misspelt rule is not silently ignored', () => {
    expect(reliefProgramSchema.safeParse({ ...program2020, onlin: true }).success).toBe(false);
  });
});
