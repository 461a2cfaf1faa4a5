import { assert } from '../shared/result.ts';
import { PlanDecimal, roundToMinorUnits } from './plan-decimal.ts';

/** A rate per period, as a decimal and as the exact fraction numerator / denominator it stands for. */
export type PeriodRate = { value: PlanDecimal; numerator: bigint; denominator: bigint };

/**
 * The level payment that repays `financedMinor` in `installments` periods at `rate` per period (an
 * ordinary annuity: payments at the end of each period), rounded half-up to the minor unit:
 *
 *     payment = P · r / (1 − (1 + r)^−n)  =  P · r · (1 + r)^n / ((1 + r)^n − 1)
 *
 * computed with 40 significant digits. Those digits are not always enough to round an exact tie the
 * right way: 360,030.00 over 2 months at 0.2 % APR is exactly 180,060.005, and 40 digits land a hair
 * below it. So when the approximation lies within 10^−25 (relative) of a half-unit, the side is decided
 * exactly on integers instead, with r = numerator / denominator:
 *
 *     payment ≥ k + ½  ⇔  2 · P · a · (b + a)^n  ≥  (2k + 1) · b · ((b + a)^n − b^n)
 *
 * @example computeAnnuityPaymentMinor(120000n, { value: new PlanDecimal(95).div(12000), numerator: 95n, denominator: 12000n }, 12) // 10522n
 */
export function computeAnnuityPaymentMinor(financedMinor: bigint, rate: PeriodRate, installments: number): bigint {
  assert(financedMinor > 0n && Number.isInteger(installments) && installments >= 1, 'an annuity needs an amount and at least one period');
  assert(rate.numerator > 0n && rate.denominator > 0n, 'an annuity payment needs a positive rate (a zero rate is an equal split)');
  const growth = rate.value.plus(1).pow(installments);
  const approximate = new PlanDecimal(financedMinor.toString()).times(rate.value).times(growth).div(growth.minus(1));
  const below = approximate.floor();
  const distanceFromHalf = approximate.minus(below.plus('0.5')).abs();
  if (distanceFromHalf.greaterThan(approximate.times('1e-25').plus('1e-25'))) return roundToMinorUnits(approximate);
  const wholeUnits = BigInt(below.toFixed(0));
  const exponent = BigInt(installments);
  const grownBase = (rate.denominator + rate.numerator) ** exponent;
  const base = rate.denominator ** exponent;
  const atOrAboveHalf = 2n * financedMinor * rate.numerator * grownBase >= (2n * wholeUnits + 1n) * rate.denominator * (grownBase - base);
  return atOrAboveHalf ? wholeUnits + 1n : wholeUnits;
}
