import type { Database } from '../../adapters/db/database.ts';
import { buildAgingReportJson, loadAgingReport, type AgingReportJson } from '../reports/aging-report.ts';
import { buildKpiReportJson, loadKpiReport } from '../reports/kpi-report.ts';
import { loadPromiseStatistics } from '../negotiation/list-promises.ts';
import { computeDateAfterDays, computeDateAfterMonths } from '../../domain/shared/calendar-date.ts';

// The supervisor's dashboard: the figures behind its charts, in one response. Each series is computed by
// the report use cases (aging, KPIs) or one GROUP BY over the table that holds the facts.

export type Dashboard = {
  asOf: string;
  aging: AgingReportJson;
  collectionsByDay: Array<{ date: string; currency: string; amountMinor: string; payments: number }>;
  kpiTrend: Array<{ month: string; currency: string; dso: number | null; cei: number | null; collectionsMinor: string }>;
  promises: { made: number; kept: number; partiallyKept: number; broken: number; pending: number; keptRate: number | null };
  contactsByChannelOutcome: Array<{ channel: string; outcome: string; count: number }>;
  gateBlocksByReason: Array<{ reason: string; count: number }>;
};

export async function loadDashboard(db: Database, tenantId: string, asOf: string, months = 6): Promise<Dashboard> {
  const since = computeDateAfterDays(asOf, -29);
  const monthStarts = Array.from({ length: months }, (_, index) => computeDateAfterMonths(`${asOf.slice(0, 7)}-01`, index - months + 1));
  const [aging, collections, trend, promiseStats, contacts, blocks] = await Promise.all([
    loadAgingReport(db, { tenantId, asOf, by: 'currency' }),
    db.query<{ date: string; currency: string; amount: bigint; payments: number }>(
      `SELECT received_on AS date, currency, sum(amount_minor)::bigint AS amount, count(*)::int AS payments FROM payment
       WHERE tenant_id = $1 AND status = 'posted' AND received_on BETWEEN $2 AND $3 GROUP BY received_on, currency ORDER BY received_on, currency`,
      [tenantId, since, asOf]),
    Promise.all(monthStarts.map(async (start) => {
      const end = computeDateAfterDays(computeDateAfterMonths(start, 1), -1);
      const report = buildKpiReportJson(await loadKpiReport(db, { tenantId, from: start, to: end < asOf ? end : asOf }));
      return report.currencies.map((row) => ({ month: start.slice(0, 7), currency: row.currency, dso: row.dso, cei: row.cei, collectionsMinor: row.collectionsMinor }));
    })),
    loadPromiseStatistics(db, { tenantId }),
    db.query<{ channel: string; outcome: string; count: number }>(
      `SELECT channel, COALESCE(outcome, status) AS outcome, count(*)::int AS count FROM contact_attempt
       WHERE tenant_id = $1 GROUP BY channel, COALESCE(outcome, status) ORDER BY channel, count DESC`, [tenantId]),
    db.query<{ reason: string; count: number }>(
      `SELECT reason, count(*)::int AS count FROM outreach_block, unnest(reason_ids) AS reason
       WHERE tenant_id = $1 GROUP BY reason ORDER BY count DESC, reason LIMIT 20`, [tenantId]),
  ]);
  const overall = promiseStats.overall;
  const resolved = overall.kept + overall.partiallyKept + overall.broken;
  return {
    asOf,
    aging: buildAgingReportJson(aging),
    collectionsByDay: collections.rows.map((row) => ({ date: row.date, currency: row.currency.trim(), amountMinor: row.amount.toString(), payments: row.payments })),
    kpiTrend: trend.flat(),
    promises: {
      made: overall.made, kept: overall.kept, partiallyKept: overall.partiallyKept, broken: overall.broken, pending: overall.pending,
      keptRate: resolved === 0 ? null : Math.round((overall.kept / resolved) * 1000) / 1000,
    },
    contactsByChannelOutcome: contacts.rows,
    gateBlocksByReason: blocks.rows,
  };
}
