import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngine, type TestDatabase } from './support/test-database.ts';
import { ensureTenant } from '../src/app/book/ensure-tenant.ts';
import { startHttpServer } from '../src/adapters/http/server.ts';
import { createApiToken, createUser } from '../src/app/auth/users.ts';
import { importReceivables } from '../src/app/import/import-receivables.ts';
import { loadMapping } from '../src/app/import/load-mapping.ts';
import { fileURLToPath } from 'node:url';

describe(`HTTP API over a real socket on ${testEngine}`, () => {
  let db: TestDatabase;
  let server: Awaited<ReturnType<typeof startHttpServer>>;
  let base = '';
  let fetch: (path: string, init?: RequestInit) => Promise<Response>;
  beforeAll(async () => {
    db = await openTestDatabase();
    await ensureTenant(db, 'ten_http');
    await importReceivables(db, {
      tenantId: 'ten_http', actor: 'test', filePath: fileURLToPath(new URL('./fixtures/ibm/ibm-accounts-receivable.csv', import.meta.url)),
      mapping: loadMapping(fileURLToPath(new URL('../examples/mappings/ibm-accounts-receivable.json', import.meta.url))),
      today: '2026-11-24', now: new Date('2026-11-24T12:00:00Z'), rejectFilePath: null,
    });
    const now = new Date('2026-11-24T12:00:00Z');
    const user = await createUser(db, { tenantId: 'ten_http', actor: 'test', email: 'auditor@http.test', name: 'Auditor', role: 'auditor', password: 'correct horse battery', now });
    if (!user.ok) throw new Error(user.message);
    const token = await createApiToken(db, { tenantId: 'ten_http', actor: 'test', userId: user.value.id, name: 'test', now });
    if (!token.ok) throw new Error(token.message);
    server = await startHttpServer({ db, webRoot: null }, 0);
    base = server.url.replace(/\/$/, '');
    fetch = (path, init = {}) => globalThis.fetch(path, { ...init, headers: { authorization: `Bearer ${token.value.token}`, ...init.headers } });
  });
  afterAll(async () => {
    await server.close();
    await db.dispose();
  });

  it('refuses requests without a session or token with 401', async () => {
    const response = await globalThis.fetch(`${base}/api/book/summary`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('serves the aging report the CLI prints, amounts as strings of minor units', async () => {
    const response = await fetch(`${base}/api/reports/aging?asOf=2013-06-30`);
    expect(response.status).toBe(200);
    const body = await response.json() as { asOf: string; rows: Array<{ currency: string; totalMinor: string }> };
    expect(body.asOf).toBe('2013-06-30');
    expect(body.rows[0]!.currency).toBe('USD');
    expect(body.rows[0]!.totalMinor).toMatch(/^\d+$/);
  });

  it('answers bad input with an error naming the field, never a stack trace', async () => {
    const missing = await fetch(`${base}/api/reports/aging`);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: { code: 'missing_parameter', message: 'asOf is required (YYYY-MM-DD)', field: 'asOf' } });
    const bad = await fetch(`${base}/api/reports/kpis?from=2013-02-30&to=2013-03-31`);
    expect(await bad.json()).toEqual({ error: { code: 'invalid_date', message: 'from: "2013-02-30" is not a date (YYYY-MM-DD)', field: 'from' } });
    const unknown = await fetch(`${base}/api/nothing`);
    expect(unknown.status).toBe(404);
    const post = await fetch(`${base}/api/book/summary`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('summarises the book and verifies the audit chain', async () => {
    const summary = await (await fetch(`${base}/api/book/summary`)).json() as { debtors: number; invoices: number };
    expect(summary).toMatchObject({ debtors: 100, invoices: 2466 });
    expect(await (await fetch(`${base}/api/audit/verify`)).json()).toMatchObject({ ok: true });
  });
});
