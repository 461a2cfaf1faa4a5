// `npm run bench book`: issue #2 §6. Builds a seeded synthetic book (1M invoices for 200k debtors by default)
// and prints, in one run: import time into PostgreSQL beside a raw COPY of the same rows; aging time beside a
// hand-written SQL GROUP BY over the same tables; the same two figures on the embedded database; peak RSS.
// Targets: import ≤ 2× raw COPY; aging ≤ 1.5× the hand-written SQL and under 2 s on PostgreSQL.
// Benchmarks never gate CI: a missed target is printed, not failed. Wrong totals or a broken import fail.
//
// Environment: BENCH_DEBTORS (default 200000), BENCH_INVOICES_PER_DEBTOR (default 5), DATABASE_URL (default
// postgres://postgres@127.0.0.1:5432/test; PostgreSQL figures are skipped when nothing answers there),
// BENCH_ENGINES (default "postgres,embedded").
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../src/adapters/db/database.ts';
import { ensureTenant } from '../src/app/book/ensure-tenant.ts';
import { importReceivables, type ImportSummary } from '../src/app/import/import-receivables.ts';
import { handWrittenAgingSql, loadAgingReport } from '../src/app/reports/aging-report.ts';
import { beginReportSnapshot } from '../src/app/reports/report-sql.ts';
import { importMappingSchema, standardMapping } from '../src/domain/book/import-mapping.ts';
import { agingBucketLabels, type AgingBucketLabel } from '../src/domain/insight/aging-buckets.ts';
import { formatDecimal } from '../src/domain/money/money.ts';
import { buildEmbeddedEngine, findPostgresEngine, type BenchDatabase, type BenchEngine, type ExportedTable } from './support/bench-database.ts';
import {
  computeMedian, formatDuration, formatMegabytes, formatRatio, formatTable, measure, readPeakRssBytes, readRssBytes, startHeartbeat,
} from './support/bench-measure.ts';
import { captureImportTrace, type ImportTraceStep } from './support/capture-import-trace.ts';
import { ensureBenchBookCsv, type BenchBookCsv } from './support/ensure-bench-book-csv.ts';

// Fixed so that runs compare: the same seed and date give the same book, row for row.
const seed = 20261124;
const asOf = '2026-11-24';
const importedAt = new Date(`${asOf}T12:00:00.000Z`);
const tenantId = 'bench';
const agingRuns = 5;
const defaultPostgresUrl = 'postgres://postgres@127.0.0.1:5432/test';

const targets = { importToCopyMax: 2, agingToHandWrittenMax: 1.5, postgresAgingMsMax: 2000 };

// Written by ensureTenant before the import, and loaded untimed into the COPY target: its rows refer to them.
const prerequisiteTables = ['tenant', 'creditor'];
// Every table the import writes, in foreign-key order. The 1M-invoice book is in the first six.
const importedTables = [
  'debtor', 'contact_point', 'account', 'invoice', 'payment', 'ledger_entry', 'import_batch', 'import_reject', 'audit_event', 'audit_chain_head',
];
const queriedTables = ['debtor', 'account', 'invoice', 'payment', 'ledger_entry', 'contact_point'];

const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));
const benchDirectory = join(repositoryRoot, '.bench');

type EngineFigures = {
  label: string;
  importMs: number;
  rawCopyMs: number;
  agingMs: number;
  handWrittenMs: number;
};

type RssSample = { phase: string; bytes: number };

/** What went wrong (not a missed target): printed loudly at the end, and the run exits non-zero. */
const failures: string[] = [];
const rssSamples: RssSample[] = [];

export async function run(): Promise<void> {
  const debtors = readSizeFromEnvironment('BENCH_DEBTORS', 200_000, true);
  const invoicesPerDebtor = readSizeFromEnvironment('BENCH_INVOICES_PER_DEBTOR', 5, false);
  const engines = readEnginesFromEnvironment();
  const postgresUrl = process.env.DATABASE_URL || defaultPostgresUrl;
  const runStarted = performance.now();
  failures.length = 0;
  rssSamples.length = 0;

  console.log('Recoup book benchmark (issue #2 §6)');
  console.log(`  machine  ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${formatMegabytes(totalmem())} RAM, Node ${process.version}; ${describeLoad()}`);
  console.log(`  code     ${describeCommit()}`);
  console.log(`  book     seed ${seed}, as of ${asOf}, ${debtors} debtors × ${invoicesPerDebtor} invoices on average`);
  const book = await ensureBenchBookCsv({ directory: benchDirectory, seed, asOf, debtors, invoicesPerDebtor });
  console.log(`           ${formatCount(book.invoiceCount)} invoices of ${formatCount(book.debtorCount)} debtors, ${formatMegabytes(book.bytes)} of CSV at ${relative(repositoryRoot, book.path)} ` +
    (book.generatedMs === null ? '(reused)' : `(generated in ${formatDuration(book.generatedMs)})`));
  sampleRss('book CSV ready');
  printMethod();

  const figures: EngineFigures[] = [];
  const postgres = engines.includes('postgres') ? await findPostgresEngine(postgresUrl) : { unavailable: 'not selected by BENCH_ENGINES' };
  if ('unavailable' in postgres) {
    console.log(`\n--- PostgreSQL: SKIPPED (${redactUrl(postgresUrl)}: ${postgres.unavailable}); going on with the embedded figures ---`);
  } else {
    const result = await benchEngine(postgres, `${redactUrl(postgresUrl)}`, book);
    if (result !== null) figures.push(result);
  }
  if (engines.includes('embedded')) {
    const embedded = await benchEngine(buildEmbeddedEngine(benchDirectory), `data directories under ${relative(repositoryRoot, benchDirectory)}/`, book);
    if (embedded !== null) figures.push(embedded);
  } else {
    console.log('\n--- embedded (PGlite): SKIPPED (not selected by BENCH_ENGINES) ---');
  }

  printSummary(figures);
  console.log(`\nwhole run: ${formatDuration(performance.now() - runStarted)}; ${describeLoad()}`);
  if (failures.length > 0) {
    console.error(`\n!!!!!!!! BROKEN: ${failures.length} problem(s) — these are errors, not missed targets !!!!!!!!`);
    for (const failure of failures) console.error(`!!! ${failure}`);
    process.exitCode = 1;
  }
}

function printMethod(): void {
  console.log(`
What each figure measures:
  import     importReceivables() of the CSV above into an empty book (tenant and creditor only), end to end and
             as the app runs it: read, parse, validate, COPY into staging, set-based writes of debtors, contact
             points, accounts, invoices, payments and ledger entries, audit, commit (and, on the embedded engine,
             the statistics refresh it runs after committing).
  raw COPY   the rows that import wrote — every row of ${importedTables.join(', ')} —
             exported after the import and loaded with plain COPY FROM (CSV) into a second empty book made by the
             same migrations (same indexes, constraints and triggers), in one transaction, through the same
             copyCsv() the import stages with. Tenant and creditor rows are loaded first, untimed. Exporting is
             not timed.
  aging      loadAgingReport({ by: 'currency', asOf: '${asOf}' }) beside handWrittenAgingSql run directly on the same
             tables; each warmed up once, then ${agingRuns} runs taken in turns, median reported; all must give the
             same open balances and invoice counts per currency and bucket. On PostgreSQL the hand-written SQL is
             also timed under the report's session settings (no parallel query, no JIT) and the faster of its two
             medians is the baseline; the tables are VACUUMed and ANALYZEd first, as autovacuum would.
  RSS        of this Node process, which holds the embedded engine (WASM) but not the PostgreSQL server.`);
}

/** The four figures of one engine, or null when something broke (recorded in `failures`). */
async function benchEngine(engine: BenchEngine, where: string, book: BenchBookCsv): Promise<EngineFigures | null> {
  console.log(`\n--- ${engine.label} (${where}) ---  ${describeLoad()}`);
  const exportDirectory = mkdtempSync(join(benchDirectory, `export-${engine.engine}-`));
  try {
    const imported = await engine.openFreshBook('book');
    let importMs: number;
    let exported: ExportedTable[];
    let aging: { reportMs: number; handWrittenMs: number };
    let migrations: string;
    try {
      const { rows: version } = await imported.db.query<{ version: string }>('SELECT version()');
      migrations = await readAppliedMigrations(imported.db);
      console.log(`  ${version[0]!.version.replace(/ on .*$/, '').replace(/,? compiled by.*$/, '')}; book in ${imported.description}; migrations ${migrations}`);
      await ensureTenant(imported.db, tenantId, { now: importedAt, actor: 'bench' });

      importMs = await timeImport(imported.db, book, engine.engine);
      sampleRss(`${engine.label}: after import`);

      exported = await exportImportedRows(imported, exportDirectory);
      sampleRss(`${engine.label}: after export`);

      aging = await timeAging(imported, engine);
      sampleRss(`${engine.label}: after aging`);
    } finally {
      await imported.dispose();
    }

    const rawCopyMs = await timeRawCopy(engine, exported, migrations);
    sampleRss(`${engine.label}: after raw COPY`);

    console.log(`\n  ${engine.label}: import ${formatDuration(importMs)} = ${formatRatio(importMs / rawCopyMs)} the raw COPY of the same rows (${formatDuration(rawCopyMs)})`);
    console.log(`  ${engine.label}: aging ${formatDuration(aging.reportMs)} = ${formatRatio(aging.reportMs / aging.handWrittenMs)} the hand-written SQL (${formatDuration(aging.handWrittenMs)})`);
    return { label: engine.label, importMs, rawCopyMs, agingMs: aging.reportMs, handWrittenMs: aging.handWrittenMs };
  } catch (error) {
    failures.push(`${engine.label}: ${(error as Error).stack ?? String(error)}`);
    console.error(`\n!!! ${engine.label} benchmark broke: ${(error as Error).message}`);
    return null;
  } finally {
    rmSync(exportDirectory, { recursive: true, force: true });
  }
}

async function timeImport(db: Database, book: BenchBookCsv, engine: BenchEngine['engine']): Promise<number> {
  console.log(`\n  import of ${formatCount(book.invoiceCount)} invoices (steps as importReceivables traces them; ${engine === 'pglite' ? 'the embedded engine is single-threaded WASM, expect it slow' : 'a line per step'}):`);
  const stopHeartbeat = startHeartbeat('import');
  let sinceStart = 0;
  let traced: { value: ImportSummary; steps: ImportTraceStep[] };
  let importMs: number;
  try {
    ({ value: traced, elapsedMs: importMs } = await measure(() => captureImportTrace(
      () => importReceivables(db, {
        tenantId, actor: 'bench', filePath: book.path, mapping: importMappingSchema.parse(standardMapping),
        today: asOf, now: importedAt, rejectFilePath: null,
      }),
      (step) => {
        sinceStart += step.elapsedMs;
        console.log(`    ${step.step.padEnd(18)} ${formatDuration(step.elapsedMs).padStart(10)}   (at ${formatDuration(sinceStart)})`);
      },
    )));
  } finally {
    stopHeartbeat();
  }
  const summary = traced.value;
  const tracedMs = traced.steps.reduce((sum, step) => sum + step.elapsedMs, 0);
  console.log(`    ${'rest (untraced)'.padEnd(18)} ${formatDuration(importMs - tracedMs).padStart(10)}   (header, hash, staging tables, import record, audit, commit${engine === 'pglite' ? ', statistics refresh' : ''})`);
  console.log(`  import: ${formatDuration(importMs)} — ${summary.status}: ${formatCount(summary.debtorsCreated)} debtors, ${formatCount(summary.contactPointsCreated)} contact points, ` +
    `${formatCount(summary.accountsCreated)} accounts, ${formatCount(summary.invoicesCreated)} invoices, ${formatCount(summary.paymentsPosted)} payments, ` +
    `${formatCount(summary.ledgerEntries)} ledger entries; ${summary.rejectedRows} rejected`);
  if (summary.status !== 'imported' || summary.rejectedRows > 0 || summary.invoicesCreated !== book.invoiceCount || summary.debtorsCreated !== book.debtorCount) {
    failures.push(`import into ${db.description} did not take the whole book: status ${summary.status}, ${summary.invoicesCreated} of ` +
      `${book.invoiceCount} invoices and ${summary.debtorsCreated} of ${book.debtorCount} debtors created, ${summary.rejectedRows} rows rejected ` +
      `(first problems: ${JSON.stringify(summary.problems.slice(0, 3))})`);
  }
  return importMs;
}

/** Every row the import wrote (and the prerequisites), as CSV files for the raw COPY. Not timed. */
async function exportImportedRows(book: BenchDatabase, directory: string): Promise<ExportedTable[]> {
  const started = performance.now();
  const exported: ExportedTable[] = [];
  for (const table of [...prerequisiteTables, ...importedTables]) {
    const { rows: columns } = await book.db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, [table]);
    const result = await book.exportTable(table, columns.map((column) => column.column_name), directory);
    const { rows: count } = await book.db.query<{ n: bigint }>(`SELECT count(*) AS n FROM ${table}`);
    if (BigInt(result.rows) !== count[0]!.n) failures.push(`export of ${table} wrote ${result.rows} rows of ${count[0]!.n}`);
    exported.push(result);
  }
  const rows = exported.reduce((sum, table) => sum + table.rows, 0);
  const bytes = exported.reduce((sum, table) => sum + table.bytes, 0);
  console.log(`\n  exported what the import wrote for the raw COPY (untimed): ${formatCount(rows)} rows, ${formatMegabytes(bytes)} of CSV, in ${formatDuration(performance.now() - started)}`);
  console.log('    ' + exported.filter((table) => !prerequisiteTables.includes(table.table))
    .map((table) => `${table.table} ${formatCount(table.rows)}`).join(', '));
  return exported;
}

/** The same rows into a second empty book with plain COPY, in one transaction, timed. */
async function timeRawCopy(engine: BenchEngine, exported: ExportedTable[], bookMigrations: string): Promise<number> {
  const target = await engine.openFreshBook('copy');
  try {
    // Migrations are read from disk when a book is opened: one added meanwhile (another index, say) would
    // make the two books differ and the comparison meaningless.
    const targetMigrations = await readAppliedMigrations(target.db);
    if (targetMigrations !== bookMigrations) {
      failures.push(`${engine.label}: the raw COPY target has migrations ${targetMigrations} but the imported book had ${bookMigrations}; compare again on a stable tree`);
    }
    console.log(`\n  raw COPY of the same rows into a second empty book (${target.description}):`);
    await target.db.transaction(async (tx) => {
      for (const table of exported.filter((table) => prerequisiteTables.includes(table.table))) {
        await tx.copyCsv(table.table, table.columns, engine.readCopyChunks(table));
      }
    });
    const stopHeartbeat = startHeartbeat('raw COPY');
    let copyMs: number;
    try {
      ({ elapsedMs: copyMs } = await measure(() => target.db.transaction(async (tx) => {
        for (const table of exported.filter((table) => importedTables.includes(table.table))) {
          const { elapsedMs } = await measure(() => tx.copyCsv(table.table, table.columns, engine.readCopyChunks(table)));
          if (table.rows >= 1000) console.log(`    ${table.table.padEnd(18)} ${formatDuration(elapsedMs).padStart(10)}   ${formatCount(table.rows)} rows`);
        }
      })));
    } finally {
      stopHeartbeat();
    }
    console.log(`  raw COPY: ${formatDuration(copyMs)} (including commit)`);
    for (const table of exported) {
      const { rows } = await target.db.query<{ n: bigint }>(`SELECT count(*) AS n FROM ${table.table}`);
      if (rows[0]!.n !== BigInt(table.rows)) failures.push(`raw COPY: ${table.table} holds ${rows[0]!.n} rows, not ${table.rows}`);
    }
    return copyMs;
  } finally {
    await target.dispose();
  }
}

async function readAppliedMigrations(db: Database): Promise<string> {
  const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migration ORDER BY version');
  return rows.map((row) => row.name).join(', ');
}

type AgingTotals = Map<string, { buckets: bigint[]; openInvoices: bigint }>;

type HandWrittenAgingRow = {
  currency: string;
  current_minor: string;
  days_1_30_minor: string;
  days_31_60_minor: string;
  days_61_90_minor: string;
  days_91_120_minor: string;
  days_121_plus_minor: string;
  open_invoices: bigint;
};

const handWrittenColumnByBucket: Record<AgingBucketLabel, keyof HandWrittenAgingRow> = {
  'current': 'current_minor', '1-30': 'days_1_30_minor', '31-60': 'days_31_60_minor', '61-90': 'days_61_90_minor',
  '91-120': 'days_91_120_minor', '121+': 'days_121_plus_minor',
};

type AgingVariant = { name: string; run: () => Promise<AgingTotals>; timesMs: number[] };

/** Median aging times: the report, and the fastest way the hand-written SQL was run (differing totals are failures). */
async function timeAging(book: BenchDatabase, engine: BenchEngine): Promise<{ reportMs: number; handWrittenMs: number }> {
  const { db } = book;
  console.log(`\n  aging as of ${asOf}, by currency:`);
  const cold = await measure(() => loadAgingReport(db, { tenantId, asOf, by: 'currency' }));
  console.log(`    first report right after the import, nothing warm${engine.engine === 'postgres' ? ', no VACUUM or ANALYZE yet' : ''}: ${formatDuration(cold.elapsedMs)} (information only)`);
  const settled = await book.settle(queriedTables);
  if (settled !== null) console.log(`    then, untimed: ${settled}`);

  const variants: AgingVariant[] = [
    { name: 'loadAgingReport', timesMs: [], run: async () => totalsOfReport(await loadAgingReport(db, { tenantId, asOf, by: 'currency' })) },
    { name: 'hand-written SQL, run directly', timesMs: [], run: async () => totalsOfHandWritten((await db.query<HandWrittenAgingRow>(handWrittenAgingSql, [tenantId, asOf])).rows) },
  ];
  if (engine.engine === 'postgres') {
    // The report turns parallel query and JIT off for its transaction (report-sql.ts says why). Timing the
    // hand-written SQL under the same settings too keeps the baseline from being slowed by a plan the
    // report avoids: the faster of the two is the baseline.
    variants.push({
      name: 'hand-written SQL, report settings', timesMs: [], run: async () => totalsOfHandWritten(await db.transaction(async (tx) => {
        await beginReportSnapshot(tx);
        return (await tx.query<HandWrittenAgingRow>(handWrittenAgingSql, [tenantId, asOf])).rows;
      })),
    });
  }

  // Warm-up: one run each, whose results are the ones compared.
  const results: AgingTotals[] = [];
  for (const variant of variants) results.push(await variant.run());
  const [report, ...handWritten] = results as [AgingTotals, ...AgingTotals[]];
  let totalsAgree = true;
  for (const [index, totals] of handWritten.entries()) {
    const differences = describeAgingDifferences(report, totals);
    if (differences.length > 0) {
      totalsAgree = false;
      failures.push(`${engine.label}: aging totals DIFFER between loadAgingReport and ${variants[index + 1]!.name}: ${differences.join('; ')}`);
      console.error(`    !!! TOTALS DIFFER: loadAgingReport vs ${variants[index + 1]!.name}:\n      ${differences.join('\n      ')}`);
    }
  }
  for (const [currency, totals] of report) {
    const total = totals.buckets.reduce((sum, amount) => sum + amount, 0n);
    console.log(`    ${currency}: ${formatCount(Number(totals.openInvoices))} open invoices, ${formatDecimal(total, currency)} open` +
      ` [${agingBucketLabels.map((label, index) => `${label} ${formatDecimal(totals.buckets[index]!, currency)}`).join(', ')}]`);
  }
  if (totalsAgree) console.log(`    totals: identical across ${variants.map((variant) => variant.name).join(', ')}`);

  for (let round = 0; round < agingRuns; round++) {
    for (const variant of variants) variant.timesMs.push((await measure(variant.run)).elapsedMs);
  }
  for (const variant of variants) {
    console.log(`    ${variant.name.padEnd(34)} median ${formatDuration(computeMedian(variant.timesMs)).padStart(9)}   runs: ${variant.timesMs.map(formatDuration).join(', ')}`);
  }
  const reportMs = computeMedian(variants[0]!.timesMs);
  const handWrittenMs = Math.min(...variants.slice(1).map((variant) => computeMedian(variant.timesMs)));
  return { reportMs, handWrittenMs };
}

function totalsOfReport(report: Awaited<ReturnType<typeof loadAgingReport>>): AgingTotals {
  // The hand-written SQL has a row only for currencies with open invoices.
  return new Map(report.rows.filter((row) => row.openInvoices > 0).map((row) => [
    row.currency, { buckets: agingBucketLabels.map((label) => row.buckets[label]), openInvoices: BigInt(row.openInvoices) },
  ]));
}

function totalsOfHandWritten(rows: HandWrittenAgingRow[]): AgingTotals {
  return new Map(rows.map((row) => [
    row.currency, { buckets: agingBucketLabels.map((label) => BigInt(row[handWrittenColumnByBucket[label]])), openInvoices: BigInt(row.open_invoices) },
  ]));
}

function describeAgingDifferences(expected: AgingTotals, actual: AgingTotals): string[] {
  const differences: string[] = [];
  for (const currency of new Set([...expected.keys(), ...actual.keys()])) {
    const left = expected.get(currency);
    const right = actual.get(currency);
    if (left === undefined || right === undefined) {
      differences.push(`${currency}: only in ${left === undefined ? 'the hand-written SQL' : 'the report'}`);
      continue;
    }
    if (left.openInvoices !== right.openInvoices) differences.push(`${currency} open invoices: report ${left.openInvoices}, hand-written ${right.openInvoices}`);
    agingBucketLabels.forEach((label, index) => {
      if (left.buckets[index] !== right.buckets[index]) {
        differences.push(`${currency} ${label}: report ${left.buckets[index]}, hand-written ${right.buckets[index]} (minor units)`);
      }
    });
  }
  return differences;
}

function printSummary(figures: EngineFigures[]): void {
  const verdict = (met: boolean) => (met ? 'met' : 'NOT MET');
  const rows: string[][] = [];
  for (const figure of figures) {
    const importRatio = figure.importMs / figure.rawCopyMs;
    const agingRatio = figure.agingMs / figure.handWrittenMs;
    rows.push([`${figure.label}: import`, formatDuration(figure.importMs), `raw COPY ${formatDuration(figure.rawCopyMs)}`, formatRatio(importRatio),
      `≤ ${targets.importToCopyMax}×`, verdict(importRatio <= targets.importToCopyMax)]);
    rows.push([`${figure.label}: aging (median of ${agingRuns})`, formatDuration(figure.agingMs), `hand-written SQL ${formatDuration(figure.handWrittenMs)}`,
      formatRatio(agingRatio), `≤ ${targets.agingToHandWrittenMax}×`, verdict(agingRatio <= targets.agingToHandWrittenMax)]);
    if (figure.label === 'PostgreSQL') {
      rows.push([`${figure.label}: aging, absolute`, formatDuration(figure.agingMs), '—', '—', `< ${formatDuration(targets.postgresAgingMsMax)}`,
        verdict(figure.agingMs < targets.postgresAgingMsMax)]);
    }
  }
  rows.push(['peak RSS (this process)', formatMegabytes(readPeakRssBytes()), '—', '—', 'none', '—']);
  console.log('\n=== summary: book benchmark ===');
  console.log(formatTable(['figure', 'measured', 'baseline (same run)', 'ratio', 'target', 'verdict'], rows));
  if (!figures.some((figure) => figure.label === 'PostgreSQL')) console.log('(no PostgreSQL figures: skipped or broken, see above)');
  console.log('(the ratio targets of issue #2 §6 are applied to both engines; the 2 s aging target to PostgreSQL only)');
  console.log('\nRSS of this process after each phase:');
  console.log(formatTable(['phase', 'RSS'], rssSamples.map((sample) => [sample.phase, formatMegabytes(sample.bytes)])));
  console.log(`peak RSS (process.resourceUsage().maxRSS): ${formatMegabytes(readPeakRssBytes())}`);
}

function sampleRss(phase: string): void {
  rssSamples.push({ phase, bytes: readRssBytes() });
}

/** BENCH_ENGINES: which engines to measure, e.g. "postgres" for a quicker run; both by default. */
function readEnginesFromEnvironment(): Array<'postgres' | 'embedded'> {
  const text = process.env.BENCH_ENGINES;
  if (text === undefined || text.trim() === '') return ['postgres', 'embedded'];
  const names = text.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = names.filter((name) => name !== 'postgres' && name !== 'embedded');
  if (unknown.length > 0) throw new RangeError(`BENCH_ENGINES takes postgres and/or embedded, got "${text}"`);
  return names as Array<'postgres' | 'embedded'>;
}

function readSizeFromEnvironment(name: string, fallback: number, integer: boolean): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 1 || (integer && !Number.isInteger(value))) {
    throw new RangeError(`${name} must be a ${integer ? 'whole ' : ''}number ≥ 1, got "${text}"`);
  }
  return value;
}

/** The commit measured, for the record; read-only git, and only if git and a repository are there. */
function describeCommit(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repositoryRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const changed = git('status', '--porcelain', '--untracked-files=no').split('\n').filter((line) => line !== '').length;
    return `commit ${git('rev-parse', '--short', 'HEAD')}${changed > 0 ? ` + ${changed} uncommitted change(s)` : ''}`;
  } catch {
    return 'commit unknown (no git)';
  }
}

// The machine may be shared: the load beside the figures says how far to trust them.
const describeLoad = (): string => `load average ${loadavg().map((load) => load.toFixed(2)).join(' ')} on ${cpus().length} CPUs`;

const formatCount = (count: number): string => count.toLocaleString('en-US');

const redactUrl = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
