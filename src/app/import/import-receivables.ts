import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { basename } from 'node:path';
import { stringify } from 'csv-stringify';
import type { Database, Queryable } from '../../adapters/db/database.ts';
import { csvField } from '../../adapters/db/database.ts';
import { appendAuditEvents } from '../../adapters/db/audit-log.ts';
import { newId } from '../../adapters/ids.ts';
import { readHeader, readTable, TableFormatError, detectFormat } from '../../adapters/files/read-table.ts';
import type { ImportMapping } from '../../domain/book/import-mapping.ts';
import { parseReceivableRow, type ReceivableRow, type RowProblem } from '../../domain/book/parse-receivable-row.ts';
import type { AuditEventInput } from '../../domain/audit/audit-event.ts';
import { deriveCandidateTimeZones } from '../../domain/compliance/time-zones/derive-candidate-time-zones.ts';
import { firstPartyCreditorId } from '../book/ensure-tenant.ts';

export type ImportOptions = {
  tenantId: string;
  actor: string;
  filePath: string;
  mapping: ImportMapping;
  /** Check and report, then roll everything back. */
  dryRun?: boolean;
  /** Import nothing if any row is bad. */
  strict?: boolean;
  /** Where bad rows go (CSV: line, column, code, message, then the row as read); null for none. */
  rejectFilePath?: string | null;
  /** The import's business date (corrections and reversals take effect on it) and instant. */
  today: string;
  now: Date;
  /** Rows per COPY batch: memory stays bounded by it whatever the file size. */
  batchSize?: number;
};

export type ImportStatus = 'imported' | 'unchanged' | 'dry_run' | 'rejected';

export type ImportSummary = {
  importId: string;
  status: ImportStatus;
  file: string;
  fileSha256: string;
  rowsRead: number;
  rowsAccepted: number;
  rejectedRows: number;
  duplicateRowsSkipped: number;
  debtorsCreated: number;
  debtorsChanged: number;
  contactPointsCreated: number;
  accountsCreated: number;
  invoicesCreated: number;
  invoicesChanged: number;
  invoicesUnchanged: number;
  paymentsPosted: number;
  paymentsReversed: number;
  ledgerEntries: number;
  /** The first problems found (all of them are in the reject file). */
  problems: RowProblem[];
  problemCount: number;
  rejectFile: string | null;
  elapsedMs: number;
};

/** A problem with the request as a whole (unreadable file, a mapped column missing from the header). */
export class ImportError extends Error {
  constructor(message: string, readonly field?: string) {
    super(message);
  }
}

class Rollback extends Error {}

const stagingColumns = [
  'line_number', 'debtor_ref', 'debtor_name', 'debtor_kind', 'debt_purpose', 'country', 'region', 'postal_code', 'city',
  'address_line1', 'phone', 'email', 'time_zone', 'account_ref', 'invoice_number', 'issue_date', 'due_date', 'currency',
  'amount_minor', 'disputed', 'paid_date', 'paid_minor', 'invoice_attributes', 'debtor_attributes',
  'postal_time_zones', 'phone_time_zones',
] as const;

const problemColumns = ['line_number', 'column_name', 'code', 'message'] as const;
const PROBLEMS_KEPT = 100;

/**
 * Imports receivables from a CSV or XLSX file into the book, in one transaction: all of it, or (with
 * --strict, or on a dry run) none of it. Rows stream through in batches, so memory stays constant;
 * set-based SQL then creates what is new and turns what changed into new ledger entries and audit
 * events. History is never edited: a changed amount is an adjustment, a changed settled date a reversal
 * and a new payment. Importing the same data again changes nothing and says so.
 */
export async function importReceivables(db: Database, options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const { mapping, tenantId } = options;
  const batchSize = options.batchSize ?? 20_000;
  if (!existsSync(options.filePath)) throw new ImportError(`file not found: ${options.filePath}`, 'FILE');
  const tableOptions = {
    format: mapping.format,
    delimiter: mapping.csv?.delimiter,
    quote: mapping.csv?.quote,
    encoding: mapping.csv?.encoding,
    sheet: mapping.xlsx?.sheet,
  };
  let header: string[];
  try {
    detectFormat(options.filePath, mapping.format);
    header = await readHeader(options.filePath, tableOptions);
  } catch (error) {
    if (error instanceof TableFormatError) throw new ImportError(error.message, 'FILE');
    throw new ImportError(`cannot read ${options.filePath}: ${(error as Error).message}`, 'FILE');
  }
  checkMappingAgainstHeader(mapping, header);
  const fileSha256 = await hashFile(options.filePath);
  const importId = newId('imp');
  const creditorId = mapping.creditor !== undefined ? `cred_${slug(mapping.creditor.ref)}` : firstPartyCreditorId(tenantId);
  const source = `import:${importId}`;

  const problems: RowProblem[] = [];
  let problemCount = 0;
  const rejectedLines = new Set<number>();
  let rejectedRows = 0;
  const rejects = options.rejectFilePath ? openRejectFile(options.rejectFilePath, header) : null;
  const report = (problem: RowProblem, cells: Record<string, string> | null) => {
    problemCount += 1;
    if (problems.length < PROBLEMS_KEPT) problems.push(problem);
    rejects?.write(problem, cells);
  };

  const summary: ImportSummary = {
    importId, status: 'imported', file: options.filePath, fileSha256, rowsRead: 0, rowsAccepted: 0, rejectedRows: 0,
    duplicateRowsSkipped: 0, debtorsCreated: 0, debtorsChanged: 0, contactPointsCreated: 0, accountsCreated: 0,
    invoicesCreated: 0, invoicesChanged: 0, invoicesUnchanged: 0, paymentsPosted: 0, paymentsReversed: 0,
    ledgerEntries: 0, problems, problemCount: 0, rejectFile: options.rejectFilePath ?? null, elapsedMs: 0,
  };

  // RECOUP_IMPORT_TRACE=1 prints how long each step took (for tuning on big files).
  const trace = process.env.RECOUP_IMPORT_TRACE ? makeTracer() : () => undefined;
  try {
    await db.transaction(async (tx) => {
      await createStagingTables(tx);
      // 1. Stream the file: validate each row (pure), COPY good rows in batches, report bad ones.
      let batch: string[] = [];
      let problemBatch: string[] = [];
      const flush = async () => {
        if (batch.length > 0) await tx.copyCsv('import_row', stagingColumns, batch);
        if (problemBatch.length > 0) await tx.copyCsv('import_problem', problemColumns, problemBatch);
        batch = [];
        problemBatch = [];
      };
      for await (const tableRow of readTable(options.filePath, tableOptions)) {
        summary.rowsRead += 1;
        const parsed = tableRow.columnCountMismatch
          ? { ok: false as const, problems: [{ lineNumber: tableRow.lineNumber, column: null, code: 'wrong_column_count' as const, message: `the row does not have the ${header.length} columns of the header` }] }
          : parseReceivableRow(tableRow.cells, mapping, tableRow.lineNumber);
        if (parsed.ok) {
          batch.push(stagingLine(parsed.row));
        } else {
          rejectedRows += 1;
          rejectedLines.add(tableRow.lineNumber);
          for (const problem of parsed.problems) {
            report(problem, tableRow.cells);
            problemBatch.push(problemLine(problem));
          }
        }
        if (batch.length >= batchSize || problemBatch.length >= batchSize) await flush();
      }
      await flush();
      await tx.query('ANALYZE import_row');
      trace('stream+copy');

      // 2. The same invoice number twice in the file: an exact repeat is skipped; different data is a bad row.
      const duplicates = await tx.query<{ line_number: number; first_line: number; invoice_number: string; identical: boolean }>(`
        WITH numbered AS (
          SELECT line_number, invoice_number,
                 md5(ROW(debtor_ref, debtor_name, debtor_kind, debt_purpose, country, region, postal_code, city, address_line1,
                         phone, email, time_zone, account_ref, issue_date, due_date, currency, amount_minor, disputed,
                         paid_date, paid_minor, invoice_attributes, debtor_attributes)::text) AS signature,
                 min(line_number) OVER (PARTITION BY invoice_number) AS first_line
          FROM import_row
          WHERE invoice_number IN (SELECT invoice_number FROM import_row GROUP BY invoice_number HAVING count(*) > 1)
        )
        SELECT n.line_number, n.first_line, n.invoice_number, n.signature = f.signature AS identical
        FROM numbered n JOIN numbered f ON f.line_number = n.first_line
        WHERE n.line_number <> n.first_line
        ORDER BY n.line_number`);
      // Problems found across rows, written with one statement per kind (never a statement per row).
      const found: RowProblem[] = [];
      for (const duplicate of duplicates.rows) {
        if (duplicate.identical) {
          summary.duplicateRowsSkipped += 1;
          rejects?.write({ lineNumber: duplicate.line_number, column: mapping.columns.invoiceNumber, code: 'duplicate_row', message: `repeats line ${duplicate.first_line} exactly; skipped` }, null);
        } else {
          const problem: RowProblem = {
            lineNumber: duplicate.line_number, column: mapping.columns.invoiceNumber, code: 'duplicate_invoice',
            message: `invoice number ${duplicate.invoice_number} is already on line ${duplicate.first_line} with different data`,
          };
          rejectedRows += 1;
          report(problem, null);
          found.push(problem);
        }
      }
      if (duplicates.rows.length > 0) {
        await tx.query('DELETE FROM import_row WHERE line_number = ANY($1::int[])', [duplicates.rows.map((d) => d.line_number)]);
      }

      // 3. An invoice number the book already holds for another debtor is a conflict, not a change.
      const moved = await tx.query<{ line_number: number; invoice_number: string; debtor_ref: string; existing_ref: string }>(`
        SELECT r.line_number, r.invoice_number, r.debtor_ref, d.external_ref AS existing_ref
        FROM import_row r
        JOIN invoice i ON i.tenant_id = $1 AND i.creditor_id = $2 AND i.invoice_number = r.invoice_number
        JOIN debtor d ON d.tenant_id = i.tenant_id AND d.id = i.debtor_id
        WHERE d.external_ref <> r.debtor_ref`, [tenantId, creditorId]);
      for (const row of moved.rows) {
        rejectedRows += 1;
        const message = `invoice ${row.invoice_number} belongs to debtor ${row.existing_ref} in the book, not ${row.debtor_ref}`;
        const problem: RowProblem = { lineNumber: row.line_number, column: mapping.columns.debtorRef, code: 'invoice_debtor_changed', message };
        report(problem, null);
        found.push(problem);
      }
      if (found.length > 0) {
        await tx.query(
          `INSERT INTO import_problem (line_number, column_name, code, message)
           SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[])`,
          [found.map((p) => p.lineNumber), found.map((p) => p.column), found.map((p) => p.code), found.map((p) => p.message)],
        );
      }
      if (moved.rows.length > 0) {
        await tx.query('DELETE FROM import_row WHERE line_number = ANY($1::int[])', [moved.rows.map((r) => r.line_number)]);
      }
      summary.rejectedRows = rejectedRows;
      summary.problemCount = problemCount;
      trace('duplicates+moved');
      const accepted = await tx.query<{ n: bigint }>('SELECT count(*) AS n FROM import_row');
      summary.rowsAccepted = Number(accepted.rows[0]!.n);

      if (options.strict && rejectedRows > 0) {
        summary.status = 'rejected';
        throw new Rollback();
      }

      // 4. Creditor, debtors (new and changed), contact points, accounts.
      if (mapping.creditor !== undefined) {
        await tx.query(`INSERT INTO creditor (tenant_id, id, name, kind) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
          tenantId, creditorId, mapping.creditor.name, mapping.creditor.kind,
        ]);
      }
      const auditEvents: AuditEventInput[] = [];
      // The book's rows this file touches, copied into temp tables of our own that we can ANALYZE: the
      // tables just written to in this transaction have no statistics yet, and joining them directly
      // can make the planner choose nested loops over a million rows.
      await tx.exec(`
        CREATE TEMP TABLE debtor_map (external_ref text PRIMARY KEY, id text NOT NULL, name text, kind text, debt_purpose text, country text, region text) ON COMMIT DROP;
        CREATE TEMP TABLE account_map (external_ref text NOT NULL, currency char(3) NOT NULL, id text NOT NULL, PRIMARY KEY (external_ref, currency)) ON COMMIT DROP;
        CREATE TEMP TABLE invoice_map (invoice_number text PRIMARY KEY, id text NOT NULL, debtor_id text NOT NULL, issue_date date, due_date date,
                                       amount_minor bigint, disputed boolean, account_id text, attributes jsonb) ON COMMIT DROP;
      `);
      await tx.query(`
        INSERT INTO debtor_map SELECT d.external_ref, d.id, d.name, d.kind, d.debt_purpose, d.country, d.region
        FROM debtor d WHERE d.tenant_id = $1 AND d.external_ref IN (SELECT debtor_ref FROM import_row)`, [tenantId]);
      await tx.query(`
        INSERT INTO account_map SELECT a.external_ref, a.currency, a.id
        FROM account a WHERE a.tenant_id = $1 AND a.creditor_id = $2 AND a.external_ref IN (SELECT account_ref FROM import_row)`, [tenantId, creditorId]);
      await tx.query(`
        INSERT INTO invoice_map SELECT i.invoice_number, i.id, i.debtor_id, i.issue_date, i.due_date, i.amount_minor, i.disputed, i.account_id, i.attributes
        FROM invoice i WHERE i.tenant_id = $1 AND i.creditor_id = $2 AND i.invoice_number IN (SELECT invoice_number FROM import_row)`, [tenantId, creditorId]);
      await tx.exec('ANALYZE debtor_map; ANALYZE account_map; ANALYZE invoice_map;');
      trace('maps');

      const changedDebtors = await tx.query<{ id: string; changes: Record<string, { before: string | null; after: string | null }> }>(`
        WITH first AS (
          SELECT DISTINCT ON (debtor_ref) * FROM import_row ORDER BY debtor_ref, line_number
        ), compared AS (
          SELECT d.id,
                 jsonb_strip_nulls(jsonb_build_object(
                   'name', CASE WHEN d.name IS DISTINCT FROM f.debtor_name THEN jsonb_build_object('before', d.name, 'after', f.debtor_name) END,
                   'kind', CASE WHEN d.kind IS DISTINCT FROM f.debtor_kind THEN jsonb_build_object('before', d.kind, 'after', f.debtor_kind) END,
                   'debtPurpose', CASE WHEN d.debt_purpose IS DISTINCT FROM f.debt_purpose THEN jsonb_build_object('before', d.debt_purpose, 'after', f.debt_purpose) END,
                   'country', CASE WHEN $2 AND d.country IS DISTINCT FROM f.country THEN jsonb_build_object('before', d.country, 'after', f.country) END,
                   'region', CASE WHEN $3 AND d.region IS DISTINCT FROM f.region THEN jsonb_build_object('before', d.region, 'after', f.region) END
                 )) AS changes,
                 f.debtor_name, f.debtor_kind, f.debt_purpose, f.country, f.region
          FROM first f JOIN debtor_map d ON d.external_ref = f.debtor_ref
        ), updated AS (
          UPDATE debtor d SET name = c.debtor_name, kind = c.debtor_kind, debt_purpose = c.debt_purpose,
                              country = CASE WHEN $2 THEN c.country ELSE d.country END,
                              region = CASE WHEN $3 THEN c.region ELSE d.region END
          FROM compared c WHERE d.tenant_id = $1 AND d.id = c.id AND c.changes <> '{}'::jsonb
          RETURNING d.id
        )
        SELECT c.id, c.changes FROM compared c JOIN updated u ON u.id = c.id`,
        [tenantId, mapping.columns.country !== undefined, mapping.columns.region !== undefined]);
      summary.debtorsChanged = changedDebtors.rowCount;
      trace('debtor changes');
      for (const debtor of changedDebtors.rows) {
        auditEvents.push({ type: 'debtor.changed', subjectType: 'debtor', subjectId: debtor.id, payload: { importId, changes: debtor.changes } });
      }

      const debtors = await tx.query(`
        WITH inserted AS (
          INSERT INTO debtor (tenant_id, id, external_ref, kind, debt_purpose, name, country, region, stated_time_zone, attributes)
          SELECT DISTINCT ON (r.debtor_ref) $1, 'dbt_' || replace(gen_random_uuid()::text, '-', ''), r.debtor_ref, r.debtor_kind,
                 r.debt_purpose, r.debtor_name, r.country, r.region, r.time_zone, r.debtor_attributes
          FROM import_row r
          WHERE NOT EXISTS (SELECT 1 FROM debtor_map m WHERE m.external_ref = r.debtor_ref)
          ORDER BY r.debtor_ref, r.line_number
          RETURNING external_ref, id
        )
        INSERT INTO debtor_map (external_ref, id) SELECT external_ref, id FROM inserted`, [tenantId]);
      summary.debtorsCreated = debtors.rowCount;
      await tx.query('ANALYZE debtor_map');
      trace('debtors');

      const contactPoints = await tx.query(`
        INSERT INTO contact_point (tenant_id, id, debtor_id, type, value, postal_address, source, candidate_time_zones)
        SELECT $1, 'cp_' || replace(gen_random_uuid()::text, '-', ''), c.debtor_id, c.type, c.value, c.postal_address, 'import', COALESCE(c.zones, '{}')
        FROM (
          SELECT DISTINCT ON (d.id, x.type, x.value) d.id AS debtor_id, x.type, x.value, x.postal_address, x.zones
          FROM import_row r
          JOIN debtor_map d ON d.external_ref = r.debtor_ref
          CROSS JOIN LATERAL (VALUES
            ('phone', r.phone, NULL::jsonb, r.phone_time_zones),
            ('email', lower(r.email), NULL::jsonb, NULL::text[]),
            ('postal', NULLIF(concat_ws(', ', r.address_line1, r.city, concat_ws(' ', r.region, r.postal_code), r.country), ''),
             CASE WHEN r.address_line1 IS NOT NULL OR r.postal_code IS NOT NULL THEN jsonb_strip_nulls(jsonb_build_object(
               'line1', r.address_line1, 'city', r.city, 'region', r.region, 'postalCode', r.postal_code, 'country', r.country)) END,
             r.postal_time_zones)
          ) AS x(type, value, postal_address, zones)
          WHERE x.value IS NOT NULL AND (x.type <> 'postal' OR x.postal_address IS NOT NULL)
          ORDER BY d.id, x.type, x.value, r.line_number
        ) c
        WHERE NOT EXISTS (SELECT 1 FROM contact_point p WHERE p.tenant_id = $1 AND p.debtor_id = c.debtor_id AND p.type = c.type AND p.value = c.value)`,
        [tenantId]);
      summary.contactPointsCreated = contactPoints.rowCount;
      trace('contact points');

      const accounts = await tx.query(`
        WITH inserted AS (
          INSERT INTO account (tenant_id, id, creditor_id, debtor_id, external_ref, currency)
          SELECT DISTINCT ON (r.account_ref, r.currency) $1, 'acct_' || replace(gen_random_uuid()::text, '-', ''), $2, d.id, r.account_ref, r.currency
          FROM import_row r
          JOIN debtor_map d ON d.external_ref = r.debtor_ref
          WHERE NOT EXISTS (SELECT 1 FROM account_map a WHERE a.external_ref = r.account_ref AND a.currency = r.currency)
          ORDER BY r.account_ref, r.currency, r.line_number
          RETURNING external_ref, currency, id
        )
        INSERT INTO account_map (external_ref, currency, id) SELECT external_ref, currency, id FROM inserted`, [tenantId, creditorId]);
      summary.accountsCreated = accounts.rowCount;
      await tx.query('ANALYZE account_map');
      trace('accounts');

      // 5. Each row, resolved to its debtor, account and (existing or new) invoice.
      await tx.query(`
        CREATE TEMP TABLE resolved ON COMMIT DROP AS
        SELECT r.*, d.id AS debtor_id, a.id AS account_id, i.id IS NULL AS is_new,
               COALESCE(i.id, 'inv_' || replace(gen_random_uuid()::text, '-', '')) AS invoice_id,
               i.issue_date AS old_issue_date, i.due_date AS old_due_date, i.amount_minor AS old_amount_minor,
               i.disputed AS old_disputed, i.account_id AS old_account_id, i.attributes AS old_attributes
        FROM import_row r
        JOIN debtor_map d ON d.external_ref = r.debtor_ref
        JOIN account_map a ON a.external_ref = r.account_ref AND a.currency = r.currency
        LEFT JOIN invoice_map i ON i.invoice_number = r.invoice_number`);
      await tx.query('CREATE INDEX ON resolved (invoice_id)');
      await tx.query('ANALYZE resolved');
      trace('resolve');

      const invoices = await tx.query(`
        INSERT INTO invoice (tenant_id, id, creditor_id, account_id, debtor_id, invoice_number, issue_date, due_date, currency, amount_minor, disputed, attributes)
        SELECT $1, invoice_id, $2, account_id, debtor_id, invoice_number, issue_date, due_date, currency, amount_minor, disputed, invoice_attributes
        FROM resolved WHERE is_new`, [tenantId, creditorId]);
      summary.invoicesCreated = invoices.rowCount;
      trace('invoices');

      const charges = await tx.query(`
        INSERT INTO ledger_entry (tenant_id, id, kind, debit_account, credit_account, amount_minor, currency, debtor_id, account_id,
                                  invoice_id, component, effective_date, occurred_at, source)
        SELECT $1, 'le_' || replace(gen_random_uuid()::text, '-', ''), 'charge', 'receivable', 'revenue', amount_minor, currency,
               debtor_id, account_id, invoice_id, 'principal', issue_date, $2::timestamptz, $3
        FROM resolved WHERE is_new AND amount_minor > 0`, [tenantId, options.now, source]);
      summary.ledgerEntries += charges.rowCount;
      trace('charges');

      // 6. Changed invoices: facts updated with the before/after in the audit log; a changed amount is an adjustment.
      const changed = await tx.query<{ invoice_id: string; invoice_number: string; changes: Record<string, { before: string | boolean | null; after: string | boolean | null }> }>(`
        SELECT invoice_id, invoice_number, jsonb_strip_nulls(jsonb_build_object(
          'issueDate', CASE WHEN issue_date <> old_issue_date THEN jsonb_build_object('before', old_issue_date, 'after', issue_date) END,
          'dueDate', CASE WHEN due_date <> old_due_date THEN jsonb_build_object('before', old_due_date, 'after', due_date) END,
          'amountMinor', CASE WHEN amount_minor <> old_amount_minor THEN jsonb_build_object('before', old_amount_minor::text, 'after', amount_minor::text) END,
          'disputed', CASE WHEN disputed <> old_disputed THEN jsonb_build_object('before', old_disputed, 'after', disputed) END,
          'accountId', CASE WHEN account_id <> old_account_id THEN jsonb_build_object('before', old_account_id, 'after', account_id) END,
          'attributes', CASE WHEN invoice_attributes <> old_attributes THEN jsonb_build_object('before', old_attributes::text, 'after', invoice_attributes::text) END
        )) AS changes
        FROM resolved
        WHERE NOT is_new AND (issue_date, due_date, amount_minor, disputed, account_id, invoice_attributes)
                         IS DISTINCT FROM (old_issue_date, old_due_date, old_amount_minor, old_disputed, old_account_id, old_attributes)`);
      summary.invoicesChanged = changed.rowCount;
      trace('changed');
      if (changed.rowCount > 0) {
        await tx.query(`
          UPDATE invoice i SET issue_date = r.issue_date, due_date = r.due_date, amount_minor = r.amount_minor,
                               disputed = r.disputed, account_id = r.account_id, attributes = r.invoice_attributes
          FROM resolved r
          WHERE i.tenant_id = $1 AND i.id = r.invoice_id AND NOT r.is_new
            AND (r.issue_date, r.due_date, r.amount_minor, r.disputed, r.account_id, r.invoice_attributes)
                IS DISTINCT FROM (r.old_issue_date, r.old_due_date, r.old_amount_minor, r.old_disputed, r.old_account_id, r.old_attributes)`, [tenantId]);
        const adjustments = await tx.query(`
          INSERT INTO ledger_entry (tenant_id, id, kind, debit_account, credit_account, amount_minor, currency, debtor_id, account_id,
                                    invoice_id, component, effective_date, occurred_at, source, reason)
          SELECT $1, 'le_' || replace(gen_random_uuid()::text, '-', ''), 'adjustment',
                 CASE WHEN amount_minor > old_amount_minor THEN 'receivable' ELSE 'adjustments' END,
                 CASE WHEN amount_minor > old_amount_minor THEN 'adjustments' ELSE 'receivable' END,
                 abs(amount_minor - old_amount_minor), currency, debtor_id, account_id, invoice_id, 'principal', $2::date, $3::timestamptz, $4,
                 'invoice amount changed from ' || old_amount_minor || ' to ' || amount_minor || ' (minor units) by import'
          FROM resolved WHERE NOT is_new AND amount_minor <> old_amount_minor`, [tenantId, options.today, options.now, source]);
        summary.ledgerEntries += adjustments.rowCount;
        for (const row of changed.rows) {
          auditEvents.push({ type: 'invoice.changed', subjectType: 'invoice', subjectId: row.invoice_id, payload: { importId, invoiceNumber: row.invoice_number, changes: row.changes } });
        }
      }

      // 7. Settlements: a settled date (and amount) is one payment per invoice; a change reverses it and posts anew.
      await tx.query(`
        CREATE TEMP TABLE settlement ON COMMIT DROP AS
        SELECT r.invoice_id, r.debtor_id, r.account_id, r.currency, r.paid_date, r.paid_minor, r.amount_minor,
               p.id AS current_payment_id,
               CASE WHEN r.paid_date IS NOT NULL THEN 'pay_' || replace(gen_random_uuid()::text, '-', '') END AS new_payment_id
        FROM resolved r
        LEFT JOIN payment p ON p.tenant_id = '${escapeLiteral(tenantId)}' AND p.settles_invoice_id = r.invoice_id AND p.status = 'posted' AND NOT r.is_new
        WHERE (r.paid_date IS NOT NULL OR p.id IS NOT NULL)
          AND NOT (p.id IS NOT NULL AND r.paid_date IS NOT NULL AND p.received_on = r.paid_date AND p.amount_minor = r.paid_minor)`);
      await tx.query('CREATE INDEX ON settlement (invoice_id)');
      await tx.query('ANALYZE settlement');
      trace('settlement');
      const reversals = await tx.query(`
        INSERT INTO ledger_entry (tenant_id, id, kind, debit_account, credit_account, amount_minor, currency, debtor_id, account_id,
                                  invoice_id, payment_id, component, reverses_entry_id, effective_date, occurred_at, source, reason)
        SELECT $1, 'le_' || replace(gen_random_uuid()::text, '-', ''), 'reversal', e.credit_account, e.debit_account, e.amount_minor,
               e.currency, e.debtor_id, e.account_id, e.invoice_id, e.payment_id, e.component, e.id, $2::date, $3::timestamptz, $4,
               'settlement changed by import'
        FROM settlement s
        JOIN ledger_entry e ON e.tenant_id = $1 AND e.payment_id = s.current_payment_id
        WHERE s.current_payment_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ledger_entry x WHERE x.tenant_id = $1 AND x.reverses_entry_id = e.id)`,
        [tenantId, options.today, options.now, source]);
      summary.ledgerEntries += reversals.rowCount;
      const reversedPayments = await tx.query(`
        UPDATE payment p SET status = 'reversed' FROM settlement s
        WHERE p.tenant_id = $1 AND p.id = s.current_payment_id`, [tenantId]);
      summary.paymentsReversed = reversedPayments.rowCount;
      trace('reversals');

      const payments = await tx.query(`
        INSERT INTO payment (tenant_id, id, debtor_id, account_id, amount_minor, currency, received_on, method, reference, source, settles_invoice_id)
        SELECT $1, new_payment_id, debtor_id, account_id, paid_minor, currency, paid_date, 'unknown', NULL, 'import', invoice_id
        FROM settlement WHERE new_payment_id IS NOT NULL`, [tenantId]);
      summary.paymentsPosted = payments.rowCount;
      const applications = await tx.query(`
        INSERT INTO ledger_entry (tenant_id, id, kind, debit_account, credit_account, amount_minor, currency, debtor_id, account_id,
                                  invoice_id, payment_id, component, effective_date, occurred_at, source)
        SELECT $1, 'le_' || replace(gen_random_uuid()::text, '-', ''), 'payment', 'cash', 'receivable', LEAST(paid_minor, amount_minor),
               currency, debtor_id, account_id, invoice_id, new_payment_id, 'principal', paid_date, $2::timestamptz, $3
        FROM settlement WHERE new_payment_id IS NOT NULL AND LEAST(paid_minor, amount_minor) > 0
        UNION ALL
        SELECT $1, 'le_' || replace(gen_random_uuid()::text, '-', ''), 'payment', 'cash', 'credit_balance', paid_minor - amount_minor,
               currency, debtor_id, account_id, NULL, new_payment_id, NULL, paid_date, $2::timestamptz, $3
        FROM settlement WHERE new_payment_id IS NOT NULL AND paid_minor > amount_minor`, [tenantId, options.now, source]);
      summary.ledgerEntries += applications.rowCount;
      trace('payments');

      const unchanged = await tx.query<{ n: bigint }>(`
        SELECT count(*) AS n FROM resolved r
        WHERE NOT r.is_new
          AND (r.issue_date, r.due_date, r.amount_minor, r.disputed, r.account_id, r.invoice_attributes)
              IS NOT DISTINCT FROM (r.old_issue_date, r.old_due_date, r.old_amount_minor, r.old_disputed, r.old_account_id, r.old_attributes)
          AND NOT EXISTS (SELECT 1 FROM settlement s WHERE s.invoice_id = r.invoice_id)`);
      summary.invoicesUnchanged = Number(unchanged.rows[0]!.n);
      trace('unchanged');

      const changedAnything = summary.debtorsCreated + summary.debtorsChanged + summary.contactPointsCreated + summary.accountsCreated +
        summary.invoicesCreated + summary.invoicesChanged + summary.paymentsPosted + summary.paymentsReversed + summary.ledgerEntries > 0;
      if (options.dryRun) {
        summary.status = 'dry_run';
        throw new Rollback();
      }
      if (!changedAnything) {
        // Nothing to record: the book already says what the file says.
        summary.status = 'unchanged';
        throw new Rollback();
      }

      // 8. The import itself, its rejected rows, and one audit event for it (plus one per changed record).
      const { problems: _kept, ...rest } = summary;
      await tx.query(`
        INSERT INTO import_batch (tenant_id, id, kind, file_name, file_sha256, mapping, status, summary, started_at)
        VALUES ($1, $2, 'receivables', $3, $4, $5::jsonb, 'imported', $6::jsonb, $7)`,
        [tenantId, importId, basename(options.filePath), fileSha256, JSON.stringify(mapping), JSON.stringify(rest), options.now]);
      await tx.query(`
        INSERT INTO import_reject (tenant_id, import_id, line_number, column_name, code, message)
        SELECT DISTINCT ON (line_number, code, COALESCE(column_name, '')) $1, $2, line_number, COALESCE(column_name, ''), code, message
        FROM import_problem ORDER BY line_number, code, COALESCE(column_name, '')`, [tenantId, importId]);
      auditEvents.unshift({
        type: 'receivables.imported', subjectType: 'import', subjectId: importId,
        payload: {
          fileName: basename(options.filePath), fileSha256, rowsRead: summary.rowsRead, invoicesCreated: summary.invoicesCreated,
          invoicesChanged: summary.invoicesChanged, invoicesUnchanged: summary.invoicesUnchanged, paymentsPosted: summary.paymentsPosted,
          paymentsReversed: summary.paymentsReversed, rejected: summary.rejectedRows, ledgerEntries: summary.ledgerEntries,
        },
      });
      await appendAuditEvents(tx, tenantId, options.actor, options.now, auditEvents);
    });
  } catch (error) {
    if (!(error instanceof Rollback)) {
      await rejects?.close();
      throw error;
    }
  }
  await rejects?.close();
  if (summary.status === 'imported') await db.refreshStatistics();
  summary.rejectedRows = rejectedRows;
  summary.problemCount = problemCount;
  if (problemCount === 0 && summary.duplicateRowsSkipped === 0 && rejects !== null) {
    summary.rejectFile = null;
    await rejects.remove();
  }
  summary.elapsedMs = Math.round(performance.now() - started);
  return summary;
}

function makeTracer() {
  let last = performance.now();
  return (step: string) => {
    const now = performance.now();
    process.stderr.write(`import: ${step} ${Math.round(now - last)} ms\n`);
    last = now;
  };
}

async function createStagingTables(tx: Queryable): Promise<void> {
  await tx.exec(`
    CREATE TEMP TABLE import_row (
      line_number integer NOT NULL, debtor_ref text NOT NULL, debtor_name text NOT NULL, debtor_kind text NOT NULL,
      debt_purpose text NOT NULL, country text, region text, postal_code text, city text, address_line1 text, phone text,
      email text, time_zone text, account_ref text NOT NULL, invoice_number text NOT NULL, issue_date date NOT NULL,
      due_date date NOT NULL, currency char(3) NOT NULL, amount_minor bigint NOT NULL, disputed boolean NOT NULL,
      paid_date date, paid_minor bigint, invoice_attributes jsonb NOT NULL, debtor_attributes jsonb NOT NULL,
      postal_time_zones text[], phone_time_zones text[]
    ) ON COMMIT DROP;
    CREATE TEMP TABLE import_problem (line_number integer NOT NULL, column_name text, code text NOT NULL, message text NOT NULL) ON COMMIT DROP;
  `);
}

/**
 * The time zones a contact point suggests (REGF-TIME-MULTITZ), as a PostgreSQL array literal. Cached:
 * a book has far fewer distinct addresses' regions and area codes than rows.
 */
const zoneCache = new Map<string, string>();
function candidateZones(key: string, derive: () => string[]): string {
  let zones = zoneCache.get(key);
  if (zones === undefined) {
    if (zoneCache.size > 50_000) zoneCache.clear();
    zones = `{${derive().map((zone) => `"${zone}"`).join(',')}}`;
    zoneCache.set(key, zones);
  }
  return zones;
}

function stagingLine(row: ReceivableRow): string {
  const country = row.country ?? (row.phone?.startsWith('+1') ? 'US' : null);
  const postalZones = country === null || (row.postalCode === null && row.region === null) ? null
    : candidateZones(`postal|${country}|${row.region ?? ''}|${row.postalCode ?? ''}`, () => deriveCandidateTimeZones({
      postalAddress: { country, ...(row.region !== null ? { state: row.region } : {}), ...(row.postalCode !== null ? { postalCode: row.postalCode } : {}) },
    }).timeZones);
  const phoneZones = row.phone === null ? null
    : candidateZones(`phone|${row.phone}`, () => deriveCandidateTimeZones({ phoneNumbers: [row.phone!] }).timeZones);
  return [
    row.lineNumber, row.debtorRef, row.debtorName, row.debtorKind, row.debtPurpose, row.country, row.region, row.postalCode,
    row.city, row.addressLine1, row.phone, row.email, row.timeZone, row.accountRef, row.invoiceNumber, row.issueDate,
    row.dueDate, row.currency, row.amountMinor, row.disputed, row.paidDate, row.paidMinor,
    JSON.stringify(row.invoiceAttributes), JSON.stringify(row.debtorAttributes), postalZones, phoneZones,
  ].map((value) => csvField(value)).join(',') + '\n';
}

function problemLine(problem: RowProblem): string {
  return [problem.lineNumber, problem.column, problem.code, problem.message].map((value) => csvField(value)).join(',') + '\n';
}

function checkMappingAgainstHeader(mapping: ImportMapping, header: string[]): void {
  const present = new Set(header);
  const wanted: Array<[string, string]> = [];
  for (const [field, column] of Object.entries(mapping.columns)) if (column !== undefined) wanted.push([`columns.${field}`, column]);
  if (mapping.settlement !== undefined) {
    wanted.push(['settlement.dateColumn', mapping.settlement.dateColumn]);
    if (mapping.settlement.amountColumn !== undefined) wanted.push(['settlement.amountColumn', mapping.settlement.amountColumn]);
  }
  for (const [name, column] of Object.entries(mapping.invoiceAttributes)) wanted.push([`invoiceAttributes.${name}`, column]);
  for (const [name, column] of Object.entries(mapping.debtorAttributes)) wanted.push([`debtorAttributes.${name}`, column]);
  for (const column of mapping.requiredColumns) wanted.push(['requiredColumns', column]);
  const missing = wanted.filter(([, column]) => !present.has(column));
  if (missing.length > 0) {
    const [field, column] = missing[0]!;
    throw new ImportError(
      `the mapping's ${field} names the column "${column}", which the file does not have (its columns: ${header.join(', ')})`,
      `mapping.${field}`,
    );
  }
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function openRejectFile(path: string, header: string[]) {
  const out: WriteStream = createWriteStream(path);
  const csv = stringify({ header: true, columns: ['line', 'column', 'code', 'message', ...header] });
  csv.pipe(out);
  return {
    write(problem: RowProblem, cells: Record<string, string> | null) {
      csv.write([problem.lineNumber, problem.column ?? '', problem.code, problem.message, ...header.map((column) => cells?.[column] ?? '')]);
    },
    close: () => new Promise<void>((resolve) => {
      out.once('close', () => resolve());
      csv.end();
    }),
    remove: async () => {
      const { rm } = await import('node:fs/promises');
      await rm(path, { force: true });
    },
  };
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
const escapeLiteral = (text: string) => text.replace(/'/g, "''");
