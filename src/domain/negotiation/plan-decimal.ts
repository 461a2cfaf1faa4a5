import { Decimal } from 'decimal.js';

/**
 * The negotiation context's own decimal: 40 significant digits, half-up. Rates live here; money stays in
 * bigint minor units and only passes through a decimal to be multiplied by a rate and rounded once.
 */
export const PlanDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type PlanDecimal = Decimal;

/** A percentage as written ("9.5"), its decimal value, and the same value as an exact fraction. */
export type Percent = { text: string; value: PlanDecimal; numerator: bigint; denominator: bigint };

// At most 6 decimals: with amounts up to 10^18 minor units, balance × percent then fits in 40 digits
// exactly, which is what makes the half-up rounding of interest exact (see build-payment-plan-schedule.ts).
const percentPattern = /^(\d{1,3})(?:\.(\d{1,6}))?$/;

/**
 * Parses "9.5", "0", "12.125" into a percentage between 0 and 100; null for anything else
 * (signs, exponents, more than 6 decimals, above 100).
 * @example parsePercent('9.50') // { text: '9.5', numerator: 950n, denominator: 100n, … }
 */
export function parsePercent(text: string): Percent | null {
  const match = percentPattern.exec(text.trim());
  if (match === null) return null;
  const [, whole = '0', fraction = ''] = match;
  const denominator = 10n ** BigInt(fraction.length);
  const numerator = BigInt(whole) * denominator + BigInt(fraction === '' ? '0' : fraction);
  if (numerator > 100n * denominator) return null;
  const value = new PlanDecimal(`${whole}.${fraction || '0'}`);
  return { text: value.toString(), value, numerator, denominator };
}

/** A non-negative decimal rounded half-up to a whole number of minor units. */
export function roundToMinorUnits(value: PlanDecimal): bigint {
  return BigInt(value.toDecimalPlaces(0, PlanDecimal.ROUND_HALF_UP).toFixed(0));
}
