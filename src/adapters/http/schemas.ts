import { z } from 'zod';
import { isCalendarDate } from '../../domain/shared/calendar-date.ts';

/** A calendar date parameter whose errors name it, e.g. `asOf is required (YYYY-MM-DD)`. */
export const calendarDateParam = (name: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `${name} is required (YYYY-MM-DD)` : `${name}: expected a date (YYYY-MM-DD)`) })
    .refine(isCalendarDate, { error: (issue) => `${name}: "${String(issue.input)}" is not a date (YYYY-MM-DD)`, params: { code: 'invalid_date' } })
    .describe('a calendar date, YYYY-MM-DD');

/** Amounts travel as strings of integer minor units ("12050" is 120.50 USD). */
export const minorUnits = z.string().regex(/^\d{1,18}$/, { error: 'expected a string of integer minor units, e.g. "12050"' })
  .describe('integer minor units as a string ("12050" = 120.50)');

export const currencyCode = z.string().regex(/^[A-Z]{3}$/, { error: 'expected an ISO 4217 code such as USD' });

/** The Idempotency-Key header, required on every request that moves money or sends a message. */
export const idempotencyHeaders = z.object({
  'idempotency-key': z.string().min(1).max(200).describe('a unique key per intended operation; retry with the same key'),
});

export const idParam = z.object({ id: z.string().min(1).max(100) });
