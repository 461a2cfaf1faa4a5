import { describe, expect, it } from 'vitest';
import type { BankFileError, BankTransaction } from '../cash-application/bank-transaction.ts';
import { parseBankCsvDate, parseBankCsvLine, type BankCsvMapping } from './parse-bank-csv-line.ts';

const german: BankCsvMapping = {
  headers: ['Buchungstag', 'Valuta', 'Auftraggeber', 'IBAN', 'Verwendungszweck', 'Betrag', 'Referenz'],
  bookingDateColumn: 'Buchungstag',
  valueDateColumn: 'Valuta',
  dateFormat: 'DD.MM.YYYY',
  amount: { column: 'Betrag' },
  decimalSeparator: ',',
  thousandsSeparator: '.',
  currency: { code: 'EUR' },
  remittanceColumn: 'Verwendungszweck',
  payerNameColumn: 'Auftraggeber',
  payerAccountColumn: 'IBAN',
  referenceColumn: 'Referenz',
};

const american: BankCsvMapping = {
  bookingDateColumn: 0,
  dateFormat: 'MM/DD/YYYY',
  amount: { creditColumn: 2, debitColumn: 3 },
  decimalSeparator: '.',
  thousandsSeparator: ',',
  currency: { column: 4 },
  remittanceColumn: 1,
};

function parsed(cells: string[], mapping: BankCsvMapping, lineNumber = 2): BankTransaction {
  const result = parseBankCsvLine({ lineNumber, fileId: 'imp_1', cells }, mapping);
  if (!result.ok) throw new Error(`expected the row to parse: ${result.message}`);
  return result.value;
}

function refused(cells: string[], mapping: BankCsvMapping, lineNumber = 2): BankFileError {
  const result = parseBankCsvLine({ lineNumber, fileId: 'imp_1', cells }, mapping);
  if (result.ok) throw new Error('expected the row to be refused');
  return result;
}

describe('parseBankCsvLine', () => {
  it('reads a German row with comma decimals, dotted thousands and named columns into a credit', () => {
    expect(parsed(['20.11.2026', '19.11.2026', 'ACME  LLC', 'NL91 ABNA 0417 1643 00', 'RE INV-000123', '1.250,50', 'BANK-REF-1'], german, 7)).toEqual({
      transactionId: 'imp_1:7',
      direction: 'credit',
      amountMinor: 125_050n,
      currency: 'EUR',
      status: 'booked',
      reversal: false,
      bookingDate: '2026-11-20',
      valueDate: '2026-11-19',
      bankReference: 'BANK-REF-1',
      endToEndId: null,
      remittanceText: ['RE INV-000123'],
      creditorReferences: [],
      counterpartyName: 'ACME LLC',
      counterpartyAccount: 'NL91ABNA0417164300',
    });
  });

  it('a negative signed amount is a debit of its magnitude; an empty value date is null', () => {
    expect(parsed(['20.11.2026', '', 'Stadtwerke', '', 'Strom', '-89,90', ''], german)).toMatchObject({
      direction: 'debit', amountMinor: 8_990n, valueDate: null, counterpartyName: 'Stadtwerke', counterpartyAccount: null, bankReference: null,
    });
  });

  it('reads separate credit and debit columns, a currency column and US dates', () => {
    expect(parsed(['11/20/2026', 'INV 000123', '1,250.00', '', 'usd'], american)).toMatchObject({ direction: 'credit', amountMinor: 125_000n, currency: 'USD', bookingDate: '2026-11-20' });
    expect(parsed(['11/20/2026', 'fee', '', '-15.75', 'USD'], american)).toMatchObject({ direction: 'debit', amountMinor: 1_575n });
    expect(parsed(['11/20/2026', 'yen', '1,250', '', 'JPY'], american)).toMatchObject({ amountMinor: 1_250n, currency: 'JPY' });
  });

  it('names the line and the column of a malformed amount', () => {
    const error = refused(['20.11.2026', '', 'ACME', '', '', '12,3,4', ''], german, 12);
    expect(error.code).toBe('malformed_amount');
    expect(error.field).toBe('line 12, column 6 "Betrag"');
    expect(error.message).toMatch(/^line 12, column 6 "Betrag": "12,3,4" is not an amount/);
  });

  it('refuses more decimals than the currency has, rather than rounding', () => {
    expect(refused(['11/20/2026', 'x', '10.005', '', 'USD'], american).code).toBe('malformed_amount');
    expect(refused(['11/20/2026', 'x', '10.5', '', 'JPY'], american).code).toBe('malformed_amount');
  });

  it('refuses a date that is not in the format or not on the calendar', () => {
    expect(refused(['2026-11-20', '', 'ACME', '', '', '1,00', ''], german)).toMatchObject({ code: 'malformed_date', field: 'line 2, column 1 "Buchungstag"' });
    expect(refused(['31.11.2026', '', 'ACME', '', '', '1,00', ''], german).code).toBe('malformed_date');
    expect(refused(['20/11/2026', 'x', '1.00', '', 'USD'], american).code).toBe('malformed_date');
  });

  it('refuses rows with both or neither credit and debit, a zero amount, an unknown currency, a short row', () => {
    expect(refused(['11/20/2026', 'x', '1.00', '2.00', 'USD'], american).code).toBe('invalid_value');
    expect(refused(['11/20/2026', 'x', '', '', 'USD'], american).code).toBe('missing_value');
    expect(refused(['11/20/2026', 'x', '0.00', '', 'USD'], american).code).toBe('invalid_value');
    expect(refused(['11/20/2026', 'x', '1.00', '', 'XXY'], american)).toMatchObject({ code: 'unknown_currency', field: 'line 2, column 5' });
    expect(refused(['11/20/2026', 'x', '1.00', '', 'USD'].slice(0, 3), { ...american, currency: { code: 'USD' } })).toMatchObject({ code: 'missing_element', field: 'line 2, column 4' });
  });

  it('refuses a mapping that names a column the header lacks', () => {
    expect(refused(['20.11.2026', '', 'ACME', '', '', '1,00', ''], { ...german, remittanceColumn: 'Zweck' }).message).toMatch(/"Zweck" is not in the header/);
  });
});

describe('parseBankCsvDate', () => {
  it('reads each format and checks the calendar (leap days included)', () => {
    expect(parseBankCsvDate('2028-02-29', 'YYYY-MM-DD')).toBe('2028-02-29');
    expect(parseBankCsvDate('2026-02-29', 'YYYY-MM-DD')).toBeNull();
    expect(parseBankCsvDate('20261120', 'YYYYMMDD')).toBe('2026-11-20');
    expect(parseBankCsvDate('1.2.2026', 'DD.MM.YYYY')).toBe('2026-02-01');
    expect(parseBankCsvDate('01/02/2026', 'DD/MM/YYYY')).toBe('2026-02-01');
    expect(parseBankCsvDate('01/02/2026', 'MM/DD/YYYY')).toBe('2026-01-02');
    expect(parseBankCsvDate('20-11-2026', 'DD-MM-YYYY')).toBe('2026-11-20');
  });
});
