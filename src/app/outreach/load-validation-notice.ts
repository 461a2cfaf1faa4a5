// The book's side of the Reg F validation notice (issue #4, point 3): for each account of an outbox row, the
// consumer's name and mailing address, the creditor, the account number and the itemization computed from the
// account's ledger entries (itemizeAccount: the amount on the itemization date, interest, fees, payments and
// credits since, the amount now, all bigint). The letter channel completes them with the collector and the
// end date the gate computed, and lays them out as Model Form B-1 (buildValidationNoticeLetter).
import type { Queryable } from '../../adapters/db/database.ts';
import type { PostalAddress } from '../../domain/compliance/validation-notice.ts';
import type { EntryKind, LedgerAccount, LedgerEntry, Component } from '../../domain/ledger/ledger-entry.ts';
import { itemizeAccount, type ItemizationDatePolicy } from '../../domain/outreach/itemize-account.ts';
import { parseUsPostalLines, type ValidationNoticeDebtFacts } from '../../domain/outreach/build-validation-notice-document.ts';
import { fail, ok, type Result } from '../../domain/shared/result.ts';

export type LoadValidationNoticeInput = {
  tenantId: string;
  debtorId: string;
  accountIds: readonly string[];
  /** The postal contact point the letter goes to; the debtor's first usable postal address when absent. */
  contactPointId?: string | null;
  /** `YYYY-MM-DD`: the date the notice is provided; ledger entries dated later are left out. */
  providedDate: string;
  itemizationDatePolicy?: ItemizationDatePolicy;
};

type EntryRow = {
  id: string; kind: EntryKind; debit_account: LedgerAccount; credit_account: LedgerAccount; amount_minor: bigint; currency: string;
  account_id: string; debtor_id: string; invoice_id: string | null; payment_id: string | null; component: Component | null;
  reverses_entry_id: string | null; effective_date: string; reason: string | null;
};

/**
 * Reads one validation notice's facts per account, or says what the book lacks (no postal address with a city,
 * state and ZIP code, an account without invoices, an itemization B-1 has no line for).
 *
 * @example
 * await loadValidationNoticeFacts(db, { tenantId: 'acme', debtorId: 'c1', accountIds: ['acct_c1'], providedDate: '2026-11-24' })
 * // ok([{ accountId: 'acct_c1', currentCreditor: 'Acme Corp', itemization: { itemizationDate: '2026-01-01', … } }])
 */
export async function loadValidationNoticeFacts(db: Queryable, input: LoadValidationNoticeInput): Promise<Result<ValidationNoticeDebtFacts[]>> {
  const { tenantId } = input;
  const debtor = (await db.query<{ name: string; external_ref: string; debt_purpose: string }>(
    'SELECT name, external_ref, debt_purpose FROM debtor WHERE tenant_id = $1 AND id = $2', [tenantId, input.debtorId])).rows[0];
  if (debtor === undefined) return fail('not_found', `debtor ${input.debtorId} not found`, 'debtorId');
  const { rows: points } = await db.query<{ id: string; value: string; postal_address: Record<string, string | undefined> | null }>(
    `SELECT id, value, postal_address FROM contact_point WHERE tenant_id = $1 AND debtor_id = $2 AND type = 'postal'
     ORDER BY (id = $3) DESC, (unusable_at IS NULL) DESC, created_at, id`, [tenantId, input.debtorId, input.contactPointId ?? '']);
  const point = points[0];
  const mailingAddress = point === undefined ? undefined : readPostalAddress(point.value, point.postal_address);
  if (mailingAddress === undefined) {
    return fail('missing_field', `debtor ${input.debtorId} has no postal address with a street, city, state and ZIP code`, 'consumer.mailingAddress');
  }
  const { rows: accounts } = await db.query<{ id: string; external_ref: string; currency: string; creditor_name: string }>(
    `SELECT a.id, a.external_ref, a.currency, c.name AS creditor_name FROM account a JOIN creditor c ON c.tenant_id = a.tenant_id AND c.id = a.creditor_id
     WHERE a.tenant_id = $1 AND a.debtor_id = $2 AND a.id = ANY($3::text[]) ORDER BY a.id`, [tenantId, input.debtorId, [...input.accountIds]]);
  if (accounts.length !== new Set(input.accountIds).size) return fail('not_found', `not every account of ${input.accountIds.join(', ')} belongs to debtor ${input.debtorId}`, 'accountIds');
  const { rows: invoices } = await db.query<{ account_id: string; issue_date: string }>(
    'SELECT account_id, issue_date FROM invoice WHERE tenant_id = $1 AND account_id = ANY($2::text[])', [tenantId, [...input.accountIds]]);
  const { rows: entryRows } = await db.query<EntryRow>(
    `SELECT id, kind, debit_account, credit_account, amount_minor, currency, account_id, debtor_id, invoice_id, payment_id, component,
            reverses_entry_id, effective_date, reason
     FROM ledger_entry WHERE tenant_id = $1 AND account_id = ANY($2::text[]) ORDER BY seq`, [tenantId, [...input.accountIds]]);

  const facts: ValidationNoticeDebtFacts[] = [];
  for (const account of accounts) {
    const entries: LedgerEntry[] = entryRows.filter((row) => row.account_id === account.id && row.currency === account.currency).map((row) => ({
      id: row.id, kind: row.kind, debitAccount: row.debit_account, creditAccount: row.credit_account, amountMinor: BigInt(row.amount_minor),
      currency: row.currency, accountId: row.account_id, debtorId: row.debtor_id, invoiceId: row.invoice_id, paymentId: row.payment_id,
      component: row.component, reversesEntryId: row.reverses_entry_id, effectiveDate: row.effective_date, reason: row.reason,
    }));
    const itemized = itemizeAccount(entries, invoices.filter((invoice) => invoice.account_id === account.id).map((invoice) => invoice.issue_date), {
      providedDate: input.providedDate, ...(input.itemizationDatePolicy === undefined ? {} : { policy: input.itemizationDatePolicy }),
    });
    if (!itemized.ok) return fail(itemized.code, `account ${account.id}: ${itemized.message}`, 'itemization');
    const item = itemized.value;
    const money = (amountMinor: bigint) => ({ amountMinor, currency: account.currency });
    facts.push({
      accountId: account.id,
      consumer: { name: debtor.name, mailingAddress },
      currentCreditor: account.creditor_name,
      // REGF-SCOPE: a consumer debt is treated as a consumer financial product (the safer reading); the book
      // does not record sales of debts, so the creditor on the itemization date is the current one.
      consumerFinancialProduct: debtor.debt_purpose === 'consumer',
      itemizationDateCreditor: account.creditor_name,
      accountNumber: account.external_ref,
      referenceNumber: debtor.external_ref,
      itemization: {
        itemizationDateKind: item.itemizationDateKind,
        itemizationDate: item.itemizationDate,
        amountOnItemizationDate: money(item.amountOnItemizationDate),
        movements: item.movements,
        currentAmount: money(item.current),
      },
    });
  }
  return ok(facts);
}

// The structured address when it is complete, else the one-line value ("1 Main St, Austin, TX 78701").
function readPostalAddress(value: string, structured: Record<string, string | undefined> | null): PostalAddress | undefined {
  const s = structured ?? {};
  const lines = [s.line1, s.line2].filter((line): line is string => typeof line === 'string' && line.trim() !== '');
  if (lines.length > 0 && s.city && s.region && s.postalCode) {
    return { lines, city: s.city, state: s.region, postalCode: s.postalCode, ...(s.country === undefined ? {} : { country: s.country }) };
  }
  return parseUsPostalLines(value.split(/\s*[|\n]\s*|,\s*/));
}
