// A synthetic book written with set-based SQL (generate_series), for the exactly-once test and the outreach
// benchmark: N debtors with one account, one invoice and its charge each, an email address and a postal
// address. `consumerEvery`: every k-th debtor is a consumer (0: none). Due dates spread over `dpdSpread` days
// from `minDaysPastDue` before `asOf`.
import type { Queryable } from '../../src/adapters/db/database.ts';

export type SyntheticBookOptions = {
  tenantId: string;
  debtors: number;
  asOf: string;
  consumerEvery?: number;
  minDaysPastDue?: number;
  dpdSpread?: number;
  /** Rows per INSERT statement (keeps memory and WAL per statement bounded). */
  chunk?: number;
  /**
   * Refreshes the planner's statistics of the tables named (as their owner). Called after each table's first
   * chunk: otherwise the foreign-key checks of the next table are planned against "empty" tables (sequential
   * scans per row), which makes a million-row book take hours.
   */
  analyze?: (tables: readonly string[]) => Promise<unknown>;
};

export async function writeSyntheticBook(db: Queryable, options: SyntheticBookOptions): Promise<void> {
  const { tenantId } = options;
  const consumerEvery = options.consumerEvery ?? 0;
  const minDpd = options.minDaysPastDue ?? 3;
  const spread = options.dpdSpread ?? 27;
  const chunk = options.chunk ?? 250_000;
  await db.query(`INSERT INTO tenant (tenant_id, name) VALUES ($1, $1) ON CONFLICT DO NOTHING`, [tenantId]);
  await db.query(`INSERT INTO creditor (tenant_id, id, name, kind) VALUES ($1, 'cred_syn', 'Synthetic Creditor', 'first_party') ON CONFLICT DO NOTHING`, [tenantId]);
  for (let from = 1; from <= options.debtors; from += chunk) {
    const to = Math.min(options.debtors, from + chunk - 1);
    const series = `generate_series(${from}, ${to}) g`;
    const consumer = consumerEvery > 0 ? `g % ${consumerEvery} = 0` : 'false';
    await db.query(
      `INSERT INTO debtor (tenant_id, id, external_ref, kind, debt_purpose, name, country, region)
       SELECT $1, 'dbt_' || lpad(g::text, 9, '0'), 'SYN' || g, CASE WHEN ${consumer} THEN 'person' ELSE 'business' END,
              CASE WHEN ${consumer} THEN 'consumer' ELSE 'commercial' END, 'Debtor ' || g, 'US', (ARRAY['TX', 'IL', 'MN', 'OK', 'WI'])[1 + g % 5]
       FROM ${series}`, [tenantId]);
    await db.query(
      `INSERT INTO contact_point (tenant_id, id, debtor_id, type, value, postal_address, source, candidate_time_zones)
       SELECT $1, 'cpe_' || lpad(g::text, 9, '0'), 'dbt_' || lpad(g::text, 9, '0'), 'email', 'debtor' || g || '@example.test', NULL, 'import', '{America/Chicago}'::text[]
       FROM ${series}
       UNION ALL
       SELECT $1, 'cpp_' || lpad(g::text, 9, '0'), 'dbt_' || lpad(g::text, 9, '0'), 'postal', g || ' Main St, Springfield', '{"postalCode": "62701"}'::jsonb, 'import', '{America/Chicago}'::text[]::text[]
       FROM ${series}`, [tenantId]);
    if (from === 1) await options.analyze?.(['debtor', 'contact_point']);
    await db.query(
      `INSERT INTO account (tenant_id, id, creditor_id, debtor_id, external_ref, currency)
       SELECT $1, 'acc_' || lpad(g::text, 9, '0'), 'cred_syn', 'dbt_' || lpad(g::text, 9, '0'), 'A' || g, 'USD' FROM ${series}`, [tenantId]);
    if (from === 1) await options.analyze?.(['account']);
    await db.query(
      `INSERT INTO invoice (tenant_id, id, creditor_id, account_id, debtor_id, invoice_number, issue_date, due_date, currency, amount_minor)
       SELECT $1, 'inv_' || lpad(g::text, 9, '0'), 'cred_syn', 'acc_' || lpad(g::text, 9, '0'), 'dbt_' || lpad(g::text, 9, '0'), 'INV-' || g,
              $2::date - (${minDpd} + g % ${spread}) - 30, $2::date - (${minDpd} + g % ${spread}), 'USD', 10000 + (g::bigint * 7919) % 500000
       FROM ${series}`, [tenantId, options.asOf]);
    if (from === 1) await options.analyze?.(['invoice']);
    await db.query(
      `INSERT INTO ledger_entry (tenant_id, id, kind, debit_account, credit_account, amount_minor, currency, debtor_id, account_id, invoice_id, component, effective_date, occurred_at, source)
       SELECT $1, 'le_syn_' || g, 'charge', 'receivable', 'revenue', 10000 + (g::bigint * 7919) % 500000, 'USD', 'dbt_' || lpad(g::text, 9, '0'), 'acc_' || lpad(g::text, 9, '0'),
              'inv_' || lpad(g::text, 9, '0'), 'principal', $2::date - (${minDpd} + g % ${spread}) - 30, now(), 'synthetic'
       FROM ${series}`, [tenantId, options.asOf]);
  }
}
