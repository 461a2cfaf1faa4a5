import type { Database, Queryable } from '../../adapters/db/database.ts';
import { appendAuditEvents } from '../../adapters/db/audit-log.ts';
import { buildNegotiationPolicy, type NegotiationPolicy, type NegotiationPolicyLayer } from '../../domain/negotiation/negotiation-policy.ts';

type PolicyRow = {
  creditor_id: string; role: string; currency: string | null; minimum_installment_minor: bigint | null; maximum_term_months: number | null;
  minimum_down_payment_percent: string | null; maximum_apr_percent: string | null; settlement_max_discount_percent: string | null;
  settlement_max_installments: number | null; promise_grace_days: number | null; plan_grace_days: number | null;
  missed_installments_to_break: number | null; returned_payment_fee_minor: bigint | null; returned_payment_fee_codes: string[] | null;
};

const toLayer = (row: PolicyRow): NegotiationPolicyLayer => ({
  creditorId: row.creditor_id, role: row.role,
  currency: row.currency?.trim() ?? undefined,
  minimumInstallmentMinor: row.minimum_installment_minor ?? undefined,
  maximumTermMonths: row.maximum_term_months ?? undefined,
  minimumDownPaymentPercent: row.minimum_down_payment_percent ?? undefined,
  maximumAprPercent: row.maximum_apr_percent ?? undefined,
  settlementMaxDiscountPercent: row.settlement_max_discount_percent ?? undefined,
  settlementMaxInstallments: row.settlement_max_installments ?? undefined,
  promiseGraceDays: row.promise_grace_days ?? undefined,
  planGraceDays: row.plan_grace_days ?? undefined,
  missedInstallmentsToBreak: row.missed_installments_to_break ?? undefined,
  returnedPaymentFeeMinor: row.returned_payment_fee_minor ?? undefined,
  returnedPaymentFeeCodes: row.returned_payment_fee_codes ?? undefined,
});

/** The negotiation policy of one creditor for one role: the stored layers over the built-in defaults. */
export async function loadNegotiationPolicy(q: Queryable, tenantId: string, creditorId: string, role: string, currency?: string): Promise<NegotiationPolicy> {
  const { rows } = await q.query<PolicyRow>(
    `SELECT * FROM negotiation_policy WHERE tenant_id = $1 AND creditor_id IN ('*', $2) AND role IN ('*', $3)`, [tenantId, creditorId, role]);
  return buildNegotiationPolicy(rows.map(toLayer), { creditorId, role, ...(currency === undefined ? {} : { currency }) });
}

const columns: Record<keyof Omit<NegotiationPolicyLayer, 'creditorId' | 'role'>, string> = {
  currency: 'currency', minimumInstallmentMinor: 'minimum_installment_minor', maximumTermMonths: 'maximum_term_months',
  maximumInstallments: '', minimumDownPaymentPercent: 'minimum_down_payment_percent', maximumAprPercent: 'maximum_apr_percent',
  settlementMaxDiscountPercent: 'settlement_max_discount_percent', settlementMaxInstallments: 'settlement_max_installments',
  promiseGraceDays: 'promise_grace_days', planGraceDays: 'plan_grace_days', missedInstallmentsToBreak: 'missed_installments_to_break',
  returnedPaymentFeeMinor: 'returned_payment_fee_minor', returnedPaymentFeeCodes: 'returned_payment_fee_codes',
};

/**
 * Sets (upserts) one policy layer: `creditorId` '*' for every creditor, `role` '*' for every role. Fields
 * left undefined keep their stored value; null clears it (inherit again). Audited as negotiation_policy.set.
 */
export async function setNegotiationPolicy(db: Database, input: { tenantId: string; actor: string; now: Date; layer: NegotiationPolicyLayer }): Promise<void> {
  const { creditorId, role, ...fields } = input.layer;
  const set = Object.entries(fields).filter(([name, value]) => value !== undefined && columns[name as keyof typeof columns] !== '');
  await db.transaction(async (tx) => {
    await tx.query(`INSERT INTO negotiation_policy (tenant_id, creditor_id, role, updated_by) VALUES ($1, $2, $3, $4)
      ON CONFLICT (tenant_id, creditor_id, role) DO UPDATE SET updated_at = now(), updated_by = EXCLUDED.updated_by`, [input.tenantId, creditorId, role, input.actor]);
    for (const [name, value] of set) {
      await tx.query(`UPDATE negotiation_policy SET ${columns[name as keyof typeof columns]} = $4 WHERE tenant_id = $1 AND creditor_id = $2 AND role = $3`,
        [input.tenantId, creditorId, role, value]);
    }
    await appendAuditEvents(tx, input.tenantId, input.actor, input.now, [{
      type: 'negotiation_policy.set', subjectType: 'tenant', subjectId: input.tenantId,
      payload: { creditorId, role, fields: Object.fromEntries(set.map(([name, value]) => [name, typeof value === 'bigint' ? value.toString() : (value as string | number | string[] | null)])) },
    }]);
  });
}

export type AccountRef = { accountId: string; debtorId: string; creditorId: string; currency: string; debtorName: string; accountRef: string };

/** An account by Recoup id or by the reference it was imported with; or a debtor's only account in a currency. */
export async function findAccount(q: Queryable, tenantId: string, reference: string): Promise<AccountRef | undefined> {
  const { rows } = await q.query<{ id: string; debtor_id: string; creditor_id: string; currency: string; name: string; external_ref: string }>(
    `SELECT a.id, a.debtor_id, a.creditor_id, a.currency, d.name, a.external_ref FROM account a JOIN debtor d ON d.tenant_id = a.tenant_id AND d.id = a.debtor_id
     WHERE a.tenant_id = $1 AND (a.id = $2 OR a.external_ref = $2 OR d.id = $2 OR d.external_ref = $2)
     ORDER BY a.id = $2 DESC, a.external_ref = $2 DESC, a.created_at, a.id LIMIT 1`, [tenantId, reference]);
  const row = rows[0];
  return row === undefined ? undefined : { accountId: row.id, debtorId: row.debtor_id, creditorId: row.creditor_id, currency: row.currency.trim(), debtorName: row.name, accountRef: row.external_ref };
}

/** The open receivable of an account (principal + interest + fees), from the ledger. */
export async function loadAccountReceivable(q: Queryable, tenantId: string, accountId: string): Promise<bigint> {
  const { rows } = await q.query<{ receivable_minor: bigint }>(
    `SELECT COALESCE(SUM(CASE WHEN debit_account = 'receivable' THEN amount_minor WHEN credit_account = 'receivable' THEN -amount_minor ELSE 0 END), 0)::bigint AS receivable_minor
     FROM ledger_entry WHERE tenant_id = $1 AND account_id = $2`, [tenantId, accountId]);
  return rows[0]?.receivable_minor ?? 0n;
}

/** The debtor's posted (not reversed) payments in a currency. */
type PostedPayment = { paymentId: string; receivedOn: string; amountMinor: bigint };

/** The key of `loadPaymentsOfDebtors`' map. */
export const debtorCurrencyKey = (debtorId: string, currency: string) => `${debtorId}|${currency}`;

/**
 * The posted payments of many debtors at once, per debtor and currency (key: debtorCurrencyKey), oldest
 * first: one query for a whole evaluation run instead of one per debtor.
 */
export async function loadPaymentsOfDebtors(q: Queryable, tenantId: string, keys: ReadonlyArray<{ debtorId: string; currency: string }>): Promise<Map<string, PostedPayment[]>> {
  const byKey = new Map<string, PostedPayment[]>(keys.map((key) => [debtorCurrencyKey(key.debtorId, key.currency), []]));
  if (keys.length === 0) return byKey;
  const { rows } = await q.query<{ id: string; debtor_id: string; currency: string; received_on: string; amount_minor: bigint }>(
    `SELECT p.id, p.debtor_id, p.currency, p.received_on, p.amount_minor
     FROM payment p JOIN unnest($2::text[], $3::text[]) AS k(debtor_id, currency) ON p.debtor_id = k.debtor_id AND p.currency = k.currency
     WHERE p.tenant_id = $1 AND p.status = 'posted' ORDER BY p.debtor_id, p.currency, p.received_on, p.id`,
    [tenantId, keys.map((key) => key.debtorId), keys.map((key) => key.currency)]);
  for (const row of rows) {
    byKey.get(debtorCurrencyKey(row.debtor_id, row.currency.trim()))?.push({ paymentId: row.id, receivedOn: row.received_on, amountMinor: row.amount_minor });
  }
  return byKey;
}

export async function loadDebtorPayments(q: Queryable, tenantId: string, debtorId: string, currency: string): Promise<PostedPayment[]> {
  const { rows } = await q.query<{ id: string; received_on: string; amount_minor: bigint }>(
    `SELECT id, received_on, amount_minor FROM payment WHERE tenant_id = $1 AND debtor_id = $2 AND currency = $3 AND status = 'posted' ORDER BY received_on, id`,
    [tenantId, debtorId, currency]);
  return rows.map((row) => ({ paymentId: row.id, receivedOn: row.received_on, amountMinor: row.amount_minor }));
}
