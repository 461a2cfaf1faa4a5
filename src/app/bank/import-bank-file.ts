import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../../adapters/db/database.ts';
import { appendAuditEvents } from '../../adapters/db/audit-log.ts';
import { newId } from '../../adapters/ids.ts';
import { readBankFile, type BankCsvMappingFile, type BankFileFormat } from '../../adapters/files/read-bank-file.ts';
import type { AuditEventInput } from '../../domain/audit/audit-event.ts';
import type { BankTransaction } from '../../domain/money-in/cash-application/bank-transaction.ts';
import { matchBankCredits, type MatchBankCreditsOptions, type OpenInvoice } from '../../domain/money-in/cash-application/match-bank-credits.ts';
import type { NachaReturn } from '../../domain/money-in/nacha/read-nacha-returns.ts';
import { fail, ok, type Result } from '../../domain/shared/result.ts';
import { postPaymentIn } from '../payments/post-payment.ts';
import { reversePaymentIn } from '../payments/reverse-payment.ts';

export type BankImportInput = {
  tenantId: string;
  actor: string;
  fileName: string;
  bytes: Uint8Array;
  /** Required for CSV statements. */
  csvMapping?: BankCsvMappingFile;
  matchOptions?: MatchBankCreditsOptions;
  /** The business date returns are reversed on (default: today in UTC). */
  asOf?: string;
  now: Date;
};

export type BankLineStatus = 'matched' | 'suggested' | 'unmatched' | 'ignored' | 'returned' | 'already_imported';

export type BankLineReport = {
  lineId: string | null;
  transactionId: string;
  kind: 'credit' | 'debit' | 'return' | 'notification_of_change';
  amountMinor: string;
  currency: string;
  bookingDate: string | null;
  counterpartyName: string | null;
  status: BankLineStatus;
  strategy: string | null;
  confidence: string | null;
  debtorId: string | null;
  allocations: Array<{ invoiceId: string; invoiceNumber: string; amountMinor: string }>;
  paymentIds: string[];
  reasons: string[];
};

export type BankImportReport = {
  importId: string;
  format: BankFileFormat;
  fileName: string;
  fileSha256: string;
  counts: { lines: number; matched: number; suggested: number; unmatched: number; returned: number; ignored: number; alreadyImported: number; paymentsPosted: number; paymentsReversed: number };
  lines: BankLineReport[];
};

export type BankImportError = 'malformed_file' | 'mapping_required';

/**
 * Imports a bank file (format detected: NACHA, camt.053, CSV with a mapping), in one transaction:
 * - **credits** of statements are matched to open invoices (matchBankCredits: reference, amount,
 *   combination, name, with a confidence); `matched` ones are posted as payments to the matched invoices
 *   (source 'bank'); `suggested` and `unmatched` ones go to the queue for a person (`recoup bank unmatched`);
 *   debits, reversals and pending entries are `ignored` with the reason;
 * - **NACHA returns** find the debit Recoup sent by its trace number and reverse its payment
 *   (reversePayment: reversal entries, the returned-payment fee where policy says so, the installment
 *   missed, a promise broken); a return of an unknown trace, and every notification of change, is queued.
 * A line already imported (same bank reference, or same file and position) is skipped, so importing the
 * same statement twice posts nothing new. A malformed file imports nothing: the error names the record
 * and field (NACHA), the element (camt.053) or the line and column (CSV).
 */
export async function importBankFile(db: Database, input: BankImportInput): Promise<Result<BankImportReport, BankImportError>> {
  const fileSha256 = createHash('sha256').update(input.bytes).digest('hex');
  const content = readBankFile(input.bytes, fileSha256.slice(0, 12), input.csvMapping);
  if (!content.ok) return fail(content.code === 'mapping_required' ? 'mapping_required' : 'malformed_file', content.message, content.where);
  return db.transaction(async (tx) => {
    const importId = newId('bimp');
    const report: BankImportReport = {
      importId, format: content.value.format, fileName: input.fileName, fileSha256,
      counts: { lines: 0, matched: 0, suggested: 0, unmatched: 0, returned: 0, ignored: 0, alreadyImported: 0, paymentsPosted: 0, paymentsReversed: 0 },
      lines: [],
    };
    await tx.query(`INSERT INTO bank_import (tenant_id, id, format, file_name, file_sha256, summary, imported_by) VALUES ($1, $2, $3, $4, $5, '{}'::jsonb, $6)`,
      [input.tenantId, importId, content.value.format, input.fileName, fileSha256, input.actor]);
    const events: AuditEventInput[] = [];
    if (content.value.format === 'nacha') {
      // Entries that are neither returns nor notifications (a file of debits or credits) are not Recoup's to apply.
      report.counts.lines += content.value.otherEntries;
      report.counts.ignored += content.value.otherEntries;
      await importNachaReturns(tx, input, report, content.value.returns, events);
      for (const notice of content.value.notificationsOfChange) {
        const identity = `nacha-noc:${notice.originalTraceNumber}:${notice.changeCode}:${notice.correctedData.trim()}`;
        await recordLine(tx, input.tenantId, report, identity, {
          transactionId: `line ${notice.lineNumber}`, kind: 'notification_of_change', amountMinor: 0n, currency: 'USD', bookingDate: null, counterpartyName: notice.individualName,
          remittanceText: notice.correctedData, bankReference: notice.originalTraceNumber, status: 'unmatched', strategy: null, confidence: null,
          reasons: [`notification of change ${notice.changeCode}${notice.changeReasonText === null ? '' : ` (${notice.changeReasonText})`} for trace ${notice.originalTraceNumber}: correct the debit authorization (${notice.correctedData.trim()})`],
          allocations: [], debtorId: null, paymentIds: [],
        });
      }
    } else {
      await importCredits(tx, input, report, content.value.transactions, events);
    }
    await tx.query(`UPDATE bank_import SET summary = $3::jsonb WHERE tenant_id = $1 AND id = $2`, [input.tenantId, importId, JSON.stringify(report.counts)]);
    events.push({ type: 'bank_file.imported', subjectType: 'bank_import', subjectId: importId, payload: {
      format: report.format, fileName: input.fileName, fileSha256, lines: report.counts.lines, matched: report.counts.matched, suggested: report.counts.suggested,
      unmatched: report.counts.unmatched, returned: report.counts.returned, ignored: report.counts.ignored, alreadyImported: report.counts.alreadyImported, paymentsPosted: report.counts.paymentsPosted,
    } });
    await appendAuditEvents(tx, input.tenantId, input.actor, input.now, events);
    return ok(report);
  });
}

type LineFields = Omit<BankLineReport, 'lineId' | 'amountMinor' | 'allocations' | 'confidence'> & {
  amountMinor: bigint; remittanceText: string | null; bankReference: string | null; confidence: number | null;
  allocations: Array<{ invoiceId: string; invoiceNumber: string; amountMinor: bigint }>;
};

/** Stores a line unless its identity was imported before; either way it is reported. */
async function recordLine(tx: Queryable, tenantId: string, report: BankImportReport, identity: string, line: LineFields): Promise<string | null> {
  report.counts.lines += 1;
  const lineId = newId('bline');
  const inserted = await tx.query(
    `INSERT INTO bank_line (tenant_id, id, import_id, line_identity, transaction_id, kind, amount_minor, currency, booking_date, counterparty_name, remittance_text, bank_reference,
       status, strategy, confidence, reasons, allocations, debtor_id, payment_ids)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb, $17::jsonb, $18, $19)
     ON CONFLICT (tenant_id, line_identity) DO NOTHING`,
    [tenantId, lineId, report.importId, identity, line.transactionId, line.kind, line.amountMinor, line.currency, line.bookingDate, line.counterpartyName, line.remittanceText,
      line.bankReference, line.status, line.strategy, line.confidence, JSON.stringify(line.reasons),
      JSON.stringify(line.allocations.map((a) => ({ ...a, amountMinor: a.amountMinor.toString() }))), line.debtorId, line.paymentIds]);
  const fresh = inserted.rowCount === 1;
  const status: BankLineStatus = fresh ? line.status as BankLineStatus : 'already_imported';
  const counted = { matched: 'matched', suggested: 'suggested', unmatched: 'unmatched', ignored: 'ignored', returned: 'returned', already_imported: 'alreadyImported' } as const;
  report.counts[counted[status]] += 1;
  report.lines.push({
    lineId: fresh ? lineId : null, transactionId: line.transactionId, kind: line.kind, amountMinor: line.amountMinor.toString(), currency: line.currency, bookingDate: line.bookingDate,
    counterpartyName: line.counterpartyName, status, strategy: line.strategy, confidence: line.confidence === null ? null : line.confidence.toFixed(3), debtorId: line.debtorId,
    allocations: line.allocations.map((a) => ({ ...a, amountMinor: a.amountMinor.toString() })), paymentIds: line.paymentIds,
    reasons: fresh ? line.reasons : ['already imported: this bank movement was read from an earlier file'],
  });
  return fresh ? lineId : null;
}

/** Same movement, same identity: the bank's reference when it gives one, else the file and the position in it. */
function identityOf(transaction: BankTransaction, fileSha256: string): string {
  // A batch's transactions share the entry's reference: the end-to-end id, amount and remittance tell them apart.
  const reference = transaction.bankReference ?? transaction.endToEndId;
  return reference !== null
    ? `ref:${reference}:${transaction.endToEndId ?? ''}:${transaction.direction}:${transaction.amountMinor}:${transaction.currency}:${transaction.bookingDate ?? ''}:${transaction.remittanceText.join(' ')}`
    : `file:${fileSha256}:${transaction.transactionId}`;
}

async function importCredits(tx: Queryable, input: BankImportInput, report: BankImportReport, transactions: BankTransaction[], events: AuditEventInput[]): Promise<void> {
  // Lines already imported are not matched again.
  const identities = transactions.map((transaction) => identityOf(transaction, report.fileSha256));
  const { rows: known } = await tx.query<{ line_identity: string }>(`SELECT line_identity FROM bank_line WHERE tenant_id = $1 AND line_identity = ANY($2::text[])`, [input.tenantId, identities]);
  const seen = new Set(known.map((row) => row.line_identity));
  const fresh = transactions.filter((_transaction, index) => !seen.has(identities[index]!));
  const currencies = [...new Set(fresh.filter((t) => t.direction === 'credit').map((t) => t.currency))];
  const invoices = currencies.length === 0 ? [] : await loadOpenInvoices(tx, input.tenantId, currencies);
  const decisions = new Map(matchBankCredits(fresh, invoices, input.matchOptions).map((decision) => [decision.transactionId, decision]));
  const debtorOf = new Map(invoices.map((invoice) => [invoice.invoiceId, invoice.debtorId]));
  const accountOf = new Map(invoices.map((invoice) => [invoice.invoiceId, invoice.accountId]));
  for (const [index, transaction] of transactions.entries()) {
    const identity = identities[index]!;
    const base = {
      transactionId: transaction.transactionId, kind: transaction.direction, amountMinor: transaction.amountMinor, currency: transaction.currency, bookingDate: transaction.bookingDate ?? transaction.valueDate,
      counterpartyName: transaction.counterpartyName, remittanceText: transaction.remittanceText.join(' ') || null, bankReference: transaction.bankReference,
    };
    const decision = decisions.get(transaction.transactionId);
    if (seen.has(identity) || decision === undefined) {
      await recordLine(tx, input.tenantId, report, identity, { ...base, status: 'ignored', strategy: null, confidence: null, reasons: [], allocations: [], debtorId: null, paymentIds: [] });
      continue;
    }
    const isCredit = transaction.direction === 'credit' && !transaction.reversal && transaction.status === 'booked';
    const debtors = [...new Set(decision.allocations.map((allocation) => debtorOf.get(allocation.invoiceId)!))];
    const status = !isCredit ? 'ignored' : decision.status;
    const paymentIds: string[] = [];
    if (status === 'matched') {
      // One payment per debtor the credit pays; what no invoice takes goes to the first debtor as credit balance.
      for (const [debtorIndex, debtorId] of debtors.entries()) {
        const mine = decision.allocations.filter((allocation) => debtorOf.get(allocation.invoiceId) === debtorId);
        const amountMinor = mine.reduce((sum, allocation) => sum + allocation.amountMinor, 0n) + (debtorIndex === 0 ? decision.unappliedMinor : 0n);
        const posted = await postPaymentIn(tx, {
          tenantId: input.tenantId, actor: input.actor, debtor: debtorId, amountMinor, currency: transaction.currency,
          receivedOn: transaction.bookingDate ?? transaction.valueDate ?? input.now.toISOString().slice(0, 10), method: 'bank_transfer',
          reference: transaction.bankReference ?? transaction.endToEndId ?? transaction.remittanceText.join(' ').slice(0, 140), source: 'bank',
          targetInvoiceIds: mine.map((allocation) => allocation.invoiceId), idempotencyKey: `bank:${identity}:${debtorId}`, now: input.now,
        });
        if (!posted.ok) throw new Error(`posting bank line ${transaction.transactionId}: ${posted.message}`);
        paymentIds.push(posted.value.paymentId);
        if (!posted.value.replayed) report.counts.paymentsPosted += 1;
      }
    }
    const lineId = await recordLine(tx, input.tenantId, report, identity, {
      ...base, status, strategy: decision.strategy, confidence: isCredit ? decision.confidence : null, reasons: decision.reasons,
      allocations: decision.allocations, debtorId: debtors[0] ?? null, paymentIds,
    });
    if (lineId !== null && status === 'matched') {
      events.push({ type: 'bank_line.matched', subjectType: 'bank_line', subjectId: lineId, payload: {
        debtorId: debtors[0]!, accountId: accountOf.get(decision.allocations[0]!.invoiceId) ?? null, importId: report.importId, amountMinor: transaction.amountMinor.toString(), currency: transaction.currency,
        strategy: decision.strategy ?? '', confidence: decision.confidence.toFixed(3),
        allocations: decision.allocations.map((allocation) => ({ invoiceId: allocation.invoiceId, amountMinor: allocation.amountMinor.toString() })), paymentIds,
      } });
    }
  }
}

async function importNachaReturns(tx: Queryable, input: BankImportInput, report: BankImportReport, returns: NachaReturn[], _events: AuditEventInput[]): Promise<void> {
  for (const item of returns) {
    const identity = `nacha-return:${item.originalTraceNumber}:${item.returnReasonCode}`;
    const base = {
      transactionId: `line ${item.lineNumber}`, kind: 'return' as const, amountMinor: item.amountMinor, currency: 'USD', bookingDate: item.effectiveEntryDate || null,
      counterpartyName: item.individualName, remittanceText: item.addendaInformation || null, bankReference: item.originalTraceNumber,
    };
    const title = `${item.returnReasonCode}${item.returnReasonText === null ? '' : ` ${item.returnReasonText}`}`;
    const { rows } = await tx.query<{ payment_id: string; debtor_id: string; plan_id: string; installment_number: number }>(
      `SELECT payment_id, debtor_id, plan_id, installment_number FROM nacha_debit_entry WHERE tenant_id = $1 AND trace_number = $2`, [input.tenantId, item.originalTraceNumber]);
    const debit = rows[0];
    if (item.isDishonored || item.isContested || debit === undefined) {
      const reason = debit === undefined ? `return ${title} of trace ${item.originalTraceNumber}: no debit Recoup sent has that trace number` : `${item.isDishonored ? 'dishonored' : 'contested'} return ${title}: a person must look at it`;
      await recordLine(tx, input.tenantId, report, identity, { ...base, status: 'unmatched', strategy: null, confidence: null, reasons: [reason], allocations: [], debtorId: debit?.debtor_id ?? null, paymentIds: [] });
      continue;
    }
    const { rows: already } = await tx.query(`SELECT 1 FROM bank_line WHERE tenant_id = $1 AND line_identity = $2`, [input.tenantId, identity]);
    if (already.length > 0) {
      await recordLine(tx, input.tenantId, report, identity, { ...base, status: 'returned', strategy: null, confidence: null, reasons: [], allocations: [], debtorId: debit.debtor_id, paymentIds: [debit.payment_id] });
      continue;
    }
    const returnedOn = input.asOf ?? input.now.toISOString().slice(0, 10);
    const reversed = await reversePaymentIn(tx, {
      tenantId: input.tenantId, actor: input.actor, paymentId: debit.payment_id, reason: item.returnReasonText ?? 'returned by the bank', returnCode: item.returnReasonCode,
      returnedOn, idempotencyKey: identity, now: input.now,
    });
    const reasons = [`return ${title} of installment ${debit.installment_number} of plan ${debit.plan_id} (trace ${item.originalTraceNumber})`];
    if (reversed.ok) {
      if (!reversed.value.replayed) report.counts.paymentsReversed += 1;
      if (reversed.value.feeMinor !== '0') reasons.push(`returned-payment fee ${reversed.value.feeMinor} minor units charged`);
      for (const missed of reversed.value.installmentsMissed) reasons.push(`installment ${missed.number} of plan ${missed.planId} missed`);
      for (const planId of reversed.value.plansBroken) reasons.push(`plan ${planId} broken`);
      for (const promise of reversed.value.promisesBroken) reasons.push(`promise ${promise.promiseId} ${promise.outcome === 'broken' ? 'broken' : 'partially kept'}`);
    } else {
      reasons.push(`not reversed: ${reversed.message}`);
    }
    await recordLine(tx, input.tenantId, report, identity, {
      ...base, status: reversed.ok ? 'returned' : 'unmatched', strategy: null, confidence: null, reasons, allocations: [], debtorId: debit.debtor_id, paymentIds: [debit.payment_id],
    });
  }
}

/** Every invoice with an open balance in these currencies, with its debtor's name: what cash application matches against. */
export async function loadOpenInvoices(q: Queryable, tenantId: string, currencies: string[]): Promise<Array<OpenInvoice & { accountId: string }>> {
  const { rows } = await q.query<{ id: string; invoice_number: string; debtor_id: string; account_id: string; name: string; currency: string; open_minor: bigint; due_date: string }>(`
    SELECT i.id, i.invoice_number, i.debtor_id, i.account_id, d.name, i.currency, b.open_minor, i.due_date
    FROM (SELECT e.invoice_id, SUM(CASE WHEN e.debit_account = 'receivable' THEN e.amount_minor WHEN e.credit_account = 'receivable' THEN -e.amount_minor ELSE 0 END)::bigint AS open_minor
          FROM ledger_entry e WHERE e.tenant_id = $1 AND e.invoice_id IS NOT NULL AND e.currency = ANY($2::text[]) GROUP BY e.invoice_id) b
    JOIN invoice i ON i.tenant_id = $1 AND i.id = b.invoice_id
    JOIN debtor d ON d.tenant_id = $1 AND d.id = i.debtor_id
    WHERE b.open_minor > 0 AND NOT i.disputed`, [tenantId, currencies]);
  return rows.map((row) => ({ invoiceId: row.id, invoiceNumber: row.invoice_number, debtorId: row.debtor_id, accountId: row.account_id, debtorName: row.name, currency: row.currency.trim(), openMinor: row.open_minor, dueDate: row.due_date }));
}
