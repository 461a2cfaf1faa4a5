import type { Database, Queryable } from '../../adapters/db/database.ts';
import { appendAuditEvents } from '../../adapters/db/audit-log.ts';
import type { AuditEventInput } from '../../domain/audit/audit-event.ts';
import { decidePromiseOutcomes, type PromiseStatus } from '../../domain/negotiation/decide-promise-outcomes.ts';
import { debtorCurrencyKey, loadPaymentsOfDebtors } from './negotiation-policy-store.ts';
import { groupBy } from '../../domain/shared/group-by.ts';

export type BrokenPromise = { promiseId: string; debtorId: string; accountId: string; outcome: 'broken' | 'partially_kept'; cause: 'not_paid' | 'returned_payment'; resolvedOn: string };

export type PromiseEvaluation = {
  asOf: string;
  /** Promises looked at (every pending one, and the kept ones of debtors whose payment was returned). */
  evaluated: number;
  kept: Array<{ promiseId: string; debtorId: string; accountId: string; resolvedOn: string }>;
  /** Newly broken or partially kept: the accounts whose strategy must resume or escalate. */
  broken: BrokenPromise[];
  stillPending: number;
};

export type EvaluatePromisesInput = {
  tenantId: string;
  actor: string;
  /** The business date to judge on: payments received up to it count; windows ending before it close. */
  asOf: string;
  now: Date;
  /** Only this debtor's promises (default: every debtor with a pending promise). */
  debtorId?: string;
};

type PromiseRow = { id: string; debtor_id: string; account_id: string; amount_minor: bigint; currency: string; made_on: string; promised_on: string; grace_days: number; status: PromiseStatus; paid_minor: bigint };

/**
 * Decides every pending promise as of `asOf` from the debtor's posted payments (decidePromiseOutcomes):
 * kept, broken or partially kept once its grace is over. Each change is stored and audited
 * (promise.kept / promise.broken, with debtorId and accountId). Safe to run again: a decided promise is not
 * decided twice, so re-running the same day changes nothing.
 *
 * The outreach daily cycle calls this first and resumes or escalates the strategy of every account in
 * `broken` (or reads the promise.broken events). A pending promise is a reason to hold outreach until its date.
 */
export async function evaluatePromises(db: Database, input: EvaluatePromisesInput): Promise<PromiseEvaluation> {
  return db.transaction((tx) => evaluatePromisesIn(tx, input));
}

/** evaluatePromises inside the caller's transaction (reversePayment uses it with `returnedPaymentIds`). */
export async function evaluatePromisesIn(tx: Queryable, input: EvaluatePromisesInput & { returnedPaymentIds?: readonly string[] }): Promise<PromiseEvaluation> {
  const debtorFilter = input.debtorId === undefined ? '' : 'AND debtor_id = $2';
  const params: unknown[] = input.debtorId === undefined ? [input.tenantId] : [input.tenantId, input.debtorId];
  const { rows: debtors } = await tx.query<{ debtor_id: string; currency: string }>(
    `SELECT DISTINCT debtor_id, currency FROM promise_to_pay WHERE tenant_id = $1 ${debtorFilter} AND status = 'pending'
     ${input.returnedPaymentIds !== undefined ? `UNION SELECT DISTINCT debtor_id, currency FROM promise_to_pay WHERE tenant_id = $1 ${debtorFilter} AND status = 'kept'` : ''}
     ORDER BY 1, 2`, params);
  const result: PromiseEvaluation = { asOf: input.asOf, evaluated: 0, kept: [], broken: [], stillPending: 0 };
  const events: AuditEventInput[] = [];
  // Every such debtor's promises and payments in two queries for the whole run, not two per debtor.
  const keys = debtors.map((row) => ({ debtorId: row.debtor_id, currency: row.currency.trim() }));
  const { rows: promiseRows } = await tx.query<PromiseRow>(
    `SELECT p.id, p.debtor_id, p.account_id, p.amount_minor, p.currency, p.made_on, p.promised_on, p.grace_days, p.status, p.paid_minor
     FROM promise_to_pay p JOIN unnest($2::text[], $3::text[]) AS k(debtor_id, currency) ON p.debtor_id = k.debtor_id AND p.currency = k.currency
     WHERE p.tenant_id = $1 AND p.status IN ('pending', 'kept', 'partially_kept') ORDER BY p.promised_on, p.id FOR UPDATE OF p`,
    [input.tenantId, keys.map((key) => key.debtorId), keys.map((key) => key.currency)]);
  const promisesOf = groupBy(promiseRows, (row) => debtorCurrencyKey(row.debtor_id, row.currency.trim()));
  const paymentsOf = await loadPaymentsOfDebtors(tx, input.tenantId, keys);
  for (const { debtorId, currency } of keys) {
    const promises = promisesOf.get(debtorCurrencyKey(debtorId, currency)) ?? [];
    const payments = paymentsOf.get(debtorCurrencyKey(debtorId, currency)) ?? [];
    const outcomes = decidePromiseOutcomes(promises.map((row) => ({
      promiseId: row.id, amountMinor: row.amount_minor, madeOn: row.made_on, promisedOn: row.promised_on, graceDays: row.grace_days,
    })), payments, input.asOf);
    for (const [index, outcome] of outcomes.entries()) {
      const row = promises[index]!;
      if (row.status === 'partially_kept') continue;
      if (row.status === 'pending') {
        result.evaluated += 1;
        if (outcome.status === 'pending') {
          result.stillPending += 1;
          if (outcome.paidMinor !== row.paid_minor) await tx.query(`UPDATE promise_to_pay SET paid_minor = $3 WHERE tenant_id = $1 AND id = $2`, [input.tenantId, row.id, outcome.paidMinor]);
          continue;
        }
      } else {
        // A kept promise is looked at again only when a payment it counted was returned.
        if (outcome.status === 'kept' || input.returnedPaymentIds === undefined) continue;
        result.evaluated += 1;
      }
      const cause = row.status === 'kept' ? 'returned_payment' as const : 'not_paid' as const;
      // A kept promise whose payment came back is not kept, even while its window is still open.
      const status = outcome.status === 'pending' ? (outcome.paidMinor > 0n ? 'partially_kept' : 'broken') : outcome.status;
      const resolvedOn = outcome.status === 'pending' ? input.asOf : outcome.resolvedOn!;
      await tx.query(`UPDATE promise_to_pay SET status = $3, paid_minor = $4, resolved_on = $5 WHERE tenant_id = $1 AND id = $2`,
        [input.tenantId, row.id, status, outcome.paidMinor, resolvedOn]);
      if (status === 'kept') {
        result.kept.push({ promiseId: row.id, debtorId, accountId: row.account_id, resolvedOn });
        events.push({ type: 'promise.kept', subjectType: 'promise', subjectId: row.id, payload: { debtorId, accountId: row.account_id, paidMinor: outcome.paidMinor.toString(), resolvedOn } });
      } else if (status === 'broken' || status === 'partially_kept') {
        result.broken.push({ promiseId: row.id, debtorId, accountId: row.account_id, outcome: status, cause, resolvedOn });
        events.push({ type: 'promise.broken', subjectType: 'promise', subjectId: row.id,
          payload: { debtorId, accountId: row.account_id, outcome: status, cause, amountMinor: row.amount_minor.toString(), paidMinor: outcome.paidMinor.toString(), resolvedOn } });
      }
    }
  }
  await appendAuditEvents(tx, input.tenantId, input.actor, input.now, events);
  return result;
}
