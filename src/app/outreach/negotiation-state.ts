// The one place outreach reads the negotiation tables (migration 0004): which accounts have an active payment
// plan, and how much pending promises to pay cover. The strategy exit conditions "plan active" and "promise
// pending" and the consolidated notice (which leaves promised amounts out) read this and nothing else.
import type { Queryable } from '../../adapters/db/database.ts';

export type NegotiationState = {
  activePlanAccountIds: Set<string>;
  /** Sum of pending promises per account, minor units. */
  promisedMinorByAccount: Map<string, bigint>;
};

export async function loadNegotiationState(db: Queryable, tenantId: string, debtorIds: readonly string[]): Promise<Map<string, NegotiationState>> {
  const plans = await db.query<{ debtor_id: string; account_id: string }>(
      `SELECT DISTINCT debtor_id, account_id FROM payment_plan WHERE tenant_id = $1 AND debtor_id = ANY($2::text[]) AND status = 'active'`,
      [tenantId, [...debtorIds]]);
  const promises = await db.query<{ debtor_id: string; account_id: string; promised: bigint }>(
      `SELECT debtor_id, account_id, SUM(GREATEST(amount_minor - paid_minor, 0))::bigint AS promised FROM promise_to_pay
       WHERE tenant_id = $1 AND debtor_id = ANY($2::text[]) AND status = 'pending' GROUP BY debtor_id, account_id`,
      [tenantId, [...debtorIds]]);
  const result = new Map<string, NegotiationState>();
  const stateOf = (debtorId: string) => {
    let state = result.get(debtorId);
    if (state === undefined) {
      state = { activePlanAccountIds: new Set(), promisedMinorByAccount: new Map() };
      result.set(debtorId, state);
    }
    return state;
  };
  for (const row of plans.rows) stateOf(row.debtor_id).activePlanAccountIds.add(row.account_id);
  for (const row of promises.rows) stateOf(row.debtor_id).promisedMinorByAccount.set(row.account_id, BigInt(row.promised));
  return result;
}
