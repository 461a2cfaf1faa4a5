import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { openRecoupDatabase } from '../src/adapters/db/open-recoup-database.ts';
import { main } from '../src/cli/main.ts';
import type { Io } from '../src/cli/io.ts';
import { createBookFixture } from './support/book-fixtures.ts';
import { testEngine } from './support/test-database.ts';

/** Runs `recoup …` in-process with captured output. */
async function recoup(argv: string[], env: Record<string, string>, cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (text) => { stdout += text; }, stderr: (text) => { stderr += text; }, stdin: Readable.from([]), env, cwd };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe(`recoup report on ${testEngine}`, () => {
  // The command opens the database itself: the embedded engine in a temporary directory, or with
  // DATABASE_URL set, PostgreSQL in a schema of its own (RECOUP_DB_SCHEMA).
  const url = process.env.DATABASE_URL;
  const directory = mkdtempSync(join(tmpdir(), 'recoup-report-cli-'));
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const env: Record<string, string> = url ? { DATABASE_URL: url, RECOUP_DB_SCHEMA: schema } : { RECOUP_DATA_DIR: join(directory, 'data') };
  const run = (...argv: string[]) => recoup(['report', ...argv], env, directory);

  beforeAll(async () => {
    if (url) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
    }
    const db = await openRecoupDatabase(url ? { url, schema } : { dataDir: env.RECOUP_DATA_DIR });
    try {
      const book = await createBookFixture(db, 'default');
      await book.addDebtor('dbt_ann', { ref: 'C-100', name: 'Ann Example' });
      await book.addDebtor('dbt_bob', { ref: 'C-200', name: 'Bob Example' });
      await book.addInvoices([
        // As of 2026-03-31: 45 days past due, current (due that day), 59 days, 151 days.
        { id: 'inv_1', debtorId: 'dbt_ann', currency: 'USD', issueDate: '2026-01-15', dueDate: '2026-02-14', amountMinor: 123_456n },
        { id: 'inv_2', debtorId: 'dbt_bob', currency: 'USD', issueDate: '2026-03-01', dueDate: '2026-03-31', amountMinor: 50_000n },
        { id: 'inv_3', debtorId: 'dbt_bob', currency: 'EUR', issueDate: '2026-01-01', dueDate: '2026-01-31', amountMinor: 9_999n },
        { id: 'inv_4', debtorId: 'dbt_ann', currency: 'JPY', issueDate: '2025-10-01', dueDate: '2025-10-31', amountMinor: 10_000n },
      ]);
      await book.pay('inv_3', 999n, '2026-02-15');
      await createBookFixture(db, 'acme');
    } finally {
      await db.close();
    }
  });

  afterAll(async () => {
    rmSync(directory, { recursive: true, force: true });
    if (url) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.query(`DROP SCHEMA IF EXISTS ${schema}_pgboss CASCADE`);
      await admin.end();
    }
  });

  it('report aging --json prints the documented JSON, amounts as strings of minor units', async () => {
    const { code, stdout, stderr } = await run('aging', '--as-of', '2026-03-31', '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const zero = { current: '0', '1-30': '0', '31-60': '0', '61-90': '0', '91-120': '0', '121+': '0' };
    const none = { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, '91-120': 0, '121+': 0 };
    expect(JSON.parse(stdout)).toEqual({
      asOf: '2026-03-31',
      by: 'currency',
      rows: [
        { currency: 'EUR', buckets: { ...zero, '31-60': '9000' }, totalMinor: '9000', openInvoices: 1, invoiceCounts: { ...none, '31-60': 1 }, creditsMinor: '0', creditInvoices: 0, unassignedMinor: '0', netMinor: '9000' },
        { currency: 'JPY', buckets: { ...zero, '121+': '10000' }, totalMinor: '10000', openInvoices: 1, invoiceCounts: { ...none, '121+': 1 }, creditsMinor: '0', creditInvoices: 0, unassignedMinor: '0', netMinor: '10000' },
        { currency: 'USD', buckets: { ...zero, current: '50000', '31-60': '123456' }, totalMinor: '173456', openInvoices: 2, invoiceCounts: { ...none, current: 1, '31-60': 1 }, creditsMinor: '0', creditInvoices: 0, unassignedMinor: '0', netMinor: '173456' },
      ],
    });
  });

  it('report aging prints a table people read: amounts in each currency\'s decimals, invoice counts under them', async () => {
    const { code, stdout } = await run('aging', '--as-of', '2026-03-31');
    expect(code).toBe(0);
    expect(stdout).toBe([
      'Aging as of 2026-03-31, tenant default: open balances by days past due (as-of date - due date)',
      '',
      'Currency            current  1-30     31-60  61-90  91-120    121+     Total',
      '--------  --------  -------  ----  --------  -----  ------  ------  --------',
      'EUR       amount       0.00  0.00     90.00   0.00    0.00    0.00     90.00',
      '          invoices        0     0         1      0       0       0         1',
      'JPY       amount          0     0         0      0       0  10,000    10,000',
      '          invoices        0     0         0      0       0       1         1',
      'USD       amount     500.00  0.00  1,234.56   0.00    0.00    0.00  1,734.56',
      '          invoices        1     0         1      0       0       0         2',
      '',
    ].join('\n'));
  });

  it('report aging --by debtor lists each debtor and currency, largest first, with totals per currency', async () => {
    const json = await run('aging', '--as-of', '2026-03-31', '--by', 'debtor', '--json');
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout).rows as Array<Record<string, unknown>>;
    expect(rows.map((row) => [row.currency, row.debtorId, row.debtorRef, row.debtorName, row.totalMinor])).toEqual([
      ['EUR', 'dbt_bob', 'C-200', 'Bob Example', '9000'],
      ['JPY', 'dbt_ann', 'C-100', 'Ann Example', '10000'],
      ['USD', 'dbt_ann', 'C-100', 'Ann Example', '123456'],
      ['USD', 'dbt_bob', 'C-200', 'Bob Example', '50000'],
    ]);
    const table = await run('aging', '--as-of', '2026-03-31', '--by', 'debtor');
    expect(table.stdout).toContain('C-100   Ann Example  USD       amount       0.00  0.00  1,234.56');
    expect(table.stdout).toContain('TOTAL                USD       amount     500.00  0.00  1,234.56   0.00    0.00    0.00  1,734.56');
  });

  it('report kpis --json prints the documented JSON, ratios as numbers with two decimals or null', async () => {
    const { code, stdout } = await run('kpis', '--from', '2026-03-01', '--to', '2026-03-31', '--json');
    expect(code).toBe(0);
    // USD: opening 1,234.56 (inv_1); sales 500.00 (inv_2); closing 1,734.56, of which 500.00 current.
    //   DSO = 173,456 / 50,000 × 31 = 107.5427… ; BPDSO = 31.00 ; ADD = 123,456 / 50,000 × 31 = 76.5427…
    //   CEI = (123,456 + 50,000 − 173,456) / (123,456 + 50,000 − 50,000) = 0 %: nothing collected.
    // EUR and JPY: no sales in March, so no DSO; CEI 0 %.
    expect(JSON.parse(stdout)).toEqual({
      from: '2026-03-01', to: '2026-03-31', days: 31,
      currencies: [
        { currency: 'EUR', creditSalesMinor: '0', collectionsMinor: '0', openingReceivablesMinor: '9000', closingReceivablesMinor: '9000', closingCurrentMinor: '0', pastDueCount: 1, pastDueMinor: '9000', dso: null, bestPossibleDso: null, averageDaysDelinquent: null, cei: 0 },
        { currency: 'JPY', creditSalesMinor: '0', collectionsMinor: '0', openingReceivablesMinor: '10000', closingReceivablesMinor: '10000', closingCurrentMinor: '0', pastDueCount: 1, pastDueMinor: '10000', dso: null, bestPossibleDso: null, averageDaysDelinquent: null, cei: 0 },
        { currency: 'USD', creditSalesMinor: '50000', collectionsMinor: '0', openingReceivablesMinor: '123456', closingReceivablesMinor: '173456', closingCurrentMinor: '50000', pastDueCount: 1, pastDueMinor: '123456', dso: 107.54, bestPossibleDso: 31, averageDaysDelinquent: 76.54, cei: 0 },
      ],
    });
  });

  it('report kpis prints one column per currency', async () => {
    const { code, stdout } = await run('kpis', '--from', '2026-03-01', '--to', '2026-03-31');
    expect(code).toBe(0);
    expect(stdout).toContain('KPIs from 2026-03-01 to 2026-03-31 (31 days), tenant default');
    expect(stdout).toMatch(/^Credit sales +0\.00 +0 +500\.00$/m);
    expect(stdout).toMatch(/^DSO \(days\) +n\/a +n\/a +107\.54$/m);
    expect(stdout).toMatch(/^CEI \(%\) +0\.00 +0\.00 +0\.00$/m);
  });

  it('reads the tenant from RECOUP_TENANT, and refuses a tenant that does not exist', async () => {
    const acme = await recoup(['report', 'aging', '--as-of', '2026-03-31', '--json'], { ...env, RECOUP_TENANT: 'acme' }, directory);
    expect(acme.code).toBe(0);
    expect(JSON.parse(acme.stdout).rows).toEqual([]);
    const nobody = await recoup(['report', 'aging', '--as-of', '2026-03-31'], { ...env, RECOUP_TENANT: 'nobody' }, directory);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(/^recoup report: tenant "nobody" does not exist in .* \(set RECOUP_TENANT\)\n$/);
  });

  it('a date that is not a calendar date is a user error (exit 1) naming the option and the value', async () => {
    const { code, stdout, stderr } = await run('aging', '--as-of', '2026-13-01');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('recoup report: --as-of: "2026-13-01" is not a date (YYYY-MM-DD)\n');
    expect((await run('kpis', '--from', '2026-02-29', '--to', '2026-03-31')).stderr).toBe('recoup report: --from: "2026-02-29" is not a date (YYYY-MM-DD)\n');
    expect((await run('kpis', '--from', '2026-04-01', '--to', '2026-03-31')).stderr).toBe('recoup report: --from: 2026-04-01 is after --to 2026-03-31\n');
    expect((await run('aging', '--as-of', '2026-03-31', '--by', 'week')).stderr).toBe('recoup report: --by: "week" is not one of currency, debtor\n');
  });

  it('a missing option, an unknown option or an unknown report is a usage error (exit 2) with the usage', async () => {
    for (const argv of [['aging'], ['aging', '--json'], ['kpis', '--from', '2026-03-01'], ['aging', '--as-of', '2026-03-31', '--sort'], ['weekly'], []]) {
      const { code, stderr } = await run(...argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr, argv.join(' ')).toContain('Usage:\n  recoup report aging --as-of YYYY-MM-DD');
    }
    expect((await run('aging')).stderr).toMatch(/^recoup report: --as-of YYYY-MM-DD is required\n/);
    expect((await run('weekly')).stderr).toMatch(/^recoup report: unknown report "weekly" \(aging or kpis\)\n/);
  });
});
