import { assert } from '../shared/result.ts';
import { computeDaysBetween } from '../shared/calendar-date.ts';

/**
 * One aging bucket: the open balances whose days past due fall in [daysPastDueMin, daysPastDueMax]
 * (null = unbounded on that side).
 */
export type AgingBucket = { label: string; daysPastDueMin: number | null; daysPastDueMax: number | null };

/**
 * The aging buckets of issue #2 §4, as data: the SQL of the aging report is generated from this table, so
 * the database and `computeAgingBucket` cannot disagree. Contiguous and in order (a test keeps it so).
 * `current` holds what is not yet past due, including what falls due on the as-of date itself.
 */
export const agingBuckets = [
  { label: 'current', daysPastDueMin: null, daysPastDueMax: 0 },
  { label: '1-30', daysPastDueMin: 1, daysPastDueMax: 30 },
  { label: '31-60', daysPastDueMin: 31, daysPastDueMax: 60 },
  { label: '61-90', daysPastDueMin: 61, daysPastDueMax: 90 },
  { label: '91-120', daysPastDueMin: 91, daysPastDueMax: 120 },
  { label: '121+', daysPastDueMin: 121, daysPastDueMax: null },
] as const satisfies readonly AgingBucket[];

export type AgingBucketLabel = (typeof agingBuckets)[number]['label'];

export const agingBucketLabels: readonly AgingBucketLabel[] = agingBuckets.map((bucket) => bucket.label);

/**
 * Days past due on a calendar date: as-of date − due date, in whole days (negative before the due date).
 * @example computeDaysPastDue('2026-03-31', '2026-03-01') // 30
 */
export function computeDaysPastDue(asOf: string, dueDate: string): number {
  return computeDaysBetween(dueDate, asOf);
}

/**
 * The bucket a balance that is `daysPastDue` days past due falls in.
 * @example computeAgingBucket(0) // 'current'; computeAgingBucket(31) // '31-60'
 */
export function computeAgingBucket(daysPastDue: number): AgingBucketLabel {
  assert(Number.isInteger(daysPastDue), `days past due is a whole number of days (got ${daysPastDue})`);
  for (const bucket of agingBuckets) {
    if (bucket.daysPastDueMax === null || daysPastDue <= bucket.daysPastDueMax) return bucket.label;
  }
  throw new Error('invariant violated: the last aging bucket is unbounded');
}
