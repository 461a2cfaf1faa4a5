import type { Queryable } from '../../adapters/db/database.ts';

export type BookSummary = {
  debtors: number;
  accounts: number;
  invoices: number;
  ledgerEntries: number;
  receivables: Array<{ currency: string; receivableMinor: string; creditBalanceMinor: string }>;
};

/** Counts and receivable per currency: what `serve` prints on start and /api/book/summary returns. */
export async function loadBookSummary(db: Queryable, tenantId: string): Promise<BookSummary> {
  const counts = await db.query<{ debtors: bigint; accounts: bigint; invoices: bigint; entries: bigint }>(`
    SELECT (SELECT count(*) FROM debtor WHERE tenant_id = $1) AS debtors,
           (SELECT count(*) FROM account WHERE tenant_id = $1) AS accounts,
           (SELECT count(*) FROM invoice WHERE tenant_id = $1) AS invoices,
           (SELECT count(*) FROM ledger_entry WHERE tenant_id = $1) AS entries`, [tenantId]);
  const balances = await db.query<{ currency: string; receivable: bigint; credit: bigint }>(`
    SELECT currency, sum(receivable_minor)::bigint AS receivable, sum(credit_balance_minor)::bigint AS credit
    FROM account_balance WHERE tenant_id = $1 GROUP BY currency ORDER BY currency`, [tenantId]);
  const row = counts.rows[0]!;
  return {
    debtors: Number(row.debtors), accounts: Number(row.accounts), invoices: Number(row.invoices), ledgerEntries: Number(row.entries),
    receivables: balances.rows.map((b) => ({ currency: b.currency.trim(), receivableMinor: b.receivable.toString(), creditBalanceMinor: b.credit.toString() })),
  };
}
