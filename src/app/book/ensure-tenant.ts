import type { Queryable, Database } from '../../adapters/db/database.ts';
import { appendAuditEvents } from '../../adapters/db/audit-log.ts';

export const DEFAULT_TENANT = 'default';

/** Creates the tenant and its first-party creditor (the tenant collecting its own debts) if missing. */
export async function ensureTenant(db: Database, tenantId: string, options: { name?: string; actor?: string; now?: Date } = {}): Promise<void> {
  await db.transaction(async (tx: Queryable) => {
    const inserted = await tx.query(
      `INSERT INTO tenant (tenant_id, name) VALUES ($1, $2) ON CONFLICT (tenant_id) DO NOTHING RETURNING tenant_id`,
      [tenantId, options.name ?? tenantId],
    );
    if (inserted.rowCount === 0) return;
    await tx.query(`INSERT INTO creditor (tenant_id, id, name, kind) VALUES ($1, $2, $3, 'first_party')`, [
      tenantId, firstPartyCreditorId(tenantId), options.name ?? tenantId,
    ]);
    await appendAuditEvents(tx, tenantId, options.actor ?? 'system', options.now ?? new Date(), [
      { type: 'tenant.created', subjectType: 'tenant', subjectId: tenantId, payload: { name: options.name ?? tenantId } },
    ]);
  });
}

export const firstPartyCreditorId = (tenantId: string) => `cred_${tenantId}`;
