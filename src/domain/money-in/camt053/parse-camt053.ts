// Reads an ISO 20022 camt.053 bank-to-customer statement (tested on .001.02 and .001.08; the elements read
// here are the same in the versions between). Amounts go from decimal text to minor units through
// parseAmount, never through a float. The first problem refuses the whole file and names the element path.
//
// Balance check: when a statement has both an opening (OPBD, else PRCD) and a closing (CLBD) balance,
// opening + booked credits − booked debits must equal the closing balance, or the file is refused
// (`balance_mismatch`). An error rather than a warning: a statement that does not add up is truncated or
// misread, and cash application must not post money from it. Pending and informational entries are not
// on the account yet and do not count.
import { formatAmount, isKnownCurrency, parseAmount } from '../../money/money.ts';
import { ok } from '../../shared/result.ts';
import {
  bankFileError, type BankFileResult, type BankTransaction, type BankTransactionStatus,
} from '../cash-application/bank-transaction.ts';
import type { BankEntry, BankStatement, StatementBalance } from './bank-statement.ts';
import { readXmlTree, type XmlElement } from './read-xml-tree.ts';

type Parsed<T> = BankFileResult<T>;

const child = (element: XmlElement | undefined, name: string): XmlElement | undefined =>
  element?.children.find((candidate) => candidate.name === name);
const childrenNamed = (element: XmlElement | undefined, name: string): XmlElement[] =>
  element === undefined ? [] : element.children.filter((candidate) => candidate.name === name);
const descend = (element: XmlElement | undefined, ...names: string[]): XmlElement | undefined =>
  names.reduce<XmlElement | undefined>((current, name) => child(current, name), element);
const textOf = (element: XmlElement | undefined): string | null => {
  if (element === undefined) return null;
  const trimmed = element.text.trim();
  return trimmed === '' ? null : trimmed;
};
const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

const statusCodes: Record<string, BankTransactionStatus> = { BOOK: 'booked', PDNG: 'pending', INFO: 'info', FUTR: 'pending' };

function readDate(element: XmlElement | undefined, path: string): Parsed<string | null> {
  if (element === undefined) return ok(null);
  const dateElement = child(element, 'Dt');
  const dateTimeElement = child(element, 'DtTm');
  const raw = textOf(dateElement) ?? textOf(dateTimeElement);
  const at = `${path}/${dateElement !== undefined ? 'Dt' : 'DtTm'}`;
  if (raw === null) return bankFileError('missing_value', at, 'a date is expected');
  // A DtTm carries the bank's local date in its first ten characters ("2026-11-20T10:15:00+01:00").
  const date = raw.slice(0, 10);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null || (dateTimeElement !== undefined && dateElement === undefined && raw.length > 10 && raw[10] !== 'T')) {
    return bankFileError('malformed_date', at, `"${raw}" is not a date (YYYY-MM-DD)`);
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return bankFileError('malformed_date', at, `"${raw}" is not a calendar date`);
  }
  return ok(date);
}

/** An Amt element: `Ccy` attribute and decimal text (the XSD allows digits, one ".", no sign). */
function readAmount(element: XmlElement | undefined, path: string): Parsed<{ amountMinor: bigint; currency: string }> {
  if (element === undefined) return bankFileError('missing_element', path, 'the amount is missing');
  const currency = element.attributes.get('Ccy')?.trim() ?? '';
  if (currency === '') return bankFileError('missing_value', `${path}/@Ccy`, 'the currency attribute is missing');
  if (!isKnownCurrency(currency)) return bankFileError('unknown_currency', `${path}/@Ccy`, `"${currency}" is not an ISO 4217 currency`);
  const raw = element.text.trim();
  if (!/^\d+(\.\d+)?$/.test(raw)) return bankFileError('malformed_amount', path, `"${raw}" is not an amount`);
  const amount = parseAmount(raw, currency);
  if (!amount.ok) return bankFileError('malformed_amount', path, `"${raw}": ${amount.message}`);
  return ok({ amountMinor: amount.value, currency });
}

function readDirection(element: XmlElement | undefined, path: string): Parsed<'credit' | 'debit'> {
  const raw = textOf(element);
  if (raw === null) return bankFileError('missing_element', path, 'CRDT or DBIT is expected');
  if (raw === 'CRDT') return ok('credit');
  if (raw === 'DBIT') return ok('debit');
  return bankFileError('invalid_value', path, `"${raw}" is neither CRDT nor DBIT`);
}

function readBalance(element: XmlElement, path: string): Parsed<StatementBalance> {
  const type = textOf(descend(element, 'Tp', 'CdOrPrtry', 'Cd')) ?? textOf(descend(element, 'Tp', 'CdOrPrtry', 'Prtry'));
  if (type === null) return bankFileError('missing_element', `${path}/Tp/CdOrPrtry/Cd`, 'the balance type is missing');
  const amount = readAmount(child(element, 'Amt'), `${path}/Amt`);
  if (!amount.ok) return amount;
  const direction = readDirection(child(element, 'CdtDbtInd'), `${path}/CdtDbtInd`);
  if (!direction.ok) return direction;
  const date = readDate(child(element, 'Dt'), `${path}/Dt`);
  if (!date.ok) return date;
  const signed = direction.value === 'debit' ? -amount.value.amountMinor : amount.value.amountMinor;
  return ok({ type, amountMinor: signed, currency: amount.value.currency, date: date.value });
}

function readAccountId(element: XmlElement | undefined): { iban: string | null; otherId: string | null } {
  const id = child(element, 'Id');
  const iban = textOf(child(id, 'IBAN'));
  return { iban: iban === null ? null : iban.replace(/\s+/g, '').toUpperCase(), otherId: textOf(descend(id, 'Othr', 'Id')) };
}

/** A related party's name: Dbtr/Nm in .02, Dbtr/Pty/Nm from .08 on. */
const partyName = (party: XmlElement | undefined): string | null => {
  const name = textOf(child(party, 'Nm')) ?? textOf(descend(party, 'Pty', 'Nm'));
  return name === null ? null : collapse(name);
};

type EntryFacts = Omit<BankEntry, 'transactions' | 'position'>;

function readTransaction(details: XmlElement | undefined, entry: EntryFacts, transactionId: string, amountMinor: bigint): BankTransaction {
  const parties = child(details, 'RltdPties');
  const credit = entry.direction === 'credit';
  // The counterparty is who paid us on a credit, whom we paid on a debit; a reversal swaps the roles back.
  const counterpartyIsDebtor = credit !== entry.reversal;
  const remittance = child(details, 'RmtInf');
  const creditorReferences: string[] = [];
  for (const structured of childrenNamed(remittance, 'Strd')) {
    const reference = textOf(descend(structured, 'CdtrRefInf', 'Ref'));
    if (reference !== null) creditorReferences.push(reference);
    for (const document of childrenNamed(structured, 'RfrdDocInf')) {
      const number = textOf(child(document, 'Nb'));
      if (number !== null) creditorReferences.push(number);
    }
  }
  const account = readAccountId(child(parties, counterpartyIsDebtor ? 'DbtrAcct' : 'CdtrAcct'));
  return {
    transactionId,
    direction: entry.direction,
    amountMinor,
    currency: entry.currency,
    status: entry.status,
    reversal: entry.reversal,
    bookingDate: entry.bookingDate,
    valueDate: entry.valueDate,
    bankReference: textOf(descend(details, 'Refs', 'AcctSvcrRef')) ?? entry.bankReference,
    endToEndId: ((id) => (id === null || id === 'NOTPROVIDED' ? null : id))(textOf(descend(details, 'Refs', 'EndToEndId'))),
    remittanceText: childrenNamed(remittance, 'Ustrd').map((line) => collapse(line.text)).filter((line) => line !== ''),
    creditorReferences,
    counterpartyName: partyName(child(parties, counterpartyIsDebtor ? 'Dbtr' : 'Cdtr')),
    counterpartyAccount: account.iban ?? account.otherId,
  };
}

function readEntry(element: XmlElement, path: string, position: number, statementId: string, currency: string): Parsed<BankEntry> {
  const amount = readAmount(child(element, 'Amt'), `${path}/Amt`);
  if (!amount.ok) return amount;
  if (amount.value.currency !== currency) {
    return bankFileError('currency_mismatch', `${path}/Amt/@Ccy`, `${amount.value.currency} differs from the statement currency ${currency}`);
  }
  const direction = readDirection(child(element, 'CdtDbtInd'), `${path}/CdtDbtInd`);
  if (!direction.ok) return direction;
  const reversalText = textOf(child(element, 'RvslInd'));
  if (reversalText !== null && reversalText !== 'true' && reversalText !== 'false') {
    return bankFileError('invalid_value', `${path}/RvslInd`, `"${reversalText}" is neither true nor false`);
  }
  const statusElement = child(element, 'Sts');
  const statusCode = textOf(child(statusElement, 'Cd')) ?? textOf(statusElement);
  if (statusCode === null) return bankFileError('missing_element', `${path}/Sts`, 'the entry status is missing');
  const status = statusCodes[statusCode];
  if (status === undefined) return bankFileError('invalid_value', `${path}/Sts`, `"${statusCode}" is not BOOK, PDNG, INFO or FUTR`);
  const bookingDate = readDate(child(element, 'BookgDt'), `${path}/BookgDt`);
  if (!bookingDate.ok) return bookingDate;
  const valueDate = readDate(child(element, 'ValDt'), `${path}/ValDt`);
  if (!valueDate.ok) return valueDate;
  const facts: EntryFacts = {
    entryReference: textOf(child(element, 'NtryRef')),
    direction: direction.value,
    amountMinor: amount.value.amountMinor,
    currency,
    status,
    reversal: reversalText === 'true',
    bookingDate: bookingDate.value,
    valueDate: valueDate.value,
    bankReference: textOf(child(element, 'AcctSvcrRef')),
  };

  const details: Array<{ element: XmlElement; path: string }> = [];
  childrenNamed(element, 'NtryDtls').forEach((entryDetails, detailsIndex) => {
    childrenNamed(entryDetails, 'TxDtls').forEach((transaction, transactionIndex) => {
      details.push({ element: transaction, path: `${path}/NtryDtls[${detailsIndex + 1}]/TxDtls[${transactionIndex + 1}]` });
    });
  });
  const entryId = `${statementId}/${position}`;
  if (details.length === 0) {
    return ok({ ...facts, position, transactions: [readTransaction(undefined, facts, entryId, facts.amountMinor)] });
  }
  const transactions: BankTransaction[] = [];
  let totalMinor = 0n;
  for (const [index, detail] of details.entries()) {
    // The transaction amount: AmtDtls/TxAmt/Amt (.02), or Amt directly under TxDtls (.08).
    const amountElement = descend(detail.element, 'AmtDtls', 'TxAmt', 'Amt') ?? child(detail.element, 'Amt');
    const amountPath = `${detail.path}/${child(detail.element, 'Amt') !== undefined ? 'Amt' : 'AmtDtls/TxAmt/Amt'}`;
    let transactionMinor = facts.amountMinor;
    if (amountElement !== undefined) {
      const transactionAmount = readAmount(amountElement, amountPath);
      if (!transactionAmount.ok) return transactionAmount;
      if (transactionAmount.value.currency !== currency) {
        return bankFileError('currency_mismatch', `${amountPath}/@Ccy`, `${transactionAmount.value.currency} differs from the entry currency ${currency}`);
      }
      transactionMinor = transactionAmount.value.amountMinor;
    } else if (details.length > 1) {
      return bankFileError('missing_element', amountPath, 'each transaction of a batched entry needs its amount');
    }
    totalMinor += transactionMinor;
    transactions.push(readTransaction(detail.element, facts, details.length === 1 ? entryId : `${entryId}/${index + 1}`, transactionMinor));
  }
  if (totalMinor !== facts.amountMinor) {
    return bankFileError(
      'batch_total_mismatch',
      `${path}/Amt`,
      `the ${details.length} transactions add up to ${formatAmount(totalMinor, currency)}, not the entry amount ${formatAmount(facts.amountMinor, currency)}`,
    );
  }
  return ok({ ...facts, position, transactions });
}

function readStatement(element: XmlElement, path: string, messageVersion: string | null): Parsed<BankStatement> {
  const statementId = textOf(child(element, 'Id'));
  if (statementId === null) return bankFileError('missing_element', `${path}/Id`, 'the statement id is missing');
  const accountElement = child(element, 'Acct');
  if (accountElement === undefined) return bankFileError('missing_element', `${path}/Acct`, 'the account is missing');
  const accountId = readAccountId(accountElement);
  if (accountId.iban === null && accountId.otherId === null) {
    return bankFileError('missing_element', `${path}/Acct/Id`, 'the account has neither an IBAN nor another id');
  }
  const accountCurrency = textOf(child(accountElement, 'Ccy'));
  if (accountCurrency !== null && !isKnownCurrency(accountCurrency)) {
    return bankFileError('unknown_currency', `${path}/Acct/Ccy`, `"${accountCurrency}" is not an ISO 4217 currency`);
  }

  const balances: StatementBalance[] = [];
  const balanceElements = childrenNamed(element, 'Bal');
  for (const [index, balanceElement] of balanceElements.entries()) {
    const balance = readBalance(balanceElement, `${path}/Bal[${index + 1}]`);
    if (!balance.ok) return balance;
    balances.push(balance.value);
  }
  const openingIndex = ((opening) => (opening === -1 ? balances.findIndex((balance) => balance.type === 'PRCD') : opening))(
    balances.findIndex((balance) => balance.type === 'OPBD'),
  );
  const closingIndex = balances.findIndex((balance) => balance.type === 'CLBD');
  const openingBalance = balances[openingIndex] ?? null;
  const closingBalance = balances[closingIndex] ?? null;

  const entryElements = childrenNamed(element, 'Ntry');
  const firstEntryCurrency = child(entryElements[0], 'Amt')?.attributes.get('Ccy')?.trim();
  const currency = accountCurrency ?? openingBalance?.currency ?? closingBalance?.currency ?? firstEntryCurrency;
  if (currency === undefined || currency === '') {
    return bankFileError('missing_element', `${path}/Acct/Ccy`, 'the statement has no currency: no account currency, balance or entry');
  }
  for (const [index, balance] of balances.entries()) {
    if (balance.currency !== currency) {
      return bankFileError('currency_mismatch', `${path}/Bal[${index + 1}]/Amt/@Ccy`, `${balance.currency} differs from the account currency ${currency}`);
    }
  }

  const entries: BankEntry[] = [];
  for (const [index, entryElement] of entryElements.entries()) {
    const entry = readEntry(entryElement, `${path}/Ntry[${index + 1}]`, index + 1, statementId, currency);
    if (!entry.ok) return entry;
    entries.push(entry.value);
  }

  if (openingBalance !== null && closingBalance !== null) {
    let computedMinor = openingBalance.amountMinor;
    let creditsMinor = 0n;
    let debitsMinor = 0n;
    for (const entry of entries) {
      if (entry.status !== 'booked') continue;
      if (entry.direction === 'credit') creditsMinor += entry.amountMinor;
      else debitsMinor += entry.amountMinor;
    }
    computedMinor += creditsMinor - debitsMinor;
    if (computedMinor !== closingBalance.amountMinor) {
      const show = (amountMinor: bigint) => formatAmount(amountMinor, currency);
      return bankFileError(
        'balance_mismatch',
        `${path}/Bal[${closingIndex + 1}]`,
        `opening ${show(openingBalance.amountMinor)} + credits ${show(creditsMinor)} − debits ${show(debitsMinor)} = ${show(computedMinor)}, ` +
          `but the closing balance is ${show(closingBalance.amountMinor)}`,
      );
    }
  }

  return ok({
    messageVersion,
    statementId,
    sequenceNumber: textOf(child(element, 'ElctrncSeqNb')),
    createdAt: textOf(child(element, 'CreDtTm')),
    account: { ...accountId, currency: accountCurrency, ownerName: partyName(child(accountElement, 'Ownr')) },
    currency,
    openingBalance,
    closingBalance,
    balances,
    entries,
  });
}

/**
 * Parses the text of a camt.053 file (decode the bytes first; camt.053 is UTF-8) into its statements.
 * The first problem refuses the file; the error's `field` is the element path.
 *
 * @example
 * const result = parseCamt053(xml);
 * if (!result.ok) console.error(result.message); // 'Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt: "12.3.4" is not an amount'
 * else for (const statement of result.value) for (const entry of statement.entries) entry.transactions;
 */
export function parseCamt053(xml: string): BankFileResult<BankStatement[]> {
  const tree = readXmlTree(xml);
  if (!tree.ok) return bankFileError('malformed_xml', 'Document', tree.message);
  const document = tree.value;
  if (document.name !== 'Document') {
    return bankFileError('not_camt053', document.name, `the root element is <${document.name}>, not <Document>`);
  }
  const namespace = document.attributes.get('xmlns') ?? '';
  const versionMatch = /camt\.(\d{3})\.001\.(\d{2})/.exec(namespace);
  if (namespace !== '' && (versionMatch === null || versionMatch[1] !== '053')) {
    return bankFileError('not_camt053', 'Document/@xmlns', `"${namespace}" is not a camt.053 namespace`);
  }
  const messageVersion = versionMatch === null ? null : `camt.053.001.${versionMatch[2]}`;
  const message = child(document, 'BkToCstmrStmt');
  if (message === undefined) return bankFileError('not_camt053', 'Document/BkToCstmrStmt', 'the document has no BkToCstmrStmt');
  const statementElements = childrenNamed(message, 'Stmt');
  if (statementElements.length === 0) return bankFileError('missing_element', 'Document/BkToCstmrStmt/Stmt', 'the file holds no statement');
  const statements: BankStatement[] = [];
  for (const [index, statementElement] of statementElements.entries()) {
    const statement = readStatement(statementElement, `Document/BkToCstmrStmt/Stmt[${index + 1}]`, messageVersion);
    if (!statement.ok) return statement;
    statements.push(statement.value);
  }
  return ok(statements);
}

/** Every transaction of every statement, in file order: what cash application takes. */
export const listBankTransactions = (statements: BankStatement[]): BankTransaction[] =>
  statements.flatMap((statement) => statement.entries.flatMap((entry) => entry.transactions));
