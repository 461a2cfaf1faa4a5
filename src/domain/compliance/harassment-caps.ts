// REGF-HARASS-GENERAL: 12 CFR 1006.14(a) and comment 14(a)-1 ("numerous unsolicited texts per day for
// several days" is likely harassment); the CFPB FAQ says electronic media can harass too. The standard is
// law; the numbers are policy (RULES.md): per debt, unsolicited texts per day and per 7 days, emails per day
// and per 7 days, and all outbound touches per 7 days. Replies to the consumer's own messages are not
// unsolicited and are not counted.
import type { HistoryChannel } from './compliance-facts.ts';
import { encodeHistoryChannel, findDebtBit, findFirstPositionFrom, historyMarks } from './history-columns.ts';
import {
  addReason, addTimeConstraint, computePrimaryDayNumber, computeWindowFloorMs, countEntriesFrom, findEntryAt, formatDayNumber, isAboutDebt, millisecondsPerMinute,
  type DecisionContext,
} from './decision-context.ts';
import { computeCountInWindow, computeEarliestWithRoom } from './frequency-window.ts';
import { findConsumerInitiatedMessage } from './inconvenient-times.ts';
import { hasUnansweredDebtorRequest } from './massachusetts-call-frequency.ts';

const touchChannels: ReadonlySet<string> = new Set(['call', 'voicemail', 'sms', 'email', 'social_dm']);
const smsCode = encodeHistoryChannel('sms');
const emailCode = encodeHistoryChannel('email');
const touchCodes = [...touchChannels].map((channel) => encodeHistoryChannel(channel as HistoryChannel));
const smsCodes = [smsCode];
const emailCodes = [emailCode];

/**
 * Indexes of outbound texts and emails that answer the consumer: for each inbound text or email, the first
 * outbound message on the same channel within the reply window after it.
 */
function findReplyIndexes(context: DecisionContext, windowMs: number, floorMs: number): number[] {
  const replies: number[] = [];
  const { atMs, channel, marks } = context.columns;
  for (let inbound = findFirstPositionFrom(context.columns, floorMs - windowMs); inbound < atMs.length; inbound += 1) {
    if (atMs[inbound]! < floorMs - windowMs || (marks[inbound]! & historyMarks.inbound) === 0) continue;
    if (channel[inbound] !== smsCode && channel[inbound] !== emailCode) continue;
    let first = -1;
    for (let index = findFirstPositionFrom(context.columns, atMs[inbound]!); index < atMs.length; index += 1) {
      if ((marks[index]! & historyMarks.inbound) !== 0 || channel[index] !== channel[inbound]) continue;
      if (atMs[index]! < atMs[inbound]! || atMs[index]! - atMs[inbound]! > windowMs) continue;
      if (first === -1 || atMs[index]! < atMs[first]!) first = index;
    }
    if (first !== -1) replies.push(first);
  }
  return replies;
}

/** Outbound messages about the debt on the channels that were not replies to the consumer (solicited). */
function findUnsolicited(context: DecisionContext, debtId: string, channelCodes: number[], replies: number[], floorMs: number): number[] {
  const indexes: number[] = [];
  const { atMs, channel, marks, debtMask } = context.columns;
  const debtBit = findDebtBit(context.columns, debtId);
  for (let index = findFirstPositionFrom(context.columns, floorMs); index < atMs.length; index += 1) {
    if (atMs[index]! < floorMs || (marks[index]! & (historyMarks.inbound | historyMarks.inResponseToDebtorRequest)) !== 0) continue;
    if (!channelCodes.includes(channel[index]!)) continue;
    if (debtBit !== 0 ? (debtMask[index]! & debtBit) === 0 : !isAboutDebt(findEntryAt(context, index), debtId)) continue;
    if (replies.length > 0 && replies.includes(index)) continue;
    indexes.push(index);
  }
  return indexes;
}

type Cap = { label: string; channelCodes: number[]; windowDays: number; countMax: number };

function decideCap(context: DecisionContext, debtId: string, cap: Cap, replies: number[]): void {
  const floorMs = computeWindowFloorMs(context.atMs, cap.windowDays);
  const counted = findUnsolicited(context, debtId, cap.channelCodes, replies, floorMs);
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
  const caps: Cap[] = [{ label: 'contacts of any kind per 7 days', channelCodes: touchCodes, windowDays: 7, countMax: policy.touchesPerSevenDaysMax }];
  if (action.channel === 'sms') {
    caps.push({ label: 'text messages per day', channelCodes: smsCodes, windowDays: 1, countMax: policy.smsPerDayMax });
    caps.push({ label: 'text messages per 7 days', channelCodes: smsCodes, windowDays: 7, countMax: policy.smsPerSevenDaysMax });
  }
  if (action.channel === 'email') {
    caps.push({ label: 'emails per day', channelCodes: emailCodes, windowDays: 1, countMax: policy.emailPerDayMax });
    caps.push({ label: 'emails per 7 days', channelCodes: emailCodes, windowDays: 7, countMax: policy.emailPerSevenDaysMax });
  }
  // Fewer entries of any kind within reach of the 7-day windows than the smallest cap: nothing to count.
  const recent = countEntriesFrom(context, computeWindowFloorMs(context.atMs, 7));
  if (caps.every((cap) => recent < cap.countMax)) return;
  const replies = findReplyIndexes(context, policy.singleReplyWindowMinutes * millisecondsPerMinute, computeWindowFloorMs(context.atMs, 7));
  for (const debtId of action.debtIds) {
    for (const cap of caps) decideCap(context, debtId, cap, replies);
  }
}
