// MA-CALL-2IN7: 940 CMR 7.04(1)(f); Armata v. Target Corp., 480 Mass. 14 (2018).
// A creditor or collector may not initiate telephone communications (live calls, text messages, recorded
// audio messages) to a Massachusetts debtor more than twice in each seven-day period to the debtor's
// residence, cell or other personal number, or twice in each thirty-day period to other numbers, for each
// debt. Unanswered calls count (Armata); only calls where the caller was truly unable to reach the debtor
// or leave a message are not counted. Communications in response to the debtor's request are not initiated.
// Rolling windows of local calendar days (RULES.md 0.4), conservative against a calendar-week reading.
import type { HistoryEntry, NumberUse } from './compliance-facts.ts';
import { findFirstPositionFrom } from './history-columns.ts';
import {
  addReason, addTimeConstraint, computeWindowFloorMs, findEntryAt, formatDayNumber, isAboutDebt, millisecondsPerDay, type DecisionContext,
} from './decision-context.ts';
import { computeCountInWindow, computeEarliestWithRoom } from './frequency-window.ts';

const initiatedChannels = new Set(['call', 'voicemail', 'sms']);

/** Numbers the debtor gave as residence, cell or otherwise personal; an unknown number is taken as personal. */
function isPersonalNumber(use: NumberUse | undefined): boolean {
  return use === undefined || use === 'personal' || use === 'home' || use === 'mobile';
}

/**
 * True when the history shows the debtor asked to be contacted: an inbound message within the evidence
 * window that has not yet been answered by a call or text.
 */
export function hasUnansweredDebtorRequest(context: DecisionContext, history: HistoryEntry[]): boolean {
  const since = context.atMs - context.policy.debtorRequestEvidenceDays * millisecondsPerDay;
  let latestInbound: number | undefined;
  for (const entry of history) {
    if (entry.direction === 'inbound' && entry.person === 'consumer' && entry.atMs <= context.atMs && entry.atMs >= since) {
      latestInbound = latestInbound === undefined ? entry.atMs : Math.max(latestInbound, entry.atMs);
    }
  }
  if (latestInbound === undefined) return false;
  const inboundAt = latestInbound;
  return !history.some((entry) => entry.direction === 'outbound' && initiatedChannels.has(entry.channel) && entry.atMs >= inboundAt);
}

export function decideMassachusettsCallFrequency(context: DecisionContext): void {
  const { action, consumer } = context.facts;
  if (context.jurisdiction !== 'united_states' || consumer.state !== 'MA') return;
  if (!initiatedChannels.has(action.channel) || action.recipient !== 'consumer' || !context.historyAvailable) return;
  // Not "initiated" when it answers the debtor's own request, shown by an unanswered inbound message.
  if (action.inResponseToDebtorRequest && hasUnansweredDebtorRequest(context, context.history)) return;
  const personal = isPersonalNumber(action.numberUse);
  const windowDays = personal ? 7 : 30;
  const countMax = personal ? context.policy.massachusettsPersonalPerSevenDaysMax : context.policy.massachusettsOtherPerThirtyDaysMax;

  for (const debtId of action.debtIds) {
    const counted: number[] = [];
    const floorMs = computeWindowFloorMs(context.atMs, windowDays);
    // Positions in the time-ordered history columns, as the window counting expects.
    for (let index = findFirstPositionFrom(context.columns, floorMs); index < context.columns.atMs.length; index += 1) {
      const entry = findEntryAt(context, index);
      if (entry.atMs < floorMs || entry.direction !== 'outbound' || !initiatedChannels.has(entry.channel) || entry.person !== 'consumer') continue;
      if (!isAboutDebt(entry, debtId) || isPersonalNumber(entry.numberUse) !== personal) continue;
      if (entry.inResponseToDebtorRequest === true || entry.trulyUnableToReach) continue;
      counted.push(index);
    }
    if (counted.length < countMax) continue;
    const count = computeCountInWindow(context, counted, context.atMs, windowDays);
    if (count + 1 > countMax) {
      // Passing now means passing later too (the history does not grow): only a failing count constrains allow_after.
      addTimeConstraint(context, 'MA-CALL-2IN7', (fromMs) => computeEarliestWithRoom(context, counted, fromMs, windowDays, countMax));
      const clock = context.clocks[0];
      const day = clock === undefined ? Math.floor(context.atMs / millisecondsPerDay) : clock.computeLocalDayNumber(context.atMs);
      addReason(context, 'MA-CALL-2IN7', 'allow_after',
        `Massachusetts allows ${countMax} initiated calls or texts per debt in ${windowDays} days to ${personal ? 'a personal' : 'a non-personal (e.g. work)'} number; debt ${debtId} already has ${count} from ${formatDayNumber(day - windowDays + 1)} to ${formatDayNumber(day)}.`);
    }
  }
}
