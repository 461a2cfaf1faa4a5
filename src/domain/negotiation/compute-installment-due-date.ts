import { computeDateAfterDays, computeDateAfterMonths } from '../shared/calendar-date.ts';

export type PaymentPlanFrequency = 'weekly' | 'biweekly' | 'monthly';

export const paymentPlanFrequencies: readonly PaymentPlanFrequency[] = ['weekly', 'biweekly', 'monthly'];

/** Installments in a year: the divisor of the APR for one period's rate. */
export const periodsPerYear: Readonly<Record<PaymentPlanFrequency, number>> = { weekly: 52, biweekly: 26, monthly: 12 };

/**
 * Due date of installment `number` (1-based) of a plan that starts on `startDate`: `number` periods
 * after the start. Monthly keeps the start's day of the month, clamped to shorter months and always
 * counted from the start (not from the previous, possibly clamped, date): 01-31 → 02-28 → 03-31.
 * Weekly adds 7 days per period, bi-weekly 14.
 * @example computeInstallmentDueDate('2026-01-31', 'monthly', 1) // '2026-02-28'
 * @example computeInstallmentDueDate('2026-01-15', 'biweekly', 2) // '2026-02-12'
 */
export function computeInstallmentDueDate(startDate: string, frequency: PaymentPlanFrequency, number: number): string {
  switch (frequency) {
    case 'monthly': return computeDateAfterMonths(startDate, number);
    case 'biweekly': return computeDateAfterDays(startDate, 14 * number);
    case 'weekly': return computeDateAfterDays(startDate, 7 * number);
  }
}
