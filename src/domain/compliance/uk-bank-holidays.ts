// UK bank holidays (Banking and Financial Dealings Act 1971, Schedule 1, and royal proclamations), used by
// the engine's policy of not contacting UK customers on bank holidays (UK-CONC-7.9-CONTACT) and for rolling
// GDPR deadlines to the next working day (GDPR-ACCESS-15). A holiday on a weekend is replaced by the next
// weekday that is not already a holiday. One-off proclaimed days are listed by date.
import {
  computeDayNumber, computeDayNumberOf, computeNthWeekdayOfMonth, computeYearMonthDay, isWeekend,
} from '../shared/calendar-date.ts';

export type UkNation = 'england' | 'wales' | 'scotland' | 'northern_ireland';

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm. */
export function computeEasterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return computeDayNumberOf(year, month, day);
}

// Proclaimed one-off bank holidays and moved ones (the moved date replaces the usual Monday).
const proclaimed: Record<number, { add: string[]; moveEarlyMay?: string; moveSpring?: string }> = {
  2011: { add: ['2011-04-29'] },
  2012: { add: ['2012-06-05'], moveSpring: '2012-06-04' },
  2020: { add: [], moveEarlyMay: '2020-05-08' },
  2022: { add: ['2022-06-03', '2022-09-19'], moveSpring: '2022-06-02' },
  2023: { add: ['2023-05-08'] },
};

const cache = new Map<string, Set<number>>();

/** Day numbers of the bank holidays of `year` in the nation (England and Wales share one list). */
export function computeUkBankHolidayDayNumbers(year: number, nation: UkNation = 'england'): Set<number> {
  const key = `${nation}:${year}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const easter = computeEasterSunday(year);
  const special = proclaimed[year];
  const fixed: number[] = [];
  const moving: number[] = [easter - 2];
  const newYear = computeDayNumberOf(year, 1, 1);
  if (nation === 'scotland') {
    fixed.push(newYear, newYear + 1, computeDayNumberOf(year, 11, 30));
    moving.push(computeNthWeekdayOfMonth(year, 8, 1, 1));
  } else {
    fixed.push(newYear);
    moving.push(easter + 1, computeNthWeekdayOfMonth(year, 8, 1, -1));
    if (nation === 'northern_ireland') fixed.push(computeDayNumberOf(year, 3, 17), computeDayNumberOf(year, 7, 12));
  }
  moving.push(special?.moveEarlyMay === undefined ? computeNthWeekdayOfMonth(year, 5, 1, 1) : computeDayNumber(special.moveEarlyMay));
  moving.push(special?.moveSpring === undefined ? computeNthWeekdayOfMonth(year, 5, 1, -1) : computeDayNumber(special.moveSpring));
  for (const date of special?.add ?? []) moving.push(computeDayNumber(date));
  const holidays = new Set<number>(moving);
  // Fixed-date holidays falling on weekdays stand; each one on a weekend is substituted, in date order, by
  // the next weekday that is not already a holiday (Christmas on a Sunday: Boxing Day Monday, Christmas Tuesday).
  const fixedDays = [...fixed, computeDayNumberOf(year, 12, 25), computeDayNumberOf(year, 12, 26)].sort((left, right) => left - right);
  for (const day of fixedDays) if (!isWeekend(day)) holidays.add(day);
  for (const day of fixedDays) {
    if (!isWeekend(day)) continue;
    let substitute = day + 1;
    while (isWeekend(substitute) || holidays.has(substitute)) substitute += 1;
    holidays.add(substitute);
  }
  cache.set(key, holidays);
  return holidays;
}

/** True when the day number is a bank holiday in the nation. */
export function isUkBankHoliday(dayNumber: number, nation: UkNation = 'england'): boolean {
  return computeUkBankHolidayDayNumbers(computeYearMonthDay(dayNumber).year, nation).has(dayNumber);
}
