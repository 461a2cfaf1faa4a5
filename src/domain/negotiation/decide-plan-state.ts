import { assert } from '../shared/result.ts';
import type { PaymentPlanSchedule } from './build-payment-plan-schedule.ts';
import { computeDateAfterDays, isCalendarDate } from '../shared/calendar-date.ts';

export type PlanState = 'proposed' | 'active' | 'completed' | 'broken';
export type InstallmentStatus = 'paid' | 'partially_paid' | 'missed' | 'due' | 'upcoming';

/** A payment the caller attributes to this plan. */
export type PlanPayment = { receivedOn: string; amountMinor: bigint };

export type PlanStatePolicy = {
  /** Days after the due date on which paying still counts as on time. */
  graceDays: number;
  /** The plan breaks when this many installments have been missed (N ≥ 1). */
  missedInstallmentsToBreak: number;
};

export type InstallmentStanding = {
  /** 0 is the down payment; 1… are the installments. */
  number: number;
  dueDate: string;
  /** The last day of grace: paid in full by the end of this day is on time. */
  graceEndsOn: string;
  amountMinor: bigint;
  paidMinor: bigint;
  status: InstallmentStatus;
  /** The day the payment that completed it was received, when it is paid. */
  paidOn: string | null;
  /** Missed at the end of its grace and paid in full since: it still counts towards breaking the plan. */
  paidLate: boolean;
};

export type PlanStanding = {
  state: PlanState;
  /** The day after the grace of the N-th missed installment ended, once it has. */
  brokenOn: string | null;
  /** The day the plan was paid in full. */
  completedOn: string | null;
  /** Installments missed so far, the ones paid late since included. */
  missedInstallments: number;
  paidMinor: bigint;
  outstandingMinor: bigint;
  /** Received beyond what the plan asks for: a credit for the book to deal with. */
  unappliedMinor: bigint;
  installments: InstallmentStanding[];
};

export type DecidePlanStateInput = {
  schedule: PaymentPlanSchedule;
  /** The day the debtor accepted the plan; null while it is only proposed. */
  acceptedOn: string | null;
  payments: readonly PlanPayment[];
  /** The business date to judge on; payments received later are not yet counted. */
  asOf: string;
  policy: PlanStatePolicy;
};

/**
 * Where a payment plan stands on `asOf`.
 *
 * Payments (received on or before `asOf`) are applied in date order to the down payment and then the
 * installments, oldest first, each filled before the next. An installment is **missed** when it is not
 * paid in full by the end of its grace (due date + graceDays): paying on the last day of grace is on
 * time, from the day after it is missed. Misses add up over the life of the plan: catching up later turns
 * the installment `paid` (with `paidLate`), but the miss still counts, and once N misses have happened
 * the plan is broken from the day after the N-th grace ended.
 *
 * State: `proposed` until accepted (acceptedOn null or after asOf; nothing is due or applied yet);
 * `completed` once everything is paid (even after a break: the money is in); else `broken` after N
 * misses; else `active`. Installment status: `paid` in full; `missed` (past grace, not paid in full,
 * a part paid or not); `partially_paid` (something paid, not yet missed); `due` (due date reached,
 * within grace, nothing paid); `upcoming` (not yet due, nothing paid).
 */
export function decidePlanState(input: DecidePlanStateInput): PlanStanding {
  const { schedule, acceptedOn, payments, asOf, policy } = input;
  assert(isCalendarDate(asOf), `asOf is a calendar date (got "${asOf}")`);
  assert(acceptedOn === null || isCalendarDate(acceptedOn), `acceptedOn is a calendar date or null (got "${acceptedOn}")`);
  assert(Number.isInteger(policy.graceDays) && policy.graceDays >= 0, 'graceDays is a whole number ≥ 0');
  assert(Number.isInteger(policy.missedInstallmentsToBreak) && policy.missedInstallmentsToBreak >= 1, 'missedInstallmentsToBreak is a whole number ≥ 1');
  for (const payment of payments) {
    assert(isCalendarDate(payment.receivedOn), `a payment's receivedOn is a calendar date (got "${payment.receivedOn}")`);
    assert(payment.amountMinor > 0n, 'a payment is a positive amount');
  }

  const obligations = [
    ...(schedule.downPayment === undefined ? [] : [{ number: 0, dueDate: schedule.downPayment.dueDate, amountMinor: schedule.downPayment.amountMinor }]),
    ...schedule.installments.map((row) => ({ number: row.number, dueDate: row.dueDate, amountMinor: row.paymentMinor })),
  ];
  const totalMinor = obligations.reduce((sum, obligation) => sum + obligation.amountMinor, 0n);
  const counted = payments.filter((payment) => payment.receivedOn <= asOf)
    .map((payment, index) => ({ ...payment, index }))
    .sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : a.index - b.index));
  const receivedMinor = counted.reduce((sum, payment) => sum + payment.amountMinor, 0n);

  if (acceptedOn === null || acceptedOn > asOf) {
    return {
      state: 'proposed', brokenOn: null, completedOn: null, missedInstallments: 0, paidMinor: 0n, outstandingMinor: totalMinor,
      unappliedMinor: receivedMinor,
      installments: obligations.map((obligation) => ({
        ...obligation, graceEndsOn: computeDateAfterDays(obligation.dueDate, policy.graceDays), paidMinor: 0n, status: 'upcoming', paidOn: null, paidLate: false,
      })),
    };
  }

  // Applying in order is a waterfall: by any date, an obligation holds what was received by then beyond
  // everything before it, up to its own amount.
  const receivedBy = (date: string) => counted.reduce((sum, payment) => (payment.receivedOn <= date ? sum + payment.amountMinor : sum), 0n);
  /** The day the cumulative receipts first reach `targetMinor`, if they do by asOf. */
  const reachedOn = (targetMinor: bigint): string | null => {
    let sum = 0n;
    for (const payment of counted) {
      sum += payment.amountMinor;
      if (sum >= targetMinor) return payment.receivedOn;
    }
    return null;
  };

  let beforeMinor = 0n;
  const missedOn: string[] = [];
  const installments = obligations.map((obligation): InstallmentStanding => {
    const graceEndsOn = computeDateAfterDays(obligation.dueDate, policy.graceDays);
    const heldBy = (date: string) => {
      const beyond = receivedBy(date) - beforeMinor;
      return beyond <= 0n ? 0n : beyond >= obligation.amountMinor ? obligation.amountMinor : beyond;
    };
    const paidMinor = heldBy(asOf);
    const missed = graceEndsOn < asOf && heldBy(graceEndsOn) < obligation.amountMinor;
    if (missed) missedOn.push(computeDateAfterDays(graceEndsOn, 1));
    const paid = paidMinor === obligation.amountMinor;
    const status: InstallmentStatus = paid ? 'paid' : missed ? 'missed' : paidMinor > 0n ? 'partially_paid' : obligation.dueDate <= asOf ? 'due' : 'upcoming';
    const paidOn = paid ? reachedOn(beforeMinor + obligation.amountMinor) : null;
    beforeMinor += obligation.amountMinor;
    return { ...obligation, graceEndsOn, paidMinor, status, paidOn, paidLate: paid && missed };
  });

  const paidMinor = receivedMinor < totalMinor ? receivedMinor : totalMinor;
  const completedOn = paidMinor === totalMinor ? reachedOn(totalMinor) : null;
  // Obligations fall due in order, so their misses are already in date order.
  const brokenOn = missedOn.length >= policy.missedInstallmentsToBreak ? missedOn[policy.missedInstallmentsToBreak - 1]! : null;
  return {
    state: completedOn !== null ? 'completed' : brokenOn !== null ? 'broken' : 'active',
    brokenOn, completedOn, missedInstallments: missedOn.length,
    paidMinor, outstandingMinor: totalMinor - paidMinor, unappliedMinor: receivedMinor - paidMinor,
    installments,
  };
}
