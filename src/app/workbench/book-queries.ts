import type { Queryable } from '../../adapters/db/database.ts';

// Read models over the book for the API: one page at a time, amounts as strings of minor units,
// every query bounded by the tenant (and the debtor, where there is one).

export type Page<T> = { items: T[]; nextCursor: string | null };
const cursorOf = (key: readonly (string | number)[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
function page<T>(rows: T[], limit: number, keyOf: (row: T) => readonly (string | number)[]): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? cursorOf(keyOf(items[items.length - 1]!)) : null };
}

export type DebtorListItem = { id: string; reference: string; name: string; kind: string; debtPurpose: string; country: string | null };

export async function listDebtors(db: Queryable, tenantId: string, options: { q: string | null; after: string | null; limit: number }): Promise<Page<DebtorListItem>> {
  const q = options.q === null || options.q.trim() === '' ? null : options.q.trim();
  const { rows } = await db.query<{ id: string; external_ref: string; name: string; kind: string; debt_purpose: string; country: string | null }>(
    `SELECT id, external_ref, name, kind, debt_purpose, country FROM debtor
     WHERE tenant_id = $1 AND ($2::text IS NULL OR id > $2)
       AND ($3::text IS NULL OR external_ref = $3 OR id = $3 OR name ILIKE '%' || replace(replace($3, '%', '\\%'), '_', '\\_') || '%')
     ORDER BY id LIMIT $4`,
    [tenantId, options.after, q, options.limit + 1],
  );
  return page(rows.map((r) => ({ id: r.id, reference: r.external_ref, name: r.name, kind: r.kind, debtPurpose: r.debt_purpose, country: r.country })),
    options.limit, (row) => [row.id]);
}

export type InvoiceItem = {
  id: string; accountId: string; invoiceNumber: string; issueDate: string; dueDate: string; currency: string;
  amountMinor: string; openMinor: string; principalMinor: string; interestMinor: string; feeMinor: string; disputed: boolean;
};

export async function listInvoices(db: Queryable, tenantId: string, debtorId: string, options: { after: [string, string] | null; limit: number }): Promise<Page<InvoiceItem>> {
  const { rows } = await db.query<{ id: string; account_id: string; invoice_number: string; issue_date: string; due_date: string; currency: string; amount_minor: bigint; disputed: boolean; principal: bigint; interest: bigint; fee: bigint }>(
    `SELECT i.id, i.account_id, i.invoice_number, i.issue_date, i.due_date, i.currency, i.amount_minor, i.disputed,
            b.principal, b.interest, b.fee
     FROM invoice i
     CROSS JOIN LATERAL (
       SELECT COALESCE(sum(CASE WHEN e.debit_account = 'receivable' THEN e.amount_minor ELSE -e.amount_minor END) FILTER (WHERE e.component = 'principal'), 0)::bigint AS principal,
              COALESCE(sum(CASE WHEN e.debit_account = 'receivable' THEN e.amount_minor ELSE -e.amount_minor END) FILTER (WHERE e.component = 'interest'), 0)::bigint AS interest,
              COALESCE(sum(CASE WHEN e.debit_account = 'receivable' THEN e.amount_minor ELSE -e.amount_minor END) FILTER (WHERE e.component = 'fee'), 0)::bigint AS fee
       FROM ledger_entry e WHERE e.tenant_id = i.tenant_id AND e.invoice_id = i.id AND e.component IS NOT NULL) b
     WHERE i.tenant_id = $1 AND i.debtor_id = $2 AND ($3::date IS NULL OR (i.due_date, i.id) > ($3::date, $4::text))
     ORDER BY i.due_date, i.id LIMIT $5`,
    [tenantId, debtorId, options.after?.[0] ?? null, options.after?.[1] ?? null, options.limit + 1],
  );
  return page(rows.map((r) => ({
    id: r.id, accountId: r.account_id, invoiceNumber: r.invoice_number, issueDate: r.issue_date, dueDate: r.due_date, currency: r.currency,
    amountMinor: r.amount_minor.toString(), openMinor: (r.principal + r.interest + r.fee).toString(), principalMinor: r.principal.toString(),
    interestMinor: r.interest.toString(), feeMinor: r.fee.toString(), disputed: r.disputed,
  })), options.limit, (row) => [row.dueDate, row.id]);
}

export type LedgerItem = {
  id: string; seq: string; kind: string; debitAccount: string; creditAccount: string; amountMinor: string; currency: string;
  invoiceId: string | null; paymentId: string | null; component: string | null; effectiveDate: string; occurredAt: string; source: string; reason: string | null;
};

export async function listLedger(db: Queryable, tenantId: string, debtorId: string, options: { after: string | null; limit: number }): Promise<Page<LedgerItem>> {
  const { rows } = await db.query<{ id: string; seq: bigint; kind: string; debit_account: string; credit_account: string; amount_minor: bigint; currency: string; invoice_id: string | null; payment_id: string | null; component: string | null; effective_date: string; occurred_at: Date; source: string; reason: string | null }>(
    `SELECT id, seq, kind, debit_account, credit_account, amount_minor, currency, invoice_id, payment_id, component, effective_date, occurred_at, source, reason
     FROM ledger_entry WHERE tenant_id = $1 AND debtor_id = $2 AND ($3::bigint IS NULL OR seq < $3::bigint)
     ORDER BY seq DESC LIMIT $4`,
    [tenantId, debtorId, options.after, options.limit + 1],
  );
  return page(rows.map((r) => ({
    id: r.id, seq: r.seq.toString(), kind: r.kind, debitAccount: r.debit_account, creditAccount: r.credit_account, amountMinor: r.amount_minor.toString(),
    currency: r.currency, invoiceId: r.invoice_id, paymentId: r.payment_id, component: r.component, effectiveDate: r.effective_date,
    occurredAt: new Date(r.occurred_at).toISOString(), source: r.source, reason: r.reason,
  })), options.limit, (row) => [row.seq]);
}

export type PaymentItem = { id: string; amountMinor: string; currency: string; receivedOn: string; method: string; reference: string | null; source: string; status: string; createdAt: string };

export async function listPayments(db: Queryable, tenantId: string, debtorId: string, options: { after: string | null; limit: number }): Promise<Page<PaymentItem>> {
  const { rows } = await db.query<{ id: string; amount_minor: bigint; currency: string; received_on: string; method: string; reference: string | null; source: string; status: string; created_at: Date }>(
    `SELECT id, amount_minor, currency, received_on, method, reference, source, status, created_at FROM payment
     WHERE tenant_id = $1 AND debtor_id = $2 AND ($3::text IS NULL OR id < $3) ORDER BY id DESC LIMIT $4`,
    [tenantId, debtorId, options.after, options.limit + 1],
  );
  return page(rows.map((r) => ({
    id: r.id, amountMinor: r.amount_minor.toString(), currency: r.currency, receivedOn: r.received_on, method: r.method, reference: r.reference,
    source: r.source, status: r.status, createdAt: new Date(r.created_at).toISOString(),
  })), options.limit, (row) => [row.id]);
}
