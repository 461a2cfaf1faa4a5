import type { Database, Queryable } from '../../adapters/db/database.ts';
import { computeDaysInPeriod, isCalendarDate } from '../../domain/shared/calendar-date.ts';
import { collectionKinds, computeKpis, creditSaleKinds, type Kpis } from '../../domain/insight/compute-kpis.ts';
import { assert } from '../../domain/shared/result.ts';
import { loadAgingRows, type AgingRow } from './aging-report.ts';
import { beginReportSnapshot, receivableEffectSql, touchesReceivableSql } from './report-sql.ts';

export type KpiReportOptions = { tenantId: string; from: string; to: string };

export type CurrencyKpis = Kpis & { currency: string };

export type KpiReport = { from: string; to: string; days: number; currencies: CurrencyKpis[] };

const sqlList = (values: readonly string[]) => values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ');

/**
 * The movements of the receivable per currency up to $3 (`to`), in one pass over the ledger: the balance
 * before $2 (`from`) and at $3, and the credit sales and collections effective in [$2, $3]. A reversal
 * counts as the kind of the entry it reverses (looked up by primary key, for reversal rows only), in the
 * period of its own effective date. Parameters: $1 tenant, $2 from, $3 to.
 */
export function buildKpiFlowsSql(): string {
  return `
SELECT m.currency,
  COALESCE(SUM(m.effect_minor) FILTER (WHERE m.effective_date < $2::date), 0)::text AS opening_minor,
  COALESCE(SUM(m.effect_minor), 0)::text AS closing_minor,
  COALESCE(SUM(m.effect_minor) FILTER (WHERE m.effective_date >= $2::date AND m.origin_kind IN (${sqlList(creditSaleKinds)})), 0)::text AS credit_sales_minor,
  COALESCE(-SUM(m.effect_minor) FILTER (WHERE m.effective_date >= $2::date AND m.origin_kind IN (${sqlList(collectionKinds)})), 0)::text AS collections_minor,
  COUNT(*) FILTER (WHERE m.origin_kind IS NULL) AS orphan_reversals
FROM (
  SELECT e.currency, e.effective_date, ${receivableEffectSql('e')} AS effect_minor,
    CASE WHEN e.kind = 'reversal'
      THEN (SELECT o.kind FROM ledger_entry o WHERE o.tenant_id = e.tenant_id AND o.id = e.reverses_entry_id)
      ELSE e.kind END AS origin_kind
  FROM ledger_entry e
  WHERE e.tenant_id = $1 AND e.effective_date <= $3::date AND ${touchesReceivableSql('e')}
) m
GROUP BY m.currency
ORDER BY m.currency`;
}

type FlowsRow = {
  currency: string;
  opening_minor: string;
  closing_minor: string;
  credit_sales_minor: string;
  collections_minor: string;
  orphan_reversals: bigint;
};

/**
 * Collection KPIs per currency over [from, to] (both included): credit sales, collections, opening and
 * closing receivables, closing current receivables and what is past due at `to` (from the aging report as
 * of `to`, in the same snapshot), DSO, best possible DSO, average days delinquent and CEI (see computeKpis).
 * A currency appears when any of its figures is not zero.
 */
export async function loadKpiReport(db: Database, options: KpiReportOptions): Promise<KpiReport> {
  const { tenantId, from, to } = options;
  assert(isCalendarDate(from) && isCalendarDate(to), `the period is two calendar dates (got "${from}", "${to}")`);
  assert(from <= to, `the period starts on or before it ends (got ${from} to ${to})`);
  const days = computeDaysInPeriod(from, to);
  const currencies = await db.transaction(async (tx) => {
    await beginReportSnapshot(tx);
    const aging = await loadAgingRows(tx, { tenantId, asOf: to, by: 'currency' });
    const flows = await loadKpiFlows(tx, options);
    return combine(flows, aging, days);
  });
  return { from, to, days, currencies };
}

async function loadKpiFlows(tx: Queryable, options: KpiReportOptions): Promise<FlowsRow[]> {
  const { rows } = await tx.query<FlowsRow>(buildKpiFlowsSql(), [options.tenantId, options.from, options.to]);
  const orphans = rows.reduce((sum, row) => sum + row.orphan_reversals, 0n);
  assert(orphans === 0n, `${orphans} reversal(s) of tenant ${options.tenantId} reverse an entry that does not exist`);
  return rows;
}

function combine(flows: FlowsRow[], aging: AgingRow[], days: number): CurrencyKpis[] {
  const agingByCurrency = new Map(aging.map((row) => [row.currency, row]));
  for (const currency of agingByCurrency.keys()) {
    assert(flows.some((row) => row.currency === currency), `aging currency ${currency} has receivable movements`);
  }
  return flows.flatMap((row) => {
    const aged = agingByCurrency.get(row.currency);
    const closingReceivablesMinor = BigInt(row.closing_minor);
    // Two roads to the same number, in one snapshot: the ledger's receivable movements by currency, and
    // the aging's invoice balances (+ credits + receivables without an invoice) by the invoices' currency.
    // They part only if an invoice carries entries in another currency than its own.
    assert(closingReceivablesMinor === (aged?.netMinor ?? 0n),
      `closing receivables ${row.currency} ${closingReceivablesMinor} ≠ aging ${aged?.netMinor ?? 0n}: an invoice has ledger entries in another currency`);
    const closingCurrentMinor = aged?.buckets.current ?? 0n;
    const kpis = computeKpis({
      creditSalesMinor: BigInt(row.credit_sales_minor),
      collectionsMinor: BigInt(row.collections_minor),
      openingReceivablesMinor: BigInt(row.opening_minor),
      closingReceivablesMinor,
      closingCurrentMinor,
      pastDueMinor: (aged?.totalMinor ?? 0n) - closingCurrentMinor,
      pastDueCount: (aged?.openInvoices ?? 0) - (aged?.invoiceCounts.current ?? 0),
    }, days);
    const amounts = [kpis.creditSalesMinor, kpis.collectionsMinor, kpis.openingReceivablesMinor, kpis.closingReceivablesMinor, kpis.closingCurrentMinor, kpis.pastDueMinor];
    if (amounts.every((amount) => amount === 0n) && kpis.pastDueCount === 0) return [];
    return [{ currency: row.currency, ...kpis }];
  });
}

/** The documented JSON of the KPI report (docs/reports.md): amounts as strings of minor units, ratios as numbers with two decimals or null. */
export type KpiReportJson = {
  from: string;
  to: string;
  days: number;
  currencies: Array<{
    currency: string;
    creditSalesMinor: string;
    collectionsMinor: string;
    openingReceivablesMinor: string;
    closingReceivablesMinor: string;
    closingCurrentMinor: string;
    pastDueCount: number;
    pastDueMinor: string;
    dso: number | null;
    bestPossibleDso: number | null;
    averageDaysDelinquent: number | null;
    cei: number | null;
  }>;
};

// "45.17" → 45.17: the nearest double prints back as the same two decimals in JSON.
const ratio = (value: string | null) => (value === null ? null : Number(value));

export function buildKpiReportJson(report: KpiReport): KpiReportJson {
  return {
    from: report.from,
    to: report.to,
    days: report.days,
    currencies: report.currencies.map((row) => ({
      currency: row.currency,
      creditSalesMinor: row.creditSalesMinor.toString(),
      collectionsMinor: row.collectionsMinor.toString(),
      openingReceivablesMinor: row.openingReceivablesMinor.toString(),
      closingReceivablesMinor: row.closingReceivablesMinor.toString(),
      closingCurrentMinor: row.closingCurrentMinor.toString(),
      pastDueCount: row.pastDueCount,
      pastDueMinor: row.pastDueMinor.toString(),
      dso: ratio(row.dso),
      bestPossibleDso: ratio(row.bestPossibleDso),
      averageDaysDelinquent: ratio(row.averageDaysDelinquent),
      cei: ratio(row.cei),
    })),
  };
}
