import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeInstallmentDueDate } from './compute-installment-due-date.ts';
import { computeDateAfterMonths, isCalendarDate } from '../shared/calendar-date.ts';

describe('computeInstallmentDueDate', () => {
  it('monthly keeps the start day, clamps to month end, and comes back to the 31st (01-31 → 02-28 → 03-31)', () => {
    const months = (start: string) => [1, 2, 3].map((number) => computeInstallmentDueDate(start, 'monthly', number));
    expect(months('2026-01-31')).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
    expect(months('2028-01-31')).toEqual(['2028-02-29', '2028-03-31', '2028-04-30']);
    expect(months('2026-11-30')).toEqual(['2026-12-30', '2027-01-30', '2027-02-28']);
    expect(computeInstallmentDueDate('2026-01-15', 'monthly', 12)).toBe('2027-01-15');
  });

  it('weekly adds 7 days and bi-weekly 14, across month, year and leap day', () => {
    expect(computeInstallmentDueDate('2026-12-29', 'weekly', 1)).toBe('2027-01-05');
    expect(computeInstallmentDueDate('2028-02-22', 'weekly', 1)).toBe('2028-02-29');
    expect(computeInstallmentDueDate('2026-01-15', 'biweekly', 2)).toBe('2026-02-12');
    expect(computeInstallmentDueDate('2026-01-15', 'biweekly', 26)).toBe('2027-01-14');
  });

  it('property: a month on is a real date, on the start day or the last day of a shorter month', () => {
    const date = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('9000-12-31T00:00:00Z'), noInvalidDate: true })
      .map((value) => value.toISOString().slice(0, 10));
    fc.assert(fc.property(date, fc.integer({ min: 0, max: 1200 }), (start, months) => {
      const due = computeDateAfterMonths(start, months);
      expect(isCalendarDate(due)).toBe(true);
      const [startYear, startMonth, startDay] = start.split('-').map(Number) as [number, number, number];
      const [year, month, day] = due.split('-').map(Number) as [number, number, number];
      expect(year * 12 + month - (startYear * 12 + startMonth)).toBe(months);
      const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
      expect(day).toBe(Math.min(startDay, lastDay));
    }));
  });

  it('only YYYY-MM-DD calendar dates are dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    for (const text of ['2026-02-29', '2026-13-01', '2026-1-5', '20260115', '2026-01-15T00:00:00Z']) expect(isCalendarDate(text), text).toBe(false);
    expect(() => computeDateAfterMonths('2026-02-30', 1)).toThrow(RangeError);
  });
});
