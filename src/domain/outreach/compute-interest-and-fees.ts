// Interest and fees a strategy's policy charges on an overdue invoice (pure). Idempotent by marker: every
// charge carries a marker (`[outreach:fee:<id>]`, `[outreach:interest:<date>]`) in its ledger reason, and a
// marker already posted is never posted again, so running the cycle twice on a day changes nothing.
// Interest: simple, on the overdue principal, posted on each monthly anniversary of the due date (after the
// grace days and not before the account entered the strategy), for the days since the previous anniversary,
// rounded half up to the minor unit. Fees: once per invoice when it reaches the fee's days past due.
import { computeDateAfterDays, computeDateAfterMonths, computeDaysBetween } from '../shared/calendar-date.ts';
import { parseAmount } from '../money/money.ts';
import type { StrategyDefinition } from './strategy-definition.ts';

export type ChargeInvoice = { invoiceId: string; dueDate: string; currency: string; principalMinor: bigint };
export type PolicyCharge = { kind: 'interest' | 'fee'; invoiceId: string; amountMinor: bigint; effectiveDate: string; marker: string; reason: string };

export const chargeMarker = (kind: 'fee' | 'interest', key: string) => `[outreach:${kind}:${key}]`;

/** Rate "8" or "8.25" percent as a fraction numerator over 10^6 (exact). */
function ratePpm(percent: string): bigint {
  const [whole, fraction = ''] = percent.split('.');
  return BigInt(whole!) * 10_000n + BigInt((fraction + '0000').slice(0, 4));
}

export function computeInterestAndFees(
  invoice: ChargeInvoice,
  strategy: Pick<StrategyDefinition, 'interest' | 'fees'>,
  enteredOn: string,
  asOf: string,
  postedMarkers: ReadonlySet<string>,
): PolicyCharge[] {
  const charges: PolicyCharge[] = [];
  const daysPastDue = computeDaysBetween(invoice.dueDate, asOf);
  for (const fee of strategy.fees) {
    const marker = chargeMarker('fee', fee.id);
    if (daysPastDue < fee.daysPastDue || postedMarkers.has(marker)) continue;
    const amount = parseAmount(fee.amount, invoice.currency);
    if (!amount.ok || amount.value <= 0n) continue;
    charges.push({ kind: 'fee', invoiceId: invoice.invoiceId, amountMinor: amount.value, effectiveDate: asOf, marker, reason: `${fee.reason} ${marker}` });
  }
  const interest = strategy.interest;
  if (interest !== undefined && invoice.principalMinor > 0n) {
    const ppm = ratePpm(interest.annualRatePercent);
    const start = computeDateAfterDays(invoice.dueDate, interest.graceDays);
    for (let month = 1; month <= 600; month++) {
      const date = computeDateAfterMonths(start, month);
      if (date > asOf) break;
      if (date < enteredOn) continue;
      const marker = chargeMarker('interest', date);
      if (postedMarkers.has(marker)) continue;
      const days = BigInt(computeDaysBetween(computeDateAfterMonths(start, month - 1), date));
      // principal × rate × days / 365, rate in millionths: round half up.
      const numerator = invoice.principalMinor * ppm * days;
      const denominator = 1_000_000n * 365n;
      const amountMinor = (numerator * 2n + denominator) / (denominator * 2n);
      if (amountMinor <= 0n) continue;
      charges.push({ kind: 'interest', invoiceId: invoice.invoiceId, amountMinor, effectiveDate: date, marker, reason: `interest ${interest.annualRatePercent}% p.a. for ${days} days ${marker}` });
    }
  }
  return charges;
}
