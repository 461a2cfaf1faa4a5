import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../adapters/db/database.ts';
import { appendAuditEvents } from '../../adapters/db/audit-log.ts';
import { generateExampleBook } from '../example-book/generate-example-book.ts';
import { writeExampleCsv } from '../example-book/write-example-csv.ts';
import { importReceivables, type ImportSummary } from '../import/import-receivables.ts';
import { importMappingSchema, standardMapping } from '../../domain/book/import-mapping.ts';

export type ExampleBookOptions = { tenantId: string; today: string; now: Date; seed?: number; debtors?: number };

/**
 * Loads the example book when the tenant's book is empty, through the same import a user runs, so a
 * newcomer sees a realistic portfolio at once. Does nothing (returns null) when there is a book already.
 */
export async function loadExampleBookIfEmpty(db: Database, options: ExampleBookOptions): Promise<ImportSummary | null> {
  const { rows } = await db.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM invoice WHERE tenant_id = $1) AS any`, [options.tenantId]);
  if (rows[0]!.any) return null;
  const seed = options.seed ?? 20261124;
  const debtors = options.debtors ?? 3000;
  const directory = mkdtempSync(join(tmpdir(), 'recoup-example-'));
  try {
    const file = join(directory, 'example-book.csv');
    await writeExampleCsv(generateExampleBook({ seed, asOf: options.today, debtors }), file);
    const summary = await importReceivables(db, {
      tenantId: options.tenantId, actor: 'system:example-book', filePath: file, mapping: importMappingSchema.parse(standardMapping),
      today: options.today, now: options.now, rejectFilePath: null,
    });
    await db.transaction((tx) => appendAuditEvents(tx, options.tenantId, 'system:example-book', options.now, [{
      type: 'example_book.loaded', subjectType: 'tenant', subjectId: options.tenantId,
      payload: { seed, debtors: summary.debtorsCreated, invoices: summary.invoicesCreated, asOf: options.today },
    }]));
    return summary;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
