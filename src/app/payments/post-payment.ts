import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../../adapters/db/database.ts';
import { appendAuditEvents } from '../../adapters/db/audit-log.ts';
import { newId } from '../../adapters/ids.ts';
import { canonicalJson } from '../../domain/audit/canonical-json.ts';
import { allocatePayment, defaultAllocationPolicy, type AllocationPolicy, type OpenItem } from '../../domain/ledger/allocate-payment.ts';
import { buildCreditBalance, buildPaymentApplication, type LedgerEntryDraft } from '../../domain/ledger/ledger-entry.ts';
import { fail, ok, type Result } from '../../domain/shared/result.ts';
import { insertLedgerEntries } from '../../adapters/db/ledger-repository.ts';

export type PostPaymentInput = {
  tenantId: string;
  actor: string;
  /** The debtor, by Recoup id (dbt_…) or by the reference it was imported with. */
  debtor: string;
  amountMinor: bigint;
  currency: string;
  receivedOn: string;
  method: string;
  reference: string | null;
  idempotencyKey: string;
  policy?: AllocationPolicy;
  /** Apply to these invoices first (cash application matched them), then any rest by the policy. */
  targetInvoiceIds?: readonly string[];
  /** Where the payment came from (default 'api'; bank imports say 'bank'). */
  source?: 'api' | 'cli' | 'bank' | 'portal';
  now: Date;
};

export type PostedPayment = {
  paymentId: string;
  debtorId: string;
  amountMinor: string;
  currency: string;
  receivedOn: string;
  allocations: Array<{ invoiceId: string; invoiceNumber: string; component: string; amountMinor: string }>;
  creditBalanceMinor: string;
  /** True when this key was already used with the same input: the first result, nothing posted again. */
  replayed: boolean;
};

export type PostPaymentError = 'idempotency_key_reused' | 'debtor_not_found' | 'no_account_in_currency' | 'invalid_amount';

const scope = 'payments.post';

/**
 * Posts a payment and allocates it (oldest due invoice first, fees → interest → principal, by default),
 * holding any excess as a credit balance. The same idempotency key with the same input returns the first
 * result; with other input it is refused. One transaction: payment, ledger entries, audit event, key.
 */
export async function postPayment(db: Database, input: PostPaymentInput): Promise<Result<PostedPayment, PostPaymentError>> {
  if (input.amountMinor <= 0n) return fail('invalid_amount', 'the amount must be greater than zero', 'amount');
  return db.transaction((tx) => postPaymentIn(tx, input));
}

/** postPayment inside the caller's transaction (a bank import posts many payments in one). */
export async function postPaymentIn(tx: Queryable, input: PostPaymentInput): Promise<Result<PostedPayment, PostPaymentError>> {
  if (input.amountMinor <= 0n) return fail('invalid_amount', 'the amount must be greater than zero', 'amount');
  const requestHash = createHash('sha256').update(canonicalJson({
    debtor: input.debtor, amountMinor: input.amountMinor, currency: input.currency, receivedOn: input.receivedOn,
    method: input.method, reference: input.reference, policy: input.policy ?? null,
    // Only when given, so the keys of payments posted before these options existed still match.
    targetInvoiceIds: input.targetInvoiceIds, source: input.source,
  })).digest('hex');
  // Two requests with one key take turns; the second sees the first's result.
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`recoup:idem:${input.tenantId}:${scope}:${input.idempotencyKey}`]);
  const previous = await tx.query<{ request_hash: string; response: PostedPayment }>(
    `SELECT request_hash, response FROM idempotency_key WHERE tenant_id = $1 AND scope = $2 AND key = $3`,
    [input.tenantId, scope, input.idempotencyKey],
  );
  if (previous.rows[0] !== undefined) {
    if (previous.rows[0].request_hash !== requestHash) {
      return fail('idempotency_key_reused', `idempotency key "${input.idempotencyKey}" was already used for a different payment`, 'idempotencyKey');
    }
    return ok({ ...previous.rows[0].response, replayed: true });
  }

  const debtor = await tx.query<{ id: string }>(
    `SELECT id FROM debtor WHERE tenant_id = $1 AND (id = $2 OR external_ref = $2) ORDER BY id = $2 DESC LIMIT 1 FOR UPDATE`,
    [input.tenantId, input.debtor],
  );
  const debtorId = debtor.rows[0]?.id;
  if (debtorId === undefined) return fail('debtor_not_found', `no debtor "${input.debtor}"`, 'debtor');
  const items = await loadOpenItems(tx, input.tenantId, debtorId, input.currency);
  const account = await tx.query<{ id: string }>(
    `SELECT id FROM account WHERE tenant_id = $1 AND debtor_id = $2 AND currency = $3 ORDER BY created_at, id LIMIT 1`,
    [input.tenantId, debtorId, input.currency],
  );
  const accountId = account.rows[0]?.id;
  if (accountId === undefined) return fail('no_account_in_currency', `debtor "${input.debtor}" has no account in ${input.currency}`, 'currency');

  const policy = input.policy ?? defaultAllocationPolicy;
  const targets = new Set(input.targetInvoiceIds ?? []);
  // Matched invoices first; what they do not take goes to the debtor's other invoices by the policy.
  const first = allocatePayment(input.amountMinor, targets.size > 0 ? items.filter((item) => targets.has(item.invoiceId)) : items, policy);
  const rest = first.unappliedMinor > 0n && targets.size > 0 ? allocatePayment(first.unappliedMinor, items.filter((item) => !targets.has(item.invoiceId)), policy) : null;
  const allocations = rest === null ? first.allocations : [...first.allocations, ...rest.allocations];
  const unappliedMinor = rest === null ? first.unappliedMinor : rest.unappliedMinor;
  const paymentId = newId('pay');
  const drafts: LedgerEntryDraft[] = allocations.map((allocation) =>
    buildPaymentApplication({ accountId: allocation.accountId, debtorId, invoiceId: allocation.invoiceId, currency: input.currency },
      allocation.amountMinor, input.receivedOn, paymentId, allocation.component));
  if (unappliedMinor > 0n) {
    drafts.push(buildCreditBalance({ accountId, debtorId, invoiceId: null, currency: input.currency }, unappliedMinor, input.receivedOn, paymentId));
  }
  await tx.query(
    `INSERT INTO payment (tenant_id, id, debtor_id, account_id, amount_minor, currency, received_on, method, reference, source)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [input.tenantId, paymentId, debtorId, accountId, input.amountMinor, input.currency, input.receivedOn, input.method, input.reference, input.source ?? 'api'],
  );
  await insertLedgerEntries(tx, input.tenantId, drafts, { occurredAt: input.now, source: `payment:${paymentId}` });
  const numbers = new Map(items.map((item) => [item.invoiceId, item.invoiceNumber]));
  const response: PostedPayment = {
    paymentId, debtorId, amountMinor: input.amountMinor.toString(), currency: input.currency, receivedOn: input.receivedOn,
    allocations: allocations.map((a) => ({ invoiceId: a.invoiceId, invoiceNumber: numbers.get(a.invoiceId) ?? '', component: a.component, amountMinor: a.amountMinor.toString() })),
    creditBalanceMinor: unappliedMinor.toString(),
    replayed: false,
  };
  await appendAuditEvents(tx, input.tenantId, input.actor, input.now, [{
    type: 'payment.posted', subjectType: 'payment', subjectId: paymentId,
    payload: {
      debtorId, amountMinor: response.amountMinor, currency: input.currency, receivedOn: input.receivedOn, method: input.method,
      reference: input.reference, allocations: response.allocations.map(({ invoiceId, component, amountMinor }) => ({ invoiceId, component, amountMinor })),
      creditBalanceMinor: response.creditBalanceMinor,
    },
  }]);
  await tx.query(
    `INSERT INTO idempotency_key (tenant_id, scope, key, request_hash, response) VALUES ($1, $2, $3, $4, $5::jsonb)`,
    [input.tenantId, scope, input.idempotencyKey, requestHash, JSON.stringify(response)],
  );
  return ok(response);
}

/** A debtor's invoices with something open, per component, in one currency. */
export async function loadOpenItems(tx: Queryable, tenantId: string, debtorId: string, currency: string): Promise<OpenItem[]> {
  const { rows } = await tx.query<{ id: string; account_id: string; due_date: string; issue_date: string; invoice_number: string; disputed: boolean; principal: bigint; interest: bigint; fee: bigint }>(`
    SELECT i.id, i.account_id, i.due_date, i.issue_date, i.invoice_number, i.disputed,
           COALESCE(sum(s.signed) FILTER (WHERE e.component = 'principal'), 0)::bigint AS principal,
           COALESCE(sum(s.signed) FILTER (WHERE e.component = 'interest'), 0)::bigint AS interest,
           COALESCE(sum(s.signed) FILTER (WHERE e.component = 'fee'), 0)::bigint AS fee
    FROM invoice i
    JOIN ledger_entry e ON e.tenant_id = i.tenant_id AND e.invoice_id = i.id
    CROSS JOIN LATERAL (SELECT CASE WHEN e.debit_account = 'receivable' THEN e.amount_minor
                                    WHEN e.credit_account = 'receivable' THEN -e.amount_minor ELSE 0 END AS signed) s
    WHERE i.tenant_id = $1 AND i.debtor_id = $2 AND i.currency = $3
    GROUP BY i.id, i.account_id, i.due_date, i.issue_date, i.invoice_number, i.disputed
    HAVING sum(s.signed) > 0`, [tenantId, debtorId, currency]);
  return rows.map((row) => ({
    invoiceId: row.id, accountId: row.account_id, dueDate: row.due_date, issueDate: row.issue_date, invoiceNumber: row.invoice_number,
    disputed: row.disputed, open: { principal: row.principal, interest: row.interest, fee: row.fee },
  }));
}
