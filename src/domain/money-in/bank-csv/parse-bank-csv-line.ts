// Reads one row of a bank's CSV export into the BankTransaction that camt.053 gives too. Pure: the adapter
// reads and splits the file (csv-parse) and hands each row's cells here with its line number. Every bank
// lays its CSV out differently, so a small mapping says where the date, amount, currency and remittance
// text are and how dates and decimals are written.
import { isKnownCurrency, parseAmount, type DecimalFormat } from '../../money/money.ts';
import { ok } from '../../shared/result.ts';
import { bankFileError, type BankFileError, type BankFileResult, type BankTransaction } from '../cash-application/bank-transaction.ts';

/** A column: its 0-based position, or its header text (looked up in `headers`). */
export type BankCsvColumn = number | string;

export type BankCsvDateFormat = 'YYYY-MM-DD' | 'YYYYMMDD' | 'DD.MM.YYYY' | 'DD/MM/YYYY' | 'MM/DD/YYYY' | 'DD-MM-YYYY';

export type BankCsvMapping = {
  /** The header row, when the file has one: names columns in the mapping and in error messages. */
  headers?: string[];
  bookingDateColumn: BankCsvColumn;
  valueDateColumn?: BankCsvColumn;
  dateFormat: BankCsvDateFormat;
  /**
   * One signed amount column (negative, or in parentheses, is a debit), or a credit and a debit column of
   * which one is filled.
   */
  amount: { column: BankCsvColumn } | { creditColumn: BankCsvColumn; debitColumn: BankCsvColumn };
  decimalSeparator: DecimalFormat['decimalSeparator'];
  thousandsSeparator?: DecimalFormat['thousandsSeparator'];
  /** The account's currency, or a column that holds the ISO code on each row. */
  currency: { code: string } | { column: BankCsvColumn };
  remittanceColumn?: BankCsvColumn;
  payerNameColumn?: BankCsvColumn;
  payerAccountColumn?: BankCsvColumn;
  /** The bank's reference for the row. */
  referenceColumn?: BankCsvColumn;
};

export type BankCsvLine = {
  /** 1-based line of the row in the file. */
  lineNumber: number;
  /** Identifies the file (an import id, a file hash): transaction ids are `${fileId}:${lineNumber}`. */
  fileId: string;
  cells: string[];
};

const datePatterns: Record<BankCsvDateFormat, { pattern: RegExp; order: ['y' | 'm' | 'd', 'y' | 'm' | 'd', 'y' | 'm' | 'd'] }> = {
  'YYYY-MM-DD': { pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: ['y', 'm', 'd'] },
  YYYYMMDD: { pattern: /^(\d{4})(\d{2})(\d{2})$/, order: ['y', 'm', 'd'] },
  'DD.MM.YYYY': { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: ['d', 'm', 'y'] },
  'DD/MM/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['d', 'm', 'y'] },
  'MM/DD/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['m', 'd', 'y'] },
  'DD-MM-YYYY': { pattern: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, order: ['d', 'm', 'y'] },
};

/** "YYYY-MM-DD" from a date written in `format`, or null when it is not a calendar date. */
export function parseBankCsvDate(text: string, format: BankCsvDateFormat): string | null {
  const { pattern, order } = datePatterns[format];
  const match = pattern.exec(text.trim());
  if (match === null) return null;
  const parts = { y: 0, m: 0, d: 0 };
  order.forEach((part, index) => {
    parts[part] = Number(match[index + 1]);
  });
  const check = new Date(Date.UTC(parts.y, parts.m - 1, parts.d));
  if (check.getUTCFullYear() !== parts.y || check.getUTCMonth() !== parts.m - 1 || check.getUTCDate() !== parts.d) return null;
  return `${String(parts.y).padStart(4, '0')}-${String(parts.m).padStart(2, '0')}-${String(parts.d).padStart(2, '0')}`;
}

type Cell = { text: string; where: string };

/**
 * Parses one CSV row. Errors name the line and the column (`line 12, column 3 "Amount": …`).
 *
 * @example
 * parseBankCsvLine({ lineNumber: 2, fileId: 'imp_1', cells: ['20.11.2026', '1.250,00', 'INV-000123', 'ACME LLC'] },
 *   { bookingDateColumn: 0, dateFormat: 'DD.MM.YYYY', amount: { column: 1 }, decimalSeparator: ',', thousandsSeparator: '.',
 *     currency: { code: 'EUR' }, remittanceColumn: 2, payerNameColumn: 3 });
 */
export function parseBankCsvLine(line: BankCsvLine, mapping: BankCsvMapping): BankFileResult<BankTransaction> {
  const headers = mapping.headers ?? [];
  const rowWhere = `line ${line.lineNumber}`;
  const cell = (column: BankCsvColumn, role: string): Cell | BankFileError => {
    const index = typeof column === 'number' ? column : headers.indexOf(column);
    if (index < 0) return bankFileError('missing_element', rowWhere, `the ${role} column "${String(column)}" is not in the header`);
    const header = headers[index];
    const where = `${rowWhere}, column ${index + 1}${header !== undefined ? ` "${header}"` : ''}`;
    const text = line.cells[index];
    if (text === undefined) return bankFileError('missing_element', where, `the row has ${line.cells.length} columns, the ${role} is expected in column ${index + 1}`);
    return { text: text.trim(), where };
  };
  const isError = (value: Cell | BankFileError): value is BankFileError => 'ok' in value;
  const optionalText = (column: BankCsvColumn | undefined, role: string): string | null | BankFileError => {
    if (column === undefined) return null;
    const found = cell(column, role);
    if (isError(found)) return found;
    const collapsed = found.text.replace(/\s+/g, ' ');
    return collapsed === '' ? null : collapsed;
  };

  let currency: string;
  if ('code' in mapping.currency) {
    currency = mapping.currency.code;
    if (!isKnownCurrency(currency)) return bankFileError('unknown_currency', rowWhere, `the mapping's currency "${currency}" is not an ISO 4217 currency`);
  } else {
    const currencyCell = cell(mapping.currency.column, 'currency');
    if (isError(currencyCell)) return currencyCell;
    currency = currencyCell.text.toUpperCase();
    if (!isKnownCurrency(currency)) return bankFileError('unknown_currency', currencyCell.where, `"${currencyCell.text}" is not an ISO 4217 currency`);
  }

  const dates: Array<string | null> = [];
  for (const [column, role] of [[mapping.bookingDateColumn, 'booking date'], [mapping.valueDateColumn, 'value date']] as const) {
    if (column === undefined) {
      dates.push(null);
      continue;
    }
    const dateCell = cell(column, role);
    if (isError(dateCell)) return dateCell;
    if (dateCell.text === '' && role === 'value date') {
      dates.push(null);
      continue;
    }
    const date = parseBankCsvDate(dateCell.text, mapping.dateFormat);
    if (date === null) return bankFileError('malformed_date', dateCell.where, `"${dateCell.text}" is not a ${mapping.dateFormat} date`);
    dates.push(date);
  }

  const format: DecimalFormat = { decimalSeparator: mapping.decimalSeparator, thousandsSeparator: mapping.thousandsSeparator };
  const readAmount = (amountCell: Cell): BankFileResult<bigint> => {
    const amount = parseAmount(amountCell.text.replace(/^\+/, ''), currency, format);
    if (!amount.ok) return bankFileError('malformed_amount', amountCell.where, `"${amountCell.text}" is not an amount: ${amount.message}`);
    return amount;
  };
  let signedMinor: bigint;
  if ('column' in mapping.amount) {
    const amountCell = cell(mapping.amount.column, 'amount');
    if (isError(amountCell)) return amountCell;
    if (amountCell.text === '') return bankFileError('missing_value', amountCell.where, 'the amount is empty');
    const amount = readAmount(amountCell);
    if (!amount.ok) return amount;
    signedMinor = amount.value;
  } else {
    const creditCell = cell(mapping.amount.creditColumn, 'credit amount');
    if (isError(creditCell)) return creditCell;
    const debitCell = cell(mapping.amount.debitColumn, 'debit amount');
    if (isError(debitCell)) return debitCell;
    if (creditCell.text !== '' && debitCell.text !== '') {
      return bankFileError('invalid_value', rowWhere, `both the credit (${creditCell.text}) and the debit (${debitCell.text}) columns are filled`);
    }
    if (creditCell.text === '' && debitCell.text === '') return bankFileError('missing_value', rowWhere, 'neither the credit nor the debit column is filled');
    const filled = creditCell.text !== '' ? creditCell : debitCell;
    const amount = readAmount(filled);
    if (!amount.ok) return amount;
    // Some banks write debits as negative numbers in the debit column too: the column decides the sign.
    const magnitude = amount.value < 0n ? -amount.value : amount.value;
    signedMinor = filled === creditCell ? magnitude : -magnitude;
  }
  if (signedMinor === 0n) return bankFileError('invalid_value', rowWhere, 'the amount is zero');

  const remittance = optionalText(mapping.remittanceColumn, 'remittance text');
  if (remittance !== null && typeof remittance !== 'string') return remittance;
  const payerName = optionalText(mapping.payerNameColumn, 'payer name');
  if (payerName !== null && typeof payerName !== 'string') return payerName;
  const payerAccount = optionalText(mapping.payerAccountColumn, 'payer account');
  if (payerAccount !== null && typeof payerAccount !== 'string') return payerAccount;
  const reference = optionalText(mapping.referenceColumn, 'reference');
  if (reference !== null && typeof reference !== 'string') return reference;

  return ok({
    transactionId: `${line.fileId}:${line.lineNumber}`,
    direction: signedMinor > 0n ? 'credit' : 'debit',
    amountMinor: signedMinor > 0n ? signedMinor : -signedMinor,
    currency,
    status: 'booked',
    reversal: false,
    bookingDate: dates[0] ?? null,
    valueDate: dates[1] ?? null,
    bankReference: reference,
    endToEndId: null,
    remittanceText: remittance === null ? [] : [remittance],
    creditorReferences: [],
    counterpartyName: payerName,
    counterpartyAccount: payerAccount === null ? null : payerAccount.replace(/\s+/g, ''),
  });
}
