// Transaction codes of the entry detail record (NACHA Operating Rules, Appendix Three). The second digit
// says what the entry does: 1 return/NOC of a credit, 2 credit, 3 prenote of a credit, 4 zero-dollar credit
// with remittance data, 5 loan reversal debit, 6 return/NOC of a debit, 7 debit, 8 prenote of a debit,
// 9 zero-dollar debit with remittance data. ADV entries use 81-88, odd codes crediting, even ones debiting.

/** Checking (2x), savings (3x), general ledger (4x) and loan (5x) accounts. */
const accountEntryCodes = new Set([
  '21', '22', '23', '24', '26', '27', '28', '29',
  '31', '32', '33', '34', '36', '37', '38', '39',
  '41', '42', '43', '44', '46', '47', '48', '49',
  '51', '52', '53', '54', '55', '56',
]);
const advEntryCodes = new Set(['81', '82', '83', '84', '85', '86', '87', '88']);

export type TransactionDirection = 'credit' | 'debit';

/** Whether `code` is a transaction code of an ordinary (non-ADV) entry. */
export function isAccountTransactionCode(code: string): boolean {
  return accountEntryCodes.has(code);
}

/** Whether `code` is an automated accounting advice (ADV) transaction code. */
export function isAdvTransactionCode(code: string): boolean {
  return advEntryCodes.has(code);
}

/** Whether a known transaction code moves money to the receiver (credit) or from it (debit). */
export function transactionDirection(code: string): TransactionDirection {
  if (advEntryCodes.has(code)) return Number(code) % 2 === 1 ? 'credit' : 'debit';
  const kind = Number(code[1]);
  return kind >= 1 && kind <= 4 ? 'credit' : 'debit';
}

/** IAT addenda 10 Transaction Type Codes (NACHA Operating Rules, Appendix Three, IAT Addenda Record). */
export const iatTransactionTypeCodes: ReadonlySet<string> = new Set([
  'ANN', 'BUS', 'DEP', 'LOA', 'MIS', 'MOR', 'PEN', 'RLS', 'REM', 'SAL', 'TAX', 'TEL', 'WEB', 'ARC', 'BOC', 'POP', 'RCK',
]);
