import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Database } from '../db/database.ts';
import { loadBookSummary } from '../../app/book/load-book-summary.ts';
import { verifyAuditChain } from '../db/audit-log.ts';
import { isCalendarDate } from '../../domain/shared/calendar-date.ts';
import { buildAgingReportJson, loadAgingReport } from '../../app/reports/aging-report.ts';
import { buildKpiReportJson, loadKpiReport } from '../../app/reports/kpi-report.ts';

// A deliberately small read-only HTTP surface over the book, so `npm start` serves something real.
// The full API (fastify, OpenAPI, sessions, roles) is issue #6's work and replaces this module.

export type HttpContext = { db: Database; tenantId: string };
type Handler = (context: HttpContext, query: URLSearchParams) => Promise<unknown>;

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}

export function requireDate(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (value === null) throw new HttpError(400, 'missing_parameter', `${name} is required (YYYY-MM-DD)`, name);
  if (!isCalendarDate(value)) throw new HttpError(400, 'invalid_date', `${name}: "${value}" is not a date (YYYY-MM-DD)`, name);
  return value;
}

export const routes: Record<string, Handler> = {
  '/api/health': async ({ db }) => ({ status: 'ok', database: db.engine }),
  '/api/book/summary': ({ db, tenantId }) => loadBookSummary(db, tenantId),
  '/api/audit/verify': ({ db, tenantId }) => verifyAuditChain(db, tenantId),
  '/api/reports/aging': async ({ db, tenantId }, query) => {
    const by = query.get('by') ?? 'currency';
    if (by !== 'currency' && by !== 'debtor') throw new HttpError(400, 'invalid_parameter', `by: "${by}" is neither currency nor debtor`, 'by');
    return buildAgingReportJson(await loadAgingReport(db, { tenantId, asOf: requireDate(query, 'asOf'), by }));
  },
  '/api/reports/kpis': async ({ db, tenantId }, query) => {
    const from = requireDate(query, 'from');
    const to = requireDate(query, 'to');
    if (to < from) throw new HttpError(400, 'invalid_parameter', `to (${to}) is before from (${from})`, 'to');
    return buildKpiReportJson(await loadKpiReport(db, { tenantId, from, to }));
  },
};

const json = (value: unknown) => JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));

export function startHttpServer(context: HttpContext, port: number, host = '127.0.0.1'): Promise<Server> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void handle(context, request, response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

async function handle(context: HttpContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const send = (status: number, body: string, type = 'application/json') => {
    response.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
    response.end(body);
  };
  if (request.method !== 'GET') {
    send(405, json({ error: { code: 'method_not_allowed', message: `${request.method} is not allowed here; this API is read-only for now` } }));
    return;
  }
  if (url.pathname === '/') {
    send(200, landingPage(), 'text/html');
    return;
  }
  const handler = routes[url.pathname];
  if (handler === undefined) {
    send(404, json({ error: { code: 'not_found', message: `no such endpoint: ${url.pathname}` } }));
    return;
  }
  try {
    send(200, json(await handler(context, url.searchParams)));
  } catch (error) {
    if (error instanceof HttpError) {
      send(error.status, json({ error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } }));
    } else {
      send(500, json({ error: { code: 'internal_error', message: 'something went wrong on our side; it has been logged' } }));
      console.error(error);
    }
  }
}

function landingPage(): string {
  const links = Object.keys(routes).filter((path) => !path.startsWith('/api/reports/')).map((path) => `<li><a href="${path}">${path}</a></li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Recoup</title></head>
<body><main><h1>Recoup</h1><p>The book is loaded. Read-only JSON endpoints:</p><ul>${links}</ul>
<p>Reports with parameters: <code>/api/reports/aging?asOf=YYYY-MM-DD&amp;by=debtor</code>,
<code>/api/reports/kpis?from=YYYY-MM-DD&amp;to=YYYY-MM-DD</code>.
The command line does the rest: <code>npx recoup --help</code>.</p></main></body></html>`;
}
