// Calendar dates (`YYYY-MM-DD`) for payment plans. A due date is a calendar fact with no time zone of its
// own (STYLE.md section 4), so the arithmetic runs on whole day numbers (days since 1970-01-01, proleptic
// Gregorian, computed on UTC midnights) and never touches the clock.

const millisecondsPerDay = 86_400_000;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `text` is a real calendar date written `YYYY-MM-DD` (2026-02-29 and 2026-13-01 are not). */
export function isCalendarDate(text: string): boolean {
  const match = datePattern.exec(text);
  if (match === null) return false;
  const [, year, month, day] = match;
  return buildCalendarDate(Date.UTC(Number(year), Number(month) - 1, Number(day)) / millisecondsPerDay) === text;
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

/** The `YYYY-MM-DD` text of a day number. */
export function buildCalendarDate(dayNumber: number): string {
  return new Date(dayNumber * millisecondsPerDay).toISOString().slice(0, 10);
}

/**
 * The date `days` days after `date` (before it when negative).
 * @example computeDateAfterDays('2026-02-28', 1) // '2026-03-01'
 */
export function computeDateAfterDays(date: string, days: number): string {
  return buildCalendarDate(computeDayNumber(date) + days);
}

/**
 * The same day of the month `months` months after `date`, clamped to the end of a shorter month.
 * Always measured from `date` itself, so a schedule anchored on the 31st comes back to the 31st.
 * @example computeDateAfterMonths('2026-01-31', 1) // '2026-02-28'
 * @example computeDateAfterMonths('2026-01-31', 2) // '2026-03-31'
 */
export function computeDateAfterMonths(date: string, months: number): string {
  const [, year, month, day] = datePattern.exec(date) ?? [];
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): "${date}"`);
  const monthIndex = Number(year) * 12 + (Number(month) - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12; // 0–11
  // Day 0 of the next month is the last day of this one.
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const targetDay = Math.min(Number(day), lastDay);
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth + 1).padStart(2, '0')}-${String(targetDay).padStart(2, '0')}`;
}
