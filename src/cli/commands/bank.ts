import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseCommandArgs } from '../args.ts';
import { UsageError, UserError, type Io } from '../io.ts';
import { formatTable, todayUtc, toJson, withBook } from '../context.ts';
import { importBankFile, type BankImportReport } from '../../app/bank/import-bank-file.ts';
import { generateNachaDebits, listUnmatchedBankLines, type NachaOriginator } from '../../app/bank/generate-nacha-debits.ts';
import type { BankCsvMappingFile } from '../../adapters/files/read-bank-file.ts';
import { formatAmount } from '../../domain/money/money.ts';
import { dateOption } from './plan-agreements.ts';

export const usage = `Usage: recoup bank import FILE [--mapping MAPPING.json] [--as-of YYYY-MM-DD] [--json]
       recoup bank unmatched [--json]
       recoup bank debits --date YYYY-MM-DD [--out FILE.ach] --destination 091000019 --destination-name NAME
                          --origin 1234567890 --origin-name NAME --company-name NAME --company-id 1234567890 --odfi 09100001 [--json]

import reads a bank file, its format detected: NACHA (returns and notifications of change for the debits
Recoup sent), ISO 20022 camt.053, or CSV with a --mapping (columns, date format, separators: see
docs/bank-statements-and-cash-application.md). It prints what it read, matched and left unmatched:
- credits are matched to open invoices (reference, amount, a combination of a debtor's invoices, fuzzy
  name) with a confidence; matched ones are posted as payments, the rest queued for a person;
- NACHA returns reverse the payment of the debit they name (trace number), add the returned-payment fee
  where policy says so, miss the plan installment and break a promise it had kept.
Importing the same statement again posts nothing new. A malformed file imports nothing and exits 1,
naming the record and field (NACHA), the element (camt.053) or the line and column (CSV).

unmatched lists the queue: lines no invoice was found for, suggestions to confirm, unknown returns and
notifications of change.

debits writes the NACHA PPD/WEB debit file for the plan installments due on --date (the debtors'
authorizations), posts their payments as of that date, and keeps the trace numbers for returns. The
originator options default to RECOUP_NACHA_DESTINATION, RECOUP_NACHA_DESTINATION_NAME, RECOUP_NACHA_ORIGIN,
RECOUP_NACHA_ORIGIN_NAME, RECOUP_NACHA_COMPANY_NAME, RECOUP_NACHA_COMPANY_ID, RECOUP_NACHA_ODFI.
`;

export async function run(verb: string | undefined, args: string[], io: Io): Promise<number> {
  switch (verb) {
    case 'import': return importCommand(args, io);
    case 'unmatched': return unmatched(args, io);
    case 'debits': return debits(args, io);
    default: throw new UsageError(verb === undefined ? 'which bank command? (import, unmatched, debits)' : `unknown verb "${verb}"`);
  }
}

function readMapping(path: string, io: Io): BankCsvMappingFile {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    throw new UserError(`--mapping: cannot read ${path}: ${(error as Error).message}`, '--mapping');
  }
  try {
    return JSON.parse(text) as BankCsvMappingFile;
  } catch (error) {
    throw new UserError(`--mapping: ${path} is not JSON: ${(error as Error).message}`, '--mapping');
  }
}

async function importCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { mapping: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } });
  const file = positionals[0];
  if (file === undefined) throw new UsageError('which file? recoup bank import FILE');
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(resolve(io.cwd, file));
  } catch (error) {
    throw new UserError(`${file}: cannot read it: ${(error as Error).message}`, 'FILE');
  }
  const csvMapping = values.mapping === undefined ? undefined : readMapping(values.mapping, io);
  const asOf = dateOption(values['as-of'], '--as-of', todayUtc());
  const result = await withBook(io, ({ db, tenantId, actor }) => importBankFile(db, {
    tenantId, actor, fileName: basename(file), bytes, asOf, now: new Date(), ...(csvMapping === undefined ? {} : { csvMapping }),
  }));
  if (!result.ok) throw new UserError(`${basename(file)}: ${result.message}`, result.field);
  io.stdout(values.json ? toJson(result.value) : formatReport(result.value));
  return 0;
}

function formatReport(report: BankImportReport): string {
  const { counts } = report;
  const format = { nacha: 'NACHA', camt053: 'camt.053', csv: 'CSV' }[report.format];
  const lines = [
    `Imported ${report.fileName} (${format}, sha256 ${report.fileSha256.slice(0, 12)}…) as ${report.importId}`,
    `  read ${counts.lines} · matched ${counts.matched} (payments posted ${counts.paymentsPosted}) · suggested ${counts.suggested} · unmatched ${counts.unmatched}` +
      ` · returned ${counts.returned} (payments reversed ${counts.paymentsReversed}) · ignored ${counts.ignored} · already imported ${counts.alreadyImported}`,
    '',
  ];
  const rows = report.lines.map((line) => [
    line.transactionId, line.kind, `${formatAmount(BigInt(line.amountMinor), line.currency)} ${line.currency}`, line.counterpartyName ?? '', line.status,
    line.confidence ?? '', line.allocations.map((a) => a.invoiceNumber).join(' ') || line.reasons[0] || '',
  ]);
  return lines.join('\n') + formatTable(['line', 'kind', 'amount', 'counterparty', 'status', 'confidence', 'invoices / why'], rows, new Set([2, 5])) +
    (counts.unmatched + counts.suggested > 0 ? `\n${counts.unmatched + counts.suggested} line(s) wait for a person: recoup bank unmatched\n` : '');
}

async function unmatched(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean' } }, false);
  const lines = await withBook(io, ({ db, tenantId }) => listUnmatchedBankLines(db, { tenantId }));
  if (values.json) {
    io.stdout(toJson({ lines }));
    return 0;
  }
  if (lines.length === 0) {
    io.stdout('The queue is empty: every bank line was matched or dealt with.\n');
    return 0;
  }
  io.stdout(formatTable(['line', 'file', 'date', 'amount', 'counterparty', 'status', 'why'], lines.map((line) => [
    line.lineId, line.fileName, line.bookingDate ?? '', `${formatAmount(BigInt(line.amountMinor), line.currency)} ${line.currency}`, line.counterpartyName ?? '', line.status, line.reasons[0] ?? '',
  ]), new Set([3])));
  return 0;
}

async function debits(args: string[], io: Io): Promise<number> {
  const options = {
    date: { type: 'string' }, out: { type: 'string' }, destination: { type: 'string' }, 'destination-name': { type: 'string' }, origin: { type: 'string' }, 'origin-name': { type: 'string' },
    'company-name': { type: 'string' }, 'company-id': { type: 'string' }, odfi: { type: 'string' }, json: { type: 'boolean' },
  } as const;
  const { values } = parseCommandArgs(args, options, false);
  const effectiveDate = dateOption(values.date, '--date');
  const setting = (name: 'destination' | 'destination-name' | 'origin' | 'origin-name' | 'company-name' | 'company-id' | 'odfi') => {
    const value = values[name] ?? io.env[`RECOUP_NACHA_${name.toUpperCase().replace('-', '_')}`];
    if (value === undefined || value === '') throw new UsageError(`--${name} is required (or RECOUP_NACHA_${name.toUpperCase().replace('-', '_')})`);
    return value;
  };
  const originator: NachaOriginator = {
    immediateDestination: setting('destination'), immediateDestinationName: setting('destination-name'), immediateOrigin: setting('origin'), immediateOriginName: setting('origin-name'),
    companyName: setting('company-name'), companyId: setting('company-id'), originatingDfi: setting('odfi'),
  };
  const out = values.out ?? `nacha-debits-${effectiveDate}.ach`;
  const result = await withBook(io, ({ db, tenantId, actor }) => generateNachaDebits(db, { tenantId, actor, effectiveDate, originator, fileName: basename(out), now: new Date() }));
  if (!result.ok) throw new UserError(result.message, result.field);
  const generated = result.value;
  if (generated.entries.length > 0) writeFileSync(resolve(io.cwd, out), generated.text);
  if (values.json) {
    io.stdout(toJson({ ...generated, text: undefined, path: generated.entries.length > 0 ? resolve(io.cwd, out) : null }));
    return 0;
  }
  if (generated.entries.length === 0) {
    io.stdout(`No plan installment due on ${effectiveDate} is left to debit (none due, or already in a file).\n`);
    return 0;
  }
  io.stdout(`Wrote ${resolve(io.cwd, out)}: ${generated.entries.length} debit(s), ${formatAmount(BigInt(generated.totalDebitMinor), 'USD')} USD, entry hash ${generated.entryHash}\n\n`);
  io.stdout(formatTable(['trace', 'plan', 'installment', 'amount', 'payment'], generated.entries.map((entry) => [
    entry.traceNumber, entry.planId, String(entry.installment), formatAmount(BigInt(entry.amountMinor), 'USD'), entry.paymentId,
  ]), new Set([2, 3])));
  return 0;
}
