import { assert } from '../shared/result.ts';
import type { EntryKind } from '../ledger/ledger-entry.ts';
import { computeRoundedQuotient } from './compute-rounded-quotient.ts';

/**
 * What counts as a credit sale: everything billed to the debtor on credit — the invoice amount, and the
 * interest and fees charged on it later. Interest and fees are in, because they are part of the closing
 * receivables DSO divides: leaving them out of sales would inflate DSO and make CEI count billed interest
 * as if it had been collected. Reversals of these kinds count against sales in the period they take effect.
 */
export const creditSaleKinds = ['charge', 'interest', 'fee'] as const satisfies readonly EntryKind[];

/**
 * What counts as a collection: payments applied to the receivable. Money held as a credit balance (not
 * applied to any invoice) is not a collection of receivables; credit notes, write-offs and adjustments
 * lower receivables without collecting anything. Reversals of payments (returns) count against collections.
 */
export const collectionKinds = ['payment'] as const satisfies readonly EntryKind[];

/**
 * The figures of one currency over a period [from, to], aggregated by the KPI report (exact minor units).
 * Receivables are the receivable ledger account: what debtors owe, net of everything posted against it.
 */
export type KpiFigures = {
  /** Charges, interest and fees effective in the period, net of reversals of those effective in it. */
  creditSalesMinor: bigint;
  /** Payments applied to receivables effective in the period, net of reversals of payments effective in it. */
  collectionsMinor: bigint;
  /** Receivable balance as of the day before `from`. */
  openingReceivablesMinor: bigint;
  /** Receivable balance as of `to`. */
  closingReceivablesMinor: bigint;
  /** Open balances of invoices not past due as of `to` (the aging report's `current` bucket). */
  closingCurrentMinor: bigint;
  /** Open balances of invoices past due as of `to` (every aging bucket but `current`). */
  pastDueMinor: bigint;
  /** How many invoices are open and past due as of `to`. */
  pastDueCount: number;
};

/**
 * A ratio as decimal text with exactly two decimals ("45.17"), rounded half away from zero from its exact
 * value; null when it is undefined (no positive denominator).
 */
export type RoundedRatio = string | null;

export type Kpis = KpiFigures & {
  /** Days sales outstanding: closing receivables / credit sales × days in period. */
  dso: RoundedRatio;
  /** Best possible DSO: closing current receivables / credit sales × days in period. */
  bestPossibleDso: RoundedRatio;
  /** Average days delinquent: DSO − best possible DSO, i.e. (closing − closing current) / credit sales × days. */
  averageDaysDelinquent: RoundedRatio;
  /** Collection effectiveness index: (opening + sales − closing) / (opening + sales − closing current) × 100. */
  cei: RoundedRatio;
};

const ratioDecimals = 2;

/**
 * The collection KPIs of one currency from its aggregated figures and the number of days in the period
 * (to − from + 1). Exact: every ratio is computed on bigints from the unrounded figures, then rounded once
 * to two decimals. So `averageDaysDelinquent` is the rounded exact difference and may differ by 0.01 from
 * the difference of the rounded `dso` and `bestPossibleDso`.
 *
 * Undefined ratios are null, never NaN or Infinity: the DSO family when credit sales are zero or negative
 * (reversals exceeding sales: there are no days of sales to count), CEI when its denominator
 * (opening + sales − closing current) is zero or negative (nothing was collectible).
 *
 * @example
 * computeKpis({ creditSalesMinor: 100_000n, collectionsMinor: 60_000n, openingReceivablesMinor: 20_000n,
 *   closingReceivablesMinor: 50_000n, closingCurrentMinor: 30_000n, pastDueMinor: 20_000n, pastDueCount: 2 }, 30)
 * // dso '15.00', bestPossibleDso '9.00', averageDaysDelinquent '6.00', cei '77.78'
 */
export function computeKpis(figures: KpiFigures, daysInPeriod: number): Kpis {
  assert(Number.isInteger(daysInPeriod) && daysInPeriod >= 1, `a period has a whole number of days ≥ 1 (got ${daysInPeriod})`);
  const days = BigInt(daysInPeriod);
  const sales = figures.creditSalesMinor;
  const perDayOfSales = (amountMinor: bigint): RoundedRatio =>
    sales > 0n ? computeRoundedQuotient(amountMinor * days, sales, ratioDecimals) : null;
  const collectible = figures.openingReceivablesMinor + sales - figures.closingCurrentMinor;
  const collected = figures.openingReceivablesMinor + sales - figures.closingReceivablesMinor;
  return {
    ...figures,
    dso: perDayOfSales(figures.closingReceivablesMinor),
    bestPossibleDso: perDayOfSales(figures.closingCurrentMinor),
    averageDaysDelinquent: perDayOfSales(figures.closingReceivablesMinor - figures.closingCurrentMinor),
    cei: collectible > 0n ? computeRoundedQuotient(collected * 100n, collectible, ratioDecimals) : null,
  };
}
