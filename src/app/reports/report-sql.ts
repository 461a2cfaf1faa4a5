import type { Queryable } from '../../adapters/db/database.ts';

// SQL shared by the reports. A ledger row moves amount_minor from credit_account to debit_account, so its
// effect on the receivable is +amount when it debits the receivable and −amount when it credits it (the
// same sums as the invoice_balance and account_balance views of migrations/0001_book.sql).

/** The signed effect of ledger entry `alias` on the receivable; use only on rows that touch it. */
export const receivableEffectSql = (alias: string): string =>
  `CASE WHEN ${alias}.debit_account = 'receivable' THEN ${alias}.amount_minor ELSE -${alias}.amount_minor END`;

/** True for ledger entries of `alias` that debit or credit the receivable. */
export const touchesReceivableSql = (alias: string): string =>
  `(${alias}.debit_account = 'receivable' OR ${alias}.credit_account = 'receivable')`;

/**
 * Starts a report inside a fresh transaction: one read-only snapshot for every statement of the report
 * (so its figures agree with each other however many payments are posted meanwhile), and a plan that
 * suits one big aggregation.
 *
 * Parallel query is switched off because PostgreSQL 15 plans the aging aggregation as a parallel hash
 * join whose inner side — the per-invoice GROUP BY over the ledger — every worker recomputes in full:
 * measured on 1M invoices, 3.6–6.3 s in parallel against 2.4 s serial. JIT compilation (on by default
 * above jit_above_cost) costs 100–150 ms of compiling for a query that is I/O- and hash-bound.
 * Both settings are LOCAL: they end with the transaction. PGlite accepts and ignores them.
 */
export async function beginReportSnapshot(tx: Queryable): Promise<void> {
  await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
  await tx.query('SET LOCAL max_parallel_workers_per_gather = 0');
  await tx.query('SET LOCAL jit = off');
}
