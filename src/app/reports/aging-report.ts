import type { Database, Queryable } from '../../adapters/db/database.ts';
import { agingBucketLabels, agingBuckets, type AgingBucketLabel } from '../../domain/insight/aging-buckets.ts';
import { isCalendarDate } from '../../domain/insight/calendar-day.ts';
import { assert } from '../../domain/shared/result.ts';
import { beginReportSnapshot, receivableEffectSql, touchesReceivableSql } from './report-sql.ts';

/** `currency`: one row per currency; `debtor`: one row per debtor and currency. */
export type AgingGrouping = 'currency' | 'debtor';

export type AgingReportOptions = { tenantId: string; asOf: string; by: AgingGrouping };

export type AgingDebtor = { id: string; ref: string | null; name: string | null };

/** One currency (and with `by: 'debtor'` one debtor) of the aging report. Amounts in exact minor units. */
export type AgingRow = {
  currency: string;
  /** Set with `by: 'debtor'`; ref and name are null only if the debtor row is missing from the book. */
  debtor: AgingDebtor | null;
  /** Open balances (invoices whose balance is > 0) by bucket of days past due. */
  buckets: Record<AgingBucketLabel, bigint>;
  /** Open invoices by bucket. */
  invoiceCounts: Record<AgingBucketLabel, number>;
  /** Sum of the buckets. */
  totalMinor: bigint;
  /** Sum of the invoice counts. */
  openInvoices: number;
  /** Sum of the balances of invoices whose balance is < 0 (paid or credited beyond their charges): ≤ 0, not aged. */
  creditsMinor: bigint;
  /** How many invoices have a balance < 0. */
  creditInvoices: number;
  /** Receivable movements not tied to any invoice (no due date, so not aged). */
  unassignedMinor: bigint;
  /** The receivable balance as of the date: totalMinor + creditsMinor + unassignedMinor. */
  netMinor: bigint;
};

export type AgingReport = { asOf: string; by: AgingGrouping; rows: AgingRow[] };

/**
 * The `CASE` that maps a days-past-due SQL expression to the index of its bucket in `agingBuckets`,
 * generated from that table so SQL and `computeAgingBucket` share one definition.
 * @example buildAgingBucketSql('d') // 'CASE WHEN d <= 0 THEN 0 WHEN d <= 30 THEN 1 … ELSE 5 END'
 */
export function buildAgingBucketSql(daysPastDueSql: string): string {
  const bounded = agingBuckets.slice(0, -1);
  const whens = bounded.map((bucket, index) => {
    assert(Number.isInteger(bucket.daysPastDueMax), `aging bucket ${bucket.label} has a whole-day upper bound`);
    return `WHEN ${daysPastDueSql} <= ${bucket.daysPastDueMax} THEN ${index}`;
  });
  assert(agingBuckets[agingBuckets.length - 1]!.daysPastDueMax === null, 'the last aging bucket is unbounded');
  return `CASE ${whens.join(' ')} ELSE ${agingBuckets.length - 1} END`;
}

/**
 * One statement, one pass over the tenant's ledger: each invoice's receivable balance as of $2 (GROUP BY
 * invoice, streamed off the ledger_entry_invoice index), joined to its invoice for the due date and bucketed,
 * then pivoted per currency (and debtor) with one FILTERed aggregate per bucket. Receivable entries without
 * an invoice come from the same index (invoice_id IS NULL) and are reported apart, as are invoices whose
 * balance is negative. Parameters: $1 tenant, $2 as-of date.
 */
export function buildAgingSql(by: AgingGrouping): string {
  const byDebtor = by === 'debtor';
  const groupKey = byDebtor ? 'currency, debtor_id' : 'currency';
  const bucketColumns = agingBuckets.flatMap((_, index) => [
    `SUM(balance_minor) FILTER (WHERE balance_minor > 0 AND bucket = ${index}) AS bucket_${index}_minor`,
    `COUNT(*) FILTER (WHERE balance_minor > 0 AND bucket = ${index}) AS bucket_${index}_count`,
  ]);
  const bucketOutputs = agingBuckets.flatMap((_, index) => [
    `COALESCE(a.bucket_${index}_minor, 0)::text AS bucket_${index}_minor`,
    `COALESCE(a.bucket_${index}_count, 0) AS bucket_${index}_count`,
  ]);
  return `
WITH invoice_balance_as_of AS (
  SELECT e.invoice_id, SUM(${receivableEffectSql('e')})::bigint AS balance_minor
  FROM ledger_entry e
  WHERE e.tenant_id = $1 AND e.effective_date <= $2::date AND e.invoice_id IS NOT NULL AND ${touchesReceivableSql('e')}
  GROUP BY e.invoice_id
  HAVING SUM(${receivableEffectSql('e')}) <> 0
),
aged AS (
  -- currency is NULL only when the ledger names an invoice the book does not have (checked below).
  SELECT i.currency, i.debtor_id, b.balance_minor, ${buildAgingBucketSql('($2::date - i.due_date)')} AS bucket
  FROM invoice_balance_as_of b
  LEFT JOIN invoice i ON i.tenant_id = $1 AND i.id = b.invoice_id
),
aged_group AS (
  SELECT ${groupKey},
    ${bucketColumns.join(',\n    ')},
    SUM(balance_minor) FILTER (WHERE balance_minor > 0) AS total_minor,
    SUM(balance_minor) FILTER (WHERE balance_minor < 0) AS credits_minor,
    COUNT(*) FILTER (WHERE balance_minor < 0) AS credit_invoices,
    COUNT(*) FILTER (WHERE currency IS NULL) AS missing_invoices
  FROM aged
  GROUP BY ${groupKey}
),
unassigned AS (
  SELECT e.currency${byDebtor ? ', e.debtor_id' : ''}, SUM(${receivableEffectSql('e')}) AS unassigned_minor
  FROM ledger_entry e
  WHERE e.tenant_id = $1 AND e.effective_date <= $2::date AND e.invoice_id IS NULL AND ${touchesReceivableSql('e')}
  GROUP BY e.currency${byDebtor ? ', e.debtor_id' : ''}
)
SELECT currency${byDebtor ? ', debtor_id, d.external_ref AS debtor_ref, d.name AS debtor_name' : ''},
  ${bucketOutputs.join(',\n  ')},
  COALESCE(a.total_minor, 0)::text AS total_minor,
  COALESCE(a.credits_minor, 0)::text AS credits_minor,
  COALESCE(a.credit_invoices, 0) AS credit_invoices,
  COALESCE(a.missing_invoices, 0) AS missing_invoices,
  COALESCE(u.unassigned_minor, 0)::text AS unassigned_minor
FROM aged_group a
FULL JOIN unassigned u USING (${groupKey})
${byDebtor ? 'LEFT JOIN debtor d ON d.tenant_id = $1 AND d.id = debtor_id' : ''}
ORDER BY currency, COALESCE(a.total_minor, 0) DESC${byDebtor ? ', debtor_ref, debtor_id' : ''}`;
}

type AgingSqlRow = Record<string, unknown> & {
  currency: string | null;
  debtor_id?: string | null;
  debtor_ref?: string | null;
  debtor_name?: string | null;
  total_minor: string;
  credits_minor: string;
  credit_invoices: bigint;
  missing_invoices: bigint;
  unassigned_minor: string;
};

/** The aging rows as of a date, inside the caller's transaction (the KPI report reuses them). */
export async function queryAgingRows(tx: Queryable, options: AgingReportOptions): Promise<AgingRow[]> {
  assert(isCalendarDate(options.asOf), `the as-of date is a calendar date (got "${options.asOf}")`);
  const { rows } = await tx.query<AgingSqlRow>(buildAgingSql(options.by), [options.tenantId, options.asOf]);
  const missing = rows.reduce((sum, row) => sum + row.missing_invoices, 0n);
  // The ledger has no foreign key to invoice; money on an invoice the book lacks has no currency or due
  // date to report under, and leaving it out would make the report wrong without saying so.
  assert(missing === 0n, `${missing} invoice(s) named by ledger entries of tenant ${options.tenantId} do not exist`);
  return rows.flatMap((row) => {
    const buckets = {} as Record<AgingBucketLabel, bigint>;
    const invoiceCounts = {} as Record<AgingBucketLabel, number>;
    agingBucketLabels.forEach((label, index) => {
      buckets[label] = BigInt(row[`bucket_${index}_minor`] as string);
      invoiceCounts[label] = Number(row[`bucket_${index}_count`] as bigint);
    });
    const totalMinor = BigInt(row.total_minor);
    const creditsMinor = BigInt(row.credits_minor);
    const unassignedMinor = BigInt(row.unassigned_minor);
    const openInvoices = Object.values(invoiceCounts).reduce((sum, count) => sum + count, 0);
    const creditInvoices = Number(row.credit_invoices);
    // A group whose receivable entries without an invoice net to zero has nothing to show.
    if (openInvoices === 0 && creditInvoices === 0 && unassignedMinor === 0n) return [];
    assert(row.currency !== null, 'every aging row has a currency');
    assert(Object.values(buckets).reduce((sum, amount) => sum + amount, 0n) === totalMinor, 'the buckets add up to the total');
    const debtor = options.by === 'debtor'
      ? { id: row.debtor_id as string, ref: row.debtor_ref ?? null, name: row.debtor_name ?? null }
      : null;
    return [{
      currency: row.currency,
      debtor,
      buckets,
      invoiceCounts,
      totalMinor,
      openInvoices,
      creditsMinor,
      creditInvoices,
      unassignedMinor,
      netMinor: totalMinor + creditsMinor + unassignedMinor,
    }];
  });
}

/**
 * The aging report: open receivables as of `asOf` — ledger entries effective on or before it — in buckets
 * of days past due (as-of date − due date), per currency or per debtor and currency. With `by: 'debtor'`
 * rows are sorted by currency, then by total descending.
 */
export async function loadAgingReport(db: Database, options: AgingReportOptions): Promise<AgingReport> {
  const rows = await db.transaction(async (tx) => {
    await beginReportSnapshot(tx);
    return queryAgingRows(tx, options);
  });
  return { asOf: options.asOf, by: options.by, rows };
}

/** The documented JSON of the aging report (docs/reports.md): amounts as strings of minor units. */
export type AgingReportJson = {
  asOf: string;
  by: AgingGrouping;
  rows: Array<{
    currency: string;
    debtorId?: string;
    debtorRef?: string | null;
    debtorName?: string | null;
    buckets: Record<AgingBucketLabel, string>;
    totalMinor: string;
    openInvoices: number;
    invoiceCounts: Record<AgingBucketLabel, number>;
    creditsMinor: string;
    creditInvoices: number;
    unassignedMinor: string;
    netMinor: string;
  }>;
};

export function buildAgingReportJson(report: AgingReport): AgingReportJson {
  return {
    asOf: report.asOf,
    by: report.by,
    rows: report.rows.map((row) => ({
      currency: row.currency,
      ...(row.debtor === null ? {} : { debtorId: row.debtor.id, debtorRef: row.debtor.ref, debtorName: row.debtor.name }),
      buckets: Object.fromEntries(agingBucketLabels.map((label) => [label, row.buckets[label].toString()])) as Record<AgingBucketLabel, string>,
      totalMinor: row.totalMinor.toString(),
      openInvoices: row.openInvoices,
      invoiceCounts: { ...row.invoiceCounts },
      creditsMinor: row.creditsMinor.toString(),
      creditInvoices: row.creditInvoices,
      unassignedMinor: row.unassignedMinor.toString(),
      netMinor: row.netMinor.toString(),
    })),
  };
}

/**
 * The aging as a database person would write it by hand, for the benchmark's baseline: open invoice
 * balances per currency in the same six buckets, literal bounds, no credits or unassigned receivables.
 * Parameters: $1 tenant, $2 as-of date. Returns currency, one `*_minor` text column per bucket, and
 * open_invoices.
 */
export const handWrittenAgingSql = `
SELECT i.currency,
  COALESCE(SUM(b.balance_minor) FILTER (WHERE $2::date - i.due_date <= 0), 0)::text AS current_minor,
  COALESCE(SUM(b.balance_minor) FILTER (WHERE $2::date - i.due_date BETWEEN 1 AND 30), 0)::text AS days_1_30_minor,
  COALESCE(SUM(b.balance_minor) FILTER (WHERE $2::date - i.due_date BETWEEN 31 AND 60), 0)::text AS days_31_60_minor,
  COALESCE(SUM(b.balance_minor) FILTER (WHERE $2::date - i.due_date BETWEEN 61 AND 90), 0)::text AS days_61_90_minor,
  COALESCE(SUM(b.balance_minor) FILTER (WHERE $2::date - i.due_date BETWEEN 91 AND 120), 0)::text AS days_91_120_minor,
  COALESCE(SUM(b.balance_minor) FILTER (WHERE $2::date - i.due_date > 120), 0)::text AS days_121_plus_minor,
  COUNT(*) AS open_invoices
FROM (
  SELECT invoice_id, SUM(CASE WHEN debit_account = 'receivable' THEN amount_minor ELSE -amount_minor END) AS balance_minor
  FROM ledger_entry
  WHERE tenant_id = $1 AND effective_date <= $2::date AND invoice_id IS NOT NULL
    AND (debit_account = 'receivable' OR credit_account = 'receivable')
  GROUP BY invoice_id
) b
JOIN invoice i ON i.tenant_id = $1 AND i.id = b.invoice_id
WHERE b.balance_minor > 0
GROUP BY i.currency
ORDER BY i.currency`;
