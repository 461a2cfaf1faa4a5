import { describe, expect, it } from 'vitest';
import { computeValidationPeriodEnd } from './validation-period.ts';

describe('validation period end date (REGF-VAL-PERIOD, 1006.34(b)(5))', () => {
  it.each([
    // RULES.md's worked examples.
    ['2021-11-01', '2021-11-08', '2021-12-08'], // plain week
    ['2024-11-04', '2024-11-12', '2024-12-12'], // Veterans Day Monday 11 November is skipped
    ['2023-11-22', '2023-11-30', '2023-12-30'], // Thanksgiving skipped; END on a Saturday is not rolled forward
    ['2023-12-22', '2024-01-02', '2024-02-01'], // Christmas and New Year's Day skipped
  ])('provided %s: receipt assumed %s, period ends %s', (provided, receipt, end) => {
    expect(computeValidationPeriodEnd(provided)).toEqual({ providedDate: provided, assumedReceiptDate: receipt, endDate: end });
  });

  it('counts five business days after the provided date, never the provided date itself', () => {
    // Friday 2024-06-07: Mon 10 … Fri 14 June.
    expect(computeValidationPeriodEnd('2024-06-07').assumedReceiptDate).toBe('2024-06-14');
    // Saturday provision: the weekend does not count.
    expect(computeValidationPeriodEnd('2024-06-08').assumedReceiptDate).toBe('2024-06-14');
  });

  it('lets a policy give the consumer more time, never less', () => {
    expect(computeValidationPeriodEnd('2024-11-04', { periodDays: 35 }).endDate).toBe('2024-12-17');
    expect(computeValidationPeriodEnd('2024-11-04', { receiptBusinessDays: 6 }).assumedReceiptDate).toBe('2024-11-13');
    expect(() => computeValidationPeriodEnd('2024-11-04', { periodDays: 29 })).toThrow(RangeError);
    expect(() => computeValidationPeriodEnd('2024-11-04', { receiptBusinessDays: 4 })).toThrow(RangeError);
  });

  it('rejects a date that does not exist', () => {
    expect(() => computeValidationPeriodEnd('2024-02-30')).toThrow(RangeError);
  });
});
