import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeLargestRemainderSplit } from './compute-largest-remainder-split.ts';

describe('computeLargestRemainderSplit', () => {
  it('an equal split puts the extra minor units on the first parts', () => {
    expect(computeLargestRemainderSplit(1000n, [1n, 1n, 1n])).toEqual([334n, 333n, 333n]);
    expect(computeLargestRemainderSplit(1001n, [1n, 1n, 1n])).toEqual([334n, 334n, 333n]);
    expect(computeLargestRemainderSplit(2n, [1n, 1n, 1n, 1n])).toEqual([1n, 1n, 0n, 0n]);
  });

  it('gives the left-over units to the largest remainders, not to the first parts', () => {
    // Quotas 33.33…, 66.66…: the second has the larger remainder.
    expect(computeLargestRemainderSplit(100n, [1n, 2n])).toEqual([33n, 67n]);
    // Quotas 1.4, 1.4, 2.2 → 1, 1, 2 plus one unit to the first 0.4 remainder.
    expect(computeLargestRemainderSplit(5n, [7n, 7n, 11n])).toEqual([2n, 1n, 2n]);
  });

  it('property: the parts sum to the whole, and each is its quota rounded down or up', () => {
    fc.assert(fc.property(
      fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.array(fc.bigInt({ min: 0n, max: 10n ** 6n }), { minLength: 1, maxLength: 40 }),
      (total, weights) => {
        fc.pre(weights.some((weight) => weight > 0n));
        const parts = computeLargestRemainderSplit(total, weights);
        const weightSum = weights.reduce((sum, weight) => sum + weight, 0n);
        expect(parts.reduce((sum, part) => sum + part, 0n)).toBe(total);
        parts.forEach((part, index) => {
          const floor = (total * weights[index]!) / weightSum;
          expect(part === floor || part === floor + 1n).toBe(true);
        });
      },
    ));
  });
});
