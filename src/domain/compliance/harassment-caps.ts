// REGF-HARASS-GENERAL: 12 CFR 1006.14(a) and comment 14(a)-1 ("numerous unsolicited texts per day for
// several days" is likely harassment); the CFPB FAQ says electronic media can harass too. The standard is
// law; the numbers are policy (RULES.md): per debt, unsolicited texts per day and per 7 days, emails per day
// and per 7 days, and all outbound touches per 7 days. Replies to the consumer's own messages are not
// unsolicited and are not counted.
import type { HistoryChannel, HistoryEntry } from './compliance-facts.ts';
import {
  addReason, addTimeConstraint, formatDayNumber, isAboutDebt, millisecondsPerMinute, type DecisionContext,
} from './decision-context.ts';
import { computeCountInWindow, computeEarliestWithRoom } from './frequency-window.ts';
import { findConsumerInitiatedMessage } from './inconvenient-times.ts';
import { hasUnansweredDebtorRequest } from './massachusetts-call-frequency.ts';

const touchChannels: ReadonlySet<string> = new Set(['call', 'voicemail', 'sms', 'email', 'social_dm']);

/** An outbound message that answers an inbound one on the same channel (the first reply within the window). */
function isReply(history: HistoryEntry[], entry: HistoryEntry, windowMs: number): boolean {
  for (const inbound of history) {
    if (inbound.direction !== 'inbound' || inbound.channel !== entry.channel) continue;
    if (inbound.atMs > entry.atMs || entry.atMs - inbound.atMs > windowMs) continue;
    const earlierReply = history.some((other) =>
      other !== entry && other.direction === 'outbound' && other.channel === entry.channel && other.atMs >= inbound.atMs && other.atMs < entry.atMs);
    if (!earlierReply) return true;
  }
  return false;
}

function findUnsolicited(context: DecisionContext, debtId: string, channels: ReadonlySet<string>): number[] {
  const windowMs = context.policy.singleReplyWindowMinutes * millisecondsPerMinute;
  const indexes: number[] = [];
  context.history.forEach((entry, index) => {
    if (entry.direction !== 'outbound' || !channels.has(entry.channel) || !isAboutDebt(entry, debtId)) return;
    if (entry.inResponseToDebtorRequest === true) return;
    if ((entry.channel === 'sms' || entry.channel === 'email') && isReply(context.history, entry, windowMs)) return;
    indexes.push(index);
  });
  return indexes;
}

type Cap = { label: string; channels: ReadonlySet<HistoryChannel | string>; windowDays: number; countMax: number };

export function decideHarassmentCaps(context: DecisionContext): void {
  const { action } = context.facts;
  if (!context.regulationFApplies || !touchChannels.has(action.channel) || !context.historyAvailable) return;
  // A solicited contact (a reply the consumer asked for) is not harassment by frequency.
  if (findConsumerInitiatedMessage(context, context.atMs) !== undefined) return;
  if (action.inResponseToDebtorRequest && hasUnansweredDebtorRequest(context, context.history)) return;
  if (action.template === 'optout_confirmation') return;
  const { policy } = context;
  const caps: Cap[] = [];
  if (action.channel === 'sms') {
    caps.push({ label: 'text messages per day', channels: new Set(['sms']), windowDays: 1, countMax: policy.smsPerDayMax });
    caps.push({ label: 'text messages per 7 days', channels: new Set(['sms']), windowDays: 7, countMax: policy.smsPerSevenDaysMax });
  }
  if (action.channel === 'email') {
    caps.push({ label: 'emails per day', channels: new Set(['email']), windowDays: 1, countMax: policy.emailPerDayMax });
    caps.push({ label: 'emails per 7 days', channels: new Set(['email']), windowDays: 7, countMax: policy.emailPerSevenDaysMax });
  }
  caps.push({ label: 'contacts of any kind per 7 days', channels: touchChannels, windowDays: 7, countMax: policy.touchesPerSevenDaysMax });

  for (const debtId of action.debtIds) {
    for (const cap of caps) {
      const counted = findUnsolicited(context, debtId, cap.channels);
      addTimeConstraint(context, {
        ruleId: 'REGF-HARASS-GENERAL',
        computeEarliestFrom: (fromMs) => computeEarliestWithRoom(context, counted, fromMs, cap.windowDays, cap.countMax),
      });
      const count = computeCountInWindow(context, counted, context.atMs, cap.windowDays);
      if (count + 1 > cap.countMax) {
        const clock = context.clocks[0];
        const day = clock === undefined ? undefined : clock.computeLocalDayNumber(context.atMs);
        const period = day === undefined ? '' : ` (${formatDayNumber(day - cap.windowDays + 1)} to ${formatDayNumber(day)})`;
        addReason(context, 'REGF-HARASS-GENERAL', 'allow_after',
          `The policy allows ${cap.countMax} unsolicited ${cap.label} about one debt to avoid harassment; debt ${debtId} already has ${count}${period}.`);
      }
    }
  }
}
