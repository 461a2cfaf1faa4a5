import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { loadBookSummary } from '../../../app/book/load-book-summary.ts';
import { verifyAuditChain } from '../../db/audit-log.ts';
import { buildAgingReportJson, loadAgingReport } from '../../../app/reports/aging-report.ts';
import { buildKpiReportJson, loadKpiReport } from '../../../app/reports/kpi-report.ts';
import { postPayment } from '../../../app/payments/post-payment.ts';
import { importReceivables, ImportError } from '../../../app/import/import-receivables.ts';
import { loadMapping } from '../../../app/import/load-mapping.ts';
import { importMappingSchema } from '../../../domain/book/import-mapping.ts';
import { importBankFile } from '../../../app/bank/import-bank-file.ts';
import { listUnmatchedBankLines } from '../../../app/bank/generate-nacha-debits.ts';
import { actorOf } from '../../../app/auth/roles.ts';
import { listDebtors, listInvoices, listLedger, listPayments } from '../../../app/workbench/book-queries.ts';
import { HttpError, httpErrorOf } from '../http-error.ts';
import { decodeCursor, pageQuery } from '../pagination.ts';
import { calendarDateParam, currencyCode, idempotencyHeaders, idParam, minorUnits } from '../schemas.ts';
import type { App, HttpDeps } from '../server.ts';

export async function registerBookRoutes(app: App, deps: HttpDeps): Promise<void> {
  const { db } = deps;
  app.get('/api/health', { config: { access: 'public' }, schema: { tags: ['book'], summary: 'Liveness' } }, async () => ({ status: 'ok', database: db.engine }));

  app.get('/api/book/summary', { config: { access: 'read' }, schema: { tags: ['book'], summary: 'What the book holds' } },
    async (request) => loadBookSummary(db, request.principal!.tenantId));

  app.get('/api/audit/verify', { config: { access: 'oversee' }, schema: { tags: ['book'], summary: "Recompute the audit log's hash chain" } },
    async (request) => verifyAuditChain(db, request.principal!.tenantId));

  app.get('/api/reports/aging', {
    config: { access: 'read' },
    schema: { tags: ['reports'], summary: 'Aging by bucket, per currency or per debtor', querystring: z.object({ asOf: calendarDateParam('asOf'), by: z.enum(['currency', 'debtor']).default('currency') }) },
  }, async (request) => buildAgingReportJson(await loadAgingReport(db, { tenantId: request.principal!.tenantId, asOf: request.query.asOf, by: request.query.by })));

  app.get('/api/reports/kpis', {
    config: { access: 'read' },
    schema: { tags: ['reports'], summary: 'DSO, best possible DSO, average days delinquent and CEI over a period', querystring: z.object({ from: calendarDateParam('from'), to: calendarDateParam('to') }) },
  }, async (request) => {
    const { from, to } = request.query;
    if (to < from) throw new HttpError(400, 'invalid_parameter', `to (${to}) is before from (${from})`, 'to');
    return buildKpiReportJson(await loadKpiReport(db, { tenantId: request.principal!.tenantId, from, to }));
  });

  app.get('/api/debtors', {
    config: { access: 'read' },
    schema: { tags: ['book'], summary: 'Debtors, by id; `q` finds by name or reference', querystring: pageQuery.extend({ q: z.string().max(200).optional() }) },
  }, async (request) => {
    const after = decodeCursor(request.query.cursor, 1)?.[0] as string | undefined;
    return listDebtors(db, request.principal!.tenantId, { q: request.query.q ?? null, after: after ?? null, limit: request.query.limit });
  });

  app.get('/api/debtors/:id/invoices', {
    config: { access: 'read', owns: { id: 'debtor' } },
    schema: { tags: ['book'], summary: "A debtor's invoices with their open balance, oldest due first", params: idParam, querystring: pageQuery },
  }, async (request) => {
    const after = decodeCursor(request.query.cursor, 2) as [string, string] | null;
    return listInvoices(db, request.principal!.tenantId, request.params.id, { after, limit: request.query.limit });
  });

  app.get('/api/debtors/:id/ledger', {
    config: { access: 'read', owns: { id: 'debtor' } },
    schema: { tags: ['book'], summary: "A debtor's ledger entries, newest first", params: idParam, querystring: pageQuery },
  }, async (request) => {
    const after = decodeCursor(request.query.cursor, 1)?.[0] as string | undefined;
    return listLedger(db, request.principal!.tenantId, request.params.id, { after: after ?? null, limit: request.query.limit });
  });

  app.get('/api/debtors/:id/payments', {
    config: { access: 'read', owns: { id: 'debtor' } },
    schema: { tags: ['payments'], summary: "A debtor's payments, newest first", params: idParam, querystring: pageQuery },
  }, async (request) => {
    const after = decodeCursor(request.query.cursor, 1)?.[0] as string | undefined;
    return listPayments(db, request.principal!.tenantId, request.params.id, { after: after ?? null, limit: request.query.limit });
  });

  app.post('/api/payments', {
    config: { access: 'work' },
    schema: {
      tags: ['payments'], summary: 'Post a payment (allocated by policy; excess held as credit). Idempotent by key.',
      headers: idempotencyHeaders,
      body: z.object({
        debtorId: z.string().min(1).max(100), amountMinor: minorUnits, currency: currencyCode, receivedOn: calendarDateParam('receivedOn'),
        method: z.string().min(1).max(50).default('api'), reference: z.string().max(200).nullable().default(null),
      }),
    },
  }, async (request, reply) => {
    const principal = request.principal!;
    const body = request.body;
    // Another tenant's debtor is simply not found.
    const result = await postPayment(db, {
      tenantId: principal.tenantId, actor: actorOf(principal), debtor: body.debtorId, amountMinor: BigInt(body.amountMinor), currency: body.currency,
      receivedOn: body.receivedOn, method: body.method, reference: body.reference, idempotencyKey: request.headers['idempotency-key'], now: deps.clock.now(),
    });
    if (!result.ok) throw httpErrorOf(result);
    return reply.status(result.value.replayed ? 200 : 201).send(result.value);
  });

  app.post('/api/imports/receivables', {
    config: { access: 'supervise' },
    schema: {
      tags: ['imports'], summary: 'Upload receivables (CSV or XLSX, multipart field "file"; optional field "mapping" with a mapping JSON)',
      consumes: ['multipart/form-data'],
      querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false'), strict: z.enum(['true', 'false']).default('false') }),
    },
  }, async (request) => {
    if (!request.isMultipart()) throw new HttpError(415, 'unsupported_media_type', 'upload the file as multipart/form-data, field "file"', 'file');
    const principal = request.principal!;
    const directory = mkdtempSync(join(tmpdir(), 'recoup-upload-'));
    try {
      let filePath: string | null = null;
      let mappingJson: string | null = null;
      for await (const part of request.parts()) {
        if (part.type === 'file' && part.fieldname === 'file') {
          const safeName = (part.filename || 'upload.csv').replace(/[^A-Za-z0-9._-]/g, '_').slice(-100);
          if (!/\.(csv|xlsx)$/i.test(safeName)) throw new HttpError(400, 'invalid_field', 'file: expected a .csv or .xlsx file', 'file');
          filePath = join(directory, safeName);
          await pipeline(part.file, createWriteStream(filePath));
          if (part.file.truncated) throw new HttpError(413, 'body_too_large', 'file: the upload is too large', 'file');
        } else if (part.type === 'field' && part.fieldname === 'mapping') {
          mappingJson = String(part.value);
        } else if (part.type === 'file') {
          part.file.resume();
        }
      }
      if (filePath === null) throw new HttpError(400, 'missing_field', 'file: attach the receivables file in the multipart field "file"', 'file');
      let mapping = loadMapping(undefined);
      if (mappingJson !== null) {
        let parsedJson: unknown;
        try {
          parsedJson = JSON.parse(mappingJson);
        } catch {
          throw new HttpError(400, 'invalid_field', 'mapping: not valid JSON', 'mapping');
        }
        const parsed = importMappingSchema.safeParse(parsedJson);
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw new HttpError(400, 'invalid_field', `mapping.${issue.path.join('.')}: ${issue.message}`, `mapping.${issue.path.join('.')}`);
        }
        mapping = parsed.data;
      }
      const now = deps.clock.now();
      try {
        const summary = await importReceivables(db, {
          tenantId: principal.tenantId, actor: actorOf(principal), filePath, mapping, dryRun: request.query.dryRun === 'true',
          strict: request.query.strict === 'true', rejectFilePath: null, today: now.toISOString().slice(0, 10), now,
        });
        return { ...summary, file: summary.file.split('/').at(-1) };
      } catch (error) {
        if (error instanceof ImportError) throw new HttpError(400, 'import_refused', error.message, error.field ?? null);
        throw error;
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  app.post('/api/imports/bank-statements', {
    config: { access: 'supervise' },
    schema: {
      tags: ['imports'], summary: 'Upload a bank file (camt.053, NACHA returns, CSV with field "mapping"): credits matched and posted, returns reversed; a repeat posts nothing',
      consumes: ['multipart/form-data'],
    },
  }, async (request) => {
    if (!request.isMultipart()) throw new HttpError(415, 'unsupported_media_type', 'upload the file as multipart/form-data, field "file"', 'file');
    const principal = request.principal!;
    let file: { name: string; bytes: Buffer } | null = null;
    let mappingJson: string | null = null;
    for await (const part of request.parts()) {
      if (part.type === 'file' && part.fieldname === 'file') file = { name: (part.filename || 'statement').slice(-100), bytes: await part.toBuffer() };
      else if (part.type === 'field' && part.fieldname === 'mapping') mappingJson = String(part.value);
      else if (part.type === 'file') part.file.resume();
    }
    if (file === null) throw new HttpError(400, 'missing_field', 'file: attach the bank file in the multipart field "file"', 'file');
    let csvMapping: unknown;
    if (mappingJson !== null) {
      try {
        csvMapping = JSON.parse(mappingJson);
      } catch {
        throw new HttpError(400, 'invalid_field', 'mapping: not valid JSON', 'mapping');
      }
    }
    const now = deps.clock.now();
    const result = await importBankFile(db, {
      tenantId: principal.tenantId, actor: actorOf(principal), fileName: file.name, bytes: file.bytes,
      ...(csvMapping === undefined ? {} : { csvMapping: csvMapping as Parameters<typeof importBankFile>[1]['csvMapping'] }), now,
    });
    if (!result.ok) throw httpErrorOf(result);
    return result.value;
  });

  app.get('/api/bank/unmatched', {
    config: { access: 'oversee' },
    schema: { tags: ['imports'], summary: 'Bank lines waiting for a person: unmatched and suggested matches, oldest first' },
  }, async (request) => ({ items: await listUnmatchedBankLines(db, { tenantId: request.principal!.tenantId, limit: 500 }), nextCursor: null }));
}
