import type { Database, Queryable } from '../../adapters/db/database.ts';
import { appendAuditEvents } from '../../adapters/db/audit-log.ts';
import { insertLedgerEntries } from '../../adapters/db/ledger-repository.ts';
import { buildFee, buildReversal, type LedgerEntry, type LedgerEntryDraft } from '../../domain/ledger/ledger-entry.ts';
import { isCalendarDate } from '../../domain/shared/calendar-date.ts';
import { fail, ok, type Result } from '../../domain/shared/result.ts';
import { evaluatePlansIn } from '../negotiation/evaluate-plans.ts';
import { evaluatePromisesIn, type BrokenPromise } from '../negotiation/evaluate-promises.ts';
import { loadNegotiationPolicy } from '../negotiation/negotiation-policy-store.ts';
import { withIdempotencyIn } from '../negotiation/with-idempotency.ts';

export type ReversePaymentInput = {
  tenantId: string;
  actor: string;
  paymentId: string;
  /** Why, in words (a NACHA return's title, "posted in error"). */
  reason: string;
  /** A NACHA return reason code (R01, R03, …) when the bank returned the payment: it decides the fee. */
  returnCode?: string;
  /** The business date of the reversal (the return's date). */
  returnedOn: string;
  idempotencyKey: string;
  now: Date;
};

export type ReversedPayment = {
  paymentId: string; debtorId: string; accountId: string | null; amountMinor: string; currency: string;
  reversalEntries: string[];
  /** The returned-payment fee charged (0 when the policy charges none for this code). */
  feeMinor: string;
  /** Installments of plans that this payment had paid (through a NACHA debit), now missed. */
  installmentsMissed: Array<{ planId: string; number: number }>;
  plansBroken: string[];
  promisesBroken: BrokenPromise[];
};

export type ReversePaymentError = 'payment_not_found' | 'already_reversed' | 'invalid_date' | 'idempotency_key_reused';

/**
 * Reverses a posted payment (a returned ACH debit, a bounced check, a payment posted in error): every
 * ledger entry it made gets its reversal entry (the receivable and any credit balance are restored, the
 * originals stay), the payment is marked reversed, and — when the creditor's policy charges one for the
 * return code — a returned-payment `fee` entry is posted on the first invoice it had paid. Then:
 * the plan installment it paid (through a NACHA debit) is missed from `returnedOn`, the debtor's plans are
 * re-evaluated (they may break), and a promise it had kept is broken (cause returned_payment).
 * Idempotent by key; audited as payment.reversed with debtorId and accountId.
 */
export async function reversePayment(db: Database, input: ReversePaymentInput): Promise<Result<ReversedPayment & { replayed: boolean }, ReversePaymentError>> {
  if (!isCalendarDate(input.returnedOn)) return fail('invalid_date', `"${input.returnedOn}" is not a date (YYYY-MM-DD)`, 'returnedOn');
  return db.transaction((tx) => reversePaymentIn(tx, input));
}

/** reversePayment inside the caller's transaction (a NACHA return file reverses many in one). */
export async function reversePaymentIn(tx: Queryable, input: ReversePaymentInput): Promise<Result<ReversedPayment & { replayed: boolean }, ReversePaymentError>> {
  return withIdempotencyIn<ReversedPayment, ReversePaymentError>(tx, {
    tenantId: input.tenantId, scope: 'payments.reverse', idempotencyKey: input.idempotencyKey,
    request: { paymentId: input.paymentId, reason: input.reason, returnCode: input.returnCode ?? null, returnedOn: input.returnedOn },
  }, async () => {
    const { rows: payments } = await tx.query<{ id: string; debtor_id: string; account_id: string | null; amount_minor: bigint; currency: string; status: string }>(
      `SELECT id, debtor_id, account_id, amount_minor, currency, status FROM payment WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [input.tenantId, input.paymentId]);
    const payment = payments[0];
    if (payment === undefined) return fail('payment_not_found', `no payment "${input.paymentId}"`, 'paymentId');
    if (payment.status === 'reversed') return fail('already_reversed', `payment ${input.paymentId} was already reversed`, 'paymentId');
    const currency = payment.currency.trim();
    const { rows: entryRows } = await tx.query<{ id: string; kind: LedgerEntry['kind']; debit_account: LedgerEntry['debitAccount']; credit_account: LedgerEntry['creditAccount']; amount_minor: bigint; currency: string; account_id: string; debtor_id: string; invoice_id: string | null; payment_id: string | null; component: LedgerEntry['component']; effective_date: string; reason: string | null }>(
      `SELECT e.id, e.kind, e.debit_account, e.credit_account, e.amount_minor, e.currency, e.account_id, e.debtor_id, e.invoice_id, e.payment_id, e.component, e.effective_date, e.reason
       FROM ledger_entry e WHERE e.tenant_id = $1 AND e.payment_id = $2 AND e.kind = 'payment'
         AND NOT EXISTS (SELECT 1 FROM ledger_entry r WHERE r.tenant_id = e.tenant_id AND r.reverses_entry_id = e.id)
       ORDER BY e.seq`, [input.tenantId, input.paymentId]);
    const originals: LedgerEntry[] = entryRows.map((row) => ({
      id: row.id, kind: row.kind, debitAccount: row.debit_account, creditAccount: row.credit_account, amountMinor: row.amount_minor, currency: row.currency.trim(),
      accountId: row.account_id, debtorId: row.debtor_id, invoiceId: row.invoice_id, paymentId: row.payment_id, component: row.component, reversesEntryId: null,
      effectiveDate: row.effective_date, reason: row.reason,
    }));
    const reason = input.returnCode === undefined ? input.reason : `${input.returnCode}: ${input.reason}`;
    const drafts: LedgerEntryDraft[] = originals.map((entry) => buildReversal(entry, input.returnedOn, reason));
    const accountId = payment.account_id ?? originals[0]?.accountId ?? null;
    let feeMinor = 0n;
    if (input.returnCode !== undefined && accountId !== null) {
      const { rows: accounts } = await tx.query<{ creditor_id: string }>(`SELECT creditor_id FROM account WHERE tenant_id = $1 AND id = $2`, [input.tenantId, accountId]);
      const policy = await loadNegotiationPolicy(tx, input.tenantId, accounts[0]!.creditor_id, '*');
      if (policy.returnedPaymentFeeMinor > 0n && policy.returnedPaymentFeeCodes.includes(input.returnCode)) {
        feeMinor = policy.returnedPaymentFeeMinor;
        const paidInvoice = originals.find((entry) => entry.invoiceId !== null);
        drafts.push(buildFee({ accountId: paidInvoice?.accountId ?? accountId, debtorId: payment.debtor_id, invoiceId: paidInvoice?.invoiceId ?? null, currency },
          feeMinor, input.returnedOn, `returned payment fee (${input.returnCode}) for ${input.paymentId}`));
      }
    }
    const entryIds = await insertLedgerEntries(tx, input.tenantId, drafts, { occurredAt: input.now, source: `reversal:${input.paymentId}` });
    await tx.query(`UPDATE payment SET status = 'reversed' WHERE tenant_id = $1 AND id = $2`, [input.tenantId, input.paymentId]);
    await appendAuditEvents(tx, input.tenantId, input.actor, input.now, [{
      type: 'payment.reversed', subjectType: 'payment', subjectId: input.paymentId,
      payload: { reason, entries: entryIds, debtorId: payment.debtor_id, ...(accountId === null ? {} : { accountId }), ...(input.returnCode === undefined ? {} : { returnCode: input.returnCode }), feeMinor: feeMinor.toString() },
    }]);

    // The installment a NACHA debit paid is missed from the day it came back.
    const { rows: debited } = await tx.query<{ plan_id: string; installment_number: number }>(
      `SELECT plan_id, installment_number FROM nacha_debit_entry WHERE tenant_id = $1 AND payment_id = $2`, [input.tenantId, input.paymentId]);
    for (const row of debited) {
      await tx.query(`UPDATE plan_installment SET returned_on = $4 WHERE tenant_id = $1 AND plan_id = $2 AND number = $3`, [input.tenantId, row.plan_id, row.installment_number, input.returnedOn]);
    }
    const { rows: plans } = await tx.query<{ id: string }>(
      `SELECT id FROM payment_plan WHERE tenant_id = $1 AND debtor_id = $2 AND currency = $3 AND status IN ('active', 'completed') AND accepted_on <= $4 ORDER BY id`,
      [input.tenantId, payment.debtor_id, currency, input.returnedOn]);
    const installmentsMissed: ReversedPayment['installmentsMissed'] = [];
    const plansBroken: string[] = [];
    for (const plan of plans) {
      // A plan the returned money had completed is open again.
      await tx.query(`UPDATE payment_plan SET status = 'active', completed_on = NULL WHERE tenant_id = $1 AND id = $2 AND status = 'completed'`, [input.tenantId, plan.id]);
      const evaluation = await evaluatePlansIn(tx, { tenantId: input.tenantId, actor: input.actor, asOf: input.returnedOn, now: input.now, planId: plan.id });
      installmentsMissed.push(...evaluation.missedInstallments.map((missed) => ({ planId: missed.planId, number: missed.number })));
      plansBroken.push(...evaluation.broken.map((broken) => broken.planId));
    }
    const promises = await evaluatePromisesIn(tx, { tenantId: input.tenantId, actor: input.actor, asOf: input.returnedOn, now: input.now, debtorId: payment.debtor_id, returnedPaymentIds: [input.paymentId] });
    return ok({
      paymentId: input.paymentId, debtorId: payment.debtor_id, accountId, amountMinor: payment.amount_minor.toString(), currency,
      reversalEntries: entryIds, feeMinor: feeMinor.toString(), installmentsMissed, plansBroken, promisesBroken: promises.broken,
    });
  });
}
