import type { Database, Queryable } from '../../adapters/db/database.ts';
import { appendAuditEvents } from '../../adapters/db/audit-log.ts';
import { insertLedgerEntries } from '../../adapters/db/ledger-repository.ts';
import { newId } from '../../adapters/ids.ts';
import { buildWriteOff, type LedgerEntryDraft } from '../../domain/ledger/ledger-entry.ts';
import type { PaymentPlanFrequency } from '../../domain/negotiation/build-payment-plan-schedule.ts';
import { decideSettlementAuthority } from '../../domain/negotiation/decide-settlement-authority.ts';
import { computeDateAfterDays, isCalendarDate } from '../../domain/shared/calendar-date.ts';
import { fail, ok, type Result } from '../../domain/shared/result.ts';
import { loadOpenItems } from '../payments/post-payment.ts';
import { activatePlanIn, buildPlanWithinPolicy, insertPlan, type DebitAuthorization } from './create-plan.ts';
import { findAccount, loadAccountReceivable, loadDebtorPayments, loadNegotiationPolicy } from './negotiation-policy-store.ts';
import { withIdempotency } from './with-idempotency.ts';

export type SettlementView = {
  settlementId: string; debtorId: string; accountId: string; currency: string; balanceMinor: string; settlementMinor: string; discountPercent: string;
  form: 'lump_sum' | 'short_plan'; dueDate: string; planId: string | null; status: string; proposedBy: string; role: string; authorityPercent: string;
  approvedBy: string | null; acceptedOn: string | null; completedOn: string | null; writtenOffMinor: string | null;
};

export type ProposeSettlementInput = {
  tenantId: string;
  actor: string;
  role: string;
  account: string;
  currency: string;
  /** What the debtor pays to settle the account in full. */
  settlementMinor: bigint;
  /** lump_sum: paid by dueDate. short_plan: the plan starts on dueDate, its `installments` no-interest installments due one period apart after it. */
  form: 'lump_sum' | 'short_plan';
  dueDate: string;
  installments?: number;
  frequency?: PaymentPlanFrequency;
  debitAuthorization?: DebitAuthorization;
  /** The business date it is agreed: payments from this day count. */
  asOf: string;
  idempotencyKey: string;
  now: Date;
};

export type SettlementError = 'account_not_found' | 'currency_mismatch' | 'invalid_amount' | 'invalid_policy' | 'invalid_terms' | 'outside_policy' | 'invalid_date'
  | 'settlement_not_found' | 'invalid_state' | 'above_authority' | 'idempotency_key_reused';

/**
 * Proposes settling an account for less than its balance. Within the role's settlement authority
 * (negotiation policy: settlementMaxDiscountPercent) it is `approved` at once; above it, it waits as
 * `pending_approval` for a supervisor (approveSettlement). A short plan is a no-interest payment plan of
 * at most settlementMaxInstallments, checked against the plan policy too, activated on approval.
 * When the settlement amount has been paid (evaluatePlans), the rest of the balance is written off.
 */
export async function proposeSettlement(db: Database, input: ProposeSettlementInput): Promise<Result<SettlementView & { replayed: boolean }, SettlementError>> {
  if (!isCalendarDate(input.dueDate)) return fail('invalid_date', `"${input.dueDate}" is not a date (YYYY-MM-DD)`, 'dueDate');
  if (input.dueDate < input.asOf) return fail('invalid_date', `the due date ${input.dueDate} is before today (${input.asOf})`, 'dueDate');
  return withIdempotency<SettlementView, SettlementError>(db, {
    tenantId: input.tenantId, scope: 'settlements.propose', idempotencyKey: input.idempotencyKey,
    request: { ...input, tenantId: undefined, actor: undefined, now: undefined, idempotencyKey: undefined },
  }, async (tx) => {
    const account = await findAccount(tx, input.tenantId, input.account);
    if (account === undefined) return fail('account_not_found', `no account or debtor "${input.account}"`, 'account');
    if (account.currency !== input.currency) return fail('currency_mismatch', `account ${account.accountRef} is in ${account.currency}, not ${input.currency}`, 'currency');
    const balanceMinor = await loadAccountReceivable(tx, input.tenantId, account.accountId);
    const policy = await loadNegotiationPolicy(tx, input.tenantId, account.creditorId, input.role, account.currency);
    const authority = decideSettlementAuthority(balanceMinor, input.settlementMinor, policy.settlementMaxDiscountPercent, input.currency);
    if (!authority.ok) return authority;
    const settlementId = newId('stl');
    const status = authority.value.withinAuthority ? 'approved' : 'pending_approval';
    let planId: string | null = null;
    if (input.form === 'short_plan') {
      const installments = input.installments ?? 0;
      if (!Number.isInteger(installments) || installments < 1 || installments > policy.settlementMaxInstallments) {
        return fail('outside_policy', `a settlement plan has 1 to ${policy.settlementMaxInstallments} installments under the ${input.role} policy (got ${input.installments ?? 'none'})`, 'installments');
      }
      const schedule = buildPlanWithinPolicy(policy, account, {
        principalMinor: input.settlementMinor, currency: input.currency, installments, frequency: input.frequency ?? 'monthly', startDate: input.dueDate, interest: { method: 'none' },
      }, input.role);
      if (!schedule.ok) return schedule;
      planId = await insertPlan(tx, { ...input }, account, schedule.value, policy, settlementId);
    }
    await tx.query(
      `INSERT INTO settlement (tenant_id, id, debtor_id, account_id, creditor_id, currency, balance_minor, settlement_amount_minor, discount_percent, form, due_date, plan_id,
         status, proposed_by, proposed_role, authority_percent, accepted_on, grace_days)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [input.tenantId, settlementId, account.debtorId, account.accountId, account.creditorId, input.currency, balanceMinor, input.settlementMinor, authority.value.discountPercent,
        input.form, input.dueDate, planId, status, input.actor, input.role, policy.settlementMaxDiscountPercent, status === 'approved' ? input.asOf : null, policy.planGraceDays]);
    await appendAuditEvents(tx, input.tenantId, input.actor, input.now, [{
      type: 'settlement.proposed', subjectType: 'settlement', subjectId: settlementId,
      payload: { debtorId: account.debtorId, accountId: account.accountId, balanceMinor: balanceMinor.toString(), settlementMinor: input.settlementMinor.toString(), currency: input.currency,
        discountPercent: authority.value.discountPercent, form: input.form, dueDate: input.dueDate, status, role: input.role, authorityPercent: policy.settlementMaxDiscountPercent, planId },
    }]);
    if (status === 'approved' && planId !== null) await activatePlanIn(tx, { tenantId: input.tenantId, actor: input.actor, planId, acceptedOn: input.asOf, now: input.now });
    return ok((await loadSettlement(tx, input.tenantId, settlementId))!);
  });
}

/**
 * A supervisor approves a settlement waiting above the proposer's authority. The approver's own authority
 * (policy for `role`) must cover the discount; otherwise the refusal names it. Approving twice is a no-op.
 */
export async function approveSettlement(db: Database, input: { tenantId: string; actor: string; role: string; settlementId: string; asOf: string; now: Date }): Promise<Result<SettlementView, SettlementError>> {
  return db.transaction(async (tx) => {
    const current = await loadSettlement(tx, input.tenantId, input.settlementId, true);
    if (current === undefined) return fail('settlement_not_found', `no settlement "${input.settlementId}"`, 'settlementId');
    if (current.status === 'approved' && current.approvedBy !== null) return ok(current);
    if (current.status !== 'pending_approval') return fail('invalid_state', `settlement ${input.settlementId} is ${current.status}; only one pending approval can be approved`, 'settlementId');
    const { rows } = await tx.query<{ creditor_id: string }>(`SELECT creditor_id FROM settlement WHERE tenant_id = $1 AND id = $2`, [input.tenantId, input.settlementId]);
    const policy = await loadNegotiationPolicy(tx, input.tenantId, rows[0]!.creditor_id, input.role);
    const authority = decideSettlementAuthority(BigInt(current.balanceMinor), BigInt(current.settlementMinor), policy.settlementMaxDiscountPercent, current.currency);
    if (!authority.ok) return authority;
    if (!authority.value.withinAuthority) {
      return fail('above_authority', `the ${input.role} role may approve discounts up to ${policy.settlementMaxDiscountPercent} %; this one is ${authority.value.discountPercent} %`, 'role');
    }
    await tx.query(`UPDATE settlement SET status = 'approved', approved_by = $3, approved_at = $4, accepted_on = $5 WHERE tenant_id = $1 AND id = $2`,
      [input.tenantId, input.settlementId, input.actor, input.now, input.asOf]);
    await appendAuditEvents(tx, input.tenantId, input.actor, input.now, [{
      type: 'settlement.approved', subjectType: 'settlement', subjectId: input.settlementId, payload: { debtorId: current.debtorId, accountId: current.accountId, approvedBy: input.actor },
    }]);
    if (current.planId !== null) await activatePlanIn(tx, { tenantId: input.tenantId, actor: input.actor, planId: current.planId, acceptedOn: input.asOf, now: input.now });
    return ok((await loadSettlement(tx, input.tenantId, input.settlementId))!);
  });
}

type SettlementRow = { id: string; debtor_id: string; account_id: string; currency: string; balance_minor: bigint; settlement_amount_minor: bigint; discount_percent: string; form: 'lump_sum' | 'short_plan'; due_date: string; plan_id: string | null; status: string; proposed_by: string; proposed_role: string; authority_percent: string; approved_by: string | null; accepted_on: string | null; completed_on: string | null; written_off_minor: bigint | null; grace_days: number };

const toView = (row: SettlementRow): SettlementView => ({
  settlementId: row.id, debtorId: row.debtor_id, accountId: row.account_id, currency: row.currency.trim(), balanceMinor: row.balance_minor.toString(),
  settlementMinor: row.settlement_amount_minor.toString(), discountPercent: row.discount_percent, form: row.form, dueDate: row.due_date, planId: row.plan_id,
  status: row.status, proposedBy: row.proposed_by, role: row.proposed_role, authorityPercent: row.authority_percent, approvedBy: row.approved_by,
  acceptedOn: row.accepted_on, completedOn: row.completed_on, writtenOffMinor: row.written_off_minor?.toString() ?? null,
});

export async function loadSettlement(q: Queryable, tenantId: string, settlementId: string, forUpdate = false): Promise<SettlementView | undefined> {
  const { rows } = await q.query<SettlementRow>(`SELECT * FROM settlement WHERE tenant_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [tenantId, settlementId]);
  return rows[0] === undefined ? undefined : toView(rows[0]);
}

export async function listSettlements(q: Queryable, input: { tenantId: string; debtor?: string; status?: string; limit?: number }): Promise<SettlementView[]> {
  const { rows } = await q.query<SettlementRow>(
    `SELECT s.* FROM settlement s JOIN debtor d ON d.tenant_id = s.tenant_id AND d.id = s.debtor_id
     WHERE s.tenant_id = $1 AND ($2::text IS NULL OR $2 IN (d.id, d.external_ref)) AND ($3::text IS NULL OR s.status = $3)
     ORDER BY s.created_at DESC, s.id DESC LIMIT $4`, [input.tenantId, input.debtor ?? null, input.status ?? null, input.limit ?? 200]);
  return rows.map(toView);
}

/**
 * Approved lump-sum settlements as of `asOf`: paid in full (payments since acceptance) → completed and the
 * rest written off; past due date + grace and not paid → broken. Short-plan settlements follow their plan
 * (evaluatePlans calls completeSettlementIn / breakSettlementIn).
 */
export async function evaluateLumpSumSettlementsIn(tx: Queryable, input: { tenantId: string; actor: string; asOf: string; now: Date; settlementId?: string }): Promise<{ completed: string[]; broken: string[] }> {
  const { rows } = await tx.query<SettlementRow>(
    `SELECT * FROM settlement WHERE tenant_id = $1 AND status = 'approved' AND form = 'lump_sum' AND ($2::text IS NULL OR id = $2) ORDER BY id FOR UPDATE`,
    [input.tenantId, input.settlementId ?? null]);
  const result = { completed: [] as string[], broken: [] as string[] };
  for (const row of rows) {
    const payments = (await loadDebtorPayments(tx, input.tenantId, row.debtor_id, row.currency.trim()))
      .filter((payment) => payment.receivedOn >= row.accepted_on! && payment.receivedOn <= input.asOf);
    let paid = 0n;
    let reachedOn: string | null = null;
    for (const payment of payments) {
      paid += payment.amountMinor;
      if (reachedOn === null && paid >= row.settlement_amount_minor) reachedOn = payment.receivedOn;
    }
    const graceEndsOn = computeDateAfterDays(row.due_date, row.grace_days);
    if (reachedOn !== null && reachedOn <= graceEndsOn) {
      await completeSettlementIn(tx, input, row.id, reachedOn);
      result.completed.push(row.id);
    } else if (graceEndsOn < input.asOf) {
      await breakSettlementIn(tx, input, row.id, computeDateAfterDays(graceEndsOn, 1), paid);
      result.broken.push(row.id);
    }
  }
  return result;
}

/** Marks a settlement completed and writes off what is still open on its account (write_off entries per invoice and component). */
export async function completeSettlementIn(tx: Queryable, input: { tenantId: string; actor: string; now: Date }, settlementId: string, completedOn: string): Promise<void> {
  const settlement = (await loadSettlement(tx, input.tenantId, settlementId, true))!;
  if (settlement.status === 'completed') return;
  const items = (await loadOpenItems(tx, input.tenantId, settlement.debtorId, settlement.currency)).filter((item) => item.accountId === settlement.accountId);
  const drafts: LedgerEntryDraft[] = [];
  for (const item of items) {
    for (const component of ['fee', 'interest', 'principal'] as const) {
      const open = item.open[component];
      if (open > 0n) drafts.push(buildWriteOff({ accountId: item.accountId, debtorId: settlement.debtorId, invoiceId: item.invoiceId, currency: settlement.currency }, open, completedOn, `settlement ${settlementId}`, component));
    }
  }
  const writtenOff = drafts.reduce((sum, draft) => sum + draft.amountMinor, 0n);
  const entries = await insertLedgerEntries(tx, input.tenantId, drafts, { occurredAt: input.now, source: `settlement:${settlementId}` });
  await tx.query(`UPDATE settlement SET status = 'completed', completed_on = $3, written_off_minor = $4 WHERE tenant_id = $1 AND id = $2`, [input.tenantId, settlementId, completedOn, writtenOff]);
  await appendAuditEvents(tx, input.tenantId, input.actor, input.now, [{
    type: 'settlement.completed', subjectType: 'settlement', subjectId: settlementId,
    payload: { debtorId: settlement.debtorId, accountId: settlement.accountId, completedOn, writtenOffMinor: writtenOff.toString(), entries },
  }]);
}

export async function breakSettlementIn(tx: Queryable, input: { tenantId: string; actor: string; now: Date }, settlementId: string, brokenOn: string, paidMinor: bigint): Promise<void> {
  const settlement = (await loadSettlement(tx, input.tenantId, settlementId, true))!;
  if (settlement.status !== 'approved') return;
  await tx.query(`UPDATE settlement SET status = 'broken' WHERE tenant_id = $1 AND id = $2`, [input.tenantId, settlementId]);
  await appendAuditEvents(tx, input.tenantId, input.actor, input.now, [{
    type: 'settlement.broken', subjectType: 'settlement', subjectId: settlementId, payload: { debtorId: settlement.debtorId, accountId: settlement.accountId, brokenOn, paidMinor: paidMinor.toString() },
  }]);
}
