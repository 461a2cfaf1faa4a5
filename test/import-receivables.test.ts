import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { openTestDatabase, testEngine, type TestDatabase } from './support/test-database.ts';
import { ensureTenant } from '../src/app/book/ensure-tenant.ts';
import { importReceivables, ImportError, type ImportOptions } from '../src/app/import/import-receivables.ts';
import { loadMapping } from '../src/app/import/load-mapping.ts';
import { verifyAuditChain } from '../src/adapters/db/audit-log.ts';
import { standardColumns } from '../src/domain/book/import-mapping.ts';

const fixtures = fileURLToPath(new URL('./fixtures/ibm/', import.meta.url));
const ibmClean = join(fixtures, 'ibm-accounts-receivable.csv');
const ibmDirty = join(fixtures, 'ibm-accounts-receivable-dirty.csv');
const ibmMapping = loadMapping(fileURLToPath(new URL('../examples/mappings/ibm-accounts-receivable.json', import.meta.url)));
const standard = loadMapping(undefined);
const work = mkdtempSync(join(tmpdir(), 'recoup-import-'));

type Counts = { debtors: number; invoices: number; payments: number; entries: number; audit: number; receivable: bigint };

async function counts(db: TestDatabase, tenantId: string): Promise<Counts> {
  const { rows } = await db.query<{ debtors: bigint; invoices: bigint; payments: bigint; entries: bigint; audit: bigint; receivable: bigint | null }>(`
    SELECT (SELECT count(*) FROM debtor WHERE tenant_id = $1) AS debtors,
           (SELECT count(*) FROM invoice WHERE tenant_id = $1) AS invoices,
           (SELECT count(*) FROM payment WHERE tenant_id = $1 AND status = 'posted') AS payments,
           (SELECT count(*) FROM ledger_entry WHERE tenant_id = $1) AS entries,
           (SELECT count(*) FROM audit_event WHERE tenant_id = $1) AS audit,
           (SELECT sum(receivable_minor) FROM account_balance WHERE tenant_id = $1)::bigint AS receivable`, [tenantId]);
  const row = rows[0]!;
  return { debtors: Number(row.debtors), invoices: Number(row.invoices), payments: Number(row.payments), entries: Number(row.entries), audit: Number(row.audit), receivable: row.receivable ?? 0n };
}

/** Open receivable as of a date, straight from the ledger view the reports use. */
async function openAsOf(db: TestDatabase, tenantId: string, asOf: string): Promise<bigint> {
  const { rows } = await db.query<{ open: bigint | null }>(`
    SELECT sum(CASE WHEN debit_account = 'receivable' THEN amount_minor WHEN credit_account = 'receivable' THEN -amount_minor ELSE 0 END)::bigint AS open
    FROM ledger_entry WHERE tenant_id = $1 AND effective_date <= $2::date`, [tenantId, asOf]);
  return rows[0]!.open ?? 0n;
}

describe(`import receivables on ${testEngine}`, () => {
  let db: TestDatabase;
  let tenant = 0;
  let tenantId = '';
  const options = (filePath: string, extra: Partial<ImportOptions> = {}): ImportOptions => ({
    tenantId, actor: 'test', filePath, mapping: ibmMapping, today: '2026-11-24', now: new Date('2026-11-24T12:00:00Z'),
    rejectFilePath: join(work, `rejects-${tenant}.csv`), ...extra,
  });

  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db.dispose());
  beforeEach(async () => {
    tenant += 1;
    tenantId = `ten_${tenant}`;
    await ensureTenant(db, tenantId);
  });

  it('imports the IBM sample: 2,466 invoices for 100 debtors, each settled date a payment in full', async () => {
    const summary = await importReceivables(db, options(ibmClean));
    expect(summary).toMatchObject({ status: 'imported', rowsRead: 2466, invoicesCreated: 2466, debtorsCreated: 100, paymentsPosted: 2466, rejectedRows: 0 });
    const after = await counts(db, tenantId);
    expect(after).toMatchObject({ debtors: 100, invoices: 2466, payments: 2466, entries: 4932 });
    expect(after.receivable).toBe(0n); // every invoice of the sample was settled

    // The open balance on a date equals what the file says: invoiced by then, not yet settled by then.
    const rows = parse(readFileSync(ibmClean), { columns: true, bom: true }) as Array<Record<string, string>>;
    const iso = (text: string) => { const [m, d, y] = text.split('/'); return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`; };
    const cents = (text: string) => BigInt(Math.round(Number(text) * 100));
    for (const asOf of ['2012-06-30', '2013-01-01', '2013-12-31']) {
      const expected = rows.filter((r) => iso(r.InvoiceDate!) <= asOf && iso(r.SettledDate!) > asOf).reduce((sum, r) => sum + cents(r.InvoiceAmount!), 0n);
      expect(await openAsOf(db, tenantId, asOf), asOf).toBe(expected);
    }
    expect(await verifyAuditChain(db, tenantId)).toMatchObject({ ok: true });
  });

  it('importing the same file again changes nothing and says so', async () => {
    await importReceivables(db, options(ibmClean));
    const before = await counts(db, tenantId);
    const again = await importReceivables(db, options(ibmClean));
    expect(again).toMatchObject({ status: 'unchanged', invoicesUnchanged: 2466, invoicesCreated: 0, invoicesChanged: 0, paymentsPosted: 0, ledgerEntries: 0 });
    expect(await counts(db, tenantId)).toEqual(before);
  });

  it('a changed row changes the book through new ledger entries and audit events, never by editing history', async () => {
    await importReceivables(db, options(ibmClean));
    const before = await counts(db, tenantId);
    const { rows: original } = await db.query<{ id: string; amount_minor: bigint }>(`SELECT id, amount_minor FROM ledger_entry WHERE tenant_id = $1 ORDER BY id`, [tenantId]);
    // Line 2: 0000611365 55.94, settled 1/15/2013 -> amount 60.00; line 3: 0007900770 settled 3/3/2013 -> 3/10/2013.
    const lines = readFileSync(ibmClean, 'utf8').split('\r\n');
    lines[1] = lines[1]!.replace(',55.94,', ',60.00,');
    lines[2] = lines[2]!.replace(',3/3/2013,', ',3/10/2013,');
    const changedFile = join(work, `changed-${tenant}.csv`);
    writeFileSync(changedFile, lines.join('\r\n'));

    const summary = await importReceivables(db, options(changedFile));
    // Line 2 settled in full, so its payment follows the new amount; line 3's follows the new date.
    expect(summary).toMatchObject({ status: 'imported', invoicesChanged: 1, invoicesUnchanged: 2464, paymentsReversed: 2, paymentsPosted: 2 });
    // The amount change is an adjustment of +4.06; each settlement change a reversal and a new payment.
    const { rows: added } = await db.query<{ kind: string; amount_minor: bigint; effective_date: string; debit_account: string }>(`
      SELECT kind, amount_minor, effective_date, debit_account FROM ledger_entry WHERE tenant_id = $1 AND source = $2 ORDER BY kind, amount_minor`,
      [tenantId, `import:${summary.importId}`]);
    expect(added).toEqual([
      { kind: 'adjustment', amount_minor: 406n, effective_date: '2026-11-24', debit_account: 'receivable' },
      { kind: 'payment', amount_minor: 6000n, effective_date: '2013-01-15', debit_account: 'cash' },
      { kind: 'payment', amount_minor: 6174n, effective_date: '2013-03-10', debit_account: 'cash' },
      { kind: 'reversal', amount_minor: 5594n, effective_date: '2026-11-24', debit_account: 'receivable' },
      { kind: 'reversal', amount_minor: 6174n, effective_date: '2026-11-24', debit_account: 'receivable' },
    ]);
    // Every earlier entry is still there, unchanged.
    const { rows: still } = await db.query<{ id: string; amount_minor: bigint }>(`SELECT id, amount_minor FROM ledger_entry WHERE tenant_id = $1 AND id = ANY($2::text[]) ORDER BY id`, [tenantId, original.map((e) => e.id)]);
    expect(still).toEqual(original);
    const after = await counts(db, tenantId);
    expect(after.entries).toBe(before.entries + 5);
    expect(after.receivable).toBe(0n); // still all settled
    const { rows: events } = await db.query<{ type: string; payload: { changes: unknown } }>(`SELECT type, payload FROM audit_event WHERE tenant_id = $1 AND type = 'invoice.changed'`, [tenantId]);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload.changes).toEqual({ amountMinor: { before: '5594', after: '6000' } });
    expect(await verifyAuditChain(db, tenantId)).toMatchObject({ ok: true });

    // And importing the changed file again changes nothing.
    expect((await importReceivables(db, options(changedFile))).status).toBe('unchanged');
  });

  it('reports each bad row of the dirty IBM copy with its line and column, and imports the good ones', async () => {
    const summary = await importReceivables(db, options(ibmDirty));
    expect(summary).toMatchObject({ status: 'imported', rowsRead: 2586, rowsAccepted: 2466, rejectedRows: 120, invoicesCreated: 2466 });
    expect(summary.problems[0]).toEqual({ lineNumber: 3, column: 'PaperlessDate', code: 'missing_field', message: 'PaperlessDate is missing' });
    const rejects = parse(readFileSync(summary.rejectFile!), { columns: true }) as Array<Record<string, string>>;
    expect(new Set(rejects.map((r) => r.line)).size).toBe(120);
    expect(rejects[0]).toMatchObject({ line: '3', column: 'PaperlessDate', code: 'missing_field', invoiceNumber: '136962706', customerID: '9174-IYKOC' });
    // Its good rows are the clean file's invoices (leading zeros restored, "38.0" = 38): nothing to change.
    const clean = await importReceivables(db, options(ibmClean));
    expect(clean).toMatchObject({ status: 'unchanged', invoicesUnchanged: 2466 });
  });

  it('--strict imports nothing when any row is bad', async () => {
    const summary = await importReceivables(db, options(ibmDirty, { strict: true }));
    expect(summary).toMatchObject({ status: 'rejected', rejectedRows: 120 });
    expect(await counts(db, tenantId)).toMatchObject({ debtors: 0, invoices: 0, entries: 0 });
  });

  it('--dry-run reports what would change and writes nothing', async () => {
    const before = await counts(db, tenantId);
    const summary = await importReceivables(db, options(ibmClean, { dryRun: true }));
    expect(summary).toMatchObject({ status: 'dry_run', invoicesCreated: 2466, paymentsPosted: 2466 });
    expect(await counts(db, tenantId)).toEqual(before);
  });

  it('names the line, column and problem of every kind of bad row', async () => {
    const header = standardColumns.join(',');
    const row = (cells: Partial<Record<(typeof standardColumns)[number], string>>) =>
      standardColumns.map((column) => cells[column] ?? '').join(',');
    const good = { debtor_ref: 'C1', debtor_name: 'Ann Lee', debtor_kind: 'person', debt_purpose: 'consumer', currency: 'USD', issue_date: '2026-01-05', due_date: '2026-02-04', amount: '120.00' };
    const file = join(work, `bad-${tenant}.csv`);
    writeFileSync(file, [
      header,
      row({ ...good, invoice_number: 'A1' }), // line 2: fine
      row({ ...good, invoice_number: 'A2', issue_date: '2026-02-30' }), // 3: no such date
      row({ ...good, invoice_number: 'A3', amount: '-5.00' }), // 4: negative
      row({ ...good, invoice_number: 'A4', amount: '12.5x' }), // 5: malformed
      row({ ...good, invoice_number: 'A5', currency: 'XYZ' }), // 6: unknown currency
      row({ ...good, invoice_number: '', amount: '10' }), // 7: missing invoice number
      row({ ...good, invoice_number: 'A1', amount: '130.00' }), // 8: duplicate number, different data
      row({ ...good, invoice_number: 'A1' }), // 9: exact repeat of line 2: skipped
      row({ ...good, invoice_number: 'A6', due_date: '2025-12-01' }), // 10: due before issued
      row({ ...good, invoice_number: 'A7', amount: '10.001' }), // 11: more decimals than USD has
      row({ ...good, invoice_number: 'A8', paid_date: '2026-03-01', paid_amount: '20.00' }), // 12: fine, partial payment
    ].join('\n') + '\n');
    const summary = await importReceivables(db, options(file, { mapping: standard }));
    const found = summary.problems.map((p) => [p.lineNumber, p.column, p.code]);
    expect(found).toEqual([
      [3, 'issue_date', 'invalid_date'],
      [4, 'amount', 'negative_amount'],
      [5, 'amount', 'malformed_amount'],
      [6, 'currency', 'unknown_currency'],
      [7, 'invoice_number', 'missing_field'],
      [10, 'due_date', 'due_before_issue'],
      [11, 'amount', 'too_many_decimals'],
      [8, 'invoice_number', 'duplicate_invoice'],
    ]);
    expect(summary).toMatchObject({ rejectedRows: 8, duplicateRowsSkipped: 1, invoicesCreated: 2, paymentsPosted: 1 });
    expect(await counts(db, tenantId)).toMatchObject({ invoices: 2, receivable: 12000n + 12000n - 2000n });
    const rejectText = readFileSync(summary.rejectFile!, 'utf8');
    expect(rejectText).toContain('8,invoice_number,duplicate_invoice,invoice number A1 is already on line 2 with different data');
    expect(rejectText).toContain('9,invoice_number,duplicate_row,repeats line 2 exactly; skipped');
  });

  it('records contact points with the time zones their address and number suggest', async () => {
    const header = standardColumns.join(',');
    const row = (cells: Partial<Record<(typeof standardColumns)[number], string>>) => standardColumns.map((column) => cells[column] ?? '').join(',');
    const file = join(work, `contacts-${tenant}.csv`);
    writeFileSync(file, [
      header,
      // Lives in Phoenix (no daylight saving) but kept a Manhattan mobile number.
      row({ debtor_ref: 'P1', debtor_name: 'Pat Ruiz', debtor_kind: 'person', debt_purpose: 'consumer', country: 'US', region: 'AZ', postal_code: '85004',
        city: 'Phoenix', address_line1: '1 Main St', phone: '+12125550147', email: 'Pat@Example.com', invoice_number: 'Z1', issue_date: '2026-01-05',
        due_date: '2026-02-04', currency: 'USD', amount: '80.00' }),
    ].join('\n') + '\n');
    await importReceivables(db, options(file, { mapping: standard }));
    const { rows } = await db.query<{ type: string; value: string; candidate_time_zones: string[]; source: string }>(
      `SELECT type, value, candidate_time_zones, source FROM contact_point WHERE tenant_id = $1 ORDER BY type`, [tenantId]);
    expect(rows).toEqual([
      { type: 'email', value: 'pat@example.com', candidate_time_zones: [], source: 'import' },
      { type: 'phone', value: '+12125550147', candidate_time_zones: ['America/New_York'], source: 'import' },
      { type: 'postal', value: '1 Main St, Phoenix, AZ 85004, US', candidate_time_zones: ['America/Phoenix'], source: 'import' },
    ]);
  });

  it('reads XLSX the same as CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Receivables');
    sheet.addRow([...standardColumns]);
    sheet.addRow(standardColumns.map((c) => ({ debtor_ref: 'C9', debtor_name: 'Zed Co', debtor_kind: 'business', debt_purpose: 'commercial', account_ref: 'C9', invoice_number: 'X-1', issue_date: new Date('2026-01-10T00:00:00Z'), due_date: new Date('2026-02-09T00:00:00Z'), currency: 'EUR', amount: 1234.5 } as Record<string, unknown>)[c] ?? null));
    sheet.addRow(standardColumns.map((c) => ({ debtor_ref: 'C9', debtor_name: 'Zed Co', invoice_number: 'X-2', issue_date: '2026-03-01', due_date: '2026-03-31', currency: 'EUR', amount: '99.99', paid_date: '2026-04-02' } as Record<string, unknown>)[c] ?? null));
    const file = join(work, `book-${tenant}.xlsx`);
    await workbook.xlsx.writeFile(file);
    const summary = await importReceivables(db, options(file, { mapping: standard }));
    expect(summary).toMatchObject({ status: 'imported', rowsRead: 2, invoicesCreated: 2, paymentsPosted: 1, rejectedRows: 0 });
    const { rows } = await db.query<{ invoice_number: string; amount_minor: bigint; issue_date: string; currency: string }>(`SELECT invoice_number, amount_minor, issue_date, currency FROM invoice WHERE tenant_id = $1 ORDER BY invoice_number`, [tenantId]);
    expect(rows).toEqual([
      { invoice_number: 'X-1', amount_minor: 123450n, issue_date: '2026-01-10', currency: 'EUR' },
      { invoice_number: 'X-2', amount_minor: 9999n, issue_date: '2026-03-01', currency: 'EUR' },
    ]);
  });

  it('refuses a mapping that names a column the file does not have, naming the field', async () => {
    const broken = { ...ibmMapping, columns: { ...ibmMapping.columns, dueDate: 'Due' } };
    await expect(importReceivables(db, options(ibmClean, { mapping: broken }))).rejects.toThrow(ImportError);
    await expect(importReceivables(db, options(ibmClean, { mapping: broken }))).rejects.toThrow(/columns.dueDate names the column "Due"/);
    expect(existsSync(join(work, `rejects-${tenant}.csv`))).toBe(false);
  });
});
