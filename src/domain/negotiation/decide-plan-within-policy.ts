import { formatDecimal } from '../money/money.ts';
import { assert } from '../shared/result.ts';
import type { PaymentPlanSchedule } from './build-payment-plan-schedule.ts';
import { buildPaymentPlanPolicy, type PaymentPlanPolicies, type PaymentPlanPolicyScope } from './build-payment-plan-policy.ts';
import { computeDateAfterMonths } from '../shared/calendar-date.ts';
import { parsePercent } from './plan-decimal.ts';

export type PlanPolicyViolationCode =
  | 'installment_below_minimum' | 'term_too_long' | 'down_payment_too_small' | 'apr_above_maximum' | 'policy_currency_mismatch';

/** One way a plan breaks its policy: a code, a sentence a specialist can read, and the term at fault. */
export type PlanPolicyViolation = {
  code: PlanPolicyViolationCode;
  message: string;
  field: 'installments' | 'downPaymentMinor' | 'interest.aprPercent' | 'currency';
};

/**
 * The ways `schedule` breaks the payment-plan policy of its creditor for `scope.role` (the layers of
 * `policies` merged by buildPaymentPlanPolicy); an empty list means the plan may be offered.
 *
 * - `installment_below_minimum`: some installment (down payment aside) is below the minimum; the smallest
 *   is named. Every installment counts, the last one of an amortized plan too.
 * - `term_too_long`: the last installment falls due after start + maximumTermMonths (same day of the
 *   month, clamped), or there are more installments than the cap for the frequency.
 * - `down_payment_too_small`: down payment × 100 < principal × minimumDownPaymentPercent, compared exactly;
 *   the message shows the minimum rounded up to the minor unit, since less would not reach the share.
 * - `apr_above_maximum`: the plan's APR (0 without interest) is above maximumAprPercent.
 * - `policy_currency_mismatch`: the policy's minimum is in another currency, so it cannot be checked.
 */
export function decidePlanWithinPolicy(schedule: PaymentPlanSchedule, policies: PaymentPlanPolicies, scope: PaymentPlanPolicyScope): PlanPolicyViolation[] {
  const policy = buildPaymentPlanPolicy(policies, scope);
  const currency = schedule.currency;
  const amount = (minor: bigint) => `${formatDecimal(minor, currency)} ${currency}`;
  const violations: PlanPolicyViolation[] = [];
  const minimumDownPayment = parsePercent(policy.minimumDownPaymentPercent);
  const maximumApr = policy.maximumAprPercent === undefined ? null : parsePercent(policy.maximumAprPercent);
  assert(minimumDownPayment !== null, `policy minimumDownPaymentPercent is a percentage (got "${policy.minimumDownPaymentPercent}")`);
  assert(policy.maximumAprPercent === undefined || maximumApr !== null, `policy maximumAprPercent is a percentage (got "${policy.maximumAprPercent}")`);
  assert(Number.isInteger(policy.maximumTermMonths) && policy.maximumTermMonths >= 1, 'policy maximumTermMonths is a whole number ≥ 1');
  assert(policy.minimumInstallmentMinor >= 0n, 'policy minimumInstallmentMinor is not negative');

  if (policy.currency !== currency) {
    violations.push({ code: 'policy_currency_mismatch', field: 'currency',
      message: `the plan is in ${currency} but the policy's minimum installment is in ${policy.currency}` });
  } else {
    const smallest = schedule.installments.reduce((low, row) => (row.paymentMinor < low.paymentMinor ? row : low));
    if (smallest.paymentMinor < policy.minimumInstallmentMinor) {
      violations.push({ code: 'installment_below_minimum', field: 'installments',
        message: `installment ${smallest.number} of ${amount(smallest.paymentMinor)} is below the minimum installment of ${amount(policy.minimumInstallmentMinor)}` });
    }
  }

  const last = schedule.installments.at(-1)!;
  const latestDueDate = computeDateAfterMonths(schedule.startDate, policy.maximumTermMonths);
  if (last.dueDate > latestDueDate) {
    violations.push({ code: 'term_too_long', field: 'installments',
      message: `the last installment is due ${last.dueDate}, after the maximum term of ${policy.maximumTermMonths} months (${latestDueDate})` });
  }
  const maximumInstallments = policy.maximumInstallments?.[schedule.frequency];
  if (maximumInstallments !== undefined && schedule.installments.length > maximumInstallments) {
    violations.push({ code: 'term_too_long', field: 'installments',
      message: `${schedule.installments.length} ${schedule.frequency} installments is more than the maximum of ${maximumInstallments}` });
  }

  const downPaymentMinor = schedule.downPayment?.amountMinor ?? 0n;
  // Exact: down / principal ≥ numerator / (100 × denominator), cross-multiplied on integers.
  const scaledDownPayment = downPaymentMinor * 100n * minimumDownPayment.denominator;
  const scaledRequired = schedule.principalMinor * minimumDownPayment.numerator;
  if (scaledDownPayment < scaledRequired) {
    const divisor = 100n * minimumDownPayment.denominator;
    // Rounding: up, so that paying the amount shown always meets the share.
    const requiredMinor = (scaledRequired + divisor - 1n) / divisor;
    violations.push({ code: 'down_payment_too_small', field: 'downPaymentMinor',
      message: `the down payment of ${amount(downPaymentMinor)} is below the minimum of ${minimumDownPayment.text} % of the principal (${amount(requiredMinor)})` });
  }

  if (maximumApr !== null) {
    const apr = schedule.interest.method === 'none' ? parsePercent('0')! : parsePercent(schedule.interest.aprPercent)!;
    if (apr.numerator * maximumApr.denominator > maximumApr.numerator * apr.denominator) {
      violations.push({ code: 'apr_above_maximum', field: 'interest.aprPercent',
        message: `the APR of ${apr.text} % is above the maximum of ${maximumApr.text} %` });
    }
  }
  return violations;
}
