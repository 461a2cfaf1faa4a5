import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildPaymentPlanSchedule } from './build-payment-plan-schedule.ts';
import type { PaymentPlanFrequency } from './compute-installment-due-date.ts';

// An independent implementation of the standard annuity formula, written literally as
//     payment = P · r / (1 − (1 + r)^−n)
// on exact fractions of bigints (no decimal library, no precision limit), rounded half-up at the end.
// The schedule under test uses decimal.js at 40 digits in the other arrangement, P·r·(1+r)^n/((1+r)^n − 1).

type Fraction = { numerator: bigint; denominator: bigint };

const greatestCommonDivisor = (a: bigint, b: bigint): bigint => {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};
// Not reduced by the greatest common divisor: exactness does not need it, and Euclid on numbers of
// thousands of digits would make the property slow.
const fraction = (numerator: bigint, denominator = 1n): Fraction =>
  denominator < 0n ? { numerator: -numerator, denominator: -denominator } : { numerator, denominator };
const add = (a: Fraction, b: Fraction) => fraction(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
const subtract = (a: Fraction, b: Fraction) => add(a, { numerator: -b.numerator, denominator: b.denominator });
const multiply = (a: Fraction, b: Fraction) => fraction(a.numerator * b.numerator, a.denominator * b.denominator);
const divide = (a: Fraction, b: Fraction) => fraction(a.numerator * b.denominator, a.denominator * b.numerator);
const power = (a: Fraction, exponent: number): Fraction =>
  exponent >= 0 ? fraction(a.numerator ** BigInt(exponent), a.denominator ** BigInt(exponent)) : power(divide(fraction(1n), a), -exponent);
/** Half-up to a whole number, for non-negative fractions: floor(x + ½). */
const roundHalfUp = (a: Fraction) => (2n * a.numerator + a.denominator) / (2n * a.denominator);

const periodsPerYear: Record<PaymentPlanFrequency, bigint> = { weekly: 52n, biweekly: 26n, monthly: 12n };

/** "9.5" % a year → 0.095 / periods per year, as an exact fraction. */
function periodRate(aprPercent: string, frequency: PaymentPlanFrequency): Fraction {
  const [whole = '0', decimals = ''] = aprPercent.split('.');
  return fraction(BigInt(whole + decimals), 10n ** BigInt(decimals.length) * 100n * periodsPerYear[frequency]);
}

function referencePaymentMinor(principalMinor: bigint, aprPercent: string, installments: number, frequency: PaymentPlanFrequency): bigint {
  const r = periodRate(aprPercent, frequency);
  const one = fraction(1n);
  return roundHalfUp(divide(multiply(fraction(principalMinor), r), subtract(one, power(add(one, r), -installments))));
}

/** The whole reference table: interest = balance × r half-up, principal = payment − interest, last closes. */
function referenceSchedule(principalMinor: bigint, aprPercent: string, installments: number, frequency: PaymentPlanFrequency) {
  const r = periodRate(aprPercent, frequency);
  const payment = referencePaymentMinor(principalMinor, aprPercent, installments, frequency);
  const rows: Array<[bigint, bigint, bigint, bigint]> = [];
  let balance = principalMinor;
  for (let number = 1; number <= installments; number += 1) {
    const interest = roundHalfUp(multiply(fraction(balance), r));
    const principal = number === installments ? balance : payment - interest;
    balance -= principal;
    rows.push([principal + interest, interest, principal, balance]);
  }
  return rows;
}

function quote(principalMinor: bigint, aprPercent: string, installments: number, frequency: PaymentPlanFrequency) {
  const result = buildPaymentPlanSchedule({
    principalMinor, currency: 'USD', installments, frequency, startDate: '2026-01-15', interest: { method: 'amortized', aprPercent },
  });
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value;
}

const aprText = fc.integer({ min: 0, max: 6 }).chain((decimals) =>
  fc.integer({ min: 1, max: 100 * 10 ** decimals }).map((units) => {
    const digits = String(units).padStart(decimals + 1, '0');
    return decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  }));
const frequency = fc.constantFrom<PaymentPlanFrequency>('weekly', 'biweekly', 'monthly');

/**
 * Principals for which the exact annuity payment is k + ½ exactly, for a rate a/b and n periods:
 * P · a · (b + a)^n / (b · ((b + a)^n − b^n)) = k + ½  ⇔  2 · P · num ≡ den (mod 2 · den). Solved with a
 * modular inverse; the smallest such P, when there is one.
 */
function findExactTie(rate: Fraction, installments: number): bigint | null {
  const n = BigInt(installments);
  const grown = (rate.denominator + rate.numerator) ** n;
  const numerator = rate.numerator * grown;
  const denominator = rate.denominator * (grown - rate.denominator ** n);
  const modulus = 2n * denominator;
  const divisor = greatestCommonDivisor(2n * numerator, modulus);
  if (denominator % divisor !== 0n) return null;
  const reducedModulus = modulus / divisor;
  let [oldRemainder, remainder, oldCoefficient, coefficient] = [((2n * numerator) / divisor) % reducedModulus, reducedModulus, 1n, 0n];
  while (remainder !== 0n) {
    const quotient = oldRemainder / remainder;
    [oldRemainder, remainder] = [remainder, oldRemainder - quotient * remainder];
    [oldCoefficient, coefficient] = [coefficient, oldCoefficient - quotient * coefficient];
  }
  const principal = ((((denominator / divisor) * oldCoefficient) % reducedModulus) + reducedModulus) % reducedModulus;
  return principal === 0n ? null : principal;
}

describe('the amortized schedule against an independent annuity formula', () => {
  it('worked example: 1,200.00 at 9.5 % over 12 months pays 105.22 a month, by both implementations', () => {
    // By hand: r = 0.095/12 = 0.00791666…; (1 + r)^−12 = 1 / 1.09924758408… = 0.90971…;
    // 1200 × 0.00791666… = 9.5; 9.5 / (1 − 0.909712…) = 9.5 / 0.0902875… = 105.2202… → 105.22.
    expect(referencePaymentMinor(120000n, '9.5', 12, 'monthly')).toBe(10522n);
    expect(quote(120000n, '9.5', 12, 'monthly').installments[0]!.paymentMinor).toBe(10522n);
  });

  it('property: the regular payment equals the annuity formula to the cent', () => {
    fc.assert(fc.property(
      fc.bigInt({ min: 10_000n, max: 10n ** 12n }), aprText, fc.integer({ min: 1, max: 360 }), frequency,
      (principalMinor, aprPercent, installments, frequency) => {
        const result = buildPaymentPlanSchedule({
          principalMinor, currency: 'USD', installments, frequency, startDate: '2026-01-15', interest: { method: 'amortized', aprPercent },
        });
        // Long terms at high rates are refused for their compounding rounding; everything else must match.
        fc.pre(result.ok);
        if (!result.ok) return;
        expect(result.value.installments[0]!.paymentMinor).toBe(referencePaymentMinor(principalMinor, aprPercent, installments, frequency));
      },
    ), { numRuns: 500 });
  });

  it('property: every row of the table equals the reference table', () => {
    fc.assert(fc.property(
      fc.bigInt({ min: 10_000n, max: 10n ** 10n }), aprText, fc.integer({ min: 1, max: 60 }), frequency,
      (principalMinor, aprPercent, installments, frequency) => {
        const result = buildPaymentPlanSchedule({
          principalMinor, currency: 'USD', installments, frequency, startDate: '2026-01-15', interest: { method: 'amortized', aprPercent },
        });
        fc.pre(result.ok);
        if (!result.ok) return;
        expect(result.value.installments.map((row) => [row.paymentMinor, row.interestMinor, row.principalMinor, row.remainingMinor]))
          .toEqual(referenceSchedule(principalMinor, aprPercent, installments, frequency));
      },
    ), { numRuns: 200 });
  });

  it('rounds an exact half-cent payment up, where 40 significant digits land on either side of it', () => {
    // 360,030.00 over 2 months at 0.2 %: exactly 180,060.005 → 180,060.01; 40 digits give 180,060.00499…
    expect(referencePaymentMinor(36003000n, '0.2', 2, 'monthly')).toBe(18006001n);
    expect(quote(36003000n, '0.2', 2, 'monthly').installments[0]!.paymentMinor).toBe(18006001n);
    // 57,612.00 over 2 months at 0.5 %: exactly 28,824.005 → 28,824.01.
    expect(quote(5761200n, '0.5', 2, 'monthly').installments[0]!.paymentMinor).toBe(2882401n);
  });

  it('every exact tie found for APRs 0.1–5.0 % over 2–4 installments rounds up, like the reference', () => {
    let ties = 0;
    for (const frequency of ['monthly', 'biweekly', 'weekly'] as const) {
      for (let tenths = 1; tenths <= 50; tenths += 1) {
        const aprPercent = `${Math.floor(tenths / 10)}.${tenths % 10}`;
        for (let installments = 2; installments <= 4; installments += 1) {
          const principalMinor = findExactTie(periodRate(aprPercent, frequency), installments);
          if (principalMinor === null || principalMinor > 10n ** 18n) continue;
          ties += 1;
          const expected = referencePaymentMinor(principalMinor, aprPercent, installments, frequency);
          expect(quote(principalMinor, aprPercent, installments, frequency).installments[0]!.paymentMinor, `${principalMinor} at ${aprPercent} % × ${installments} ${frequency}`)
            .toBe(expected);
        }
      }
    }
    // The search must actually exercise ties, or this test proves nothing.
    expect(ties).toBeGreaterThan(50);
  });
});
