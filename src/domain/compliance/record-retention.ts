// REGF-RECORDS: 12 CFR 1006.100. Records that evidence compliance are kept from the start of collection
// until three years after the later of the last communication or attempt on the debt and its settlement,
// discharge or transfer; call recordings three years from the recording. A request to erase them meets
// this retention lock (for EU data subjects it is not a 17(3)(b) ground; see GDPR-ERASURE-17).
import { computeYearMonthDay, computeDayNumberOf, buildCalendarDate } from '../shared/calendar-date.ts';
import { computeLatestDayNumber, type DecisionContext } from './decision-context.ts';

/**
 * The earliest date (`YYYY-MM-DD`) on which the debt's compliance records may be destroyed, on what is known
 * now: three years after the latest of the last recorded contact, the settlement or transfer, and today
 * (collection still running keeps pushing it later).
 */
export function computeRecordRetentionEnd(context: DecisionContext): string {
  let latest = context.facts.nowMs;
  for (const entry of context.history) latest = Math.max(latest, entry.atMs);
  for (const debt of context.debts) if (debt.settledOrTransferredMs !== undefined) latest = Math.max(latest, debt.settledOrTransferredMs);
  const { year, month, day } = computeYearMonthDay(computeLatestDayNumber(context.clocks, latest));
  // 29 February plus three years is 1 March (Date.UTC rolls the missing day forward: the later date).
  return buildCalendarDate(computeDayNumberOf(year + 3, month, day));
}
