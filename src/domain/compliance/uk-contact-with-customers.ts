// UK-CONC-7.9-CONTACT: FCA CONC 7.9.2R (no misleading contact), 7.9.4R (no contact at unreasonable times;
// due regard to reasonable requests about when, where and how), 7.9.5R (no premium-rate numbers), 7.9.6R
// (no unfair disclosure to third parties), 7.9.10R (no debt details until the firm has established that
// the person is, or acts for, the borrower).
// CONC sets no hours: the engine's policy is 08:00–21:00 UK local time in every candidate zone, avoiding
// Sundays and bank holidays, plus the customer's own designated windows.
import {
  addReason, addTimeConstraint, computeStartOfDayFrom, describeChannel, formatClockTime, isContact,
  isTimedContact, type DecisionContext,
} from './decision-context.ts';
import { computeWeekday } from '../shared/calendar-date.ts';
import {
  buildContactWindow, capitalise, formatWindow, computeEarliestInsideEveryWindow, computeEarliestOutsideDesignatedWindows, isInsideContactWindow,
} from './inconvenient-times.ts';
import { isUkBankHoliday } from './uk-bank-holidays.ts';
import type { ZoneClock } from './zone-clock.ts';

const debtContentTags = new Set(['debt_details', 'balance', 'payment_demand', 'payment_link']);

function isRestDay(context: DecisionContext, clock: ZoneClock, instantMs: number): 'Sunday' | 'bank holiday' | undefined {
  const day = clock.computeLocalDayNumber(instantMs);
  if (context.policy.ukAvoidSundays && computeWeekday(day) === 0) return 'Sunday';
  if (context.policy.ukAvoidBankHolidays && isUkBankHoliday(day, context.facts.consumer.nation ?? 'england')) return 'bank holiday';
  return undefined;
}

function computeEarliestWorkingDay(context: DecisionContext, clocks: ZoneClock[], fromMs: number): number {
  let instant = fromMs;
  for (let round = 0; round < 16; round += 1) {
    let moved = false;
    for (const clock of clocks) {
      if (isRestDay(context, clock, instant) !== undefined) {
        instant = computeStartOfDayFrom(clock, clock.computeLocalDayNumber(instant) + 1, instant);
        moved = true;
      }
    }
    if (!moved) return instant;
  }
  return Number.POSITIVE_INFINITY;
}

export function decideUkContactWithCustomers(context: DecisionContext): void {
  const { action } = context.facts;
  if (context.jurisdiction !== 'united_kingdom' || !isContact(action.channel)) return;
  const tags = action.contentTags;
  if (tags.includes('misleading_contact')) {
    addReason(context, 'UK-CONC-7.9-CONTACT', 'block', 'CONC 7.9.2R forbids misleading contact (such as a false "missed delivery" card).');
  }
  if (tags.includes('premium_rate_number')) {
    addReason(context, 'UK-CONC-7.9-CONTACT', 'block', 'CONC 7.9.5R forbids asking customers to call a premium-rate number.');
  }
  const carriesDebtDetails = tags.some((tag) => debtContentTags.has(tag));
  if (carriesDebtDetails && action.recipient === 'third_party') {
    addReason(context, 'UK-CONC-7.9-CONTACT', 'block', 'CONC 7.9.6R forbids disclosing the debt to a third party.');
  } else if (carriesDebtDetails && action.channel === 'call_disclosure' && action.recipientIdentityVerified !== true) {
    addReason(context, 'UK-CONC-7.9-CONTACT', 'block',
      'CONC 7.9.10R: debt details may be given only once the firm has established that the person is, or acts for, the borrower, and that has not been done.');
  }

  if (!isTimedContact(action.channel) || context.clocks.length === 0) return;
  const clocks = context.clocks;
  const window = buildContactWindow(context, context.policy.ukContactWindowStartMinute, context.policy.ukContactWindowEndMinute);
  addTimeConstraint(context, 'UK-CONC-7.9-CONTACT', (fromMs) => computeEarliestInsideEveryWindow(clocks, fromMs, window));
  addTimeConstraint(context, 'UK-CONC-7.9-CONTACT', (fromMs) => computeEarliestWorkingDay(context, clocks, fromMs));
  addTimeConstraint(context, 'UK-CONC-7.9-CONTACT', (fromMs) => computeEarliestOutsideDesignatedWindows(context, clocks, fromMs));
  const at = context.atMs;
  const range = formatWindow(window);
  const outside = clocks.filter((clock) => !isInsideContactWindow(clock, at, window));
  if (outside.length > 0) {
    addReason(context, 'UK-CONC-7.9-CONTACT', 'allow_after',
      `${capitalise(describeChannel(action.channel))} to UK customers are made only ${range} local time, the engine's policy for CONC 7.9.4R's ban on unreasonable times; it is ${outside.map((clock) => `${formatClockTime(clock.computeLocalMillisecondOfDay(at))} in ${clock.zone}`).join(' and ')}.`);
  }
  const rest = clocks.map((clock) => isRestDay(context, clock, at)).find((kind) => kind !== undefined);
  if (rest !== undefined) {
    addReason(context, 'UK-CONC-7.9-CONTACT', 'allow_after', `The engine's policy under CONC 7.9.4R is not to contact UK customers on a ${rest}.`);
  }
  if (computeEarliestOutsideDesignatedWindows(context, clocks, at) > at) {
    addReason(context, 'UK-CONC-7.9-CONTACT', 'allow_after', 'The customer asked not to be contacted at this time, and CONC 7.9.4R requires due regard to that request.');
  }
}
