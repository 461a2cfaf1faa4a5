import type { Queryable, Database } from '../../src/adapters/db/database.ts';
import { ensureTenant, firstPartyCreditorId } from '../../src/app/book/ensure-tenant.ts';
import {
  buildCharge, buildPaymentApplication, buildReversal, type Component, type LedgerEntry, type LedgerEntryDraft,
} from '../../src/domain/ledger/ledger-entry.ts';

/** An invoice as the fixture wrote it. */
export type FixtureInvoice = {
  id: string;
  debtorId: string;
  accountId: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  amountMinor: bigint;
};

/** Where a ledger entry points: the invoice's account, debtor and currency (invoiceId null: no invoice). */
export type FixtureTarget = { accountId: string; debtorId: string; invoiceId: string | null; currency: string };

/**
 * A book written straight into the tables with SQL, for report tests: debtors, one account per debtor and
 * currency, invoices, and ledger entries built by the ledger domain's own builders (so they carry the
 * accounts, kinds and components the app posts). It keeps what it wrote for reference models.
 */
export type BookFixture = {
  tenantId: string;
  /** Every ledger entry posted, in order. */
  entries: LedgerEntry[];
  invoices: Map<string, FixtureInvoice>;
  addDebtor(id: string, options?: { ref?: string; name?: string }): Promise<void>;
  /** Adds invoices and posts each one's charge on its issue date (amount 0: no charge). Returns the charges. */
  addInvoices(invoices: ReadonlyArray<Omit<FixtureInvoice, 'accountId'>>): Promise<LedgerEntry[]>;
  addInvoice(invoice: Omit<FixtureInvoice, 'accountId'>): Promise<LedgerEntry>;
  /** Where entries on an invoice point. */
  target(invoiceId: string): FixtureTarget;
  /** Where receivable entries without an invoice point (the debtor's account in that currency). */
  targetWithoutInvoice(debtorId: string, currency: string): Promise<FixtureTarget>;
  /** Inserts the drafts as ledger entries with ids le_1, le_2, … in one statement per 500. */
  post(...drafts: LedgerEntryDraft[]): Promise<LedgerEntry[]>;
  pay(invoiceId: string, amountMinor: bigint, effectiveDate: string, component?: Component): Promise<LedgerEntry>;
  reverse(entry: LedgerEntry, effectiveDate: string): Promise<LedgerEntry>;
};

const occurredAt = '2026-01-01T00:00:00Z';

export async function createBookFixture(db: Database, tenantId: string): Promise<BookFixture> {
  await ensureTenant(db, tenantId, { now: new Date(occurredAt) });
  const creditorId = firstPartyCreditorId(tenantId);
  const debtors = new Set<string>();
  const accounts = new Set<string>();
  const entries: LedgerEntry[] = [];
  const invoices = new Map<string, FixtureInvoice>();
  let paymentCount = 0;

  const addDebtor = async (id: string, options: { ref?: string; name?: string } = {}) => {
    await db.query(
      `INSERT INTO debtor (tenant_id, id, external_ref, kind, debt_purpose, name) VALUES ($1, $2, $3, 'person', 'consumer', $4)`,
      [tenantId, id, options.ref ?? `REF-${id}`, options.name ?? `Debtor ${id}`],
    );
    debtors.add(id);
  };

  const ensureAccount = async (debtorId: string, currency: string) => {
    if (!debtors.has(debtorId)) await addDebtor(debtorId);
    const accountId = `acct_${debtorId}_${currency}`;
    if (!accounts.has(accountId)) {
      await db.query(
        `INSERT INTO account (tenant_id, id, creditor_id, debtor_id, external_ref, currency) VALUES ($1, $2, $3, $4, $5, $6)`,
        [tenantId, accountId, creditorId, debtorId, accountId, currency],
      );
      accounts.add(accountId);
    }
    return accountId;
  };

  const target = (invoiceId: string): FixtureTarget => {
    const invoice = invoices.get(invoiceId);
    if (invoice === undefined) throw new Error(`fixture: no invoice ${invoiceId}`);
    return { accountId: invoice.accountId, debtorId: invoice.debtorId, invoiceId, currency: invoice.currency };
  };

  const post = async (...drafts: LedgerEntryDraft[]): Promise<LedgerEntry[]> => {
    const posted = drafts.map((draft, index) => ({ ...draft, id: `le_${entries.length + index + 1}` }));
    for (let start = 0; start < posted.length; start += 500) {
      await insertLedgerEntries(db, tenantId, posted.slice(start, start + 500));
    }
    entries.push(...posted);
    return posted;
  };

  const addInvoices = async (list: ReadonlyArray<Omit<FixtureInvoice, 'accountId'>>): Promise<LedgerEntry[]> => {
    const rows: FixtureInvoice[] = [];
    for (const invoice of list) rows.push({ ...invoice, accountId: await ensureAccount(invoice.debtorId, invoice.currency) });
    for (let start = 0; start < rows.length; start += 500) {
      const chunk = rows.slice(start, start + 500);
      const values: unknown[] = [];
      const placeholders = chunk.map((invoice) => {
        const n = values.length;
        values.push(tenantId, invoice.id, creditorId, invoice.accountId, invoice.debtorId, `N-${invoice.id}`, invoice.issueDate, invoice.dueDate, invoice.currency, invoice.amountMinor);
        return `(${Array.from({ length: 10 }, (_, i) => `$${n + i + 1}`).join(', ')})`;
      });
      await db.query(
        `INSERT INTO invoice (tenant_id, id, creditor_id, account_id, debtor_id, invoice_number, issue_date, due_date, currency, amount_minor)
         VALUES ${placeholders.join(', ')}`,
        values,
      );
    }
    for (const invoice of rows) invoices.set(invoice.id, invoice);
    const charges = rows.filter((invoice) => invoice.amountMinor > 0n).map((invoice) => buildCharge(target(invoice.id), invoice.amountMinor, invoice.issueDate));
    return post(...charges);
  };

  return {
    tenantId,
    entries,
    invoices,
    addDebtor,
    addInvoices,
    addInvoice: async (invoice) => (await addInvoices([invoice]))[0]!,
    target,
    targetWithoutInvoice: async (debtorId, currency) => ({ accountId: await ensureAccount(debtorId, currency), debtorId, invoiceId: null, currency }),
    post,
    pay: async (invoiceId, amountMinor, effectiveDate, component = 'principal') => {
      paymentCount += 1;
      const [entry] = await post(buildPaymentApplication(target(invoiceId), amountMinor, effectiveDate, `pay_${paymentCount}`, component));
      return entry!;
    },
    reverse: async (entry, effectiveDate) => (await post(buildReversal(entry, effectiveDate, 'test reversal')))[0]!,
  };
}

const ledgerColumns = [
  'tenant_id', 'id', 'kind', 'debit_account', 'credit_account', 'amount_minor', 'currency', 'debtor_id', 'account_id',
  'invoice_id', 'payment_id', 'component', 'reverses_entry_id', 'effective_date', 'occurred_at', 'source', 'reason',
] as const;

/** Inserts ledger entries as they are, in one statement (the ledger's CHECKs still apply). */
export async function insertLedgerEntries(db: Queryable, tenantId: string, entries: readonly LedgerEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const values: unknown[] = [];
  const placeholders = entries.map((entry) => {
    const n = values.length;
    values.push(
      tenantId, entry.id, entry.kind, entry.debitAccount, entry.creditAccount, entry.amountMinor, entry.currency, entry.debtorId, entry.accountId,
      entry.invoiceId, entry.paymentId, entry.component, entry.reversesEntryId, entry.effectiveDate, occurredAt, 'test', entry.reason,
    );
    return `(${ledgerColumns.map((_, i) => `$${n + i + 1}`).join(', ')})`;
  });
  await db.query(`INSERT INTO ledger_entry (${ledgerColumns.join(', ')}) VALUES ${placeholders.join(', ')}`, values);
}
