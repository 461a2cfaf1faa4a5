import { assert } from '../shared/result.ts';

/**
 * Ledger accounts of the chart Recoup keeps per debtor account. `receivable` is what the debtor owes
 * (per invoice); `credit_balance` is money held for the debtor (an overpayment); the rest are the
 * creditor's side of each movement.
 */
export type LedgerAccount =
  | 'receivable' | 'revenue' | 'interest_income' | 'fee_income' | 'cash'
  | 'credit_balance' | 'sales_returns' | 'adjustments' | 'bad_debt';

export type EntryKind = 'charge' | 'interest' | 'fee' | 'payment' | 'credit_note' | 'adjustment' | 'write_off' | 'reversal';

/** Which part of a receivable an entry moves: allocation policies pay fees, interest and principal in an order. */
export type Component = 'principal' | 'interest' | 'fee';

/**
 * One double-entry transfer: `amountMinor` moves from `creditAccount` to `debitAccount`. A row always
 * balances by construction, so the ledger as a whole can never create or lose money.
 */
export type LedgerEntryDraft = {
  kind: EntryKind;
  debitAccount: LedgerAccount;
  creditAccount: LedgerAccount;
  amountMinor: bigint;
  currency: string;
  accountId: string;
  debtorId: string;
  invoiceId: string | null;
  paymentId: string | null;
  component: Component | null;
  reversesEntryId: string | null;
  effectiveDate: string;
  reason: string | null;
};

export type LedgerEntry = LedgerEntryDraft & { id: string };

type Target = { accountId: string; debtorId: string; invoiceId: string | null; currency: string };

const base = (target: Target, effectiveDate: string, amountMinor: bigint) => {
  assert(amountMinor > 0n, `ledger amounts are positive (got ${amountMinor})`);
  return {
    amountMinor,
    currency: target.currency,
    accountId: target.accountId,
    debtorId: target.debtorId,
    invoiceId: target.invoiceId,
    paymentId: null,
    reversesEntryId: null,
    effectiveDate,
    reason: null,
  };
};

/** The invoice amount: the debtor now owes it (Dr receivable, Cr revenue). */
export function buildCharge(target: Target, amountMinor: bigint, effectiveDate: string): LedgerEntryDraft {
  return { ...base(target, effectiveDate, amountMinor), kind: 'charge', debitAccount: 'receivable', creditAccount: 'revenue', component: 'principal' };
}

export function buildInterest(target: Target, amountMinor: bigint, effectiveDate: string): LedgerEntryDraft {
  return { ...base(target, effectiveDate, amountMinor), kind: 'interest', debitAccount: 'receivable', creditAccount: 'interest_income', component: 'interest' };
}

export function buildFee(target: Target, amountMinor: bigint, effectiveDate: string, reason: string): LedgerEntryDraft {
  return { ...base(target, effectiveDate, amountMinor), kind: 'fee', debitAccount: 'receivable', creditAccount: 'fee_income', component: 'fee', reason };
}

/** Money received and applied to one component of an invoice (Dr cash, Cr receivable). */
export function buildPaymentApplication(target: Target, amountMinor: bigint, effectiveDate: string, paymentId: string, component: Component): LedgerEntryDraft {
  return { ...base(target, effectiveDate, amountMinor), kind: 'payment', debitAccount: 'cash', creditAccount: 'receivable', component, paymentId };
}

/** Money received beyond what is owed: held for the debtor as a credit balance (Dr cash, Cr credit_balance). */
export function buildCreditBalance(target: Target, amountMinor: bigint, effectiveDate: string, paymentId: string): LedgerEntryDraft {
  return { ...base({ ...target, invoiceId: null }, effectiveDate, amountMinor), kind: 'payment', debitAccount: 'cash', creditAccount: 'credit_balance', component: null, paymentId };
}

export function buildCreditNote(target: Target, amountMinor: bigint, effectiveDate: string, reason: string): LedgerEntryDraft {
  return { ...base(target, effectiveDate, amountMinor), kind: 'credit_note', debitAccount: 'sales_returns', creditAccount: 'receivable', component: 'principal', reason };
}

/** A correction of the amount owed: positive raises it, negative lowers it. */
export function buildAdjustment(target: Target, deltaMinor: bigint, effectiveDate: string, reason: string, component: Component = 'principal'): LedgerEntryDraft {
  assert(deltaMinor !== 0n, 'an adjustment moves a non-zero amount');
  const up = deltaMinor > 0n;
  return {
    ...base(target, effectiveDate, up ? deltaMinor : -deltaMinor),
    kind: 'adjustment',
    debitAccount: up ? 'receivable' : 'adjustments',
    creditAccount: up ? 'adjustments' : 'receivable',
    component,
    reason,
  };
}

export function buildWriteOff(target: Target, amountMinor: bigint, effectiveDate: string, reason: string, component: Component = 'principal'): LedgerEntryDraft {
  return { ...base(target, effectiveDate, amountMinor), kind: 'write_off', debitAccount: 'bad_debt', creditAccount: 'receivable', component, reason };
}

/** Undoes an entry by the opposite transfer (tigerbeetle's correcting transfers); the original stays. */
export function buildReversal(original: LedgerEntry, effectiveDate: string, reason: string): LedgerEntryDraft {
  assert(original.kind !== 'reversal', 'a reversal is not reversed; post the original again instead');
  return {
    ...original,
    kind: 'reversal',
    debitAccount: original.creditAccount,
    creditAccount: original.debitAccount,
    reversesEntryId: original.id,
    effectiveDate,
    reason,
  };
}

/** The signed effect of an entry on one ledger account (debit positive for receivable and cash). */
export function effectOn(entry: Pick<LedgerEntryDraft, 'debitAccount' | 'creditAccount' | 'amountMinor'>, account: LedgerAccount): bigint {
  if (entry.debitAccount === account) return entry.amountMinor;
  if (entry.creditAccount === account) return -entry.amountMinor;
  return 0n;
}
