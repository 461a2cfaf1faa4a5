// REGF-VAL-PERIOD: 12 CFR 1006.34(b)(5) and 1006.38(a)(2); 5 U.S.C. 6103(a).
// The validation period ends 30 days after the consumer receives, or is assumed to receive, the validation
// information; the collector may assume receipt on any date at least five days (excluding 6103(a) holidays,
// Saturdays and Sundays) after it provided the information. The rule requires no roll-forward of an END that
// falls on a weekend. A collector may print a later END (more time for the consumer), never an earlier one.
import { buildCalendarDate, computeDayNumber, isWeekend } from '../shared/calendar-date.ts';
import { isUsFederalHolidayDayNumber } from './us-federal-holidays.ts';

/** The legal minimums of 1006.34(b)(5): five business days to assumed receipt, then thirty calendar days. */
export const validationPeriodMinimums = { receiptBusinessDays: 5, periodDays: 30 } as const;

export type ValidationPeriod = {
  /** `YYYY-MM-DD`: the date the collector provided (mailed or sent) the validation information. */
  providedDate: string;
  /** `YYYY-MM-DD`: the earliest date on which receipt may be assumed. */
  assumedReceiptDate: string;
  /** `YYYY-MM-DD`: the validation period end date to print on the notice; the dispute window is open through it. */
  endDate: string;
};

export type ValidationPeriodOptions = {
  /** Business days before receipt may be assumed; at least 5 (a policy may be stricter, never looser). */
  receiptBusinessDays?: number;
  /** Calendar days from assumed receipt to the end date; at least 30. */
  periodDays?: number;
};

/**
 * Computes the Regulation F validation period for information provided on `providedDate`.
 *
 * `providedDate` is a calendar date (`YYYY-MM-DD`) in the zone that gives it meaning; RULES.md asks the
 * caller to use the later of the dates in the consumer's and the collector's zones.
 * Throws a `RangeError` for a malformed date or for options looser than the law.
 *
 * @example
 * computeValidationPeriodEnd('2024-11-04')
 * // { providedDate: '2024-11-04', assumedReceiptDate: '2024-11-12', endDate: '2024-12-12' }
 * // (Veterans Day, Monday 2024-11-11, is not a business day)
 */
export function computeValidationPeriodEnd(providedDate: string, options: ValidationPeriodOptions = {}): ValidationPeriod {
  const receiptBusinessDays = options.receiptBusinessDays ?? validationPeriodMinimums.receiptBusinessDays;
  const periodDays = options.periodDays ?? validationPeriodMinimums.periodDays;
  if (!Number.isInteger(receiptBusinessDays) || receiptBusinessDays < validationPeriodMinimums.receiptBusinessDays) {
    throw new RangeError(`receiptBusinessDays must be an integer of at least 5 (1006.34(b)(5)), got ${receiptBusinessDays}`);
  }
  if (!Number.isInteger(periodDays) || periodDays < validationPeriodMinimums.periodDays) {
    throw new RangeError(`periodDays must be an integer of at least 30 (1006.34(b)(5)), got ${periodDays}`);
  }
  const provided = computeDayNumber(providedDate);
  let receipt = provided;
  let businessDaysCounted = 0;
  while (businessDaysCounted < receiptBusinessDays) {
    receipt += 1;
    if (!isWeekend(receipt) && !isUsFederalHolidayDayNumber(receipt)) businessDaysCounted += 1;
  }
  return {
    providedDate,
    assumedReceiptDate: buildCalendarDate(receipt),
    // 1006.34(b)(5): thirty days after receipt; no weekend roll-forward.
    endDate: buildCalendarDate(receipt + periodDays),
  };
}
