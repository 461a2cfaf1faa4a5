import { describe, expect, it } from 'vitest';
import { computeUsFederalHolidays, isUsFederalHoliday } from './us-federal-holidays.ts';

describe('US federal holidays (5 USC 6103)', () => {
  it('lists the eleven legal public holidays of 2024 on their 2024 dates', () => {
    expect(computeUsFederalHolidays(2024).map((holiday) => holiday.date)).toEqual([
      '2024-01-01', '2024-01-15', '2024-02-19', '2024-05-27', '2024-06-19', '2024-07-04', '2024-09-02', '2024-10-14',
      '2024-11-11', '2024-11-28', '2024-12-25',
    ]);
  });

  it('adds the 6103(b) observed day: a Saturday holiday on the Friday before, a Sunday one on the Monday after', () => {
    // 2021: Juneteenth Sat 19 June (observed Fri 18), Independence Day Sun 4 July (observed Mon 5),
    // Christmas Sat 25 December (observed Fri 24), New Year 2022 Sat 1 January (observed Fri 31 December 2021).
    for (const date of ['2021-06-18', '2021-07-05', '2021-12-24', '2021-12-31']) expect(isUsFederalHoliday(date)).toBe(true);
    expect(computeUsFederalHolidays(2021).filter((holiday) => holiday.observed).map((holiday) => holiday.date))
      .toEqual(['2021-06-18', '2021-07-05', '2021-12-24', '2021-12-31']);
  });

  it('knows Juneteenth only from 2021, when it became a legal public holiday', () => {
    expect(isUsFederalHoliday('2020-06-19')).toBe(false);
    expect(isUsFederalHoliday('2022-06-20')).toBe(true); // Sunday 19 June 2022, observed Monday
  });

  it('puts Thanksgiving on the fourth Thursday and Memorial Day on the last Monday', () => {
    expect(isUsFederalHoliday('2023-11-23')).toBe(true);
    expect(isUsFederalHoliday('2023-11-30')).toBe(false);
    expect(isUsFederalHoliday('2021-05-31')).toBe(true);
    expect(isUsFederalHoliday('2021-05-24')).toBe(false);
  });

  it('does not treat an ordinary weekday or a non-federal day as a holiday', () => {
    expect(isUsFederalHoliday('2024-11-12')).toBe(false);
    expect(isUsFederalHoliday('2024-02-14')).toBe(false);
  });
});
