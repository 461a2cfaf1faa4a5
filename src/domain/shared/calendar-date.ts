// Calendar dates (`YYYY-MM-DD`) as whole day numbers: days since 1970-01-01 in the proleptic Gregorian
// calendar. A calendar date has no time zone of its own (STYLE.md section 4); the zone that gives it
// meaning travels beside it. Day numbers make "D-6", "+14 days" and weekday tests plain integer arithmetic.

const millisecondsPerDay = 86_400_000;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Monday = 1 … Saturday = 6, Sunday = 0, as `Date.prototype.getUTCDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** True when `text` is a real calendar date written `YYYY-MM-DD` (2024-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const match = datePattern.exec(text);
  if (match === null) return false;
  const [, year, month, day] = match;
  const dayNumber = Date.UTC(Number(year), Number(month) - 1, Number(day)) / millisecondsPerDay;
  return buildCalendarDate(dayNumber) === text;
}

/**
 * Day number of a `YYYY-MM-DD` date.
 * @example computeDayNumber('1970-01-02') // 1
 */
export function computeDayNumber(date: string): number {
  const match = datePattern.exec(date);
  if (match === null || !isCalendarDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): "${date}"`);
  const [, year, month, day] = match;
  return Date.UTC(Number(year), Number(month) - 1, Number(day)) / millisecondsPerDay;
}

const twoDigits = Array.from({ length: 100 }, (_, value) => String(value).padStart(2, '0'));

/** The `YYYY-MM-DD` date of a day number (years 0–9999). */
export function buildCalendarDate(dayNumber: number): string {
  const { year, month, day } = computeYearMonthDay(dayNumber);
  return `${String(year).padStart(4, '0')}-${twoDigits[month]}-${twoDigits[day]}`;
}

/** Weekday of a day number (1970-01-01 was a Thursday). */
export function computeWeekday(dayNumber: number): Weekday {
  return (((dayNumber + 4) % 7) + 7) % 7 as Weekday;
}

/** Day number of `day` in `month` (1–12) of `year`. */
export function computeDayNumberOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / millisecondsPerDay;
}

/**
 * Year, month (1–12) and day of a day number: H. Hinnant's civil-from-days algorithm (proleptic Gregorian),
 * integer arithmetic only, much cheaper than going through `Date` in the gate's explanations.
 */
export function computeYearMonthDay(dayNumber: number): { year: number; month: number; day: number } {
  const shifted = dayNumber + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Day number of the `nth` (1-based) `weekday` of a month; `nth = -1` is the last one. */
export function computeNthWeekdayOfMonth(year: number, month: number, weekday: Weekday, nth: number): number {
  if (nth === -1) {
    const last = computeDayNumberOf(year, month + 1, 0);
    return last - ((computeWeekday(last) - weekday + 7) % 7);
  }
  const first = computeDayNumberOf(year, month, 1);
  return first + ((weekday - computeWeekday(first) + 7) % 7) + (nth - 1) * 7;
}

/** True for Saturday and Sunday. */
export function isWeekend(dayNumber: number): boolean {
  const weekday = computeWeekday(dayNumber);
  return weekday === 0 || weekday === 6;
}

/**
 * Whole days from `from` to `to` (negative when `to` is earlier).
 * @example computeDaysBetween('2026-02-28', '2026-03-01') // 1
 */
export function computeDaysBetween(from: string, to: string): number {
  return computeDayNumber(to) - computeDayNumber(from);
}

/**
 * Days in the period [from, to], both days included: to − from + 1.
 * @example computeDaysInPeriod('2026-01-01', '2026-03-31') // 90
 */
export function computeDaysInPeriod(from: string, to: string): number {
  return computeDaysBetween(from, to) + 1;
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
  const { year, month, day } = computeYearMonthDay(computeDayNumber(date));
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1; // 1–12
  // Day 0 of the next month is the last day of this one.
  const lastDay = computeYearMonthDay(computeDayNumberOf(targetYear, targetMonth + 1, 0)).day;
  return buildCalendarDate(computeDayNumberOf(targetYear, targetMonth, Math.min(day, lastDay)));
}
