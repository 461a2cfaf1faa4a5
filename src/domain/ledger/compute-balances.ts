import { effectOn, type Component, type LedgerEntryDraft } from './ledger-entry.ts';

export type ComponentBalances = Record<Component, bigint>;
export type InvoiceBalance = { invoiceId: string; accountId: string; currency: string; byComponent: ComponentBalances; totalMinor: bigint };

export type Balances = {
  invoices: Map<string, InvoiceBalance>;
  /** Receivable per account and currency ("acct|USD"). */
  accounts: Map<string, bigint>;
  /** Receivable per debtor and currency ("dbt|USD"). */
  debtors: Map<string, bigint>;
  /** Money held for each debtor ("dbt|USD"). */
  creditBalances: Map<string, bigint>;
  /** Sum over every ledger account: zero, always (double entry). */
  trialBalance: Map<string, bigint>;
};

const zero = (): ComponentBalances => ({ principal: 0n, interest: 0n, fee: 0n });

/**
 * Balances as a projection of the ledger: the same sums the database views compute. Entries after
 * `asOf` (an effective date, 'YYYY-MM-DD') are left out when it is given.
 */
export function computeBalances(entries: Iterable<LedgerEntryDraft>, asOf?: string): Balances {
  const balances: Balances = { invoices: new Map(), accounts: new Map(), debtors: new Map(), creditBalances: new Map(), trialBalance: new Map() };
  const add = (map: Map<string, bigint>, key: string, amount: bigint) => map.set(key, (map.get(key) ?? 0n) + amount);
  for (const entry of entries) {
    if (asOf !== undefined && entry.effectiveDate > asOf) continue;
    add(balances.trialBalance, `${entry.debitAccount}|${entry.currency}`, entry.amountMinor);
    add(balances.trialBalance, `${entry.creditAccount}|${entry.currency}`, -entry.amountMinor);
    const receivable = effectOn(entry, 'receivable');
    if (receivable !== 0n) {
      add(balances.accounts, `${entry.accountId}|${entry.currency}`, receivable);
      add(balances.debtors, `${entry.debtorId}|${entry.currency}`, receivable);
      if (entry.invoiceId !== null) {
        const invoice = balances.invoices.get(entry.invoiceId) ?? {
          invoiceId: entry.invoiceId, accountId: entry.accountId, currency: entry.currency, byComponent: zero(), totalMinor: 0n,
        };
        invoice.byComponent[entry.component ?? 'principal'] += receivable;
        invoice.totalMinor += receivable;
        balances.invoices.set(entry.invoiceId, invoice);
      }
    }
    // credit_balance is a liability: a credit raises what is held for the debtor.
    const held = -effectOn(entry, 'credit_balance');
    if (held !== 0n) add(balances.creditBalances, `${entry.debtorId}|${entry.currency}`, held);
  }
  return balances;
}
