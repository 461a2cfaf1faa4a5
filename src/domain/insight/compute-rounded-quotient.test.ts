import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal as DecimalBase } from 'decimal.js';
import { computeRoundedQuotient } from './compute-rounded-quotient.ts';

// The reference: decimal arithmetic with more significant digits than any figure here has.
const Decimal = DecimalBase.clone({ precision: 80 });

describe('rounded quotient', () => {
  it('rounds half away from zero, on both sides of zero', () => {
    expect(computeRoundedQuotient(1n, 8n, 2)).toBe('0.13'); // 0.125
    expect(computeRoundedQuotient(-1n, 8n, 2)).toBe('-0.13');
    expect(computeRoundedQuotient(1n, -8n, 2)).toBe('-0.13');
    expect(computeRoundedQuotient(-1n, -8n, 2)).toBe('0.13');
    expect(computeRoundedQuotient(1n, 3n, 2)).toBe('0.33');
    expect(computeRoundedQuotient(2n, 3n, 2)).toBe('0.67');
    expect(computeRoundedQuotient(1n, 1000n, 2)).toBe('0.00');
    expect(computeRoundedQuotient(-1n, 1000n, 2)).toBe('0.00'); // no "-0.00"
    expect(computeRoundedQuotient(0n, 7n, 2)).toBe('0.00');
    expect(computeRoundedQuotient(45n, 1n, 2)).toBe('45.00');
    expect(computeRoundedQuotient(5n, 2n, 0)).toBe('3');
  });

  it('stays exact where floating point drifts', () => {
    // 1.005 is 1.00499999999999989… as a double, so Math.round(1.005 * 100) / 100 gives 1.00.
    expect(Math.round(1.005 * 100) / 100).toBe(1);
    expect(computeRoundedQuotient(1005n, 1000n, 2)).toBe('1.01');
    // Beyond 2^53 a double cannot even hold the numerator.
    expect(computeRoundedQuotient(9_007_199_254_740_993n * 90n, 3n, 2)).toBe('270215977642229790.00');
  });

  it('agrees with decimal arithmetic for any amounts', () => {
    const big = fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n });
    fc.assert(fc.property(big, big.filter((d) => d !== 0n), (numerator, denominator) => {
      const expected = new Decimal(numerator.toString()).div(new Decimal(denominator.toString()))
        .toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
      expect(computeRoundedQuotient(numerator, denominator, 2)).toBe(expected === '-0.00' ? '0.00' : expected);
    }), { numRuns: 500 });
  });

  it('refuses a zero denominator instead of returning Infinity', () => {
    expect(() => computeRoundedQuotient(1n, 0n, 2)).toThrow(/non-zero denominator/);
  });
});
