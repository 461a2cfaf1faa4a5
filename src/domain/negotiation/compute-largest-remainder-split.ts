import { assert } from '../shared/result.ts';

/**
 * Splits `totalMinor` into parts proportional to `weights`, exactly: each part is its quota rounded
 * down, and the minor units left over go one each to the parts with the largest remainders (the
 * largest-remainder, or Hamilton, method). Ties go to the earlier part, so an equal split puts its extra
 * minor units on the first parts. The parts always sum to the total.
 * @example computeLargestRemainderSplit(1000n, [1n, 1n, 1n]) // [334n, 333n, 333n]
 * @example computeLargestRemainderSplit(100n, [1n, 2n])      // [33n, 67n]
 */
export function computeLargestRemainderSplit(totalMinor: bigint, weights: readonly bigint[]): bigint[] {
  assert(totalMinor >= 0n, 'a split divides a non-negative total');
  assert(weights.length > 0 && weights.every((weight) => weight >= 0n), 'a split needs at least one weight, none negative');
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0n);
  assert(weightSum > 0n, 'a split needs a positive weight');
  // Rounding: each quota totalMinor × weight / weightSum is rounded down; the remainders decide who gets the rest.
  const parts = weights.map((weight) => (totalMinor * weight) / weightSum);
  const remainders = weights.map((weight, index) => ({ index, remainder: (totalMinor * weight) % weightSum }));
  let leftOver = totalMinor - parts.reduce((sum, part) => sum + part, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (leftOver === 0n) break;
    parts[index]! += 1n;
    leftOver -= 1n;
  }
  assert(leftOver === 0n, 'the left-over units are fewer than the parts');
  return parts;
}
