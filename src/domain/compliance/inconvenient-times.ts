// REGF-TIME-8TO9, REGF-TIME-MULTITZ and REGF-TIME-CONSUMER: 12 CFR 1006.6(b)(1)(i), FDCPA 1692c(a)(1),
// comment 6(b)(1)-1 and the comment on ambiguous locations.
// Unless it knows otherwise, a collector must treat any time before 08:00 or from 21:00 at the consumer's
// location as inconvenient (RULES.md 0.5: allowed iff 08:00:00 ≤ local < 21:00:00), in EVERY zone where its
// information suggests the consumer may be; and any time the consumer said is inconvenient.
// Exceptions (1006.6(b)(4), comment 6(b)(1)-2): prior consent given directly for that time, a court's
// permission, and one reply through the same medium to a consumer-initiated communication at that time.
import { factPresence, type InconvenientWindow } from './compliance-facts.ts';
import { computeDayNumber, computeWeekday } from '../shared/calendar-date.ts';
import {
  addReason, addTimeConstraint, describeChannel, formatClockTime, formatMinute, hasFacts, isTimedContact, millisecondsPerDay,
  millisecondsPerMinute, telephoneChannels, type DecisionContext,
} from './decision-context.ts';
import { buildZoneClock, type ZoneClock } from './zone-clock.ts';

const roundsMax = 12;

export type ContactWindow = { startMinute: number; endMinute: number };

/** True when the local time on `clock` at the instant is inside [start, end). */
export function isInsideContactWindow(clock: ZoneClock, instantMs: number, window: ContactWindow): boolean {
  const millisecond = clock.computeLocalMillisecondOfDay(instantMs);
  return millisecond >= window.startMinute * millisecondsPerMinute && millisecond < window.endMinute * millisecondsPerMinute;
}

/** The next instant at or after `instantMs` at which `clock` enters the window. */
function computeNextOpening(clock: ZoneClock, instantMs: number, window: ContactWindow): number {
  const day = clock.computeLocalDayNumber(instantMs);
  const millisecond = clock.computeLocalMillisecondOfDay(instantMs);
  const openingDay = millisecond < window.startMinute * millisecondsPerMinute ? day : day + 1;
  return Math.max(instantMs, clock.computeInstantOfLocalTime(openingDay, window.startMinute));
}

/**
 * The earliest instant at or after `fromMs` inside the window on every clock; +Infinity when the
 * windows never overlap (zones too far apart, REGF-TIME-MULTITZ: review).
 */
export function computeEarliestInsideEveryWindow(clocks: ZoneClock[], fromMs: number, window: ContactWindow): number {
  let instant = fromMs;
  for (let round = 0; round < roundsMax; round += 1) {
    let moved = false;
    for (const clock of clocks) {
      if (!isInsideContactWindow(clock, instant, window)) {
        instant = computeNextOpening(clock, instant, window);
        moved = true;
      }
    }
    if (!moved) return instant;
    if (instant - fromMs > 3 * millisecondsPerDay) return Number.POSITIVE_INFINITY;
  }
  return Number.POSITIVE_INFINITY;
}

/** The contact window for the action: calls may have to start earlier than the window's end (0.5 buffer). */
export function buildContactWindow(context: DecisionContext, startMinute: number, endMinute: number): ContactWindow {
  const buffer = telephoneChannels.has(context.facts.action.channel) ? context.policy.lastCallStartBufferMinutes : 0;
  return { startMinute, endMinute: endMinute - buffer };
}

function isWindowInForce(window: InconvenientWindow, context: DecisionContext, instantMs: number): boolean {
  if (window.channels !== undefined && !window.channels.has(context.facts.action.channel)) return false;
  // A designation persists until revoked; a later one applies once the consumer has made it.
  if (window.revokedMs !== undefined && window.revokedMs <= instantMs) return false;
  return true;
}

/** When inside a designated window, the local end of that window (as an instant); otherwise undefined. */
function computeDesignatedWindowEnd(clock: ZoneClock, instantMs: number, window: InconvenientWindow): number | undefined {
  const day = clock.computeLocalDayNumber(instantMs);
  const minute = clock.computeLocalMillisecondOfDay(instantMs) / millisecondsPerMinute;
  const weekday = computeWeekday(day);
  const previousWeekday = computeWeekday(day - 1);
  if (window.startMinute < window.endMinute) {
    if (window.weekdays.has(weekday) && minute >= window.startMinute && minute < window.endMinute) {
      return clock.computeInstantOfLocalTime(day, window.endMinute);
    }
    return undefined;
  }
  // A window that runs past midnight (e.g. 22:00–09:00) belongs to the day it starts on.
  if (window.weekdays.has(weekday) && minute >= window.startMinute) return clock.computeInstantOfLocalTime(day + 1, window.endMinute);
  if (window.weekdays.has(previousWeekday) && minute < window.endMinute) return clock.computeInstantOfLocalTime(day, window.endMinute);
  return undefined;
}

/** The earliest instant at or after `fromMs` outside every in-force designated window in every zone. */
export function computeEarliestOutsideDesignatedWindows(context: DecisionContext, clocks: ZoneClock[], fromMs: number): number {
  let instant = fromMs;
  for (let round = 0; round < roundsMax; round += 1) {
    let moved = false;
    for (const window of context.facts.consumer.inconvenientWindows) {
      if (!isWindowInForce(window, context, instant)) continue;
      for (const clock of clocks) {
        const end = computeDesignatedWindowEnd(clock, instant, window);
        if (end !== undefined && end > instant) {
          instant = end;
          moved = true;
        }
      }
    }
    if (!moved) return instant;
  }
  return Number.POSITIVE_INFINITY;
}

/** The instants a consumer asked to be contacted at (1006.6(b)(4)(i)), as [start, end) slots. */
const noSlots: Array<{ startMs: number; endMs: number }> = [];

function buildConsentedSlots(context: DecisionContext): Array<{ startMs: number; endMs: number }> {
  if (!hasFacts(context, factPresence.directConsentToTime)) return noSlots;
  const slots: Array<{ startMs: number; endMs: number }> = [];
  const primary = context.clocks[0];
  for (const consent of context.facts.consumer.consents.directToTime) {
    // Consent given to the creditor is not consent given directly to the collector.
    if (!consent.direct) continue;
    const clock = consent.timeZone === undefined ? primary : buildZoneClock(consent.timeZone);
    if (clock === undefined) continue;
    const day = computeDayNumber(consent.localDateTime.slice(0, 10));
    const minute = Number(consent.localDateTime.slice(11, 13)) * 60 + Number(consent.localDateTime.slice(14, 16));
    const startMs = clock.computeInstantOfLocalTime(day, minute);
    if (consent.givenMs > startMs) continue;
    slots.push({ startMs, endMs: startMs + context.policy.directConsentTimeToleranceMinutes * millisecondsPerMinute + 1 });
  }
  return slots;
}

/**
 * Comment 6(b)(1)-2: one reply through the same medium to a consumer-initiated communication. The action
 * must say it is that reply, and the history must show the inbound message with no reply sent since.
 */
export function findConsumerInitiatedMessage(context: DecisionContext, instantMs: number): number | undefined {
  const { action } = context.facts;
  if (!action.isSingleReplyToConsumerInitiated) return undefined;
  let inboundAt: number | undefined;
  for (const entry of context.history) {
    if (entry.direction === 'inbound' && entry.channel === action.channel && entry.atMs <= instantMs && (inboundAt === undefined || entry.atMs > inboundAt)) {
      inboundAt = entry.atMs;
    }
  }
  if (inboundAt === undefined) return undefined;
  const replied = context.history.some((entry) => entry.direction === 'outbound' && entry.channel === action.channel && entry.atMs >= inboundAt);
  if (replied) return undefined;
  if (instantMs - inboundAt > context.policy.singleReplyWindowMinutes * millisecondsPerMinute) return undefined;
  return inboundAt;
}

type Excuses = { slots: Array<{ startMs: number; endMs: number }>; replyMessageAt: number | undefined };

/** The instant falls in a time the consumer asked for, or in the single reply to their own message. */
function isExcused(context: DecisionContext, excuses: Excuses, instantMs: number): boolean {
  for (const slot of excuses.slots) if (instantMs >= slot.startMs && instantMs < slot.endMs) return true;
  const { replyMessageAt } = excuses;
  return replyMessageAt !== undefined && instantMs >= replyMessageAt &&
    instantMs - replyMessageAt <= context.policy.singleReplyWindowMinutes * millisecondsPerMinute;
}

function describeLocalTimes(clocks: ZoneClock[], instantMs: number, predicate: (clock: ZoneClock) => boolean): string {
  let text = '';
  for (const clock of clocks) {
    if (!predicate(clock)) continue;
    text += `${text === '' ? '' : ' and '}${formatClockTime(clock.computeLocalMillisecondOfDay(instantMs))} in ${clock.zone}`;
  }
  return text;
}

/** REGF-TIME-8TO9 / REGF-TIME-MULTITZ / REGF-TIME-CONSUMER for United States consumers. */
export function decideInconvenientTimes(context: DecisionContext): void {
  const { action } = context.facts;
  if (!context.regulationFApplies || !isTimedContact(action.channel) || context.clocks.length === 0) return;
  // 1006.6(b)(4)(ii): with a court's express permission the time rule does not bind.
  if (action.courtPermission) return;
  const window = buildContactWindow(context, context.policy.contactWindowStartMinute, context.policy.contactWindowEndMinute);
  const clocks = context.clocks;
  const ruleId = clocks.length > 1 ? 'REGF-TIME-MULTITZ' : 'REGF-TIME-8TO9';
  const excuses: Excuses = { slots: buildConsentedSlots(context), replyMessageAt: findConsumerInitiatedMessage(context, context.atMs) };

  addTimeConstraint(context, ruleId, (fromMs) => {
      if (isExcused(context, excuses, fromMs)) return fromMs;
      const opening = computeEarliestInsideEveryWindow(clocks, fromMs, window);
      let nextSlot = Number.POSITIVE_INFINITY;
      for (const slot of excuses.slots) if (slot.startMs >= fromMs && slot.startMs < nextSlot) nextSlot = slot.startMs;
      return Math.min(opening, nextSlot);
    });

  const at = context.atMs;
  if (!isExcused(context, excuses, at) && !clocks.every((clock) => isInsideContactWindow(clock, at, window))) {
    const range = formatWindow(window);
    const outside = describeLocalTimes(clocks, at, (clock) => !isInsideContactWindow(clock, at, window));
    const noun = describeChannel(action.channel, true);
    // One zone always opens again; several may never be open together.
    if (clocks.length > 1 && computeEarliestInsideEveryWindow(clocks, at, window) === Number.POSITIVE_INFINITY) {
      addReason(context, 'REGF-TIME-MULTITZ', 'review',
        `No time is inside ${range} in every zone the consumer may be in (${clocks.map((clock) => clock.zone).join(', ')}); get the consumer's direct consent to a time or settle the location.`);
    } else if (clocks.length > 1) {
      addReason(context, ruleId, 'allow_after',
        `${noun} are allowed only ${range} in every zone the consumer may be in; it is ${outside}.`);
    } else {
      addReason(context, ruleId, 'allow_after', `${noun} are allowed only ${range} at the consumer's location; it is ${outside}.`);
    }
  }

  if (!hasFacts(context, factPresence.inconvenientWindows)) return;
  addTimeConstraint(context, 'REGF-TIME-CONSUMER', (fromMs) => (isExcused(context, excuses, fromMs) ? fromMs : computeEarliestOutsideDesignatedWindows(context, clocks, fromMs)));
  if (!isExcused(context, excuses, at) && computeEarliestOutsideDesignatedWindows(context, clocks, at) > at) {
    const designated = context.facts.consumer.inconvenientWindows
      .filter((designation) => isWindowInForce(designation, context, at))
      .map((designation) => `${formatMinute(designation.startMinute)}–${formatMinute(designation.endMinute)}`)
      .join(', ');
    addReason(context, 'REGF-TIME-CONSUMER', 'allow_after',
      `The consumer said ${designated} is inconvenient; it is ${describeLocalTimes(clocks, at, () => true)}.`);
  }
}

const windowTexts = new Map<number, string>();

/** "08:00–21:00" (memoised: the gate writes it into every explanation of a contact outside the window). */
export function formatWindow(window: ContactWindow): string {
  const key = window.startMinute * 2000 + window.endMinute;
  let text = windowTexts.get(key);
  if (text === undefined) {
    text = `${formatMinute(window.startMinute)}–${formatMinute(window.endMinute)}`;
    windowTexts.set(key, text);
  }
  return text;
}

export function capitalise(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}
