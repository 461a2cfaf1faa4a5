import { assert } from '../shared/result.ts';

/**
 * numerator / denominator as exact decimal text with `decimals` digits, rounded half away from zero,
 * computed on bigints (no floating point anywhere, so no drift however large the amounts).
 * @example computeRoundedQuotient(2n, 3n, 2) // '0.67'; computeRoundedQuotient(-1n, 8n, 2) // '-0.13'
 */
export function computeRoundedQuotient(numerator: bigint, denominator: bigint, decimals: number): string {
  assert(denominator !== 0n, 'a quotient needs a non-zero denominator');
  assert(Number.isInteger(decimals) && decimals >= 0, `decimals is a whole number ≥ 0 (got ${decimals})`);
  const negative = (numerator < 0n) !== (denominator < 0n) && numerator !== 0n;
  const absoluteNumerator = numerator < 0n ? -numerator : numerator;
  const absoluteDenominator = denominator < 0n ? -denominator : denominator;
  const scaled = absoluteNumerator * 10n ** BigInt(decimals);
  let units = scaled / absoluteDenominator;
  // Half away from zero: round up when the remainder is at least half the denominator.
  if ((scaled % absoluteDenominator) * 2n >= absoluteDenominator) units += 1n;
  const digits = units.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  const sign = negative && units !== 0n ? '-' : '';
  return `${sign}${whole}${decimals > 0 ? `.${fraction}` : ''}`;
}
