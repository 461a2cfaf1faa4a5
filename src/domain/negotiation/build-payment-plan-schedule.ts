import { formatDecimal, isKnownCurrency } from '../money/money.ts';
import { assert, fail, ok, type Result } from '../shared/result.ts';
import { computeAnnuityPaymentMinor, type PeriodRate } from './compute-annuity-payment.ts';
import { computeInstallmentDueDate, paymentPlanFrequencies, periodsPerYear, type PaymentPlanFrequency } from './compute-installment-due-date.ts';
import { computeLargestRemainderSplit } from './compute-largest-remainder-split.ts';
import { isCalendarDate } from '../shared/calendar-date.ts';
import { parsePercent, PlanDecimal, roundToMinorUnits, type Percent } from './plan-decimal.ts';

export type { PaymentPlanFrequency } from './compute-installment-due-date.ts';

/** How the plan charges interest; `aprPercent` is a decimal string between 0 and 100 ("9.5"). */
export type PaymentPlanInterest =
  | { method: 'none' }
  | { method: 'amortized'; aprPercent: string }
  | { method: 'simple'; aprPercent: string };

export type PaymentPlanTerms = {
  /** The whole amount the plan settles, down payment included. */
  principalMinor: bigint;
  currency: string;
  /** Number of installments after the down payment (1–1000). */
  installments: number;
  frequency: PaymentPlanFrequency;
  /** The day the plan starts: the down payment is due on it, and interest accrues from it. */
  startDate: string;
  downPaymentMinor?: bigint | undefined;
  interest: PaymentPlanInterest;
};

export type PaymentPlanInstallment = {
  number: number;
  dueDate: string;
  paymentMinor: bigint;
  interestMinor: bigint;
  principalMinor: bigint;
  /** Principal still owed after this installment. */
  remainingMinor: bigint;
};

export type PaymentPlanSchedule = {
  currency: string;
  frequency: PaymentPlanFrequency;
  startDate: string;
  /** The interest terms as given, the APR normalised ("9.50" → "9.5"). */
  interest: PaymentPlanInterest;
  principalMinor: bigint;
  downPayment?: { dueDate: string; amountMinor: bigint };
  /** principal − down payment: what the installments repay. */
  financedMinor: bigint;
  installments: PaymentPlanInstallment[];
  /** Everything the debtor pays, down payment included: paymentsMinor = principalMinor + interestMinor. */
  totals: { paymentsMinor: bigint; interestMinor: bigint; principalMinor: bigint };
};

export type PaymentPlanTermsErrorCode =
  | 'invalid_currency' | 'invalid_amount' | 'amount_too_large' | 'invalid_down_payment' | 'invalid_installments'
  | 'invalid_frequency' | 'invalid_date' | 'invalid_interest_method' | 'invalid_apr' | 'amount_too_small_for_installments'
  | 'rounding_unstable';

/** Largest principal accepted: up to here, balance × APR fits the 40 digits of PlanDecimal exactly. */
export const maximumPrincipalMinor = 10n ** 18n;
export const maximumInstallments = 1000;

type Row = { paymentMinor: bigint; interestMinor: bigint; principalMinor: bigint };

/**
 * The schedule of a payment plan: the down payment (if any) on the start date, then `installments`
 * installments, the k-th due k periods after the start (see computeInstallmentDueDate). Money is exact
 * (bigint minor units); every rounding is half-up to the minor unit and happens once, where named:
 *
 * - **none** (or an APR of 0): the financed amount is split in equal installments by largest remainder;
 *   the minor units that do not divide evenly go one each to the first installments, so installments
 *   differ by at most one minor unit and never increase.
 * - **simple** (add-on): total interest = financed × APR × years, years = installments / periods per year
 *   (12, 26 or 52), rounded half-up once. The total repayable (financed + interest) is split in equal
 *   payments, extra minor units on the first installments; the interest is split the same way, and each
 *   installment's principal is its payment minus its interest. The remaining balance is principal only.
 * - **amortized** (the default with an APR): rate per period r = APR / periods per year. The regular
 *   payment is the annuity payment P·r / (1 − (1 + r)^−n) rounded half-up; each installment's interest is
 *   remaining balance × r rounded half-up, its principal is payment − interest; the last installment pays
 *   the remaining balance plus its interest, so it absorbs the rounding and the balance ends at exactly 0.
 *
 * Rounding interest exactly: balance × APR is multiplied exactly (at most 19 + 9 digits of 40) and
 * divided once, by 100 × periods per year; a true half is then represented exactly and any other value
 * is at least 1 / (5200 × 10^6) away from a half, far beyond the 40-digit error, so half-up never errs.
 *
 * Fails, naming the field, on: an unknown currency, a principal ≤ 0 or above 10^18 minor units, a down
 * payment ≤ 0 or ≥ the principal, installments outside 1–1000, an unknown frequency, a start date that
 * is not YYYY-MM-DD (years 1900–9899), an APR outside 0–100 or with more than 6 decimals, an amount so
 * small that some installment would pay nothing (`amount_too_small_for_installments`), and amortized
 * terms whose rounding compounds out of hand (`rounding_unstable`): each period's half-unit rounding grows
 * by (1 + r) per period until the last installment, so at long terms and high rates the last installment
 * would become a balloon or the balance would be repaid early. The schedule is refused when the balance
 * would be repaid before the last installment or the last would be more than twice the regular payment.
 *
 * @example
 * buildPaymentPlanSchedule({ principalMinor: 120000n, currency: 'USD', installments: 12, frequency: 'monthly',
 *   startDate: '2026-01-15', interest: { method: 'amortized', aprPercent: '9.5' } })
 * // installments 1–11 pay 105.22, the 12th 105.23 (due 2027-01-15); interest 62.65 in total
 */
export function buildPaymentPlanSchedule(terms: PaymentPlanTerms): Result<PaymentPlanSchedule, PaymentPlanTermsErrorCode> {
  const { principalMinor, currency, installments, frequency, startDate, interest } = terms;
  const downPaymentMinor = terms.downPaymentMinor ?? 0n;
  if (!isKnownCurrency(currency)) return fail('invalid_currency', `"${currency}" is not an ISO 4217 currency code`, 'currency');
  if (principalMinor <= 0n) return fail('invalid_amount', 'the principal must be greater than zero', 'principalMinor');
  if (principalMinor > maximumPrincipalMinor) return fail('amount_too_large', `the principal must be at most ${maximumPrincipalMinor} minor units`, 'principalMinor');
  if (terms.downPaymentMinor !== undefined && downPaymentMinor <= 0n) {
    return fail('invalid_down_payment', 'the down payment must be greater than zero (leave it out for none)', 'downPaymentMinor');
  }
  if (downPaymentMinor >= principalMinor) return fail('invalid_down_payment', 'the down payment must be less than the principal', 'downPaymentMinor');
  if (!Number.isInteger(installments) || installments < 1 || installments > maximumInstallments) {
    return fail('invalid_installments', `the number of installments must be a whole number from 1 to ${maximumInstallments}`, 'installments');
  }
  if (!paymentPlanFrequencies.includes(frequency)) {
    return fail('invalid_frequency', `"${String(frequency)}" is not a frequency (${paymentPlanFrequencies.join(', ')})`, 'frequency');
  }
  // The year bound keeps the last due date (at most 1000 months on) inside four-digit years.
  if (!isCalendarDate(startDate) || startDate < '1900-01-01' || startDate > '9899-12-31') {
    return fail('invalid_date', `"${startDate}" is not a calendar date (YYYY-MM-DD, years 1900–9899)`, 'startDate');
  }
  const method = (interest as { method: unknown }).method;
  if (method !== 'none' && method !== 'simple' && method !== 'amortized') {
    return fail('invalid_interest_method', `"${String(method)}" is not an interest method (none, simple, amortized)`, 'interest.method');
  }
  let apr: Percent | null = null;
  if (interest.method !== 'none') {
    apr = parsePercent(interest.aprPercent);
    if (apr === null) return fail('invalid_apr', `"${interest.aprPercent}" is not an APR from 0 to 100 percent with at most 6 decimals`, 'interest.aprPercent');
  }

  const financedMinor = principalMinor - downPaymentMinor;
  const periods = periodsPerYear[frequency];
  const amortized = interest.method === 'amortized' && apr !== null && apr.numerator > 0n;
  const rows = apr === null || apr.numerator === 0n
    ? buildEqualRows(financedMinor, installments)
    : interest.method === 'simple'
      ? buildSimpleInterestRows(financedMinor, installments, apr, periods)
      : buildAmortizedRows(financedMinor, installments, apr, periods);

  let remainingMinor = financedMinor;
  const scheduled: PaymentPlanInstallment[] = rows.map((row, index) => {
    remainingMinor -= row.principalMinor;
    return { number: index + 1, dueDate: computeInstallmentDueDate(startDate, frequency, index + 1), ...row, remainingMinor };
  });
  // Equal splits put their extra units first, so their last installment is the smallest; an amortized
  // schedule pays its regular payment on every installment but the last.
  const regularPaymentMinor = scheduled[0]!.paymentMinor;
  const last = scheduled.at(-1)!;
  if (amortized ? regularPaymentMinor <= 0n : last.paymentMinor <= 0n) {
    return fail('amount_too_small_for_installments',
      `${formatDecimal(financedMinor, currency)} ${currency} is too small for ${installments} installments: some installment would pay nothing`, 'installments');
  }
  // Each period's rounding compounds at (1 + r) until the last installment; at long terms and high rates
  // that grows into a balance repaid early or a balloon at the end, which no one agreed to.
  const repaidEarly = scheduled.find((row) => row.number < installments && row.remainingMinor <= 0n);
  if (repaidEarly !== undefined) {
    return fail('rounding_unstable',
      `at these terms the payment rounded to the minor unit (${formatDecimal(regularPaymentMinor, currency)} ${currency}) would repay ` +
      `the balance by installment ${repaidEarly.number} of ${installments}; shorten the term or lower the APR`, 'installments');
  }
  if (last.paymentMinor > 2n * regularPaymentMinor) {
    return fail('rounding_unstable',
      `at these terms rounding each payment to the minor unit compounds: the regular payment would be ` +
      `${formatDecimal(regularPaymentMinor, currency)} and the last ${formatDecimal(last.paymentMinor, currency)} ${currency}; ` +
      `shorten the term or lower the APR`, 'installments');
  }
  assert(scheduled.every((row) => row.paymentMinor > 0n && row.remainingMinor >= 0n), 'a schedule never pays nothing nor goes below zero');

  const interestMinor = scheduled.reduce((sum, row) => sum + row.interestMinor, 0n);
  const installmentsPaidMinor = scheduled.reduce((sum, row) => sum + row.paymentMinor, 0n);
  const principalRepaidMinor = scheduled.reduce((sum, row) => sum + row.principalMinor, 0n);
  assert(remainingMinor === 0n && principalRepaidMinor === financedMinor, 'a schedule repays exactly the financed amount');
  assert(installmentsPaidMinor === financedMinor + interestMinor, 'a schedule pays exactly principal plus interest');

  const schedule: PaymentPlanSchedule = {
    currency, frequency, startDate,
    interest: apr === null || interest.method === 'none' ? { method: 'none' } : { method: interest.method, aprPercent: apr.text },
    principalMinor,
    financedMinor,
    installments: scheduled,
    totals: { paymentsMinor: downPaymentMinor + installmentsPaidMinor, interestMinor, principalMinor },
  };
  if (downPaymentMinor > 0n) schedule.downPayment = { dueDate: startDate, amountMinor: downPaymentMinor };
  return ok(schedule);
}

/** Equal installments, no interest; the extra minor units go to the first installments. */
function buildEqualRows(financedMinor: bigint, installments: number): Row[] {
  return computeLargestRemainderSplit(financedMinor, Array.from({ length: installments }, () => 1n))
    .map((part) => ({ paymentMinor: part, interestMinor: 0n, principalMinor: part }));
}

/** Add-on interest, rounded once for the whole term, then both the total and the interest split equally. */
function buildSimpleInterestRows(financedMinor: bigint, installments: number, apr: Percent, periods: number): Row[] {
  // Rounding: financed × APR × installments / (100 × periods per year), half-up, once.
  const totalInterestMinor = roundToMinorUnits(
    new PlanDecimal(financedMinor.toString()).times(apr.value).times(installments).div(100 * periods));
  const equal = Array.from({ length: installments }, () => 1n);
  const payments = computeLargestRemainderSplit(financedMinor + totalInterestMinor, equal);
  const interests = computeLargestRemainderSplit(totalInterestMinor, equal);
  // Both splits put their extra units first and the payment quota is never below the interest quota,
  // so principal = payment − interest is never negative.
  return payments.map((paymentMinor, index) => {
    const interestMinor = interests[index]!;
    return { paymentMinor, interestMinor, principalMinor: paymentMinor - interestMinor };
  });
}

/** An amortized schedule: level payments, interest on the remaining balance, the last one closes it. */
function buildAmortizedRows(financedMinor: bigint, installments: number, apr: Percent, periods: number): Row[] {
  const divisor = 100 * periods;
  const rate: PeriodRate = { value: apr.value.div(divisor), numerator: apr.numerator, denominator: apr.denominator * BigInt(divisor) };
  const regularPaymentMinor = computeAnnuityPaymentMinor(financedMinor, rate, installments);
  const rows: Row[] = [];
  let balanceMinor = financedMinor;
  for (let number = 1; number <= installments; number += 1) {
    // Rounding: balance × APR / (100 × periods per year), half-up; exact as explained above.
    const interestMinor = roundToMinorUnits(new PlanDecimal(balanceMinor.toString()).times(apr.value).div(divisor));
    const principalMinor = number === installments ? balanceMinor : regularPaymentMinor - interestMinor;
    rows.push({ paymentMinor: principalMinor + interestMinor, interestMinor, principalMinor });
    balanceMinor -= principalMinor;
  }
  return rows;
}
