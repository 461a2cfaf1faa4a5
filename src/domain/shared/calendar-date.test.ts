import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeDateAfterDays, computeDayNumber, computeDaysBetween, computeDaysInPeriod, isCalendarDate } from './calendar-date.ts';

describe('calendar days', () => {
  it('accepts real YYYY-MM-DD dates only', () => {
    for (const date of ['2026-01-01', '2024-02-29', '2000-02-29', '1999-12-31']) expect(isCalendarDate(date)).toBe(true);
    for (const text of ['2026-13-01', '2026-02-29', '1900-02-29', '2026-04-31', '2026-1-01', '26-01-01', '2026-01-01T00:00:00Z', '', 'today']) {
      expect(isCalendarDate(text)).toBe(false);
    }
    expect(() => computeDayNumber('2026-02-30')).toThrow(/not a calendar date/);
  });

  it('counts days across month ends, leap days and year ends', () => {
    expect(computeDaysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(computeDaysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(computeDaysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(computeDaysBetween('2026-03-31', '2026-03-01')).toBe(-30);
    expect(computeDaysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(computeDaysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('a period counts both its first and its last day', () => {
    expect(computeDaysInPeriod('2026-01-01', '2026-01-01')).toBe(1);
    expect(computeDaysInPeriod('2026-01-01', '2026-03-31')).toBe(90);
    expect(computeDaysInPeriod('2024-01-01', '2024-12-31')).toBe(366);
  });

  it('does not depend on the time zone the process runs in (DST changes are not days)', () => {
    // 2026-03-08 and 2026-11-01 are DST changes in the US; a calendar-day count must not see them.
    expect(computeDaysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(computeDaysBetween('2026-10-31', '2026-11-02')).toBe(2);
  });

  it('adding days and counting them back agree', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: -5000, max: 5000 }), (start, days) => {
      const from = computeDateAfterDays('1900-01-01', start);
      const to = computeDateAfterDays(from, days);
      expect(isCalendarDate(to)).toBe(true);
      expect(computeDaysBetween(from, to)).toBe(days);
    }));
  });
});
