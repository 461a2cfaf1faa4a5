// One movement on a bank account as cash application sees it, whatever file it came from (camt.053 entry
// details, a CSV row). Amounts are positive minor units; the direction says which way the money went.
import type { Success } from '../../shared/result.ts';

/** 'booked' counts in the balance; 'pending' and 'info' are announced but not (yet) on the account. */
export type BankTransactionStatus = 'booked' | 'pending' | 'info';

export type BankTransaction = {
  /** Stable within the file: the statement id with entry and detail positions, or the CSV line number. */
  transactionId: string;
  direction: 'credit' | 'debit';
  /** Always positive: minor units of `currency`. */
  amountMinor: bigint;
  currency: string;
  status: BankTransactionStatus;
  /** True when the bank reverses an earlier entry (camt.053 RvslInd): never applied to invoices. */
  reversal: boolean;
  /** YYYY-MM-DD, the bank's calendar date. */
  bookingDate: string | null;
  valueDate: string | null;
  /** The bank's own reference (camt.053 AcctSvcrRef, a CSV reference column). */
  bankReference: string | null;
  /** The payer's end-to-end id, when the payer gave one. */
  endToEndId: string | null;
  /** Unstructured remittance lines as written by the payer. */
  remittanceText: string[];
  /** Structured creditor references (camt.053 Strd/CdtrRefInf/Ref, RF creditor references). */
  creditorReferences: string[];
  /** Who paid us on a credit; whom we paid on a debit (for a reversal, the party of the reversed entry). */
  counterpartyName: string | null;
  /** IBAN or other account id of the counterparty. */
  counterpartyAccount: string | null;
};

export type BankFileErrorCode =
  | 'malformed_xml'
  | 'not_camt053'
  | 'missing_element'
  | 'missing_value'
  | 'malformed_amount'
  | 'unknown_currency'
  | 'currency_mismatch'
  | 'malformed_date'
  | 'invalid_value'
  | 'batch_total_mismatch'
  | 'balance_mismatch';

/**
 * Why a bank file (or one CSV row) was refused. `field` names where: an element path such as
 * `Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt`, or `line 12, column "Amount"` for CSV; `message` starts
 * with it so it can be shown as is.
 */
export type BankFileError = { ok: false; code: BankFileErrorCode; message: string; field: string };

export const bankFileError = (code: BankFileErrorCode, field: string, problem: string): BankFileError => ({
  ok: false,
  code,
  message: `${field}: ${problem}`,
  field,
});

/** What the bank-file parsers return: the value, or the first problem. */
export type BankFileResult<T> = Success<T> | BankFileError;
