import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BankFileError } from '../cash-application/bank-transaction.ts';
import type { BankStatement } from './bank-statement.ts';
import { listBankTransactions, parseCamt053 } from './parse-camt053.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../../test/fixtures/bank/${name}`, import.meta.url), 'utf8');

function parsed(xml: string): BankStatement[] {
  const result = parseCamt053(xml);
  if (!result.ok) throw new Error(`expected the file to parse: ${result.message}`);
  return result.value;
}

function refused(xml: string): BankFileError {
  const result = parseCamt053(xml);
  if (result.ok) throw new Error('expected the file to be refused');
  return result;
}

const v02 = fixture('camt053-v02-acme-bank.xml');
const v08 = fixture('camt053-v08-two-accounts.xml');

describe('parseCamt053 on camt.053.001.02', () => {
  const [statement] = parsed(v02);
  if (statement === undefined) throw new Error('one statement expected');

  it('reads the statement, its account and its balances as signed exact minor units', () => {
    expect(statement.messageVersion).toBe('camt.053.001.02');
    expect(statement.statementId).toBe('STMT-2026-11-20-DE89');
    expect(statement.sequenceNumber).toBe('226');
    expect(statement.account).toEqual({ iban: 'DE89370400440532013000', otherId: null, currency: 'EUR', ownerName: 'Recoup Demo Creditor GmbH' });
    expect(statement.currency).toBe('EUR');
    expect(statement.openingBalance).toEqual({ type: 'OPBD', amountMinor: 1_000_000n, currency: 'EUR', date: '2026-11-20' });
    expect(statement.closingBalance?.amountMinor).toBe(1_501_475n);
    expect(statement.entries).toHaveLength(6);
  });

  it('reads a single credit with unstructured remittance, the payer and the references', () => {
    const entry = statement.entries[0];
    expect(entry).toMatchObject({ position: 1, entryReference: '1', direction: 'credit', amountMinor: 125_000n, status: 'booked', reversal: false, bookingDate: '2026-11-20', valueDate: '2026-11-20', bankReference: '2026112000012345' });
    expect(entry?.transactions).toEqual([{
      transactionId: 'STMT-2026-11-20-DE89/1',
      direction: 'credit',
      amountMinor: 125_000n,
      currency: 'EUR',
      status: 'booked',
      reversal: false,
      bookingDate: '2026-11-20',
      valueDate: '2026-11-20',
      bankReference: '2026112000012345',
      endToEndId: 'ACME-PAY-7781',
      remittanceText: ['Payment for invoice INV-000123 & thanks'],
      creditorReferences: [],
      counterpartyName: 'ACME LLC',
      counterpartyAccount: 'NL91ABNA0417164300',
    }]);
  });

  it('reads structured remittance (referred document number and creditor reference), drops NOTPROVIDED and collapses blanks', () => {
    const transaction = statement.entries[1]?.transactions[0];
    expect(transaction?.creditorReferences).toEqual(['RF71INV000124', 'INV-000124']);
    expect(transaction?.endToEndId).toBeNull();
    expect(transaction?.counterpartyName).toBe('Globex GmbH');
    expect(transaction?.counterpartyAccount).toBe('0532013999');
    expect(transaction?.valueDate).toBe('2026-11-19');
  });

  it('splits a batched entry into one transaction per TxDtls with its own amount and payer', () => {
    const batch = statement.entries[2];
    expect(batch?.amountMinor).toBe(300_000n);
    expect(batch?.transactions.map((transaction) => [transaction.transactionId, transaction.amountMinor, transaction.counterpartyName, transaction.remittanceText])).toEqual([
      ['STMT-2026-11-20-DE89/3/1', 100_000n, 'Stark Industries Ltd', ['INV 000130']],
      ['STMT-2026-11-20-DE89/3/2', 150_000n, 'Wayne Enterprises', ['Rechnung INV-131 und', 'INV-132, Kunde 4711']],
      ['STMT-2026-11-20-DE89/3/3', 50_000n, 'Initech Inc.', []],
    ]);
  });

  it('reads a debit without details as one transaction, and a reversal with the original payer', () => {
    expect(statement.entries[3]?.transactions).toMatchObject([{ direction: 'debit', amountMinor: 1_575n, bankReference: 'FEE-2026-11', counterpartyName: null }]);
    expect(statement.entries[4]?.transactions).toMatchObject([{ direction: 'debit', reversal: true, amountMinor: 20_000n, counterpartyName: 'Umbrella Corp' }]);
  });

  it('reads a pending entry and CDATA text', () => {
    expect(statement.entries[5]).toMatchObject({ status: 'pending', bookingDate: null, valueDate: '2026-11-23' });
    expect(statement.entries[5]?.transactions[0]?.remittanceText).toEqual(['Invoice <INV-000140>']);
  });

  it('lists every transaction of the file in order', () => {
    expect(listBankTransactions([statement]).map((transaction) => transaction.transactionId)).toEqual([
      'STMT-2026-11-20-DE89/1', 'STMT-2026-11-20-DE89/2', 'STMT-2026-11-20-DE89/3/1', 'STMT-2026-11-20-DE89/3/2', 'STMT-2026-11-20-DE89/3/3',
      'STMT-2026-11-20-DE89/4', 'STMT-2026-11-20-DE89/5', 'STMT-2026-11-20-DE89/6',
    ]);
  });
});

describe('parseCamt053 on camt.053.001.08', () => {
  const statements = parsed(v08);

  it('reads two statements, a negative opening balance (PRCD DBIT) and an IBAN written with blanks', () => {
    expect(statements.map((statement) => [statement.statementId, statement.currency])).toEqual([['CH-20261120-1', 'CHF'], ['CH-20261120-2', 'EUR']]);
    expect(statements[0]?.messageVersion).toBe('camt.053.001.08');
    expect(statements[0]?.account.iban).toBe('CH9300762011623852957');
    expect(statements[0]?.openingBalance).toMatchObject({ type: 'PRCD', amountMinor: -50_000n });
    expect(statements[0]?.closingBalance).toMatchObject({ type: 'CLBD', amountMinor: 144_500n });
  });

  it('reads .08 shapes: Sts/Cd, TxDtls/Amt, Dbtr/Pty/Nm, BookgDt/DtTm, Cdtr of a debit', () => {
    const [batch, , debit] = statements[0]?.entries ?? [];
    expect(batch).toMatchObject({ status: 'booked', bookingDate: '2026-11-20' });
    expect(batch?.transactions.map((transaction) => [transaction.amountMinor, transaction.counterpartyName, transaction.creditorReferences, transaction.remittanceText])).toEqual([
      [120_000n, 'Müller & Söhne AG', ['210000000003139471430009017'], []],
      [80_000n, 'Helvetia Holz GmbH', [], ['Rg. 2026-0815']],
    ]);
    expect(debit?.transactions[0]).toMatchObject({ direction: 'debit', counterpartyName: 'Swisscom AG', counterpartyAccount: 'CH3908704016075473007' });
  });

  it('takes the currency of a statement without Acct/Ccy or balances from its first entry', () => {
    expect(statements[1]).toMatchObject({ account: { iban: null, otherId: 'EUR-SUB-0042', currency: null }, openingBalance: null, closingBalance: null });
    expect(statements[1]?.entries[0]?.amountMinor).toBe(7_520n);
  });
});

describe('parseCamt053 refuses what it cannot read exactly, naming the element', () => {
  it('an amount that is not a decimal number', () => {
    const error = refused(fixture('camt053-malformed-amount.xml'));
    expect(error.code).toBe('malformed_amount');
    expect(error.message).toBe('Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt: "12.3.4" is not an amount');
  });

  it('a closing balance that the entries do not reach', () => {
    const error = refused(fixture('camt053-balance-mismatch.xml'));
    expect(error.code).toBe('balance_mismatch');
    expect(error.field).toBe('Document/BkToCstmrStmt/Stmt[1]/Bal[2]');
    expect(error.message).toContain('opening 10,000.00 + credits 5,230.50 − debits 215.75 = 15,014.75, but the closing balance is 15,024.75');
  });

  it('the balance check ignores pending entries: making the pending one booked breaks it', () => {
    expect(refused(v02.replace('<Sts>PDNG</Sts>', '<Sts>BOOK</Sts>')).code).toBe('balance_mismatch');
  });

  it('a truncated file', () => {
    const error = refused(fixture('camt053-truncated.xml'));
    expect(error.code).toBe('malformed_xml');
    expect(error.message).toMatch(/is not closed/);
  });

  it('more decimals than the currency has', () => {
    const error = refused(v02.replace('<Amt Ccy="EUR">15.75</Amt>', '<Amt Ccy="EUR">15.751</Amt>'));
    expect(error).toMatchObject({ code: 'malformed_amount', field: 'Document/BkToCstmrStmt/Stmt[1]/Ntry[4]/Amt' });
  });

  it('a negative amount (the sign belongs in CdtDbtInd)', () => {
    expect(refused(v02.replace('<Amt Ccy="EUR">15.75</Amt>', '<Amt Ccy="EUR">-15.75</Amt>')).code).toBe('malformed_amount');
  });

  it('an unknown currency, and an entry in another currency than the account', () => {
    expect(refused(v02.replace('<Amt Ccy="EUR">15.75</Amt>', '<Amt Ccy="EUX">15.75</Amt>'))).toMatchObject({ code: 'unknown_currency', field: 'Document/BkToCstmrStmt/Stmt[1]/Ntry[4]/Amt/@Ccy' });
    expect(refused(v02.replace('<Amt Ccy="EUR">15.75</Amt>', '<Amt Ccy="USD">15.75</Amt>')).code).toBe('currency_mismatch');
  });

  it('a batch whose transactions do not add up to the entry', () => {
    const error = refused(v02.replace('<Amt Ccy="EUR">500.00</Amt>', '<Amt Ccy="EUR">499.99</Amt>'));
    expect(error).toMatchObject({ code: 'batch_total_mismatch', field: 'Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt' });
    expect(error.message).toContain('add up to 2,999.99, not the entry amount 3,000.00');
  });

  it('a batched transaction without its amount', () => {
    const xml = v02.replace('<AmtDtls>\n              <TxAmt>\n                <Amt Ccy="EUR">500.00</Amt>\n              </TxAmt>\n            </AmtDtls>', '');
    expect(refused(xml)).toMatchObject({ code: 'missing_element', field: 'Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/NtryDtls[1]/TxDtls[3]/AmtDtls/TxAmt/Amt' });
  });

  it('a wrong credit/debit indicator, status, reversal flag or date', () => {
    expect(refused(v02.replace('<CdtDbtInd>DBIT</CdtDbtInd>', '<CdtDbtInd>DEBIT</CdtDbtInd>'))).toMatchObject({ code: 'invalid_value', field: 'Document/BkToCstmrStmt/Stmt[1]/Ntry[4]/CdtDbtInd' });
    expect(refused(v02.replace('<Sts>PDNG</Sts>', '<Sts>HOLD</Sts>'))).toMatchObject({ code: 'invalid_value', field: 'Document/BkToCstmrStmt/Stmt[1]/Ntry[6]/Sts' });
    expect(refused(v02.replace('<RvslInd>true</RvslInd>', '<RvslInd>yes</RvslInd>')).code).toBe('invalid_value');
    expect(refused(v02.replace('<Dt>2026-11-19</Dt>', '<Dt>2026-02-30</Dt>'))).toMatchObject({ code: 'malformed_date', field: 'Document/BkToCstmrStmt/Stmt[1]/Ntry[2]/ValDt/Dt' });
  });

  it('a missing statement id or account', () => {
    expect(refused(v02.replace('<Id>STMT-2026-11-20-DE89</Id>', ''))).toMatchObject({ code: 'missing_element', field: 'Document/BkToCstmrStmt/Stmt[1]/Id' });
  });

  it('another message, another root, a DOCTYPE, unknown entities and mismatched tags', () => {
    expect(refused(v02.replace('xsd:camt.053.001.02', 'xsd:camt.052.001.02')).code).toBe('not_camt053');
    expect(refused('<Foo/>').code).toBe('not_camt053');
    expect(refused('<!DOCTYPE x [<!ENTITY a "b">]><Document/>').code).toBe('malformed_xml');
    expect(refused(v02.replace('&amp; thanks', '&nbsp; thanks')).message).toMatch(/unknown entity "&nbsp;"/);
    expect(refused(v02.replace('</NtryRef>', '</NtryReff>')).message).toMatch(/line \d+: end tag <\/NtryReff> does not close <NtryRef>/);
  });
});
