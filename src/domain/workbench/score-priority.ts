import { currencyScale, formatAmount } from '../money/money.ts';
import { computeDaysBetween } from '../shared/calendar-date.ts';

// The work queue's priority until a model exists: a sum of points a specialist can read back, each with
// its reason. Bigger balances, debts 31-90 days late (the most collectible once late) and promises that
// fall due today or were broken come first; a promise not yet due, or a scheduled callback not yet due,
// pushes the debtor down. Nothing owed: priority 0.

export type PriorityInput = {
  balanceMinor: bigint;
  currency: string;
  /** Days since the oldest open invoice fell due (0 or less: not yet due). */
  daysPastDue: number;
  /** The next kept-or-pending promise's due date, if any. */
  promiseDueOn: string | null;
  brokenPromises: number;
  /** A scheduled callback, as a calendar date in the specialist's business day. */
  callbackDueOn: string | null;
  today: string;
};

export type PriorityReason = { code: string; points: number; text: string };
export type Priority = { priority: number; reasons: PriorityReason[] };

/** Points for the balance: 8 per digit of the amount in major units, at most 40 (10,000 and more). */
export function scoreBalance(balanceMinor: bigint, currency: string): number {
  if (balanceMinor <= 0n) return 0;
  const major = balanceMinor / 10n ** BigInt(currencyScale(currency));
  const digits = major === 0n ? 1 : major.toString().length;
  return Math.min(40, digits * 8);
}

const pastDueBands: Array<{ upTo: number; points: number; label: string }> = [
  { upTo: 0, points: 0, label: 'not yet due' },
  { upTo: 30, points: 10, label: '1-30 days past due' },
  { upTo: 60, points: 20, label: '31-60 days past due' },
  { upTo: 90, points: 30, label: '61-90 days past due' },
  { upTo: 120, points: 25, label: '91-120 days past due' },
  { upTo: Number.POSITIVE_INFINITY, points: 15, label: 'more than 120 days past due' },
];

export function scorePriority(input: PriorityInput): Priority {
  if (input.balanceMinor <= 0n) return { priority: 0, reasons: [{ code: 'nothing_owed', points: 0, text: 'nothing is owed' }] };
  const reasons: PriorityReason[] = [];
  reasons.push({ code: 'balance', points: scoreBalance(input.balanceMinor, input.currency), text: `owes ${formatAmount(input.balanceMinor, input.currency)} ${input.currency}` });
  const band = pastDueBands.find((entry) => input.daysPastDue <= entry.upTo)!;
  reasons.push({ code: 'days_past_due', points: band.points, text: input.daysPastDue > 0 ? `${band.label} (${input.daysPastDue} days)` : band.label });
  if (input.promiseDueOn !== null) {
    const daysToPromise = computeDaysBetween(input.today, input.promiseDueOn);
    if (daysToPromise > 0) reasons.push({ code: 'promise_pending', points: -30, text: `promised to pay on ${input.promiseDueOn}: wait for it` });
    else if (daysToPromise === 0) reasons.push({ code: 'promise_due_today', points: 20, text: 'a promise falls due today: check it was kept' });
    else reasons.push({ code: 'promise_overdue', points: 25, text: `the promise due ${input.promiseDueOn} was not kept yet` });
  }
  if (input.brokenPromises > 0) {
    reasons.push({ code: 'broken_promises', points: Math.min(20, input.brokenPromises * 10), text: `${input.brokenPromises} broken promise${input.brokenPromises === 1 ? '' : 's'}` });
  }
  if (input.callbackDueOn !== null) {
    const days = computeDaysBetween(input.today, input.callbackDueOn);
    reasons.push(days <= 0
      ? { code: 'callback_due', points: 50, text: `callback scheduled for ${input.callbackDueOn}` }
      : { code: 'callback_later', points: -20, text: `callback scheduled for ${input.callbackDueOn}` });
  }
  const priority = Math.max(1, reasons.reduce((sum, reason) => sum + reason.points, 0));
  return { priority, reasons: reasons.filter((reason) => reason.points !== 0 || reason.code === 'days_past_due') };
}
