// Counting past contacts in a window of consecutive days, the way RULES.md 0.4 prescribes: on the consumer's
// local calendar (primary zone by default, every candidate zone when strict), or over rolling 24-hour days.
// Never in UTC dates. Shared by the Reg F, Massachusetts, harassment-cap and NYC frequency rules.
// Entries are named by their position in the history columns (history-columns.ts).
import { computeHistoryDayNumber, computeStartOfDayFrom, millisecondsPerDay, type DecisionContext } from './decision-context.ts';

const searchDaysMax = 400;

/** Entries (column positions) counted in the window ending on the day of `atMs`, per the policy's day counting; the largest over calendars. */
export function computeCountInWindow(context: DecisionContext, positions: number[], atMs: number, windowDays: number): number {
  if (context.policy.dayCounting === 'rolling_168_hours') {
    const start = atMs - windowDays * millisecondsPerDay;
    let count = 0;
    for (const index of positions) {
      const at = context.columns.atMs[index]!;
      if (at > start && at <= atMs) count += 1;
    }
    return count;
  }
  let largest = 0;
  context.calendarClocks.forEach((clock, clockIndex) => {
    const day = clock.computeLocalDayNumber(atMs);
    let count = 0;
    for (const index of positions) {
      const entryDay = computeHistoryDayNumber(context, clockIndex, index);
      if (entryDay > day - windowDays && entryDay <= day) count += 1;
    }
    largest = Math.max(largest, count);
  });
  return largest;
}

/**
 * The earliest instant at or after `fromMs` at which the window ending that day holds at most
 * `countMax - 1` counted entries, so one more contact stays within `countMax`.
 * Calendar counting answers local midnight of the first day with room (the contact-hour rule then
 * moves it to the opening hour); rolling counting answers the instant the oldest entry drops out.
 */
export function computeEarliestWithRoom(
  context: DecisionContext,
  positions: number[],
  fromMs: number,
  windowDays: number,
  countMax: number,
): number {
  if (positions.length < countMax) return fromMs;
  if (context.policy.dayCounting === 'rolling_168_hours') {
    const candidates = [fromMs, ...positions.map((index) => context.columns.atMs[index]! + windowDays * millisecondsPerDay)]
      .filter((instant) => instant >= fromMs)
      .sort((left, right) => left - right);
    for (const candidate of candidates) {
      if (computeCountInWindow(context, positions, candidate, windowDays) < countMax) return candidate;
    }
    return Number.POSITIVE_INFINITY;
  }
  let instant = fromMs;
  // Every calendar must have room on the same instant: move to the latest answer until all agree.
  for (let round = 0; round < 8; round += 1) {
    let moved = false;
    for (let clockIndex = 0; clockIndex < context.calendarClocks.length; clockIndex += 1) {
      const clock = context.calendarClocks[clockIndex]!;
      const startDay = clock.computeLocalDayNumber(instant);
      let day = startDay;
      for (; day < startDay + searchDaysMax; day += 1) {
        let count = 0;
        for (const index of positions) {
          const entryDay = computeHistoryDayNumber(context, clockIndex, index);
          if (entryDay > day - windowDays && entryDay <= day) count += 1;
        }
        if (count < countMax) break;
      }
      if (day >= startDay + searchDaysMax) return Number.POSITIVE_INFINITY;
      const earliest = computeStartOfDayFrom(clock, day, instant);
      if (earliest > instant) {
        instant = earliest;
        moved = true;
      }
    }
    if (!moved) return instant;
  }
  return instant;
}

/**
 * The earliest instant at or after `fromMs` that falls at least `quietDays` days after the entry
 * (its own day being day 1), on every counting calendar; or `quietDays` whole days later when rolling.
 */
export function computeEarliestAfterQuietDays(context: DecisionContext, position: number, fromMs: number, quietDays: number): number {
  if (context.policy.dayCounting === 'rolling_168_hours') return Math.max(fromMs, context.columns.atMs[position]! + quietDays * millisecondsPerDay);
  let instant = fromMs;
  context.calendarClocks.forEach((clock, clockIndex) => {
    instant = computeStartOfDayFrom(clock, computeHistoryDayNumber(context, clockIndex, position) + quietDays, instant);
  });
  // A later calendar's midnight may precede an earlier calendar's; one more pass settles it.
  context.calendarClocks.forEach((clock, clockIndex) => {
    instant = computeStartOfDayFrom(clock, computeHistoryDayNumber(context, clockIndex, position) + quietDays, instant);
  });
  return instant;
}
