import type { Database, Queryable } from '../../adapters/db/database.ts';
import { agingBucketLabels, agingBuckets, type AgingBucketLabel } from '../../domain/insight/aging-buckets.ts';
import { isCalendarDate } from '../../domain/shared/calendar-date.ts';
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

// Slots of the aging query's output besides the bucket indexes 0…5 of `agingBuckets`.
const creditSlot = -1; // invoices whose balance is < 0
const missingInvoiceSlot = -2; // the ledger names an invoice the book does not have
const unassignedSlot = -3; // receivable entries without an invoice

/**
 * One statement, one pass over the tenant's ledger: each invoice's receivable balance as of $2 (GROUP BY
 * invoice, streamed off the ledger_entry_invoice index, paid-up invoices dropped), joined to its invoice for
 * the due date, then summed and counted per currency (and debtor) and slot: the bucket index for open
 * invoices, or one of the slots above. Receivable entries without an invoice come from the same index
 * (invoice_id IS NULL). The caller pivots the few slot rows of each group into a row of the report; that
 * is cheaper than one FILTERed aggregate per bucket over every invoice (measured: 2.5 s against 3.3 s on
 * 1M invoices). Parameters: $1 tenant, $2 as-of date.
 */
export function buildAgingSql(by: AgingGrouping): string {
  const byDebtor = by === 'debtor';
  const slot = `CASE WHEN i.id IS NULL THEN ${missingInvoiceSlot} WHEN b.balance_minor < 0 THEN ${creditSlot}
    ELSE ${buildAgingBucketSql('($2::date - i.due_date)')} END`;
  const slots = `
  SELECT i.currency${byDebtor ? ', i.debtor_id' : ''}, ${slot} AS slot, SUM(b.balance_minor) AS amount_minor, COUNT(*) AS invoices
  FROM invoice_balance_as_of b
  LEFT JOIN invoice i ON i.tenant_id = $1 AND i.id = b.invoice_id
  GROUP BY ${byDebtor ? '1, 2, 3' : '1, 2'}
  UNION ALL
  SELECT e.currency${byDebtor ? ', e.debtor_id' : ''}, ${unassignedSlot}, SUM(${receivableEffectSql('e')}), COUNT(*)
  FROM ledger_entry e
  WHERE e.tenant_id = $1 AND e.effective_date <= $2::date AND e.invoice_id IS NULL AND ${touchesReceivableSql('e')}
  GROUP BY ${byDebtor ? '1, 2' : '1'}`;
  return `
WITH invoice_balance_as_of AS (
  SELECT e.invoice_id, SUM(${receivableEffectSql('e')})::bigint AS balance_minor
  FROM ledger_entry e
  WHERE e.tenant_id = $1 AND e.effective_date <= $2::date AND e.invoice_id IS NOT NULL AND ${touchesReceivableSql('e')}
  GROUP BY e.invoice_id
  HAVING SUM(${receivableEffectSql('e')}) <> 0
),
slot AS (${slots}
)
SELECT s.currency, s.slot, s.amount_minor::text AS amount_minor, s.invoices${byDebtor ? ', s.debtor_id, d.external_ref AS debtor_ref, d.name AS debtor_name' : ''}
FROM slot s${byDebtor ? '\nLEFT JOIN debtor d ON d.tenant_id = $1 AND d.id = s.debtor_id' : ''}`;
}

type AgingSlotRow = {
  currency: string | null;
  slot: number;
  amount_minor: string;
  invoices: bigint;
  debtor_id?: string | null;
  debtor_ref?: string | null;
  debtor_name?: string | null;
};

const emptyRow = (currency: string, debtor: AgingDebtor | null): AgingRow => ({
  currency,
  debtor,
  buckets: Object.fromEntries(agingBucketLabels.map((label) => [label, 0n])) as Record<AgingBucketLabel, bigint>,
  invoiceCounts: Object.fromEntries(agingBucketLabels.map((label) => [label, 0])) as Record<AgingBucketLabel, number>,
  totalMinor: 0n,
  openInvoices: 0,
  creditsMinor: 0n,
  creditInvoices: 0,
  unassignedMinor: 0n,
  netMinor: 0n,
});

/** The aging rows as of a date, inside the caller's transaction (the KPI report reuses them). */
export async function loadAgingRows(tx: Queryable, options: AgingReportOptions): Promise<AgingRow[]> {
  assert(isCalendarDate(options.asOf), `the as-of date is a calendar date (got "${options.asOf}")`);
  const { rows } = await tx.query<AgingSlotRow>(buildAgingSql(options.by), [options.tenantId, options.asOf]);
  const byDebtor = options.by === 'debtor';
  const groups = new Map<string, AgingRow>();
  for (const slotRow of rows) {
    // The ledger has no foreign key to invoice: money on an invoice the book lacks has no currency or due
    // date to report under, and leaving it out would make the report wrong without saying so.
    assert(slotRow.slot !== missingInvoiceSlot, `${slotRow.invoices} invoice(s) named by ledger entries of tenant ${options.tenantId} do not exist`);
    assert(slotRow.currency !== null, 'every aging row has a currency');
    const debtor = byDebtor ? { id: slotRow.debtor_id as string, ref: slotRow.debtor_ref ?? null, name: slotRow.debtor_name ?? null } : null;
    const key = byDebtor ? `${slotRow.currency}\u0000${debtor!.id}` : slotRow.currency;
    const row = groups.get(key) ?? emptyRow(slotRow.currency, debtor);
    groups.set(key, row);
    const amountMinor = BigInt(slotRow.amount_minor);
    const invoices = Number(slotRow.invoices);
    if (slotRow.slot === creditSlot) {
      row.creditsMinor += amountMinor;
      row.creditInvoices += invoices;
    } else if (slotRow.slot === unassignedSlot) {
      row.unassignedMinor += amountMinor;
    } else {
      const label = agingBucketLabels[slotRow.slot];
      assert(label !== undefined, `aging slot ${slotRow.slot} is a bucket`);
      row.buckets[label] += amountMinor;
      row.invoiceCounts[label] += invoices;
      row.totalMinor += amountMinor;
      row.openInvoices += invoices;
    }
    row.netMinor += amountMinor;
  }
  // A group whose receivable entries without an invoice net to zero has nothing to show.
  const result = [...groups.values()].filter((row) => row.openInvoices > 0 || row.creditInvoices > 0 || row.unassignedMinor !== 0n);
  return result.sort((a, b) => compareText(a.currency, b.currency)
    || (a.totalMinor > b.totalMinor ? -1 : a.totalMinor < b.totalMinor ? 1 : 0)
    || compareText(a.debtor?.ref ?? '', b.debtor?.ref ?? '')
    || compareText(a.debtor?.id ?? '', b.debtor?.id ?? ''));
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The aging report: open receivables as of `asOf` — ledger entries effective on or before it — in buckets
 * of days past due (as-of date − due date), per currency or per debtor and currency. With `by: 'debtor'`
 * rows are sorted by currency, then by total descending.
 */
export async function loadAgingReport(db: Database, options: AgingReportOptions): Promise<AgingReport> {
  const rows = await db.transaction(async (tx) => {
    await beginReportSnapshot(tx);
    return loadAgingRows(tx, options);
  });
  return { asOf: options.asOf, by: options.by, rows };
}

/** One row per currency summing `rows` (e.g. the debtor rows of a `by: 'debtor'` report); debtor is null. */
export function computeAgingTotals(rows: readonly AgingRow[]): AgingRow[] {
  const totals = new Map<string, AgingRow>();
  for (const row of rows) {
    const total = totals.get(row.currency) ?? emptyRow(row.currency, null);
    totals.set(row.currency, total);
    for (const label of agingBucketLabels) {
      total.buckets[label] += row.buckets[label];
      total.invoiceCounts[label] += row.invoiceCounts[label];
    }
    total.totalMinor += row.totalMinor;
    total.openInvoices += row.openInvoices;
    total.creditsMinor += row.creditsMinor;
    total.creditInvoices += row.creditInvoices;
    total.unassignedMinor += row.unassignedMinor;
    total.netMinor += row.netMinor;
  }
  return [...totals.values()].sort((a, b) => compareText(a.currency, b.currency));
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
