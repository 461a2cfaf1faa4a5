// Reads a bank file into what `recoup bank import` works on, whatever its format: NACHA (returns and
// notifications of change for debits Recoup sent), ISO 20022 camt.053 statements, or a bank's CSV export
// read through a mapping. The first problem refuses the whole file, with a message that names where.
import { parse } from 'csv-parse/sync';
import type { BankCsvMapping } from '../../domain/money-in/bank-csv/parse-bank-csv-line.ts';
import { parseBankCsvLine } from '../../domain/money-in/bank-csv/parse-bank-csv-line.ts';
import { listBankTransactions, parseCamt053 } from '../../domain/money-in/camt053/parse-camt053.ts';
import type { BankTransaction } from '../../domain/money-in/cash-application/bank-transaction.ts';
import { decodeNachaText } from '../../domain/money-in/nacha/decode-nacha-text.ts';
import { describeRecord } from '../../domain/money-in/nacha/nacha-record-layouts.ts';
import { parseNachaFile } from '../../domain/money-in/nacha/parse-nacha-file.ts';
import { readNachaReturns, type NachaNotificationOfChange, type NachaReturn } from '../../domain/money-in/nacha/read-nacha-returns.ts';

export type BankFileFormat = 'nacha' | 'camt053' | 'csv';

/** A CSV mapping file: the BankCsvMapping, plus whether the first row is a header (default true) and the delimiter. */
export type BankCsvMappingFile = BankCsvMapping & { hasHeader?: boolean; delimiter?: string };

export type BankFileContent =
  | { format: 'nacha'; returns: NachaReturn[]; notificationsOfChange: NachaNotificationOfChange[]; otherEntries: number }
  | { format: 'camt053' | 'csv'; transactions: BankTransaction[] };

/** The first problem of a file: `where` names the record and field (NACHA), element path (camt.053) or line and column (CSV). */
export type BankFileProblem = { ok: false; code: string; message: string; where: string };

/** NACHA files start with a file header record: '1', priority code '01'. */
export function detectBankFileFormat(text: string): BankFileFormat {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (/^101[ 0-9]/.test(start)) return 'nacha';
  if (start.startsWith('<')) return 'camt053';
  return 'csv';
}

export function readBankFile(bytes: Uint8Array, fileId: string, csvMapping?: BankCsvMappingFile): { ok: true; value: BankFileContent } | BankFileProblem {
  const decoded = decodeNachaText(bytes).text;
  const format = detectBankFileFormat(decoded);
  if (format === 'nacha') {
    const parsed = parseNachaFile(decoded);
    if (!parsed.ok) {
      const where = `line ${parsed.lineNumber}, record ${parsed.recordType} (${describeRecord(parsed.recordType)}), field "${parsed.field}"${parsed.position === undefined ? '' : ` (position ${parsed.position})`}`;
      return { ok: false, code: parsed.code, message: `${where}: ${parsed.message}`, where };
    }
    const { returns, notificationsOfChange } = readNachaReturns(parsed.value);
    const entries = parsed.value.batches.reduce((sum, batch) => sum + batch.entries.length, 0);
    return { ok: true, value: { format, returns, notificationsOfChange, otherEntries: entries - returns.length - notificationsOfChange.length } };
  }
  if (format === 'camt053') {
    const parsed = parseCamt053(decoded);
    if (!parsed.ok) return { ok: false, code: parsed.code, message: parsed.message, where: parsed.field };
    return { ok: true, value: { format, transactions: listBankTransactions(parsed.value) } };
  }
  if (csvMapping === undefined) {
    return { ok: false, code: 'mapping_required', message: 'the file is neither NACHA nor camt.053 XML; a CSV statement needs --mapping (see docs/bank-statements-and-cash-application.md)', where: 'file' };
  }
  let rows: Array<{ record: string[]; info: { lines: number } }>;
  try {
    rows = parse(decoded.replace(/^\uFEFF/, ''), { delimiter: csvMapping.delimiter ?? ',', relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const message = (error as Error).message;
    const line = /line (\d+)/i.exec(message)?.[1];
    return { ok: false, code: 'malformed_csv', message: `${line === undefined ? 'file' : `line ${line}`}: ${message}`, where: line === undefined ? 'file' : `line ${line}` };
  }
  const hasHeader = csvMapping.hasHeader ?? true;
  const mapping: BankCsvMapping = hasHeader && rows[0] !== undefined ? { ...csvMapping, headers: rows[0].record.map((cell) => cell.trim()) } : csvMapping;
  const transactions: BankTransaction[] = [];
  for (const row of hasHeader ? rows.slice(1) : rows) {
    const parsed = parseBankCsvLine({ lineNumber: row.info.lines, fileId, cells: row.record }, mapping);
    if (!parsed.ok) return { ok: false, code: parsed.code, message: parsed.message, where: parsed.field };
    transactions.push(parsed.value);
  }
  return { ok: true, value: { format: 'csv', transactions } };
}
