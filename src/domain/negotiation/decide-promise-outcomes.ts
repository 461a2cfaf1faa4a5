import { computeDateAfterDays } from '../shared/calendar-date.ts';
import { assert } from '../shared/result.ts';

export type PromiseStatus = 'pending' | 'kept' | 'partially_kept' | 'broken' | 'cancelled';

/** A promise as the evaluation needs it. */
export type PromiseTerms = {
  promiseId: string;
  amountMinor: bigint;
  /** The day it was made: payments from this day on count. */
  madeOn: string;
  promisedOn: string;
  graceDays: number;
  /** 'cancelled' promises take no money and are left as they are. */
  cancelled?: boolean;
};

export type PromisePayment = { paymentId: string; receivedOn: string; amountMinor: bigint };

export type PromiseOutcome = {
  promiseId: string;
  status: Exclude<PromiseStatus, 'cancelled'> | 'cancelled';
  /** What the counted payments brought to this promise, at most its amount. */
  paidMinor: bigint;
  /** The last day a payment counts: promisedOn + graceDays. */
  graceEndsOn: string;
  /** Kept: the day the amount was reached; partially kept or broken: the day after the grace ended. */
  resolvedOn: string | null;
  /** The payments that count towards it (a returned one would break it). */
  paymentIds: string[];
};

/**
 * Where a debtor's promises stand on `asOf`, decided from the payments posted for the debtor.
 *
 * Payments received on or before `asOf` are applied in date order to the promises in promised-date order
 * (a promise made later may not take a payment received before it was made), each filled before the next,
 * so one payment never keeps two promises. A promise is:
 * - **kept** once its amount is paid within its window (madeOn … promisedOn + graceDays), on the day it is reached;
 * - **pending** while its window is still open and it is not yet paid in full;
 * - after the window, **partially_kept** if something was paid towards it, **broken** if nothing was;
 *   resolved on the day after the grace ended.
 *
 * @example decidePromiseOutcomes([{ promiseId: 'ptp_1', amountMinor: 5000n, madeOn: '2026-03-01', promisedOn: '2026-03-10', graceDays: 3 }], [], '2026-03-14')
 * // [{ promiseId: 'ptp_1', status: 'broken', paidMinor: 0n, graceEndsOn: '2026-03-13', resolvedOn: '2026-03-14', paymentIds: [] }]
 */
export function decidePromiseOutcomes(promises: readonly PromiseTerms[], payments: readonly PromisePayment[], asOf: string): PromiseOutcome[] {
  for (const promise of promises) {
    assert(promise.amountMinor > 0n, 'a promise is for a positive amount');
    assert(promise.madeOn <= promise.promisedOn, 'a promise is made on or before its date');
    assert(Number.isInteger(promise.graceDays) && promise.graceDays >= 0, 'graceDays is a whole number ≥ 0');
  }
  const remaining = new Map(payments
    .filter((payment) => payment.receivedOn <= asOf)
    .map((payment) => [payment.paymentId, { ...payment, leftMinor: payment.amountMinor }]));
  const ordered = [...remaining.values()].sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : a.paymentId < b.paymentId ? -1 : 1));
  const byDate = [...promises].sort((a, b) => (a.promisedOn < b.promisedOn ? -1 : a.promisedOn > b.promisedOn ? 1 : a.madeOn < b.madeOn ? -1 : a.madeOn > b.madeOn ? 1 : a.promiseId < b.promiseId ? -1 : 1));
  const outcomes = new Map<string, PromiseOutcome>();
  for (const promise of byDate) {
    const graceEndsOn = computeDateAfterDays(promise.promisedOn, promise.graceDays);
    if (promise.cancelled === true) {
      outcomes.set(promise.promiseId, { promiseId: promise.promiseId, status: 'cancelled', paidMinor: 0n, graceEndsOn, resolvedOn: null, paymentIds: [] });
      continue;
    }
    let paidMinor = 0n;
    let reachedOn: string | null = null;
    const paymentIds: string[] = [];
    for (const payment of ordered) {
      if (paidMinor === promise.amountMinor) break;
      if (payment.leftMinor === 0n || payment.receivedOn < promise.madeOn || payment.receivedOn > graceEndsOn) continue;
      const need = promise.amountMinor - paidMinor;
      const take = payment.leftMinor < need ? payment.leftMinor : need;
      payment.leftMinor -= take;
      paidMinor += take;
      paymentIds.push(payment.paymentId);
      if (paidMinor === promise.amountMinor) reachedOn = payment.receivedOn;
    }
    const windowClosed = graceEndsOn < asOf;
    const status = reachedOn !== null ? 'kept' : !windowClosed ? 'pending' : paidMinor > 0n ? 'partially_kept' : 'broken';
    const resolvedOn = reachedOn ?? (windowClosed ? computeDateAfterDays(graceEndsOn, 1) : null);
    outcomes.set(promise.promiseId, { promiseId: promise.promiseId, status, paidMinor, graceEndsOn, resolvedOn, paymentIds });
  }
  return promises.map((promise) => outcomes.get(promise.promiseId)!);
}
