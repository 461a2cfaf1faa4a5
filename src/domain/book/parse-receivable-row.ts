import { DateTime } from 'luxon';
import { isKnownCurrency, parseAmount } from '../money/money.ts';
import { isCalendarDate } from '../shared/calendar-date.ts';
import type { ImportMapping } from './import-mapping.ts';

/** One row of a receivables file, validated and typed. Amounts in minor units, dates 'YYYY-MM-DD'. */
export type ReceivableRow = {
  lineNumber: number;
  debtorRef: string;
  debtorName: string;
  debtorKind: 'person' | 'business';
  debtPurpose: 'consumer' | 'commercial';
  country: string | null;
  region: string | null;
  postalCode: string | null;
  city: string | null;
  addressLine1: string | null;
  phone: string | null;
  email: string | null;
  timeZone: string | null;
  accountRef: string;
  invoiceNumber: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  amountMinor: bigint;
  disputed: boolean;
  paidDate: string | null;
  /** What the settlement columns say was paid; null when the row is not settled. */
  paidMinor: bigint | null;
  invoiceAttributes: Record<string, string>;
  debtorAttributes: Record<string, string>;
};

export type RowProblemCode =
  | 'missing_field' | 'invalid_date' | 'malformed_amount' | 'negative_amount' | 'too_many_decimals'
  | 'unknown_currency' | 'invalid_boolean' | 'invalid_value' | 'due_before_issue' | 'invalid_time_zone' | 'wrong_column_count'
  // Found across rows, not in one row alone:
  | 'duplicate_row' | 'duplicate_invoice' | 'invoice_debtor_changed';

/** What is wrong with a row: its line in the file, the column, and the problem in words. */
export type RowProblem = { lineNumber: number; column: string | null; code: RowProblemCode; message: string };

const personWords = new Set(['person', 'individual', 'consumer', 'natural_person', 'private']);
const businessWords = new Set(['business', 'company', 'commercial', 'organisation', 'organization', 'corporate', 'b2b']);

/**
 * Validates one row against the mapping. Every problem of the row is reported (not only the first),
 * each naming its column, so a person can fix the file in one pass.
 */
export function parseReceivableRow(cells: Record<string, string>, mapping: ImportMapping, lineNumber: number): { ok: true; row: ReceivableRow } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const problem = (column: string | null, code: RowProblemCode, message: string) => problems.push({ lineNumber, column, code, message });
  const columns = mapping.columns;
  const cell = (column: string | undefined): string | null => {
    if (column === undefined) return null;
    const value = cells[column];
    if (value === undefined) return null;
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  };
  const required = (column: string, what: string): string | null => {
    const value = cell(column);
    if (value === null) problem(column, 'missing_field', `${what} is missing`);
    return value;
  };
  const date = (column: string, value: string | null, what: string): string | null => {
    if (value === null) return null;
    const parsed = parseDate(value, mapping.dateFormats);
    if (parsed === null) {
      problem(column, 'invalid_date', `${what} "${value}" is not a date in the format ${mapping.dateFormats.map((f) => `"${f}"`).join(' or ')}`);
    }
    return parsed;
  };

  for (const column of mapping.requiredColumns) {
    if (cell(column) === null) problem(column, 'missing_field', `${column} is missing`);
  }

  const debtorRef = required(columns.debtorRef, 'the debtor reference');
  let invoiceNumber = required(columns.invoiceNumber, 'the invoice number');
  if (invoiceNumber !== null && mapping.invoiceNumberLength !== undefined && /^\d+$/.test(invoiceNumber)) {
    invoiceNumber = invoiceNumber.padStart(mapping.invoiceNumberLength, '0');
  }
  const issueDate = date(columns.issueDate, required(columns.issueDate, 'the invoice date'), 'the invoice date');
  const dueDate = date(columns.dueDate, required(columns.dueDate, 'the due date'), 'the due date');
  if (issueDate !== null && dueDate !== null && dueDate < issueDate) {
    problem(columns.dueDate, 'due_before_issue', `the due date ${dueDate} is before the invoice date ${issueDate}`);
  }

  let currency = cell(columns.currency) ?? mapping.currency ?? null;
  if (currency === null) {
    problem(columns.currency ?? null, 'missing_field', 'the currency is missing (map a currency column or set "currency" in the mapping)');
  } else {
    currency = currency.toUpperCase();
    if (!isKnownCurrency(currency)) {
      problem(columns.currency ?? null, 'unknown_currency', `"${currency}" is not an ISO 4217 currency code`);
      currency = null;
    }
  }

  const amount = (column: string, text: string | null, what: string): bigint | null => {
    if (text === null || currency === null) return null;
    const parsed = parseAmount(text, currency, { decimalSeparator: mapping.decimalSeparator, thousandsSeparator: mapping.thousandsSeparator });
    if (!parsed.ok) {
      problem(column, parsed.code, `${what} ${parsed.message}`);
      return null;
    }
    if (parsed.value < 0n) {
      problem(column, 'negative_amount', `${what} "${text}" is negative (record a credit note instead)`);
      return null;
    }
    return parsed.value;
  };
  const amountMinor = amount(columns.amount, required(columns.amount, 'the invoice amount'), 'the invoice amount');

  const bool = (column: string | undefined): boolean => {
    const value = column === undefined ? null : (cells[column] ?? '').trim().toLowerCase();
    if (value === null) return false;
    if (mapping.booleans.true.some((t) => t.toLowerCase() === value)) return true;
    if (mapping.booleans.false.some((f) => f.toLowerCase() === value)) return false;
    problem(column ?? null, 'invalid_boolean', `"${cells[column!]}" is neither yes nor no (expected one of ${[...mapping.booleans.true, ...mapping.booleans.false].filter(Boolean).join(', ')})`);
    return false;
  };
  const disputed = bool(columns.disputed);

  let paidDate: string | null = null;
  let paidMinor: bigint | null = null;
  if (mapping.settlement !== undefined) {
    const dateText = cell(mapping.settlement.dateColumn);
    paidDate = date(mapping.settlement.dateColumn, dateText, 'the settled date');
    const amountText = cell(mapping.settlement.amountColumn);
    if (paidDate !== null) {
      paidMinor = mapping.settlement.amountColumn === undefined || amountText === null
        ? amountMinor
        : amount(mapping.settlement.amountColumn, amountText, 'the paid amount');
      if (paidMinor === 0n) {
        paidDate = null;
        paidMinor = null;
      }
    } else if (amountText !== null && dateText === null && mapping.settlement.amountColumn !== undefined) {
      const paid = amount(mapping.settlement.amountColumn, amountText, 'the paid amount');
      if (paid !== null && paid > 0n) problem(mapping.settlement.dateColumn, 'missing_field', 'the paid date is missing for a paid amount');
    }
  }

  const kindText = cell(columns.debtorKind)?.toLowerCase() ?? null;
  let debtorKind = mapping.defaults.debtorKind;
  if (kindText !== null) {
    if (personWords.has(kindText)) debtorKind = 'person';
    else if (businessWords.has(kindText)) debtorKind = 'business';
    else problem(columns.debtorKind ?? null, 'invalid_value', `debtor kind "${kindText}" is neither person nor business`);
  }
  const purposeText = cell(columns.debtPurpose)?.toLowerCase() ?? null;
  let debtPurpose = mapping.defaults.debtPurpose;
  if (purposeText !== null) {
    if (purposeText === 'consumer' || purposeText === 'personal' || purposeText === 'household') debtPurpose = 'consumer';
    else if (purposeText === 'commercial' || purposeText === 'business') debtPurpose = 'commercial';
    else problem(columns.debtPurpose ?? null, 'invalid_value', `debt purpose "${purposeText}" is neither consumer nor commercial`);
  }

  const timeZone = cell(columns.timeZone);
  if (timeZone !== null && !isValidZone(timeZone)) {
    problem(columns.timeZone ?? null, 'invalid_time_zone', `"${timeZone}" is not an IANA time zone`);
  }

  const attributes = (spec: Record<string, string>) => {
    const result: Record<string, string> = {};
    for (const [name, column] of Object.entries(spec)) {
      const value = cell(column);
      if (value !== null) result[name] = value;
    }
    return result;
  };

  if (problems.length > 0 || debtorRef === null || invoiceNumber === null || issueDate === null || dueDate === null || currency === null || amountMinor === null) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    row: {
      lineNumber,
      debtorRef,
      debtorName: cell(columns.debtorName) ?? debtorRef,
      debtorKind,
      debtPurpose,
      country: cell(columns.country)?.toUpperCase() ?? mapping.defaults.country ?? null,
      region: cell(columns.region),
      postalCode: cell(columns.postalCode),
      city: cell(columns.city),
      addressLine1: cell(columns.addressLine1),
      phone: cell(columns.phone),
      email: cell(columns.email),
      timeZone,
      accountRef: cell(columns.accountRef) ?? debtorRef,
      invoiceNumber,
      issueDate,
      dueDate,
      currency,
      amountMinor,
      disputed,
      paidDate,
      paidMinor,
      invoiceAttributes: attributes(mapping.invoiceAttributes),
      debtorAttributes: attributes(mapping.debtorAttributes),
    },
  };
}


type CompiledFormat = { pattern: RegExp; order: Array<'y' | 'M' | 'd'> } | null;
const compiledFormats = new Map<string, CompiledFormat>();

// Numeric formats (yyyy, M/MM, d/dd and separators) are parsed by a compiled pattern: a million-row
// import parses two or three dates a row, and luxon's general parser is the slow path. Anything else
// (month names, two-digit years) goes to luxon.
function compileFormat(format: string): CompiledFormat {
  const order: Array<'y' | 'M' | 'd'> = [];
  let source = '^';
  const tokens = format.match(/yyyy|MM|M|dd|d|[^yMd]+/g);
  if (tokens === null || tokens.join('') !== format) return null;
  for (const token of tokens) {
    if (token === 'yyyy') { order.push('y'); source += '(\\d{4})'; }
    else if (token === 'MM') { order.push('M'); source += '(\\d{2})'; }
    else if (token === 'M') { order.push('M'); source += '(\\d{1,2})'; }
    else if (token === 'dd') { order.push('d'); source += '(\\d{2})'; }
    else if (token === 'd') { order.push('d'); source += '(\\d{1,2})'; }
    else if (/^[-/. ]+$/.test(token)) source += token.replace(/[.]/g, '\\.');
    else return null;
  }
  if (order.length !== 3 || new Set(order).size !== 3) return null;
  return { pattern: new RegExp(source + '$'), order };
}

/** A calendar date in one of the formats, or an ISO date (which spreadsheet readers produce). */
export function parseDate(text: string, formats: readonly string[]): string | null {
  for (const format of formats) {
    let compiled = compiledFormats.get(format);
    if (compiled === undefined) {
      compiled = compileFormat(format);
      compiledFormats.set(format, compiled);
    }
    if (compiled !== null) {
      const match = compiled.pattern.exec(text);
      if (match === null) continue;
      const parts = { y: '', M: '', d: '' };
      compiled.order.forEach((field, i) => { parts[field] = match[i + 1]!; });
      const iso = `${parts.y}-${parts.M.padStart(2, '0')}-${parts.d.padStart(2, '0')}`;
      if (isCalendarDate(iso)) return iso;
      continue;
    }
    const parsed = DateTime.fromFormat(text, format, { zone: 'UTC' });
    if (parsed.isValid) return parsed.toISODate();
  }
  if (isCalendarDate(text)) return text;
  return null;
}

function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
