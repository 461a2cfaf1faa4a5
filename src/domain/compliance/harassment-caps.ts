// REGF-HARASS-GENERAL: 12 CFR 1006.14(a) and comment 14(a)-1 ("numerous unsolicited texts per day for
// several days" is likely harassment); the CFPB FAQ says electronic media can harass too. The standard is
// law; the numbers are policy (RULES.md): per debt, unsolicited texts per day and per 7 days, emails per day
// and per 7 days, and all outbound touches per 7 days. Replies to the consumer's own messages are not
// unsolicited and are not counted.
import type { HistoryEntry } from './compliance-facts.ts';
import {
  addReason, addTimeConstraint, computePrimaryDayNumber, computeWindowFloorMs, formatDayNumber, isAboutDebt, millisecondsPerMinute, type DecisionContext,
} from './decision-context.ts';
import { computeCountInWindow, computeEarliestWithRoom } from './frequency-window.ts';
import { findConsumerInitiatedMessage } from './inconvenient-times.ts';
import { hasUnansweredDebtorRequest } from './massachusetts-call-frequency.ts';

const touchChannels: ReadonlySet<string> = new Set(['call', 'voicemail', 'sms', 'email', 'social_dm']);
const smsOnly: ReadonlySet<string> = new Set(['sms']);
const emailOnly: ReadonlySet<string> = new Set(['email']);

/**
 * Indexes of outbound texts and emails that answer the consumer: for each inbound text or email, the first
 * outbound message on the same channel within the reply window after it.
 */
function findReplyIndexes(history: HistoryEntry[], windowMs: number, floorMs: number): number[] {
  const replies: number[] = [];
  for (const inbound of history) {
    if (inbound.atMs < floorMs - windowMs || inbound.direction !== 'inbound' || (inbound.channel !== 'sms' && inbound.channel !== 'email')) continue;
    let first = -1;
    for (let index = 0; index < history.length; index += 1) {
      const entry = history[index]!;
      if (entry.direction !== 'outbound' || entry.channel !== inbound.channel || entry.atMs < inbound.atMs || entry.atMs - inbound.atMs > windowMs) continue;
      if (first === -1 || entry.atMs < history[first]!.atMs) first = index;
    }
    if (first !== -1) replies.push(first);
  }
  return replies;
}

/** Outbound messages about the debt on the channels that were not replies to the consumer (solicited). */
function findUnsolicited(context: DecisionContext, debtId: string, channels: ReadonlySet<string>, replies: number[], floorMs: number): number[] {
  const indexes: number[] = [];
  const { history } = context;
  for (let index = 0; index < history.length; index += 1) {
    const entry = history[index]!;
    if (entry.atMs < floorMs || entry.direction !== 'outbound' || !channels.has(entry.channel) || !isAboutDebt(entry, debtId)) continue;
    if (entry.inResponseToDebtorRequest === true || (replies.length > 0 && replies.includes(index))) continue;
    indexes.push(index);
  }
  return indexes;
}

type Cap = { label: string; channels: ReadonlySet<string>; windowDays: number; countMax: number };

function decideCap(context: DecisionContext, debtId: string, cap: Cap, replies: number[]): void {
  const counted = findUnsolicited(context, debtId, cap.channels, replies, computeWindowFloorMs(context.atMs, cap.windowDays));
  // Fewer messages than the cap in the whole history: nothing to count, now or later.
  if (counted.length < cap.countMax) return;
  const count = computeCountInWindow(context, counted, context.atMs, cap.windowDays);
  // Passing now means passing at every later instant (the history does not grow): no constraint needed.
  if (count + 1 <= cap.countMax) return;
  addTimeConstraint(context, 'REGF-HARASS-GENERAL', (fromMs) => computeEarliestWithRoom(context, counted, fromMs, cap.windowDays, cap.countMax));
  const day = computePrimaryDayNumber(context, context.atMs);
  addReason(context, 'REGF-HARASS-GENERAL', 'allow_after',
    `The policy allows ${cap.countMax} unsolicited ${cap.label} about one debt to avoid harassment; debt ${debtId} already has ${count} (${formatDayNumber(day - cap.windowDays + 1)} to ${formatDayNumber(day)}).`);
}

export function decideHarassmentCaps(context: DecisionContext): void {
  const { action } = context.facts;
  if (!context.regulationFApplies || !touchChannels.has(action.channel) || !context.historyAvailable) return;
  // A solicited contact (a reply the consumer asked for) is not harassment by frequency.
  if (action.template === 'optout_confirmation') return;
  if (action.isSingleReplyToConsumerInitiated && findConsumerInitiatedMessage(context, context.atMs) !== undefined) return;
  if (action.inResponseToDebtorRequest && hasUnansweredDebtorRequest(context, context.history)) return;
  const { policy } = context;
  const replies = findReplyIndexes(context.history, policy.singleReplyWindowMinutes * millisecondsPerMinute, computeWindowFloorMs(context.atMs, 7));
  for (const debtId of action.debtIds) {
    if (action.channel === 'sms') {
      decideCap(context, debtId, { label: 'text messages per day', channels: smsOnly, windowDays: 1, countMax: policy.smsPerDayMax }, replies);
      decideCap(context, debtId, { label: 'text messages per 7 days', channels: smsOnly, windowDays: 7, countMax: policy.smsPerSevenDaysMax }, replies);
    }
    if (action.channel === 'email') {
      decideCap(context, debtId, { label: 'emails per day', channels: emailOnly, windowDays: 1, countMax: policy.emailPerDayMax }, replies);
      decideCap(context, debtId, { label: 'emails per 7 days', channels: emailOnly, windowDays: 7, countMax: policy.emailPerSevenDaysMax }, replies);
    }
    decideCap(context, debtId, { label: 'contacts of any kind per 7 days', channels: touchChannels, windowDays: 7, countMax: policy.touchesPerSevenDaysMax }, replies);
  }
}
