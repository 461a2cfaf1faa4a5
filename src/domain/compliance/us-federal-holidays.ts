// Legal public holidays of 5 U.S.C. 6103(a), which 12 CFR 1006.34(b)(5) excludes when a debt collector
// counts the five days after which it may assume the consumer received the validation notice.
//
// 6103(b) moves the day off for federal employees when a holiday falls on a weekend (Saturday -> the
// Friday before, Sunday -> the Monday after). RULES.md REGF-VAL-PERIOD notes that treating those observed
// days as holidays too only lengthens the validation period, which is the safe direction, so they are
// included here (flagged `observed: true`). Inauguration Day (6103(c)) concerns only the Washington DC area
// and is not a holiday for this purpose.
import {
  buildCalendarDate,
  computeDayNumber,
  computeDayNumberOf,
  computeNthWeekdayOfMonth,
  computeWeekday,
  computeYearMonthDay,
} from '../shared/calendar-date.ts';

export type UsFederalHoliday = {
  /** `YYYY-MM-DD` */
  date: string;
  name: string;
  /** True for a 6103(b) substitute day (the holiday itself falls on a weekend). */
  observed: boolean;
};

type HolidayRule = { name: string; since: number; dayNumber: (year: number) => number };

// 5 U.S.C. 6103(a), in calendar order, with the first year each applies on its current date.
const holidayRules: HolidayRule[] = [
  { name: "New Year's Day", since: 1870, dayNumber: (year) => computeDayNumberOf(year, 1, 1) },
  { name: 'Birthday of Martin Luther King, Jr.', since: 1986, dayNumber: (year) => computeNthWeekdayOfMonth(year, 1, 1, 3) },
  { name: "Washington's Birthday", since: 1971, dayNumber: (year) => computeNthWeekdayOfMonth(year, 2, 1, 3) },
  { name: 'Memorial Day', since: 1971, dayNumber: (year) => computeNthWeekdayOfMonth(year, 5, 1, -1) },
  { name: 'Juneteenth National Independence Day', since: 2021, dayNumber: (year) => computeDayNumberOf(year, 6, 19) },
  { name: 'Independence Day', since: 1870, dayNumber: (year) => computeDayNumberOf(year, 7, 4) },
  { name: 'Labor Day', since: 1894, dayNumber: (year) => computeNthWeekdayOfMonth(year, 9, 1, 1) },
  { name: 'Columbus Day', since: 1971, dayNumber: (year) => computeNthWeekdayOfMonth(year, 10, 1, 2) },
  { name: 'Veterans Day', since: 1978, dayNumber: (year) => computeDayNumberOf(year, 11, 11) },
  { name: 'Thanksgiving Day', since: 1942, dayNumber: (year) => computeNthWeekdayOfMonth(year, 11, 4, 4) },
  { name: 'Christmas Day', since: 1870, dayNumber: (year) => computeDayNumberOf(year, 12, 25) },
];

function computeHolidaysWithSubstitutes(year: number): Array<{ dayNumber: number; name: string; observed: boolean }> {
  const holidays: Array<{ dayNumber: number; name: string; observed: boolean }> = [];
  for (const rule of holidayRules) {
    if (year < rule.since) continue;
    const dayNumber = rule.dayNumber(year);
    holidays.push({ dayNumber, name: rule.name, observed: false });
    const weekday = computeWeekday(dayNumber);
    // 6103(b)(1): a holiday on a Sunday is observed the next day; 6103(b)(2): on a Saturday, the day before.
    if (weekday === 0) holidays.push({ dayNumber: dayNumber + 1, name: `${rule.name} (observed)`, observed: true });
    if (weekday === 6) holidays.push({ dayNumber: dayNumber - 1, name: `${rule.name} (observed)`, observed: true });
  }
  return holidays;
}

const holidayDayNumbersByYear = new Map<number, Set<number>>();

function computeHolidayDayNumbers(year: number): Set<number> {
  const cached = holidayDayNumbersByYear.get(year);
  if (cached !== undefined) return cached;
  const days = new Set<number>();
  // New Year's Day of next year on a Saturday is observed on 31 December of this year.
  for (const holiday of [...computeHolidaysWithSubstitutes(year), ...computeHolidaysWithSubstitutes(year + 1)]) {
    if (computeYearMonthDay(holiday.dayNumber).year === year) days.add(holiday.dayNumber);
  }
  holidayDayNumbersByYear.set(year, days);
  return days;
}

/**
 * The legal public holidays of 5 U.S.C. 6103(a) that fall in `year`, with their 6103(b) observed days.
 * @example computeUsFederalHolidays(2024).find((h) => h.name === 'Veterans Day')?.date // '2024-11-11'
 */
export function computeUsFederalHolidays(year: number): UsFederalHoliday[] {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new RangeError(`year out of range: ${year}`);
  return [...computeHolidaysWithSubstitutes(year), ...computeHolidaysWithSubstitutes(year + 1)]
    .filter((holiday) => computeYearMonthDay(holiday.dayNumber).year === year)
    .sort((left, right) => left.dayNumber - right.dayNumber)
    .map((holiday) => ({ date: buildCalendarDate(holiday.dayNumber), name: holiday.name, observed: holiday.observed }));
}

/** True when the day number is a 6103(a) holiday or its 6103(b) observed day. */
export function isUsFederalHolidayDayNumber(dayNumber: number): boolean {
  return computeHolidayDayNumbers(computeYearMonthDay(dayNumber).year).has(dayNumber);
}

/**
 * True when the `YYYY-MM-DD` date is a legal public holiday of 5 U.S.C. 6103(a) or its observed day.
 * @example isUsFederalHoliday('2023-11-23') // true (Thanksgiving)
 */
export function isUsFederalHoliday(date: string): boolean {
  return isUsFederalHolidayDayNumber(computeDayNumber(date));
}
