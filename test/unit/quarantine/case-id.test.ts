import { describe, expect, it } from 'vitest';
import { isCaseId, newCaseId } from '../../../shared/quarantine/case-id.ts';

describe('case ids', () => {
  it('are 128 random bits, URL-safe, and never repeat', () => {
    const ids = Array.from({ length: 5000 }, newCaseId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(isCaseId(id)).toBe(true);
      expect(encodeURIComponent(id)).toBe(id);
      expect(Buffer.from(id.slice(2), 'base64url')).toHaveLength(16);
    }
  });

  it('show no order: ids made one after another share no prefix beyond chance', () => {
    const ids = Array.from({ length: 2000 }, newCaseId);
    // Consecutive ids agreeing on their first random symbol happens 1 time in 64; a counter would always.
    const same = ids.slice(1).filter((id, i) => id[2] === ids[i]?.[2]).length;
    expect(same).toBeLessThan(100);
  });

  it('are told apart from what is not one', () => {
    expect(isCaseId('case-7')).toBe(false);
    expect(isCaseId('c_' + 'A'.repeat(21))).toBe(false);
    expect(isCaseId('c_' + 'A'.repeat(21) + '/')).toBe(false);
  });
});
