import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { generateExampleBook } from '../../app/example-book/generate-example-book.ts';
import { writeExampleCsv } from '../../app/example-book/write-example-csv.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, UserError, type Io } from '../io.ts';

export const usage = `Usage: recoup example generate --out FILE [options]

Writes a realistic example book of receivables, dated relative to --as-of, as a CSV in the standard
layout (import it with examples/mappings/recoup-standard.json). The same seed, date and sizes always give
the same file.

Options:
  --out FILE                  where to write the CSV (required)
  --debtors N                 how many debtors (default 3000)
  --invoices-per-debtor N     average invoices per debtor, 1 to 1000 (default 5)
  --seed S                    a non-negative integer (default 1)
  --as-of YYYY-MM-DD          the day the book is dated to (default: today)
  --json                      print the summary as JSON
`;

const defaultDebtors = 3000;
const debtorsMaximum = 100_000_000;

export async function run(verb: string | undefined, args: string[], io: Io): Promise<number> {
  if (verb === undefined) throw new UsageError('missing verb: expected "generate"');
  if (verb !== 'generate') throw new UsageError(`unknown verb "${verb}": expected "generate"`);
  const { values, positionals } = parseCommandArgs(args, {
    out: { type: 'string' },
    debtors: { type: 'string' },
    'invoices-per-debtor': { type: 'string' },
    seed: { type: 'string' },
    'as-of': { type: 'string' },
    json: { type: 'boolean' },
  }, false);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.out === undefined || values.out === '') throw new UsageError('--out FILE is required');

  const debtors = values.debtors === undefined ? defaultDebtors : parseWholeNumber(values.debtors, '--debtors');
  if (debtors < 1 || debtors > debtorsMaximum) {
    throw new UserError(`--debtors must be between 1 and ${debtorsMaximum.toLocaleString('en-US')}, got ${values.debtors}`, 'debtors');
  }
  const seed = values.seed === undefined ? 1 : parseWholeNumber(values.seed, '--seed');
  const invoicesPerDebtor = values['invoices-per-debtor'] === undefined ? 5 : Number(values['invoices-per-debtor']);
  if (!(invoicesPerDebtor >= 1 && invoicesPerDebtor <= 1000) || values['invoices-per-debtor']?.trim() === '') {
    throw new UserError(`--invoices-per-debtor must be a number from 1 to 1000, got "${values['invoices-per-debtor']}"`, 'invoices-per-debtor');
  }
  // The CLI is the edge that may read the clock: "today" is the local date of the machine running it.
  const asOf = values['as-of'] ?? DateTime.local().toISODate()!;
  if (!isCalendarDate(asOf)) throw new UserError(`--as-of must be a date written YYYY-MM-DD, got "${asOf}"`, 'as-of');

  const path = resolve(io.cwd, values.out);
  let summary;
  try {
    summary = await writeExampleCsv(generateExampleBook({ seed, asOf, debtors, invoicesPerDebtor }), path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'EROFS') {
      throw new UserError(`--out ${values.out}: cannot write there (${code})`, 'out');
    }
    throw error;
  }
  if (values.json) {
    io.stdout(`${JSON.stringify({ file: path, asOf, seed, debtors: summary.debtorCount, invoices: summary.invoiceCount })}\n`);
  } else {
    io.stdout(`Wrote ${summary.debtorCount.toLocaleString('en-US')} debtors and ${summary.invoiceCount.toLocaleString('en-US')} invoices ` +
      `to ${path} (as of ${asOf}, seed ${seed}).\n`);
  }
  return 0;
}

function parseWholeNumber(text: string, option: string): number {
  // Digits only, with optional _ or , grouping ("200_000", "200,000"); not "1e6", not "12abc".
  if (!/^\d[\d_,]*$/.test(text.trim())) throw new UserError(`${option} must be a whole number, got "${text}"`, option.slice(2));
  const value = Number(text.trim().replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(value)) throw new UserError(`${option} is too large: "${text}"`, option.slice(2));
  return value;
}

function isCalendarDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text, { zone: 'utc' }).isValid;
}
