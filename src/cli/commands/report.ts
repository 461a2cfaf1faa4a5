import type { Database } from '../../adapters/db/database.ts';
import { databaseConfigFromEnv, openRecoupDatabase } from '../../adapters/db/open-recoup-database.ts';
import { buildAgingReportJson, computeAgingTotals, loadAgingReport, type AgingReport, type AgingRow } from '../../app/reports/aging-report.ts';
import { buildKpiReportJson, loadKpiReport, type KpiReport } from '../../app/reports/kpi-report.ts';
import { agingBucketLabels } from '../../domain/insight/aging-buckets.ts';
import { computeDateAfterDays, isCalendarDate } from '../../domain/shared/calendar-date.ts';
import { formatAmount } from '../../domain/money/money.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, UserError, type Io } from '../io.ts';

export const usage = `Usage:
  recoup report aging --as-of YYYY-MM-DD [--by currency|debtor] [--json]
  recoup report kpis --from YYYY-MM-DD --to YYYY-MM-DD [--json]

aging  Open receivables as of a date (ledger entries effective on or before it) in buckets of days past
       due (as-of date - due date): current (<= 0), 1-30, 31-60, 61-90, 91-120, 121+, with the number of
       open invoices; per currency, or per debtor and currency (largest first) with --by debtor.
kpis   Credit sales, collections, opening and closing receivables, DSO, best possible DSO, average days
       delinquent, CEI, and what is past due at the end, per currency, over from..to (both days included).

Options:
  --json  print the JSON documented in docs/reports.md instead of a table

Environment: RECOUP_TENANT (default "default"); DATABASE_URL, RECOUP_DATA_DIR, RECOUP_DB_SCHEMA choose the database.
`;

export async function run(verb: string | undefined, args: string[], io: Io): Promise<number> {
  if (verb === 'aging') return runAging(args, io);
  if (verb === 'kpis') return runKpis(args, io);
  throw new UsageError(verb === undefined ? 'which report? aging or kpis' : `unknown report "${verb}" (aging or kpis)`);
}

async function runAging(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, {
    'as-of': { type: 'string' },
    by: { type: 'string' },
    json: { type: 'boolean' },
  }, false);
  const asOf = requireDate('as-of', values['as-of']);
  const by = values.by ?? 'currency';
  if (by !== 'currency' && by !== 'debtor') throw new UserError(`--by: "${by}" is not one of currency, debtor`, 'by');
  const report = await withDatabase(io, (db, tenantId) => loadAgingReport(db, { tenantId, asOf, by }));
  io.stdout(values.json ? `${JSON.stringify(buildAgingReportJson(report), null, 2)}\n` : renderAging(report, tenantOf(io)));
  return 0;
}

async function runKpis(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, {
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
  }, false);
  const from = requireDate('from', values.from);
  const to = requireDate('to', values.to);
  if (from > to) throw new UserError(`--from: ${from} is after --to ${to}`, 'from');
  const report = await withDatabase(io, (db, tenantId) => loadKpiReport(db, { tenantId, from, to }));
  io.stdout(values.json ? `${JSON.stringify(buildKpiReportJson(report), null, 2)}\n` : renderKpis(report, tenantOf(io)));
  return 0;
}

function requireDate(option: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`--${option} YYYY-MM-DD is required`);
  if (!isCalendarDate(value)) throw new UserError(`--${option}: "${value}" is not a date (YYYY-MM-DD)`, option);
  return value;
}

const tenantOf = (io: Io) => io.env.RECOUP_TENANT ?? 'default';

async function withDatabase<T>(io: Io, work: (db: Database, tenantId: string) => Promise<T>): Promise<T> {
  const tenantId = tenantOf(io);
  const db = await openRecoupDatabase(databaseConfigFromEnv(io.env, io.cwd));
  try {
    const { rowCount } = await db.query('SELECT 1 FROM tenant WHERE tenant_id = $1', [tenantId]);
    // An unknown tenant would print an empty report, which reads as "nothing is owed".
    if (rowCount === 0) throw new UserError(`tenant "${tenantId}" does not exist in ${db.description} (set RECOUP_TENANT)`);
    return await work(db, tenantId);
  } finally {
    await db.close();
  }
}

type Align = 'left' | 'right';

/** Columns padded to their widest cell; a dashed rule under the header. */
function renderTable(columns: ReadonlyArray<{ header: string; align: Align }>, rows: ReadonlyArray<readonly string[]>): string {
  const widths = columns.map((column, index) => Math.max(column.header.length, ...rows.map((row) => (row[index] ?? '').length)));
  const line = (cells: readonly string[]) => cells
    .map((cell, index) => (columns[index]!.align === 'left' ? cell.padEnd(widths[index]!) : cell.padStart(widths[index]!)))
    .join('  ')
    .trimEnd();
  return [line(columns.map((column) => column.header)), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n') + '\n';
}

function renderAging(report: AgingReport, tenantId: string): string {
  const title = `Aging as of ${report.asOf}, tenant ${tenantId}: open balances by days past due (as-of date - due date)\n\n`;
  if (report.rows.length === 0) return `${title}No open receivables.\n`;
  const byDebtor = report.by === 'debtor';
  // Credits and receivables without an invoice are rare: their columns appear only when there are some.
  const rows = byDebtor ? [...report.rows, ...computeAgingTotals(report.rows)] : report.rows;
  const showCredits = rows.some((row) => row.creditInvoices > 0);
  const showUnassigned = rows.some((row) => row.unassignedMinor !== 0n);
  const columns: Array<{ header: string; align: Align }> = [
    ...(byDebtor ? [{ header: 'Debtor', align: 'left' as const }, { header: 'Name', align: 'left' as const }] : []),
    { header: 'Currency', align: 'left' },
    { header: '', align: 'left' },
    ...agingBucketLabels.map((label) => ({ header: label, align: 'right' as const })),
    { header: 'Total', align: 'right' },
    ...(showCredits ? [{ header: 'Credits', align: 'right' as const }] : []),
    ...(showUnassigned ? [{ header: 'No invoice', align: 'right' as const }] : []),
    ...(showCredits || showUnassigned ? [{ header: 'Net', align: 'right' as const }] : []),
  ];
  const lines = rows.flatMap((row: AgingRow) => {
    const money = (amountMinor: bigint) => formatAmount(amountMinor, row.currency);
    const who = byDebtor ? (row.debtor === null ? ['TOTAL', ''] : [row.debtor.ref ?? row.debtor.id, row.debtor.name ?? '']) : [];
    const blank = byDebtor ? ['', ''] : [];
    return [
      [
        ...who, row.currency, 'amount',
        ...agingBucketLabels.map((label) => money(row.buckets[label])), money(row.totalMinor),
        ...(showCredits ? [money(row.creditsMinor)] : []),
        ...(showUnassigned ? [money(row.unassignedMinor)] : []),
        ...(showCredits || showUnassigned ? [money(row.netMinor)] : []),
      ],
      [
        ...blank, '', 'invoices',
        ...agingBucketLabels.map((label) => String(row.invoiceCounts[label])), String(row.openInvoices),
        ...(showCredits ? [String(row.creditInvoices)] : []),
        ...(showUnassigned ? [''] : []),
        ...(showCredits || showUnassigned ? [''] : []),
      ],
    ];
  });
  const notes = [
    ...(showCredits ? ['Credits: invoices paid or credited beyond their charges (balance below zero); not aged.'] : []),
    ...(showUnassigned ? ['No invoice: receivable entries not tied to an invoice, so without a due date; not aged.'] : []),
    ...(showCredits || showUnassigned ? ['Net: the receivable balance as of the date (Total + Credits + No invoice).'] : []),
  ];
  return title + renderTable(columns, lines) + (notes.length > 0 ? `\n${notes.join('\n')}\n` : '');
}

function renderKpis(report: KpiReport, tenantId: string): string {
  const title = `KPIs from ${report.from} to ${report.to} (${report.days} days), tenant ${tenantId}\n\n`;
  if (report.currencies.length === 0) return `${title}No receivables up to ${report.to}.\n`;
  const ratio = (value: string | null) => value ?? 'n/a';
  const measures: Array<[string, (row: KpiReport['currencies'][number]) => string]> = [
    ['Credit sales', (row) => formatAmount(row.creditSalesMinor, row.currency)],
    ['Collections', (row) => formatAmount(row.collectionsMinor, row.currency)],
    [`Opening receivables (${computeDateAfterDays(report.from, -1)})`, (row) => formatAmount(row.openingReceivablesMinor, row.currency)],
    [`Closing receivables (${report.to})`, (row) => formatAmount(row.closingReceivablesMinor, row.currency)],
    ['Closing current receivables', (row) => formatAmount(row.closingCurrentMinor, row.currency)],
    ['Past due at the end', (row) => formatAmount(row.pastDueMinor, row.currency)],
    ['Past-due invoices', (row) => String(row.pastDueCount)],
    ['DSO (days)', (row) => ratio(row.dso)],
    ['Best possible DSO (days)', (row) => ratio(row.bestPossibleDso)],
    ['Average days delinquent', (row) => ratio(row.averageDaysDelinquent)],
    ['CEI (%)', (row) => ratio(row.cei)],
  ];
  const columns = [
    { header: '', align: 'left' as const },
    ...report.currencies.map((row) => ({ header: row.currency, align: 'right' as const })),
  ];
  const lines = measures.map(([label, cell]) => [label, ...report.currencies.map(cell)]);
  const footnote = report.currencies.some((row) => row.dso === null || row.cei === null)
    ? '\nn/a: undefined: no (net) credit sales in the period for the DSOs, nothing collectible for CEI.\n'
    : '';
  return title + renderTable(columns, lines) + footnote;
}
