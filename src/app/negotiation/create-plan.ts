import type { Database, Queryable } from '../../adapters/db/database.ts';
import { appendAuditEvents } from '../../adapters/db/audit-log.ts';
import { newId } from '../../adapters/ids.ts';
import { formatDecimal } from '../../domain/money/money.ts';
import { buildPaymentPlanSchedule, type PaymentPlanFrequency, type PaymentPlanInterest, type PaymentPlanSchedule } from '../../domain/negotiation/build-payment-plan-schedule.ts';
import { decidePlanWithinPolicy, type PlanPolicyViolation } from '../../domain/negotiation/decide-plan-within-policy.ts';
import type { NegotiationPolicy } from '../../domain/negotiation/negotiation-policy.ts';
import { isValidRoutingNumber } from '../../domain/money-in/nacha/compute-routing-check-digit.ts';
import { isCalendarDate } from '../../domain/shared/calendar-date.ts';
import { fail, ok, type Result } from '../../domain/shared/result.ts';
import { findAccount, loadAccountReceivable, loadNegotiationPolicy, type AccountRef } from './negotiation-policy-store.ts';
import { withIdempotency } from './with-idempotency.ts';

/** The debtor's authorization to debit a bank account for the installments (NACHA PPD, or WEB when given online). */
export type DebitAuthorization = {
  routingNumber: string;
  accountNumber: string;
  accountType: 'checking' | 'savings';
  secCode: 'PPD' | 'WEB';
  /** The account holder's name as the bank knows it. */
  name: string;
  authorizedAt: string;
};

export type CreatePlanInput = {
  tenantId: string;
  actor: string;
  /** The role the actor negotiates in: it picks the policy layer (specialist, supervisor, …). */
  role: string;
  account: string;
  /** What the plan settles; default: the account's open balance. Never more than it. */
  principalMinor?: bigint;
  currency: string;
  installments: number;
  frequency: PaymentPlanFrequency;
  startDate: string;
  downPaymentMinor?: bigint;
  interest: PaymentPlanInterest;
  debitAuthorization?: DebitAuthorization;
  idempotencyKey: string;
  now: Date;
};

export type PlanInstallmentView = { number: number; dueDate: string; amountMinor: string; interestMinor: string; principalMinor: string; remainingMinor: string; status: string; paidMinor: string; paidOn: string | null };

export type PlanView = {
  planId: string; debtorId: string; accountId: string; creditorId: string; currency: string; status: string;
  principalMinor: string; downPaymentMinor: string; frequency: string; installmentCount: number; startDate: string;
  interestMethod: string; aprPercent: string; graceDays: number; missedInstallmentsToBreak: number;
  acceptedOn: string | null; completedOn: string | null; brokenOn: string | null; settlementId: string | null; proposedBy: string; role: string;
  installments: PlanInstallmentView[];
};

export type CreatePlanError = 'account_not_found' | 'currency_mismatch' | 'invalid_terms' | 'amount_above_balance' | 'outside_policy' | 'invalid_debit_authorization' | 'idempotency_key_reused';

/** The terms a plan is built from and checked against policy (shared with short-plan settlements). */
export function buildPlanWithinPolicy(policy: NegotiationPolicy, account: AccountRef, terms: {
  principalMinor: bigint; currency: string; installments: number; frequency: PaymentPlanFrequency; startDate: string; downPaymentMinor?: bigint | undefined; interest: PaymentPlanInterest;
}, role: string): Result<PaymentPlanSchedule, 'invalid_terms' | 'outside_policy'> {
  const built = buildPaymentPlanSchedule(terms);
  if (!built.ok) return fail('invalid_terms', built.message, built.field);
  const violations: PlanPolicyViolation[] = decidePlanWithinPolicy(built.value, { defaults: policy }, { creditorId: account.creditorId, role });
  if (violations.length > 0) {
    return fail('outside_policy', `outside the ${role} policy: ${violations.map((violation) => violation.message).join('; ')}`, violations[0]!.field);
  }
  return ok(built.value);
}

/**
 * Proposes a payment plan for an account: the schedule is built (buildPaymentPlanSchedule) and checked
 * against the creditor's policy for the role; a refusal names each bound it breaks ("installment 1 of
 * 45.00 USD is below the minimum installment of 50.00 USD"). The plan is stored as `proposed` with its
 * installments; activatePlan makes it active when the debtor accepts. Idempotent by key; audited.
 */
export async function createPlan(db: Database, input: CreatePlanInput): Promise<Result<PlanView & { replayed: boolean }, CreatePlanError>> {
  if (input.debitAuthorization !== undefined) {
    const authorization = input.debitAuthorization;
    if (!isValidRoutingNumber(authorization.routingNumber)) return fail('invalid_debit_authorization', `routing number "${authorization.routingNumber}" is not valid (9 digits with a correct check digit)`, 'debitAuthorization.routingNumber');
    if (!/^[0-9A-Za-z -]{1,17}$/.test(authorization.accountNumber)) return fail('invalid_debit_authorization', 'the bank account number has 1 to 17 characters', 'debitAuthorization.accountNumber');
  }
  return withIdempotency<PlanView, CreatePlanError>(db, {
    tenantId: input.tenantId, scope: 'plans.create', idempotencyKey: input.idempotencyKey,
    request: { ...input, tenantId: undefined, actor: undefined, now: undefined, idempotencyKey: undefined },
  }, async (tx) => {
    const account = await findAccount(tx, input.tenantId, input.account);
    if (account === undefined) return fail('account_not_found', `no account or debtor "${input.account}"`, 'account');
    if (account.currency !== input.currency) return fail('currency_mismatch', `account ${account.accountRef} is in ${account.currency}, not ${input.currency}`, 'currency');
    const receivable = await loadAccountReceivable(tx, input.tenantId, account.accountId);
    const principalMinor = input.principalMinor ?? receivable;
    if (principalMinor > receivable) {
      return fail('amount_above_balance', `the plan amount ${formatDecimal(principalMinor, input.currency)} is more than the open balance of ${formatDecimal(receivable, input.currency)} ${input.currency}`, 'amount');
    }
    const policy = await loadNegotiationPolicy(tx, input.tenantId, account.creditorId, input.role, account.currency);
    const schedule = buildPlanWithinPolicy(policy, account, { ...input, principalMinor }, input.role);
    if (!schedule.ok) return schedule;
    const planId = await insertPlan(tx, input, account, schedule.value, policy, null);
    return ok(await loadPlan(tx, input.tenantId, planId) as PlanView);
  });
}

/** Writes a proposed plan, its installments and the plan.proposed event (inside the caller's transaction). */
export async function insertPlan(tx: Queryable, input: { tenantId: string; actor: string; role: string; now: Date; debitAuthorization?: DebitAuthorization | undefined },
  account: AccountRef, schedule: PaymentPlanSchedule, policy: NegotiationPolicy, settlementId: string | null): Promise<string> {
  const planId = newId('plan');
  const aprPercent = schedule.interest.method === 'none' ? '0' : schedule.interest.aprPercent;
  const downPaymentMinor = schedule.downPayment?.amountMinor ?? 0n;
  const json = JSON.stringify(schedule, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
  await tx.query(
    `INSERT INTO payment_plan (tenant_id, id, debtor_id, account_id, creditor_id, currency, principal_minor, down_payment_minor, frequency, installment_count,
       start_date, interest_method, apr_percent, schedule, status, grace_days, missed_installments_to_break, proposed_by, proposed_role, settlement_id, debit_authorization)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, 'proposed', $15, $16, $17, $18, $19, $20::jsonb)`,
    [input.tenantId, planId, account.debtorId, account.accountId, account.creditorId, schedule.currency, schedule.principalMinor, downPaymentMinor, schedule.frequency,
      schedule.installments.length, schedule.startDate, schedule.interest.method, aprPercent, json, policy.planGraceDays, policy.missedInstallmentsToBreak,
      input.actor, input.role, settlementId, input.debitAuthorization === undefined ? null : JSON.stringify(input.debitAuthorization)]);
  const rows = [
    ...(schedule.downPayment === undefined ? [] : [{ number: 0, dueDate: schedule.downPayment.dueDate, paymentMinor: schedule.downPayment.amountMinor, interestMinor: 0n, principalMinor: schedule.downPayment.amountMinor, remainingMinor: schedule.financedMinor }]),
    ...schedule.installments,
  ];
  const values: unknown[] = [];
  const placeholders = rows.map((row) => {
    const n = values.length;
    values.push(input.tenantId, planId, row.number, row.dueDate, row.paymentMinor, row.interestMinor, row.principalMinor, row.remainingMinor);
    return `(${Array.from({ length: 8 }, (_, i) => `$${n + i + 1}`).join(', ')})`;
  });
  await tx.query(`INSERT INTO plan_installment (tenant_id, plan_id, number, due_date, amount_minor, interest_minor, principal_minor, remaining_minor) VALUES ${placeholders.join(', ')}`, values);
  await appendAuditEvents(tx, input.tenantId, input.actor, input.now, [{
    type: 'plan.proposed', subjectType: 'payment_plan', subjectId: planId,
    payload: { debtorId: account.debtorId, accountId: account.accountId, principalMinor: schedule.principalMinor.toString(), downPaymentMinor: downPaymentMinor.toString(),
      currency: schedule.currency, installments: schedule.installments.length, frequency: schedule.frequency, startDate: schedule.startDate,
      interestMethod: schedule.interest.method, aprPercent, role: input.role, settlementId },
  }]);
  return planId;
}

/** A plan with its installments as last evaluated; undefined when there is none. */
export async function loadPlan(q: Queryable, tenantId: string, planId: string): Promise<PlanView | undefined> {
  const { rows } = await q.query<{ id: string; debtor_id: string; account_id: string; creditor_id: string; currency: string; status: string; principal_minor: bigint; down_payment_minor: bigint; frequency: string; installment_count: number; start_date: string; interest_method: string; apr_percent: string; grace_days: number; missed_installments_to_break: number; accepted_on: string | null; completed_on: string | null; broken_on: string | null; settlement_id: string | null; proposed_by: string; proposed_role: string }>(
    `SELECT * FROM payment_plan WHERE tenant_id = $1 AND id = $2`, [tenantId, planId]);
  const plan = rows[0];
  if (plan === undefined) return undefined;
  const { rows: installments } = await q.query<{ number: number; due_date: string; amount_minor: bigint; interest_minor: bigint; principal_minor: bigint; remaining_minor: bigint; status: string; paid_minor: bigint; paid_on: string | null }>(
    `SELECT * FROM plan_installment WHERE tenant_id = $1 AND plan_id = $2 ORDER BY number`, [tenantId, planId]);
  return {
    planId: plan.id, debtorId: plan.debtor_id, accountId: plan.account_id, creditorId: plan.creditor_id, currency: plan.currency.trim(), status: plan.status,
    principalMinor: plan.principal_minor.toString(), downPaymentMinor: plan.down_payment_minor.toString(), frequency: plan.frequency, installmentCount: plan.installment_count,
    startDate: plan.start_date, interestMethod: plan.interest_method, aprPercent: plan.apr_percent, graceDays: plan.grace_days, missedInstallmentsToBreak: plan.missed_installments_to_break,
    acceptedOn: plan.accepted_on, completedOn: plan.completed_on, brokenOn: plan.broken_on, settlementId: plan.settlement_id, proposedBy: plan.proposed_by, role: plan.proposed_role,
    installments: installments.map((row) => ({
      number: row.number, dueDate: row.due_date, amountMinor: row.amount_minor.toString(), interestMinor: row.interest_minor.toString(), principalMinor: row.principal_minor.toString(),
      remainingMinor: row.remaining_minor.toString(), status: row.status, paidMinor: row.paid_minor.toString(), paidOn: row.paid_on,
    })),
  };
}

/** Plans, newest first, optionally of one debtor (id or reference) or in one status. */
export async function listPlans(q: Queryable, input: { tenantId: string; debtor?: string; status?: string; limit?: number }): Promise<PlanView[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT p.id FROM payment_plan p JOIN debtor d ON d.tenant_id = p.tenant_id AND d.id = p.debtor_id
     WHERE p.tenant_id = $1 AND ($2::text IS NULL OR $2 IN (d.id, d.external_ref)) AND ($3::text IS NULL OR p.status = $3)
     ORDER BY p.created_at DESC, p.id DESC LIMIT $4`, [input.tenantId, input.debtor ?? null, input.status ?? null, input.limit ?? 200]);
  const plans: PlanView[] = [];
  for (const row of rows) plans.push((await loadPlan(q, input.tenantId, row.id))!);
  return plans;
}

/**
 * The debtor accepted a proposed plan (signed the agreement): it is active from `acceptedOn`, and payments
 * received from that day count towards it. Accepting an active plan again with the same date changes
 * nothing (safe to retry); audited as plan.activated.
 */
export async function activatePlan(db: Database, input: { tenantId: string; actor: string; planId: string; acceptedOn: string; now: Date }): Promise<Result<PlanView, 'plan_not_found' | 'invalid_state' | 'invalid_date'>> {
  if (!isCalendarDate(input.acceptedOn)) return fail('invalid_date', `"${input.acceptedOn}" is not a date (YYYY-MM-DD)`, 'acceptedOn');
  return db.transaction((tx) => activatePlanIn(tx, input));
}

/** activatePlan inside the caller's transaction. */
export async function activatePlanIn(tx: Queryable, input: { tenantId: string; actor: string; planId: string; acceptedOn: string; now: Date }): Promise<Result<PlanView, 'plan_not_found' | 'invalid_state'>> {
  const { rows } = await tx.query<{ status: string; accepted_on: string | null; debtor_id: string; account_id: string }>(
    `SELECT status, accepted_on, debtor_id, account_id FROM payment_plan WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [input.tenantId, input.planId]);
  const plan = rows[0];
  if (plan === undefined) return fail('plan_not_found', `no payment plan "${input.planId}"`, 'planId');
  if (plan.status === 'active' && plan.accepted_on === input.acceptedOn) return ok((await loadPlan(tx, input.tenantId, input.planId))!);
  if (plan.status !== 'proposed') return fail('invalid_state', `plan ${input.planId} is ${plan.status}; only a proposed plan can be activated`, 'planId');
  await tx.query(`UPDATE payment_plan SET status = 'active', accepted_on = $3, activated_by = $4 WHERE tenant_id = $1 AND id = $2`, [input.tenantId, input.planId, input.acceptedOn, input.actor]);
  await appendAuditEvents(tx, input.tenantId, input.actor, input.now, [{
    type: 'plan.activated', subjectType: 'payment_plan', subjectId: input.planId, payload: { debtorId: plan.debtor_id, accountId: plan.account_id, acceptedOn: input.acceptedOn },
  }]);
  return ok((await loadPlan(tx, input.tenantId, input.planId))!);
}
