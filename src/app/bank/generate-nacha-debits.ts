import { createHash } from 'node:crypto';
import type { Database } from '../../adapters/db/database.ts';
import { appendAuditEvents } from '../../adapters/db/audit-log.ts';
import { newId } from '../../adapters/ids.ts';
import type { AuditEventInput } from '../../domain/audit/audit-event.ts';
import { buildNachaDebitFile, type NachaDebitBatchInput, type NachaDebitEntryInput } from '../../domain/money-in/nacha/build-nacha-debit-file.ts';
import { isCalendarDate } from '../../domain/shared/calendar-date.ts';
import { fail, ok, type Result } from '../../domain/shared/result.ts';
import { postPaymentIn } from '../payments/post-payment.ts';
import type { DebitAuthorization } from '../negotiation/create-plan.ts';

/** Who sends the file: the originator's bank and company, as the bank set them up. */
export type NachaOriginator = {
  immediateDestination: string;
  immediateDestinationName: string;
  immediateOrigin: string;
  immediateOriginName: string;
  companyName: string;
  companyId: string;
  /** The first 8 digits of the originating bank's routing number. */
  originatingDfi: string;
  entryDescription?: string;
};

export type GenerateNachaDebitsInput = {
  tenantId: string;
  actor: string;
  /** The installments due on this day are debited, effective this day. */
  effectiveDate: string;
  originator: NachaOriginator;
  fileName: string;
  now: Date;
};

export type GeneratedNachaDebits = {
  batchId: string | null;
  fileName: string;
  /** The file text (empty when nothing is due that is not already in a file). */
  text: string;
  entries: Array<{ planId: string; debtorId: string; installment: number; amountMinor: string; traceNumber: string; paymentId: string }>;
  totalDebitMinor: string;
  entryHash: number;
};

export type GenerateNachaDebitsError = 'invalid_date' | 'invalid_file';

/**
 * Builds the NACHA debit file (a PPD batch and a WEB batch, as each debtor authorized) for the installments
 * of active plans with a debit authorization that fall due on `effectiveDate` and are not paid in full.
 * Each entry's payment is posted as of the effective date (an ACH debit is taken as paid unless it comes
 * back; a return reverses it: see importBankFile). The file and its trace numbers are kept
 * (nacha_debit_batch, nacha_debit_entry), so an installment is never debited twice: running it again the
 * same day finds nothing new.
 */
export async function generateNachaDebits(db: Database, input: GenerateNachaDebitsInput): Promise<Result<GeneratedNachaDebits, GenerateNachaDebitsError>> {
  if (!isCalendarDate(input.effectiveDate)) return fail('invalid_date', `"${input.effectiveDate}" is not a date (YYYY-MM-DD)`, 'date');
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('recoup:nacha-debits:' || $1::text))`, [input.tenantId]);
    const { rows } = await tx.query<{ plan_id: string; debtor_id: string; account_id: string; currency: string; number: number; amount_minor: bigint; paid_minor: bigint; debit_authorization: DebitAuthorization | string }>(
      `SELECT p.id AS plan_id, p.debtor_id, p.account_id, p.currency, i.number, i.amount_minor, i.paid_minor, p.debit_authorization
       FROM plan_installment i JOIN payment_plan p ON p.tenant_id = i.tenant_id AND p.id = i.plan_id
       WHERE i.tenant_id = $1 AND i.due_date = $2 AND p.status = 'active' AND p.debit_authorization IS NOT NULL AND p.currency = 'USD'
         AND i.paid_minor < i.amount_minor
         AND NOT EXISTS (SELECT 1 FROM nacha_debit_entry n WHERE n.tenant_id = i.tenant_id AND n.plan_id = i.plan_id AND n.installment_number = i.number)
       ORDER BY p.id, i.number`, [input.tenantId, input.effectiveDate]);
    if (rows.length === 0) return ok({ batchId: null, fileName: input.fileName, text: '', entries: [], totalDebitMinor: '0', entryHash: 0 });
    const due = rows.map((row) => ({ ...row, authorization: (typeof row.debit_authorization === 'string' ? JSON.parse(row.debit_authorization) : row.debit_authorization) as DebitAuthorization }));
    const { rows: sequence } = await tx.query<{ last: number | null }>(
      `SELECT max(substring(trace_number from 9)::integer) AS last FROM nacha_debit_entry WHERE tenant_id = $1 AND left(trace_number, 8) = $2`, [input.tenantId, input.originator.originatingDfi]);
    const batches: NachaDebitBatchInput[] = [];
    const order: typeof due = [];
    for (const secCode of ['PPD', 'WEB'] as const) {
      const mine = due.filter((row) => row.authorization.secCode === secCode);
      if (mine.length === 0) continue;
      order.push(...mine);
      batches.push({
        secCode, companyName: input.originator.companyName, companyId: input.originator.companyId, entryDescription: input.originator.entryDescription ?? 'PAYMENT',
        effectiveEntryDate: input.effectiveDate, originatingDfi: input.originator.originatingDfi,
        entries: mine.map((row): NachaDebitEntryInput => ({
          rdfiRoutingNumber: row.authorization.routingNumber, accountNumber: row.authorization.accountNumber, amountMinor: row.amount_minor - row.paid_minor,
          individualId: row.plan_id.slice(-15), individualName: row.authorization.name, transactionCode: row.authorization.accountType === 'savings' ? '37' : '27',
          ...(secCode === 'WEB' ? { paymentTypeCode: 'R' as const } : {}),
        })),
      });
    }
    const built = buildNachaDebitFile({
      immediateDestination: input.originator.immediateDestination, immediateOrigin: input.originator.immediateOrigin,
      immediateDestinationName: input.originator.immediateDestinationName, immediateOriginName: input.originator.immediateOriginName,
      fileCreationDate: input.now.toISOString().slice(0, 10), fileCreationTime: input.now.toISOString().slice(11, 16),
      firstTraceSequence: (sequence[0]?.last ?? 0) + 1, batches,
    });
    if (!built.ok) return fail('invalid_file', `${built.field}: ${built.message}`, built.field);
    const traceNumbers = built.value.batches.flatMap((batch) => batch.traceNumbers);
    const batchId = newId('ach');
    const fileSha256 = createHash('sha256').update(built.value.text).digest('hex');
    await tx.query(
      `INSERT INTO nacha_debit_batch (tenant_id, id, effective_date, file_name, file_sha256, file_text, entry_count, total_debit_minor, entry_hash, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [input.tenantId, batchId, input.effectiveDate, input.fileName, fileSha256, built.value.text, built.value.entryCount, built.value.totalDebitMinor, built.value.entryHash, input.actor]);
    const events: AuditEventInput[] = [];
    const entries: GeneratedNachaDebits['entries'] = [];
    for (const [index, row] of order.entries()) {
      const traceNumber = traceNumbers[index]!;
      const amountMinor = row.amount_minor - row.paid_minor;
      const posted = await postPaymentIn(tx, {
        tenantId: input.tenantId, actor: input.actor, debtor: row.debtor_id, amountMinor, currency: row.currency.trim(), receivedOn: input.effectiveDate,
        method: 'ach', reference: `ACH ${traceNumber}`, source: 'bank', idempotencyKey: `nacha-debit:${row.plan_id}:${row.number}`, now: input.now,
      });
      if (!posted.ok) throw new Error(`posting the debit of plan ${row.plan_id} installment ${row.number}: ${posted.message}`);
      await tx.query(
        `INSERT INTO nacha_debit_entry (tenant_id, trace_number, batch_id, plan_id, installment_number, debtor_id, amount_minor, currency, payment_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [input.tenantId, traceNumber, batchId, row.plan_id, row.number, row.debtor_id, amountMinor, row.currency.trim(), posted.value.paymentId]);
      entries.push({ planId: row.plan_id, debtorId: row.debtor_id, installment: row.number, amountMinor: amountMinor.toString(), traceNumber, paymentId: posted.value.paymentId });
      events.push({ type: 'plan.installment_debited', subjectType: 'payment_plan', subjectId: row.plan_id, payload: {
        debtorId: row.debtor_id, accountId: row.account_id, number: row.number, amountMinor: amountMinor.toString(), traceNumber, batchId, paymentId: posted.value.paymentId,
      } });
    }
    events.push({ type: 'nacha_debits.generated', subjectType: 'nacha_debit_batch', subjectId: batchId, payload: {
      effectiveDate: input.effectiveDate, entries: built.value.entryCount, totalDebitMinor: built.value.totalDebitMinor.toString(), entryHash: String(built.value.entryHash), fileSha256,
    } });
    await appendAuditEvents(tx, input.tenantId, input.actor, input.now, events);
    return ok({ batchId, fileName: input.fileName, text: built.value.text, entries, totalDebitMinor: built.value.totalDebitMinor.toString(), entryHash: built.value.entryHash });
  });
}

/** The bank import's unmatched queue: lines a person must look at, oldest first. */
export async function listUnmatchedBankLines(db: Database, input: { tenantId: string; limit?: number }) {
  const { rows } = await db.query<{ id: string; import_id: string; transaction_id: string; kind: string; amount_minor: bigint; currency: string; booking_date: string | null; counterparty_name: string | null; remittance_text: string | null; status: string; strategy: string | null; confidence: string | null; reasons: string[]; allocations: unknown[]; debtor_id: string | null; file_name: string }>(
    `SELECT l.id, l.import_id, l.transaction_id, l.kind, l.amount_minor, l.currency, l.booking_date, l.counterparty_name, l.remittance_text, l.status, l.strategy, l.confidence::text AS confidence,
            l.reasons, l.allocations, l.debtor_id, b.file_name
     FROM bank_line l JOIN bank_import b ON b.tenant_id = l.tenant_id AND b.id = l.import_id
     WHERE l.tenant_id = $1 AND l.status IN ('unmatched', 'suggested') AND l.resolved_at IS NULL ORDER BY l.created_at, l.id LIMIT $2`, [input.tenantId, input.limit ?? 500]);
  return rows.map((row) => ({
    lineId: row.id, importId: row.import_id, fileName: row.file_name, transactionId: row.transaction_id, kind: row.kind, amountMinor: row.amount_minor.toString(), currency: row.currency.trim(),
    bookingDate: row.booking_date, counterpartyName: row.counterparty_name, remittanceText: row.remittance_text, status: row.status, strategy: row.strategy, confidence: row.confidence,
    reasons: row.reasons, suggestedAllocations: row.allocations, debtorId: row.debtor_id,
  }));
}
