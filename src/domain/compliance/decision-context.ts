// What every rule family reads (facts, policy, the instant under test, the candidate zones' clocks) and
// writes (reasons, requirements, time constraints). Local dates of history entries are computed once per
// decision and zone (issue #3 performance hint) and shared by every frequency rule.
import { factPresence, type ComplianceFacts, type DebtFacts, type HistoryEntry, type ProposedChannel, type TextSignal } from './compliance-facts.ts';
import type { CompliancePolicy } from './compliance-policy.ts';
import type { Reason, ReasonEffect, RequiredAction, Requirement } from './compliance-decision.ts';
import { buildCalendarDate } from '../shared/calendar-date.ts';
import { findFirstPositionFrom, type HistoryColumns } from './history-columns.ts';
import type { RuleId } from './rule-catalogue.ts';
import type { ZoneClock } from './zone-clock.ts';

export const millisecondsPerMinute = 60_000;
export const millisecondsPerHour = 3_600_000;
export const millisecondsPerDay = 86_400_000;

/** A rule whose outcome depends on the instant: the earliest instant at or after `fromMs` at which it passes. */
export type TimeConstraint = { ruleId: RuleId; computeEarliestFrom: (fromMs: number) => number };

export type Jurisdiction = 'united_states' | 'united_kingdom' | 'european_union' | 'unknown';

export type DecisionContext = {
  facts: ComplianceFacts;
  policy: CompliancePolicy;
  /** The instant the action would happen: the later of its schedule and `now`. */
  atMs: number;
  /** Candidate zones' clocks, the primary zone first; empty when no zone is known. */
  clocks: ZoneClock[];
  /** Clocks whose calendars count days (RULES.md 0.4): the primary zone, or every zone when strict. */
  calendarClocks: ZoneClock[];
  jurisdiction: Jurisdiction;
  /** Regulation F and the FDCPA apply (REGF-SCOPE). */
  regulationFApplies: boolean;
  /** The debts the action concerns. */
  debts: DebtFacts[];
  history: HistoryEntry[];
  /** The same history as typed-array columns, for the frequency rules' hot loops. */
  columns: HistoryColumns;
  /** `factPresence` bits: which optional facts exist at all. */
  presence: number;
  historyAvailable: boolean;
  reasons: Reason[];
  requirements: Requirement[];
  requiredActions: RequiredAction[];
  computed: Record<string, string>;
  timeConstraints: TimeConstraint[];
  /** True while the time rules are re-checked at a later instant (allow_after): no new constraints. */
  recheck: boolean;
};

export function addReason(context: DecisionContext, ruleId: RuleId, effect: ReasonEffect, explanation: string): void {
  context.reasons.push({ ruleId, effect, explanation });
}

export function addRequirement(context: DecisionContext, ruleId: RuleId, disclosure: string, explanation: string): void {
  if (context.requirements.some((requirement) => requirement.disclosure === disclosure)) return;
  context.requirements.push({ ruleId, disclosure, explanation });
}

export function addRequiredAction(context: DecisionContext, action: RequiredAction): void {
  context.requiredActions.push(action);
}

// Time constraints are passed as inline (anonymous) functions: named closures cost a property definition
// each under the TypeScript runner's keep-names transform, and the gate builds several per decision.
export function addTimeConstraint(context: DecisionContext, ruleId: RuleId, computeEarliestFrom: (fromMs: number) => number): void {
  if (!context.recheck) context.timeConstraints.push({ ruleId, computeEarliestFrom });
}

/** Local day number of the entry at column `position` on the calendar of `context.calendarClocks[clockIndex]`. */
export function computeHistoryDayNumber(context: DecisionContext, clockIndex: number, position: number): number {
  // The zone clock answers from its current offset segment in a few nanoseconds, so computing on demand is
  // cheaper than allocating a per-decision table (RULES.md 0.4: the consumer's local calendar, never UTC).
  return context.calendarClocks[clockIndex]!.computeLocalDayNumber(context.columns.atMs[position]!);
}

/** True when any fact of the kinds in `bits` (`factPresence`) exists. */
export function hasFacts(context: DecisionContext, bits: number): boolean {
  return (context.presence & bits) !== 0;
}

/** Weak free-text cues of the given intents, received by the instant under test (build-facts-from-evidence.ts). */
const noSignals: TextSignal[] = [];

export function findTextSignals(context: DecisionContext, intents: ReadonlyArray<string>, writtenOnly = false): TextSignal[] {
  if ((context.presence & factPresence.textSignals) === 0) return noSignals;
  const signals = context.facts.consumer.flags.textSignals;
  return signals.filter((signal) =>
    intents.includes(signal.intent) && signal.atMs <= context.atMs && (!writtenOnly || signal.written));
}

/**
 * A history entry before this instant cannot fall in a window of `windowDays` local days (or rolling days)
 * ending on the day of `atMs` or any later day: two days of margin cover every zone offset and DST shift.
 * Frequency rules skip such entries before touching anything else (a cheap comparison on a field already
 * in cache), which keeps a decision over a long history fast.
 */
export function computeWindowFloorMs(atMs: number, windowDays: number): number {
  return atMs - (windowDays + 2) * millisecondsPerDay;
}

/** How many history entries (of any kind) fall at or after `floorMs`: an upper bound for every count in a window. */
export function countEntriesFrom(context: DecisionContext, floorMs: number): number {
  return context.columns.atMs.length - findFirstPositionFrom(context.columns, floorMs);
}

/** The history entry at a column position. */
export function findEntryAt(context: DecisionContext, position: number): HistoryEntry {
  return context.history[context.columns.entryIndex[position]!]!;
}

/** True when a history entry concerns `debtId` (an entry that names no debt counts for every debt). */
export function isAboutDebt(entry: HistoryEntry, debtId: string): boolean {
  return entry.debtIds === undefined || entry.debtIds.includes(debtId);
}

export const telephoneChannels: ReadonlySet<ProposedChannel> = new Set(['call', 'voicemail']);
export const electronicChannels: ReadonlySet<ProposedChannel> = new Set(['sms', 'email', 'social_dm', 'social_connection_request']);
export const mailChannels: ReadonlySet<ProposedChannel> = new Set(['letter', 'postcard']);
export const contactChannels: ReadonlySet<ProposedChannel> = new Set([
  'call', 'voicemail', 'call_disclosure', 'sms', 'email', 'social_dm', 'social_connection_request', 'social_public_post',
  'letter', 'postcard', 'in_person',
]);
export const legalActionChannels: ReadonlySet<ProposedChannel> = new Set(['file_suit', 'default_judgment', 'repossession', 'foreclosure', 'garnishment']);
export const paymentAcceptanceChannels: ReadonlySet<ProposedChannel> = new Set([
  'accept_payment_phone', 'accept_payment_online', 'accept_payment_mail', 'accept_payment_in_person',
]);
export const dataSubjectChannels: ReadonlySet<ProposedChannel> = new Set(['access_request', 'erasure_request', 'objection']);

/** 1006.6(b)(1): the time-of-day rule covers calls, voicemails, texts, emails and other electronic messages and visits; mail is not timed. */
export function isTimedContact(channel: ProposedChannel): boolean {
  return contactChannels.has(channel) && !mailChannels.has(channel);
}

/** A contact that conveys something about the debt, as opposed to furnishing, legal process or data-subject work. */
export function isContact(channel: ProposedChannel): boolean {
  return contactChannels.has(channel);
}

/** Collection activity that 1006.38(c) pauses and 1006.6(c) stops (contacts, furnishing, suits, payment collection). */
export function isCollectionActivity(context: DecisionContext): boolean {
  const { channel, purpose, template, contentTags } = context.facts.action;
  if (purpose === 'non_collection' || contentTags.includes('not_collection')) return false;
  if (template === 'optout_confirmation') return false;
  return isContact(channel) || channel === 'furnish_cra' || legalActionChannels.has(channel) || channel === 'cpa_payment';
}

const channelNouns: Partial<Record<ProposedChannel, string>> = {
  call: 'calls', voicemail: 'voicemails', call_disclosure: 'calls', sms: 'text messages', email: 'emails',
  social_dm: 'social-media messages', social_connection_request: 'social-media requests', social_public_post: 'social-media posts',
  letter: 'letters', postcard: 'postcards', in_person: 'visits',
};

const capitalisedChannelNouns: Partial<Record<ProposedChannel, string>> = Object.fromEntries(
  Object.entries(channelNouns).map(([channel, noun]) => [channel, noun[0]!.toUpperCase() + noun.slice(1)]),
);

/** "calls", "text messages", ... for explanations ("Calls" at the start of a sentence). */
export function describeChannel(channel: ProposedChannel, sentenceStart = false): string {
  return (sentenceStart ? capitalisedChannelNouns[channel] : channelNouns[channel]) ?? (sentenceStart ? 'Contacts' : 'contacts');
}

const twoDigits = Array.from({ length: 60 }, (_, value) => String(value).padStart(2, '0'));

/** "07:30" for a millisecond of the local day. */
export function formatClockTime(millisecondOfDay: number): string {
  const minutes = Math.floor(millisecondOfDay / millisecondsPerMinute);
  return `${twoDigits[Math.floor(minutes / 60) % 24]}:${twoDigits[minutes % 60]}`;
}

export function formatMinute(minuteOfDay: number): string {
  // 1440 is the end of the day, written 24:00.
  return minuteOfDay === 1440 ? '24:00' : formatClockTime(minuteOfDay * millisecondsPerMinute);
}

/** An instant as ISO 8601 UTC to the minute, or the second when it has one ("2024-06-10T17:00Z"). */
export function formatInstant(epochMilliseconds: number): string {
  const dayNumber = Math.floor(epochMilliseconds / millisecondsPerDay);
  const millisecondOfDay = epochMilliseconds - dayNumber * millisecondsPerDay;
  const seconds = Math.floor(millisecondOfDay / 1000) % 60;
  return `${buildCalendarDate(dayNumber)}T${formatClockTime(millisecondOfDay)}${seconds === 0 ? '' : `:${twoDigits[seconds]}`}Z`;
}

/** Local date (`YYYY-MM-DD`) of an instant on a clock. */
export function formatLocalDate(clock: ZoneClock, epochMilliseconds: number): string {
  return formatDayNumber(clock.computeLocalDayNumber(epochMilliseconds));
}

export function formatDayNumber(dayNumber: number): string {
  return buildCalendarDate(dayNumber);
}

/** The consumer's calendar day of an instant in the primary zone (RULES.md 0.4), or UTC when no zone is known. */
export function computePrimaryDayNumber(context: DecisionContext, epochMilliseconds: number): number {
  const clock = context.clocks[0];
  return clock === undefined ? Math.floor(epochMilliseconds / millisecondsPerDay) : clock.computeLocalDayNumber(epochMilliseconds);
}

/**
 * The latest calendar day of an instant over the given clocks: a deadline measured from a date is then
 * as late as any candidate zone could make it (the conservative reading for "the date it was sent").
 */
export function computeLatestDayNumber(clocks: ZoneClock[], epochMilliseconds: number): number {
  let latest = Number.NEGATIVE_INFINITY;
  for (const clock of clocks) latest = Math.max(latest, clock.computeLocalDayNumber(epochMilliseconds));
  // No zone known: any zone on earth is at most one day ahead of UTC.
  return latest === Number.NEGATIVE_INFINITY ? Math.floor(epochMilliseconds / millisecondsPerDay) + 1 : latest;
}

/** The earliest calendar day of an instant over the given clocks (one day behind UTC when none is known). */
export function computeEarliestDayNumber(clocks: ZoneClock[], epochMilliseconds: number): number {
  let earliest = Number.POSITIVE_INFINITY;
  for (const clock of clocks) earliest = Math.min(earliest, clock.computeLocalDayNumber(epochMilliseconds));
  return earliest === Number.POSITIVE_INFINITY ? Math.floor(epochMilliseconds / millisecondsPerDay) - 1 : earliest;
}

/** The earliest instant at or after `fromMs` whose local day (on `clock`) is at least `dayNumber`. */
export function computeStartOfDayFrom(clock: ZoneClock, dayNumber: number, fromMs: number): number {
  if (clock.computeLocalDayNumber(fromMs) >= dayNumber) return fromMs;
  return Math.max(fromMs, clock.computeInstantOfLocalTime(dayNumber, 0));
}
