import type { Queryable } from '../../adapters/db/database.ts';

/** The debtor's account to act on: the one named (if it is the debtor's), else the first in the currency. */
export async function resolveDebtorAccount(db: Queryable, tenantId: string, debtorId: string, currency: string, accountId: string | null): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM account WHERE tenant_id = $1 AND debtor_id = $2 AND ($4::text IS NULL OR id = $4) AND ($4::text IS NOT NULL OR currency = $3)
     ORDER BY created_at, id LIMIT 1`,
    [tenantId, debtorId, currency, accountId],
  );
  return rows[0]?.id ?? null;
}
