import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

/** One data row of a CSV or XLSX file: its line (CSV) or row (XLSX) number and its cells by header. */
export type TableRow = { lineNumber: number; cells: Record<string, string>; columnCountMismatch: boolean };

export type TableOptions = { format?: 'csv' | 'xlsx' | undefined; delimiter?: string; quote?: string; encoding?: 'utf8' | 'latin1'; sheet?: string | number };

export class TableFormatError extends Error {}

export function detectFormat(path: string, format?: 'csv' | 'xlsx'): 'csv' | 'xlsx' {
  if (format !== undefined) return format;
  const extension = extname(path).toLowerCase();
  if (extension === '.xlsx') return 'xlsx';
  if (extension === '.csv' || extension === '.txt' || extension === '.tsv' || extension === '') return 'csv';
  throw new TableFormatError(`cannot tell the format of "${path}" from its extension; set "format" in the mapping`);
}

/**
 * Streams the rows of a CSV or XLSX file with constant memory: one row at a time, whatever the size.
 * The first row is the header. Cell text is given as written; a spreadsheet date becomes 'YYYY-MM-DD'.
 */
export async function* readTable(path: string, options: TableOptions = {}): AsyncGenerator<TableRow> {
  const format = detectFormat(path, options.format);
  if (format === 'csv') yield* readCsv(path, options);
  else yield* readXlsx(path, options);
}

/** The header of a file (its first row), for checking a mapping before the import starts. */
export async function readHeader(path: string, options: TableOptions = {}): Promise<string[]> {
  const format = detectFormat(path, options.format);
  if (format === 'csv') {
    const parser = createReadStream(path, { encoding: options.encoding ?? 'utf8' }).pipe(
      parse({ bom: true, delimiter: options.delimiter ?? (path.endsWith('.tsv') ? '\t' : ','), quote: options.quote ?? '"', to_line: 1, relax_column_count: true }),
    );
    for await (const record of parser) return (record as string[]).map((cell) => cell.trim());
    return [];
  }
  for await (const row of readXlsxRaw(path, options)) return row.values.map((cell) => cell.trim());
  return [];
}

async function* readCsv(path: string, options: TableOptions): AsyncGenerator<TableRow> {
  const parser = createReadStream(path, { encoding: options.encoding ?? 'utf8' }).pipe(
    parse({
      bom: true,
      delimiter: options.delimiter ?? (path.endsWith('.tsv') ? '\t' : ','),
      quote: options.quote ?? '"',
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }),
  );
  let header: string[] | null = null;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (header === null) {
      header = record.map((cell) => cell.trim());
      continue;
    }
    const cells: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) cells[header[i]!] = record[i] ?? '';
    yield { lineNumber: info.lines, cells, columnCountMismatch: record.length !== header.length };
  }
}

async function* readXlsxRaw(path: string, options: TableOptions): AsyncGenerator<{ rowNumber: number; values: string[] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', worksheets: 'emit', hyperlinks: 'ignore', styles: 'cache' });
  const wanted = options.sheet ?? 1;
  let index = 0;
  for await (const worksheet of reader) {
    index += 1;
    const name = (worksheet as unknown as { name?: string }).name;
    const matches = typeof wanted === 'number' ? index === wanted : name === wanted;
    if (!matches) continue;
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
      const raw = row.values as unknown[];
      const values: string[] = [];
      for (let i = 1; i < raw.length; i++) values.push(cellText(raw[i]));
      yield { rowNumber: row.number, values };
    }
    return;
  }
  throw new TableFormatError(`the workbook has no sheet ${JSON.stringify(wanted)}`);
}

async function* readXlsx(path: string, options: TableOptions): AsyncGenerator<TableRow> {
  let header: string[] | null = null;
  for await (const { rowNumber, values } of readXlsxRaw(path, options)) {
    if (header === null) {
      header = values.map((cell) => cell.trim());
      continue;
    }
    if (values.every((value) => value.trim() === '')) continue;
    const cells: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) cells[header[i]!] = values[i] ?? '';
    yield { lineNumber: rowNumber, cells, columnCountMismatch: values.length > header.length && values.slice(header.length).some((v) => v !== '') };
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'object') {
    const object = value as { text?: unknown; result?: unknown; richText?: Array<{ text: string }> };
    if (object.richText !== undefined) return object.richText.map((part) => part.text).join('');
    if (object.result !== undefined) return cellText(object.result);
    if (typeof object.text === 'string') return object.text;
  }
  return String(value);
}
