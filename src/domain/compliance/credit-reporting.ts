// REGF-PASSIVE-CR: 12 CFR 1006.30(a)(1)–(2), comments 30(a)(1)-1 to -3. Before furnishing information about
// a debt to a consumer reporting agency, the collector must have spoken to the consumer about it (in person
// or by phone), or mailed a letter or sent an electronic message about it and waited a reasonable period,
// 14 consecutive days, for a notice of undeliverability. A notice of undeliverability means it must not
// furnish until it otherwise satisfies the rule. A limited-content voicemail is not speaking about the debt.
// REGF-DISPUTE-CR: FDCPA 1692e(8); FCRA 623(a)(3). A debt the consumer disputed (orally or in writing,
// at any time) must be furnished as disputed.
// Furnishing is not a contact: allow_after is local midnight of the first allowed day (RULES.md 0.6).
import type { HistoryEntry } from './compliance-facts.ts';
import {
  addReason, addRequirement, addTimeConstraint, computeStartOfDayFrom, formatDayNumber, isAboutDebt,
  type DecisionContext,
} from './decision-context.ts';

const messageChannels = new Set(['letter', 'email', 'sms', 'social_dm']);

function isUndeliverableNotice(entry: HistoryEntry): boolean {
  return entry.outcome === 'undeliverable' || entry.outcome === 'bounced';
}

/** A notice of undeliverability for message `message`: same channel and debt, on or after it, same address when both are known. */
function isNoticeFor(notice: HistoryEntry, message: HistoryEntry, debtId: string, atMs: number): boolean {
  if (notice === message) return isUndeliverableNotice(message);
  if (!isUndeliverableNotice(notice) || notice.channel !== message.channel || !isAboutDebt(notice, debtId)) return false;
  if (notice.atMs < message.atMs || notice.atMs > atMs) return false;
  return notice.address === undefined || message.address === undefined || notice.address === message.address;
}

/** The earliest instant at or after `fromMs` on which some delivered message is old enough, on every calendar. */
function computeEarliestAfterWait(context: DecisionContext, deliveredIndexes: number[], fromMs: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (const index of deliveredIndexes) {
    let instant = fromMs;
    for (let clockIndex = 0; clockIndex < context.calendarClocks.length; clockIndex += 1) {
      // History indexes here (not column positions): the day comes straight from the entry.
      const day = context.calendarClocks[clockIndex]!.computeLocalDayNumber(context.history[index]!.atMs) + context.policy.passiveReportingWaitDays;
      instant = computeStartOfDayFrom(context.calendarClocks[clockIndex]!, day, instant);
    }
    best = Math.min(best, instant);
  }
  return best;
}

export function decideCreditReporting(context: DecisionContext): void {
  const { action } = context.facts;
  if (!context.regulationFApplies || action.channel !== 'furnish_cra') return;
  const { passiveReportingWaitDays } = context.policy;

  for (const debt of context.debts) {
    if (debt.disputes.some((dispute) => dispute.kind === 'dispute')) {
      addRequirement(context, 'REGF-DISPUTE-CR', 'FURNISH_AS_DISPUTED',
        `The consumer disputed debt ${debt.id}, so it must be furnished with the disputed compliance condition code (Metro 2 XB).`);
    }
    if (!context.historyAvailable) continue;
    const history = context.history;
    const spoke = history.some((entry) =>
      entry.outcome === 'conversation' && entry.person === 'consumer' && (entry.channel === 'call' || entry.channel === 'in_person') &&
      isAboutDebt(entry, debt.id) && entry.atMs <= context.atMs);
    if (spoke) continue;
    // Messages about the debt that no notice of undeliverability has answered (even one arriving late:
    // knowing the letter went nowhere, the conservative reading treats it as never sent).
    const deliveredIndexes: number[] = [];
    let returned = 0;
    history.forEach((message, index) => {
      if (message.direction !== 'outbound' || !messageChannels.has(message.channel) || !isAboutDebt(message, debt.id) || message.atMs > context.atMs) return;
      if (history.some((notice) => isNoticeFor(notice, message, debt.id, context.atMs))) {
        returned += 1;
        return;
      }
      deliveredIndexes.push(index);
    });
    if (deliveredIndexes.length === 0) {
      addReason(context, 'REGF-PASSIVE-CR', 'block',
        returned > 0
          ? `The only letter or message about debt ${debt.id} came back undeliverable, so it may not be furnished until the consumer is spoken to or a new message goes 14 days without a return.`
          : `Nobody has spoken to the consumer about debt ${debt.id} and no letter or message about it is on file, so it may not be furnished yet.`);
      continue;
    }
    const earliest = computeEarliestAfterWait(context, deliveredIndexes, context.atMs);
    if (earliest > context.atMs) {
      // Once a message is old enough it stays old enough: only a wait still running constrains allow_after.
      addTimeConstraint(context, 'REGF-PASSIVE-CR', (fromMs) => computeEarliestAfterWait(context, deliveredIndexes, fromMs));
      const oldest = deliveredIndexes.reduce((best, index) => (history[index]!.atMs < history[best]!.atMs ? index : best), deliveredIndexes[0]!);
      const sentDay = context.calendarClocks[0]!.computeLocalDayNumber(history[oldest]!.atMs);
      addReason(context, 'REGF-PASSIVE-CR', 'allow_after',
        `Debt ${debt.id} may be furnished only after ${passiveReportingWaitDays} consecutive days without a notice of undeliverability; the letter or message of ${formatDayNumber(sentDay)} allows ${formatDayNumber(sentDay + passiveReportingWaitDays)}.`);
    }
  }
}
