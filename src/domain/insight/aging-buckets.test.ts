import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { agingBucketLabels, agingBuckets, computeAgingBucket, computeDaysPastDue } from './aging-buckets.ts';
import { computeDateAfterDays } from '../shared/calendar-date.ts';

describe('aging buckets', () => {
  it('are current, 1-30, 31-60, 61-90, 91-120 and 121+, in that order', () => {
    expect(agingBucketLabels).toEqual(['current', '1-30', '31-60', '61-90', '91-120', '121+']);
  });

  it('cover every day count exactly once: each bucket starts the day after the previous one ends', () => {
    expect(agingBuckets[0].daysPastDueMin).toBeNull();
    expect(agingBuckets[agingBuckets.length - 1]!.daysPastDueMax).toBeNull();
    for (let i = 1; i < agingBuckets.length; i++) {
      expect(agingBuckets[i]!.daysPastDueMin).toBe(agingBuckets[i - 1]!.daysPastDueMax! + 1);
    }
  });

  it('puts a balance in the bucket of its days past due, at each boundary: the day before, of and after', () => {
    const expected: Array<[number, string]> = [
      [-365, 'current'], [-1, 'current'], [0, 'current'],
      [1, '1-30'], [29, '1-30'], [30, '1-30'],
      [31, '31-60'], [59, '31-60'], [60, '31-60'],
      [61, '61-90'], [89, '61-90'], [90, '61-90'],
      [91, '91-120'], [119, '91-120'], [120, '91-120'],
      [121, '121+'], [122, '121+'], [10_000, '121+'],
    ];
    for (const [days, bucket] of expected) expect(computeAgingBucket(days), `${days} days`).toBe(bucket);
  });

  it('days past due is the as-of date minus the due date, in calendar days', () => {
    expect(computeDaysPastDue('2026-03-01', '2026-03-01')).toBe(0);
    expect(computeDaysPastDue('2026-02-28', '2026-03-01')).toBe(-1);
    expect(computeDaysPastDue('2026-03-02', '2026-03-01')).toBe(1);
    expect(computeDaysPastDue('2026-03-31', '2026-03-01')).toBe(30);
    // Across a leap day: due 2024-02-01, 30 days later is 2024-03-02.
    expect(computeDaysPastDue('2024-03-02', '2024-02-01')).toBe(30);
    expect(computeAgingBucket(computeDaysPastDue('2024-03-02', '2024-02-01'))).toBe('1-30');
    expect(computeAgingBucket(computeDaysPastDue('2024-03-03', '2024-02-01'))).toBe('31-60');
  });

  it('never moves a balance to a younger bucket as time passes', () => {
    fc.assert(fc.property(fc.integer({ min: -400, max: 400 }), fc.integer({ min: 0, max: 400 }), (offset, later) => {
      const dueDate = '2026-01-15';
      const asOf = computeDateAfterDays(dueDate, offset);
      const before = agingBucketLabels.indexOf(computeAgingBucket(computeDaysPastDue(asOf, dueDate)));
      const after = agingBucketLabels.indexOf(computeAgingBucket(computeDaysPastDue(computeDateAfterDays(asOf, later), dueDate)));
      expect(after).toBeGreaterThanOrEqual(before);
    }));
  });

  it('refuses a fractional day count', () => {
    expect(() => computeAgingBucket(1.5)).toThrow(/whole number/);
  });
});
