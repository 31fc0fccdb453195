import { describe, expect, it } from 'vitest';
import { rationingWeekOf, toLegacyTime } from '../../../shared/masks/korean-time.ts';

describe('Korean time', () => {
  it('formats as the 2020 API did', () => {
    expect(toLegacyTime('2020-03-09T23:30:05Z')).toBe('2020/03/10 08:30:05');
    expect(toLegacyTime(undefined)).toBeNull();
  });

  it('starts the rationing week on Monday in Korea, not in UTC', () => {
    expect(rationingWeekOf(new Date('2020-03-15T23:30:00+09:00'))).toBe('2020-03-09'); // Sunday night
    expect(rationingWeekOf(new Date('2020-03-16T00:10:00+09:00'))).toBe('2020-03-16'); // Sunday 15:10 UTC
  });
});
