// The typed shape of an ISO 20022 camt.053 (bank-to-customer statement) as parseCamt053 reads it.
// Element names in the comments are the ISO ones; amounts are exact minor units.
import type { BankTransaction, BankTransactionStatus } from '../cash-application/bank-transaction.ts';

/** A balance as the bank states it: signed (a DBIT balance is negative), in minor units. */
export type StatementBalance = {
  /** Bal/Tp/CdOrPrtry/Cd: OPBD opening booked, PRCD previously closed, CLBD closing booked, CLAV, ITBD… */
  type: string;
  amountMinor: bigint;
  currency: string;
  /** Bal/Dt, YYYY-MM-DD. */
  date: string | null;
};

/** One Ntry: what moved the balance, with the transactions it bundles (one per TxDtls, or itself). */
export type BankEntry = {
  /** 1-based position in its statement. */
  position: number;
  /** NtryRef, when the bank gives one. */
  entryReference: string | null;
  direction: 'credit' | 'debit';
  amountMinor: bigint;
  currency: string;
  status: BankTransactionStatus;
  reversal: boolean;
  bookingDate: string | null;
  valueDate: string | null;
  /** AcctSvcrRef. */
  bankReference: string | null;
  /** NtryDtls/Btch/NbOfTxs or the count of TxDtls. */
  transactions: BankTransaction[];
};

export type BankStatement = {
  /** "camt.053.001.02", "camt.053.001.08", … from the namespace; null when the file has none. */
  messageVersion: string | null;
  /** Stmt/Id. */
  statementId: string;
  /** Stmt/ElctrncSeqNb. */
  sequenceNumber: string | null;
  /** Stmt/CreDtTm as written. */
  createdAt: string | null;
  account: { iban: string | null; otherId: string | null; currency: string | null; ownerName: string | null };
  /** Acct/Ccy, else the opening balance's, else the first entry's. */
  currency: string;
  /** OPBD, else PRCD. */
  openingBalance: StatementBalance | null;
  /** CLBD. */
  closingBalance: StatementBalance | null;
  balances: StatementBalance[];
  entries: BankEntry[];
};
