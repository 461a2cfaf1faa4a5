import type { Database, Queryable } from '../../adapters/db/database.ts';
import { appendAuditEvents } from '../../adapters/db/audit-log.ts';
import type { AuditEventInput } from '../../domain/audit/audit-event.ts';
import type { PaymentPlanSchedule } from '../../domain/negotiation/build-payment-plan-schedule.ts';
import { groupBy } from '../../domain/shared/group-by.ts';
import { decidePlanStanding } from '../../domain/negotiation/decide-plan-standing.ts';
import { debtorCurrencyKey, loadPaymentsOfDebtors } from './negotiation-policy-store.ts';
import { breakSettlementIn, completeSettlementIn, evaluateLumpSumSettlementsIn } from './settle-account.ts';

export type PlanEvaluation = {
  asOf: string;
  evaluated: number;
  missedInstallments: Array<{ planId: string; debtorId: string; accountId: string; number: number; dueDate: string }>;
  broken: Array<{ planId: string; debtorId: string; accountId: string; brokenOn: string }>;
  completed: Array<{ planId: string; debtorId: string; accountId: string; completedOn: string }>;
  settlementsCompleted: string[];
  settlementsBroken: string[];
};

export type EvaluatePlansInput = { tenantId: string; actor: string; asOf: string; now: Date; planId?: string };

/**
 * Where every active (or broken, which may still be paid off) plan stands on `asOf`, from the debtor's posted
 * payments since acceptance (decidePlanStanding: grace, missed after it, broken after N misses, returned
 * payments missed at once). Installment rows are updated; newly missed installments, broken and completed
 * plans are audited. A settlement's plan completing completes the settlement (the rest written off);
 * breaking breaks it. Lump-sum settlements are decided here too. Re-running the same day changes nothing.
 */
export async function evaluatePlans(db: Database, input: EvaluatePlansInput): Promise<PlanEvaluation> {
  return db.transaction((tx) => evaluatePlansIn(tx, input));
}

type PlanRow = { id: string; debtor_id: string; account_id: string; currency: string; status: string; schedule: unknown; accepted_on: string; grace_days: number; missed_installments_to_break: number; settlement_id: string | null };

export async function evaluatePlansIn(tx: Queryable, input: EvaluatePlansInput): Promise<PlanEvaluation> {
  const { rows: plans } = await tx.query<PlanRow>(
    `SELECT id, debtor_id, account_id, currency, status, schedule, accepted_on, grace_days, missed_installments_to_break, settlement_id FROM payment_plan
     WHERE tenant_id = $1 AND status IN ('active', 'broken') AND accepted_on <= $2 AND ($3::text IS NULL OR id = $3) ORDER BY id FOR UPDATE`,
    [input.tenantId, input.asOf, input.planId ?? null]);
  const result: PlanEvaluation = { asOf: input.asOf, evaluated: 0, missedInstallments: [], broken: [], completed: [], settlementsCompleted: [], settlementsBroken: [] };
  const events: AuditEventInput[] = [];
  // Every plan's installments and its debtor's payments in two queries for the whole run, not two per plan.
  const { rows: installmentRows } = await tx.query<{ plan_id: string; number: number; status: string; returned_on: string | null; paid_minor: bigint }>(
    `SELECT plan_id, number, status, returned_on, paid_minor FROM plan_installment WHERE tenant_id = $1 AND plan_id = ANY($2::text[]) ORDER BY plan_id, number`,
    [input.tenantId, plans.map((plan) => plan.id)]);
  const installmentsOf = groupBy(installmentRows, (row) => row.plan_id);
  const paymentsOf = await loadPaymentsOfDebtors(tx, input.tenantId, plans.map((plan) => ({ debtorId: plan.debtor_id, currency: plan.currency.trim() })));
  for (const plan of plans) {
    result.evaluated += 1;
    const schedule = reviveSchedule(plan.schedule);
    const installments = installmentsOf.get(plan.id) ?? [];
    const payments = (paymentsOf.get(debtorCurrencyKey(plan.debtor_id, plan.currency.trim())) ?? []).filter((payment) => payment.receivedOn >= plan.accepted_on);
    const standing = decidePlanStanding({
      schedule, acceptedOn: plan.accepted_on, payments, asOf: input.asOf,
      policy: { graceDays: plan.grace_days, missedInstallmentsToBreak: plan.missed_installments_to_break },
      returnedOn: new Map(installments.filter((row) => row.returned_on !== null).map((row) => [row.number, row.returned_on!])),
    });
    const before = new Map(installments.map((row) => [row.number, row]));
    for (const installment of standing.installments) {
      const previous = before.get(installment.number);
      if (previous?.status !== installment.status || previous.paid_minor !== installment.paidMinor) {
        await tx.query(`UPDATE plan_installment SET status = $4, paid_minor = $5, paid_on = $6, paid_late = $7 WHERE tenant_id = $1 AND plan_id = $2 AND number = $3`,
          [input.tenantId, plan.id, installment.number, installment.status, installment.paidMinor, installment.paidOn, installment.paidLate]);
      }
      if (installment.status === 'missed' && previous?.status !== 'missed') {
        result.missedInstallments.push({ planId: plan.id, debtorId: plan.debtor_id, accountId: plan.account_id, number: installment.number, dueDate: installment.dueDate });
        events.push({ type: 'plan.installment_missed', subjectType: 'payment_plan', subjectId: plan.id,
          payload: { debtorId: plan.debtor_id, accountId: plan.account_id, number: installment.number, dueDate: installment.dueDate, amountMinor: installment.amountMinor.toString(), paidMinor: installment.paidMinor.toString() } });
      }
    }
    if (standing.state === 'completed' && plan.status !== 'completed') {
      await tx.query(`UPDATE payment_plan SET status = 'completed', completed_on = $3 WHERE tenant_id = $1 AND id = $2`, [input.tenantId, plan.id, standing.completedOn]);
      result.completed.push({ planId: plan.id, debtorId: plan.debtor_id, accountId: plan.account_id, completedOn: standing.completedOn! });
      events.push({ type: 'plan.completed', subjectType: 'payment_plan', subjectId: plan.id, payload: { debtorId: plan.debtor_id, accountId: plan.account_id, completedOn: standing.completedOn!, paidMinor: standing.paidMinor.toString() } });
    } else if (standing.state === 'broken' && plan.status === 'active') {
      await tx.query(`UPDATE payment_plan SET status = 'broken', broken_on = $3 WHERE tenant_id = $1 AND id = $2`, [input.tenantId, plan.id, standing.brokenOn]);
      result.broken.push({ planId: plan.id, debtorId: plan.debtor_id, accountId: plan.account_id, brokenOn: standing.brokenOn! });
      events.push({ type: 'plan.broken', subjectType: 'payment_plan', subjectId: plan.id, payload: { debtorId: plan.debtor_id, accountId: plan.account_id, brokenOn: standing.brokenOn!, missedInstallments: standing.missedInstallments } });
    }
    // Events first (the plan's), then the settlement's, so the log reads in order.
    await appendAuditEvents(tx, input.tenantId, input.actor, input.now, events.splice(0));
    if (plan.settlement_id !== null) {
      if (standing.state === 'completed') {
        await completeSettlementIn(tx, input, plan.settlement_id, standing.completedOn!);
        result.settlementsCompleted.push(plan.settlement_id);
      } else if (standing.state === 'broken' && plan.status === 'active') {
        await breakSettlementIn(tx, input, plan.settlement_id, standing.brokenOn!, standing.paidMinor);
        result.settlementsBroken.push(plan.settlement_id);
      }
    }
  }
  if (input.planId === undefined) {
    const lumpSums = await evaluateLumpSumSettlementsIn(tx, input);
    result.settlementsCompleted.push(...lumpSums.completed);
    result.settlementsBroken.push(...lumpSums.broken);
  }
  return result;
}

/** The stored schedule (amounts as strings in JSON) back to bigints. */
export function reviveSchedule(json: unknown): PaymentPlanSchedule {
  const stored = (typeof json === 'string' ? JSON.parse(json) : json) as Record<string, unknown> & { installments: Array<Record<string, unknown>>; downPayment?: { dueDate: string; amountMinor: string }; totals: Record<string, string> };
  const big = (value: unknown) => BigInt(value as string);
  return {
    ...(stored as unknown as PaymentPlanSchedule),
    principalMinor: big(stored.principalMinor),
    financedMinor: big(stored.financedMinor),
    ...(stored.downPayment === undefined ? {} : { downPayment: { dueDate: stored.downPayment.dueDate, amountMinor: big(stored.downPayment.amountMinor) } }),
    installments: stored.installments.map((row) => ({
      number: row.number as number, dueDate: row.dueDate as string, paymentMinor: big(row.paymentMinor), interestMinor: big(row.interestMinor),
      principalMinor: big(row.principalMinor), remainingMinor: big(row.remainingMinor),
    })),
    totals: { paymentsMinor: big(stored.totals.paymentsMinor), interestMinor: big(stored.totals.interestMinor), principalMinor: big(stored.totals.principalMinor) },
  };
}
