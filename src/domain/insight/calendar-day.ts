// Calendar dates (`YYYY-MM-DD`) as whole day numbers, for the day counts of reports. A calendar date has
// no time zone (STYLE.md section 4): `2026-03-31 − 2026-03-01` is 30 days wherever it is read, so the
// arithmetic runs on UTC midnights and never on the clock.

const millisecondsPerDay = 86_400_000;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `text` is a real calendar date written `YYYY-MM-DD` (2026-02-29 and 2026-13-01 are not). */
export function isCalendarDate(text: string): boolean {
  const match = datePattern.exec(text);
  if (match === null) return false;
  const [, year, month, day] = match;
  const dayNumber = Date.UTC(Number(year), Number(month) - 1, Number(day)) / millisecondsPerDay;
  return new Date(dayNumber * millisecondsPerDay).toISOString().slice(0, 10) === text;
}

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date; throws on anything that is not a calendar date.
 * @example computeDayNumber('1970-01-02') // 1
 */
export function computeDayNumber(date: string): number {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): "${date}"`);
  const [, year, month, day] = datePattern.exec(date)!;
  return Date.UTC(Number(year), Number(month) - 1, Number(day)) / millisecondsPerDay;
}

/**
 * Whole days from `from` to `to` (negative when `to` is earlier).
 * @example computeDaysBetween('2026-02-28', '2026-03-01') // 1
 */
export function computeDaysBetween(from: string, to: string): number {
  return computeDayNumber(to) - computeDayNumber(from);
}

/** The date `days` days after `date` (before it when negative). */
export function computeDateAfter(date: string, days: number): string {
  return new Date((computeDayNumber(date) + days) * millisecondsPerDay).toISOString().slice(0, 10);
}

/**
 * Days in the period [from, to], both days included: to − from + 1.
 * @example computeDaysInPeriod('2026-01-01', '2026-03-31') // 90
 */
export function computeDaysInPeriod(from: string, to: string): number {
  return computeDaysBetween(from, to) + 1;
}
