import { basename, resolve } from 'node:path';
import { parseCommandArgs } from '../args.ts';
import { UsageError, UserError, type Io } from '../io.ts';
import { formatTable, todayUtc, toJson, withBook } from '../context.ts';
import { ImportError, importReceivables, type ImportSummary } from '../../app/import/import-receivables.ts';
import { loadMapping } from '../../app/import/load-mapping.ts';

export const usage = `Usage: recoup import receivables FILE [--mapping MAPPING.json] [--dry-run] [--strict] [--rejects FILE] [--json]

Imports customers, invoices and their payments from a CSV or XLSX file, streaming (constant memory).
  --mapping FILE   how the file's columns map to the book (default: the standard Recoup layout,
                   examples/mappings/recoup-standard.json); see examples/mappings/
  --dry-run        check everything and report what would change; change nothing
  --strict         import nothing if any row is bad (default: import good rows, reject bad ones)
  --rejects FILE   where bad rows go (default: ./<file name>.rejects.csv)
  --json           print the summary as JSON
Importing the same file twice changes nothing; a changed row becomes new ledger entries and audit events.
Exit code 0 when imported (bad rows, if any, are listed and written to the reject file), 1 when
--strict refused the file or the file or mapping cannot be used.
`;

export async function run(verb: string | undefined, args: string[], io: Io): Promise<number> {
  if (verb !== 'receivables') throw new UsageError(verb === undefined ? 'what to import? (receivables)' : `unknown verb "${verb}"`);
  const { values, positionals } = parseCommandArgs(args, {
    mapping: { type: 'string' }, 'dry-run': { type: 'boolean' }, strict: { type: 'boolean' }, rejects: { type: 'string' }, json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('give exactly one FILE to import');
  const filePath = resolve(io.cwd, positionals[0]!);
  try {
    const mapping = loadMapping(values.mapping === undefined ? undefined : resolve(io.cwd, values.mapping));
    const summary = await withBook(io, ({ db, tenantId, actor }) => {
      const now = new Date();
      return importReceivables(db, {
        tenantId, actor, filePath, mapping, dryRun: values['dry-run'] ?? false, strict: values.strict ?? false,
        rejectFilePath: resolve(io.cwd, values.rejects ?? `${basename(filePath)}.rejects.csv`), today: todayUtc(now), now,
      });
    });
    io.stdout(values.json ? toJson(summary) : describeSummary(summary));
    return summary.status === 'rejected' ? 1 : 0;
  } catch (error) {
    if (error instanceof ImportError) throw new UserError(error.message, error.field);
    throw error;
  }
}

const headline: Record<ImportSummary['status'], string> = {
  imported: 'Imported',
  unchanged: 'Nothing changed: the book already holds everything in',
  dry_run: 'Dry run (nothing was written) of',
  rejected: 'Refused (--strict: nothing was imported because some rows are bad)',
};

export function describeSummary(summary: ImportSummary): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const lines = [`${headline[summary.status]} ${basename(summary.file)} (sha256 ${summary.fileSha256.slice(0, 12)}…) in ${(summary.elapsedMs / 1000).toFixed(1)} s`, ''];
  const rows: Array<[string, number]> = [
    ['rows read', summary.rowsRead], ['rows accepted', summary.rowsAccepted], ['rows rejected', summary.rejectedRows],
    ['exact duplicate rows skipped', summary.duplicateRowsSkipped], ['debtors created', summary.debtorsCreated],
    ['debtors changed', summary.debtorsChanged], ['contact points created', summary.contactPointsCreated],
    ['accounts created', summary.accountsCreated], ['invoices created', summary.invoicesCreated],
    ['invoices changed', summary.invoicesChanged], ['invoices unchanged', summary.invoicesUnchanged],
    ['payments posted', summary.paymentsPosted], ['payments reversed', summary.paymentsReversed],
    ['ledger entries', summary.ledgerEntries],
  ];
  lines.push(formatTable(['', 'count'], rows.map(([label, value]) => [label, n(value)]), new Set([1])));
  if (summary.problemCount > 0) {
    const shown = summary.problems.slice(0, 20);
    lines.push(`${n(summary.problemCount)} problem(s) in ${n(summary.rejectedRows)} row(s)${summary.problemCount > shown.length ? `; the first ${shown.length}` : ''}:`);
    lines.push(formatTable(['line', 'column', 'problem', 'message'], shown.map((p) => [String(p.lineNumber), p.column ?? '', p.code, p.message]), new Set([0])));
  }
  if (summary.rejectFile !== null) lines.push(`Rejected and skipped rows are in ${summary.rejectFile}`);
  return lines.join('\n') + '\n';
}
