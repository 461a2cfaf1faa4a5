import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngine, type TestDatabase } from '../support/test-database.ts';
import { readFileSync } from 'node:fs';
import { buildWorld, multipartBody, password, worldNow, type World } from '../support/web-world.ts';
import { buildHttpServer } from '../../src/adapters/http/server.ts';
import { fixedClock } from '../../src/adapters/clock.ts';
import type { Database } from '../../src/adapters/db/database.ts';

describe(`web API: sessions, errors, OpenAPI, idempotency, audit, workbench on ${testEngine}`, () => {
  let db: TestDatabase;
  let world: World;
  beforeAll(async () => {
    db = await openTestDatabase();
    world = await buildWorld(db);
  }, 120_000);
  afterAll(async () => {
    await world?.app.close();
    await db?.dispose();
  });
  const json = { 'content-type': 'application/json' };
  const login = async (email: string, secret = password) =>
    world.app.inject({ method: 'POST', url: '/api/auth/login', headers: json, payload: { email, password: secret } });

  describe('sessions', () => {
    it('signs in with an HttpOnly, SameSite=Strict cookie and needs the CSRF token for changes', async () => {
      const response = await login(world.a.users.specialist.email);
      expect(response.statusCode).toBe(200);
      const body = response.json() as { user: { role: string; tenantId: string }; csrfToken: string };
      expect(body.user).toMatchObject({ role: 'specialist', tenantId: 'ten_a' });
      const cookie = response.cookies.find((c) => c.name === 'recoup_session')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      const session = { cookie: `recoup_session=${cookie.value}` };
      expect((await world.app.inject({ method: 'GET', url: '/api/auth/me', headers: session })).json()).toMatchObject({ user: { email: world.a.users.specialist.email }, csrfToken: body.csrfToken });
      const url = `/api/debtors/${world.a.debtors.jane}/notes`;
      const withoutCsrf = await world.app.inject({ method: 'POST', url, headers: { ...session, ...json }, payload: { text: 'no token' } });
      expect(withoutCsrf.statusCode).toBe(403);
      expect(withoutCsrf.json()).toEqual({ error: { code: 'csrf_token_invalid', message: expect.any(String), field: 'x-csrf-token' } });
      const wrongCsrf = await world.app.inject({ method: 'POST', url, headers: { ...session, ...json, 'x-csrf-token': `${body.csrfToken.slice(0, -1)}x` }, payload: { text: 'bad token' } });
      expect(wrongCsrf.statusCode).toBe(403);
      const withCsrf = await world.app.inject({ method: 'POST', url, headers: { ...session, ...json, 'x-csrf-token': body.csrfToken }, payload: { text: 'called, will pay Friday' } });
      expect(withCsrf.statusCode).toBe(201);
      // Logging out ends the session for good.
      await world.app.inject({ method: 'POST', url: '/api/auth/logout', headers: session });
      expect((await world.app.inject({ method: 'GET', url: '/api/auth/me', headers: session })).statusCode).toBe(401);
    });

    it('stores only argon2id hashes of passwords and sha256 hashes of tokens', async () => {
      const users = await db.query<{ password_hash: string }>('SELECT password_hash FROM app_user');
      expect(users.rows.every((row) => row.password_hash.startsWith('$argon2id$'))).toBe(true);
      const tokens = await db.query<{ token_hash: string }>('SELECT token_hash FROM api_token WHERE user_id = $1', [world.a.users.admin.id]);
      expect(tokens.rows[0]!.token_hash).toBe(createHash('sha256').update(world.a.users.admin.token).digest('hex'));
    });

    it('locks an account after 5 failed logins, even against the right password', async () => {
      const email = world.a.users.auditor.email;
      for (let attempt = 1; attempt <= 4; attempt++) {
        const response = await login(email, 'wrong password!!');
        expect(response.statusCode).toBe(401);
        expect(response.json()).toMatchObject({ error: { code: 'invalid_credentials' } });
      }
      const fifth = await login(email, 'wrong password!!');
      expect(fifth.statusCode).toBe(429);
      expect(fifth.json()).toMatchObject({ error: { code: 'account_locked' } });
      expect((await login(email)).statusCode).toBe(429);
      // An unknown email says the same as a wrong password.
      expect((await login('nobody@nowhere.test')).json()).toMatchObject({ error: { code: 'invalid_credentials' } });
      const events = await db.query<{ type: string }>(`SELECT type FROM audit_event WHERE tenant_id = 'ten_a' AND type = 'user.login_failed'`);
      expect(events.rowCount).toBe(5);
    });

    it('refuses a revoked or made-up API token', async () => {
      expect((await world.app.inject({ method: 'GET', url: '/api/book/summary', headers: { authorization: 'Bearer rct_madeup' } })).statusCode).toBe(401);
      expect((await world.app.inject({ method: 'GET', url: '/api/book/summary', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
    });
  });

  describe('errors', () => {
    const admin = () => ({ ...world.bearer(world.a, 'admin'), ...json });
    it('answers a malformed body, a wrong type, an unknown route and a wrong method with the error shape', async () => {
      const malformed = await world.app.inject({ method: 'POST', url: `/api/debtors/${world.a.debtors.jane}/notes`, headers: admin(), payload: '{"text": ' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json()).toEqual({ error: { code: 'malformed_body', message: 'the request body is not valid JSON', field: null } });
      const wrongType = await world.app.inject({ method: 'POST', url: '/api/plans/quote', headers: admin(), payload: { amountMinor: '120000', currency: 'USD', installments: 'twelve', frequency: 'monthly', start: '2026-12-01' } });
      expect(wrongType.statusCode).toBe(400);
      expect(wrongType.json()).toMatchObject({ error: { code: 'invalid_field', field: 'installments' } });
      const missing = await world.app.inject({ method: 'POST', url: '/api/plans/quote', headers: admin(), payload: { currency: 'USD', installments: 12, frequency: 'monthly', start: '2026-12-01' } });
      expect(missing.json()).toMatchObject({ error: { code: 'missing_field', field: 'amountMinor' } });
      const unknown = await world.app.inject({ method: 'GET', url: '/api/nothing/here', headers: admin() });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toEqual({ error: { code: 'not_found', message: 'no such endpoint: GET /api/nothing/here', field: null } });
      const method = await world.app.inject({ method: 'DELETE', url: '/api/book/summary', headers: world.bearer(world.a, 'admin') });
      expect(method.statusCode).toBe(405);
      const cursor = await world.app.inject({ method: 'GET', url: '/api/debtors?cursor=garbage', headers: admin() });
      expect(cursor.json()).toMatchObject({ error: { code: 'invalid_cursor', field: 'cursor' } });
    });

    it('answers an internal error with 500 and no details', async () => {
      const failing: Database = Object.assign(Object.create(db) as Database, {
        query: (sql: string, params?: unknown[]) => (sql.includes('FROM debtor\n     WHERE tenant_id = $1 AND ($2::text IS NULL')
          ? Promise.reject(new Error('connection to 10.0.0.7 lost: secret internals')) : db.query(sql, params)),
      });
      const app = await buildHttpServer({ db: failing, clock: fixedClock(worldNow), webRoot: null });
      const errors: unknown[] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => { errors.push(args); };
      try {
        const response = await app.inject({ method: 'GET', url: '/api/debtors', headers: world.bearer(world.a, 'admin') });
        expect(response.statusCode).toBe(500);
        expect(response.json()).toEqual({ error: { code: 'internal_error', message: 'something went wrong on our side; it has been logged', field: null } });
        expect(response.body).not.toMatch(/secret|10\.0\.0\.7|at /);
        expect(errors.length).toBe(1);
      } finally {
        console.error = original;
        await app.close();
      }
    });
  });

  it('publishes an OpenAPI 3.1 document generated from the request schemas', async () => {
    const response = await world.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as { openapi: string; paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string; required?: boolean }>; requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown>; required: string[] } }> }; security?: unknown[] }>> };
    expect(doc.openapi).toBe('3.1.0');
    const payment = doc.paths['/api/payments']!.post!;
    expect(payment.requestBody!.content['application/json']!.schema.required).toEqual(expect.arrayContaining(['debtorId', 'amountMinor', 'currency', 'receivedOn']));
    expect(payment.parameters).toContainEqual(expect.objectContaining({ name: 'idempotency-key', in: 'header', required: true }));
    expect(payment.security).toEqual([{ session: [] }, { apiToken: [] }]);
    expect(doc.paths['/api/debtors/{id}/timeline']!.get!.parameters).toContainEqual(expect.objectContaining({ name: 'cursor', in: 'query' }));
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/portal/api/verify', '/api/queue', '/api/dashboard', '/api/imports/receivables']));
  });

  it('requires an Idempotency-Key to move money and replays the first result', async () => {
    const headers = { ...world.bearer(world.a, 'specialist'), ...json };
    const body = { debtorId: world.a.debtors.john, amountMinor: '2000', currency: 'USD', receivedOn: '2026-11-24', method: 'card' };
    const missing = await world.app.inject({ method: 'POST', url: '/api/payments', headers, payload: body });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: { code: 'missing_idempotency_key', field: 'idempotency-key' } });
    const first = await world.app.inject({ method: 'POST', url: '/api/payments', headers: { ...headers, 'idempotency-key': 'pay-1' }, payload: body });
    expect(first.statusCode).toBe(201);
    const again = await world.app.inject({ method: 'POST', url: '/api/payments', headers: { ...headers, 'idempotency-key': 'pay-1' }, payload: body });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ paymentId: (first.json() as { paymentId: string }).paymentId, replayed: true });
    const other = await world.app.inject({ method: 'POST', url: '/api/payments', headers: { ...headers, 'idempotency-key': 'pay-1' }, payload: { ...body, amountMinor: '2001' } });
    expect(other.statusCode).toBe(409);
    const payments = await world.app.inject({ method: 'GET', url: `/api/debtors/${world.a.debtors.john}/payments`, headers });
    expect((payments.json() as { items: unknown[] }).items).toHaveLength(1);
  });

  it('imports a bank statement by upload (a repeat posts nothing) and lists what waits for a person', async () => {
    const headers = (upload: { contentType: string }) => ({ ...world.bearer(world.a, 'supervisor'), 'content-type': upload.contentType });
    const statement = readFileSync(new URL('../fixtures/bank/camt053-v02-acme-bank.xml', import.meta.url), 'utf8');
    const upload = multipartBody('statement.xml', statement);
    const first = await world.app.inject({ method: 'POST', url: '/api/imports/bank-statements', payload: upload.body, headers: headers(upload) });
    expect(first.statusCode).toBe(200);
    const report = first.json() as { format: string; counts: { lines: number; alreadyImported: number } };
    expect(report.counts.lines).toBeGreaterThan(0);
    const again = await world.app.inject({ method: 'POST', url: '/api/imports/bank-statements', payload: upload.body, headers: headers(upload) });
    expect((again.json() as { counts: { alreadyImported: number; paymentsPosted: number } }).counts).toMatchObject({ paymentsPosted: 0 });
    const broken = multipartBody('broken.xml', readFileSync(new URL('../fixtures/bank/camt053-truncated.xml', import.meta.url), 'utf8'));
    const refused = await world.app.inject({ method: 'POST', url: '/api/imports/bank-statements', payload: broken.body, headers: headers(broken) });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { code: 'malformed_file' } });
    const unmatched = await world.app.inject({ method: 'GET', url: '/api/bank/unmatched', headers: world.bearer(world.a, 'auditor') });
    expect(unmatched.statusCode).toBe(200);
  });

  it('audits every change with the user as actor and the debtor in the payload', async () => {
    const headers = { ...world.bearer(world.a, 'specialist'), ...json };
    const debtorId = world.a.debtors.jane;
    const actions = [
      { url: `/api/debtors/${debtorId}/notes`, payload: { text: 'prefers mornings' }, type: 'note.added' },
      { url: `/api/debtors/${debtorId}/calls`, payload: { contactPointId: world.a.contactPoints.janePhone, outcome: 'no_answer' }, type: 'call.logged' },
      { url: `/api/debtors/${debtorId}/callbacks`, payload: { at: '2026-11-25T15:00:00Z' }, type: 'callback.scheduled' },
      { url: `/api/debtors/${debtorId}/escalations`, payload: { to: 'supervisor', reason: 'asks for a manager' }, type: 'debtor.escalated' },
    ];
    for (const action of actions) {
      const response = await world.app.inject({ method: 'POST', url: action.url, headers, payload: action.payload });
      expect({ url: action.url, status: response.statusCode }).toEqual({ url: action.url, status: 201 });
      const { rows } = await db.query<{ actor: string; payload: { debtorId: string } }>(
        `SELECT actor, payload FROM audit_event WHERE tenant_id = 'ten_a' AND type = $1 ORDER BY seq DESC LIMIT 1`, [action.type]);
      expect(rows[0]).toMatchObject({ actor: `user:${world.a.users.specialist.id}`, payload: { debtorId } });
    }
    const timeline = await world.app.inject({ method: 'GET', url: `/api/debtors/${debtorId}/timeline?limit=3`, headers });
    const page = timeline.json() as { items: Array<{ type: string; summary: string }>; nextCursor: string };
    expect(page.items.map((item) => item.type)).toContain('debtor.escalated');
    expect(page.nextCursor).not.toBeNull();
    const next = await world.app.inject({ method: 'GET', url: `/api/debtors/${debtorId}/timeline?limit=50&cursor=${page.nextCursor}`, headers });
    const rest = (next.json() as { items: Array<{ type: string; summary: string }> }).items;
    expect(rest.map((item) => item.summary)).toContain('note: prefers mornings');
    expect(rest.map((item) => item.type)).toContain('contact.call');
    const notes = await world.app.inject({ method: 'GET', url: `/api/debtors/${debtorId}/notes?limit=1`, headers });
    expect(notes.json()).toMatchObject({ items: [{ text: 'prefers mornings', author: world.a.users.specialist.id }] });
  });

  describe('workbench', () => {
    const headers = () => ({ ...world.bearer(world.a, 'specialist'), ...json });
    it('lists the queue highest priority first with its reasons, a page at a time', async () => {
      const response = await world.app.inject({ method: 'GET', url: '/api/queue?scope=all&limit=2', headers: headers() });
      const page = response.json() as { items: Array<{ debtorId: string; priority: number; priorityReasons: Array<{ code: string; points: number }> }>; nextCursor: string | null };
      expect(page.items).toHaveLength(2);
      expect(page.items[0]!.priority).toBeGreaterThanOrEqual(page.items[1]!.priority);
      for (const item of page.items) expect(item.priorityReasons.reduce((sum, reason) => sum + reason.points, 0)).toBe(item.priority);
      // Acme: 25,000.00 USD, 237 days past due.
      expect(page.items[0]).toMatchObject({ debtorId: world.a.debtors.acme });
      const rest = await world.app.inject({ method: 'GET', url: `/api/queue?scope=all&limit=2&cursor=${page.nextCursor}`, headers: headers() });
      const ids = (rest.json() as { items: Array<{ debtorId: string }> }).items.map((item) => item.debtorId);
      expect(ids.length).toBeGreaterThan(0);
      expect(ids).not.toContain(page.items[0]!.debtorId);
      // Assigned debtors make up "my" queue.
      const assign = await world.app.inject({ method: 'POST', url: '/api/assignments', headers: { ...world.bearer(world.a, 'supervisor'), ...json }, payload: { debtorIds: [world.a.debtors.john], userId: world.a.users.specialist.id } });
      expect(assign.statusCode).toBe(200);
      const mine = await world.app.inject({ method: 'GET', url: '/api/queue', headers: headers() });
      expect(mine.json()).toMatchObject({ scope: 'mine', items: [{ debtorId: world.a.debtors.john, assignedTo: world.a.users.specialist.id }] });
    });

    it('shows the account with local times and the gate\'s answer per contact point', async () => {
      const response = await world.app.inject({ method: 'GET', url: `/api/debtors/${world.a.debtors.jane}`, headers: headers() });
      expect(response.statusCode).toBe(200);
      const view = response.json() as { balances: Array<{ receivableMinor: string }>; contactPoints: Array<{ channel: string; localTime: string; timeZone: string; canContactNow: { outcome: string; reasons: unknown[] } }> };
      expect(view.balances[0]!.receivableMinor).toBe('140000');
      const phone = view.contactPoints.find((point) => point.channel === 'phone')!;
      expect(phone.timeZone).toBe('America/New_York');
      expect(phone.localTime).toBe('Tue 10:00 (America/New_York)');
      expect(['allow', 'allow_after', 'block', 'review']).toContain(phone.canContactNow.outcome);
      const script = await world.app.inject({ method: 'GET', url: `/api/debtors/${world.a.debtors.jane}/call-script`, headers: headers() });
      const body = script.json() as { disclosures: Array<{ id: string; source: string; text: string }>; script: string[] };
      expect(body.disclosures.map((d) => d.id)).toEqual(expect.arrayContaining([expect.stringMatching(/^MM_(INITIAL|SUBSEQUENT)$/)]));
      expect(body.script.join('\n')).toMatch(/debt collector/);
    });

    it('records a promise from a call, quotes and proposes a plan within policy', async () => {
      const call = await world.app.inject({
        method: 'POST', url: `/api/debtors/${world.a.debtors.jane}/calls`, headers: { ...headers(), 'idempotency-key': 'call-1' },
        payload: { contactPointId: world.a.contactPoints.janePhone, outcome: 'promise', promise: { amountMinor: '50000', currency: 'USD', dueOn: '2026-11-30' } },
      });
      expect(call.statusCode).toBe(201);
      expect(call.json()).toMatchObject({ outcome: 'promise', promise: { amountMinor: '50000', promisedOn: '2026-11-30', status: 'pending' } });
      const queue = await world.app.inject({ method: 'GET', url: '/api/queue?scope=all&limit=50', headers: headers() });
      const jane = (queue.json() as { items: Array<{ debtorId: string; promiseDueOn: string; priorityReasons: Array<{ code: string }> }> }).items.find((item) => item.debtorId === world.a.debtors.jane)!;
      expect(jane.promiseDueOn).toBe('2026-11-30');
      expect(jane.priorityReasons.map((reason) => reason.code)).toContain('promise_pending');
      const quote = await world.app.inject({ method: 'POST', url: '/api/plans/quote', headers: headers(), payload: { amountMinor: '120000', currency: 'USD', installments: 12, frequency: 'monthly', start: '2026-12-01' } });
      expect(quote.statusCode).toBe(200);
      expect(quote.json()).toMatchObject({ totals: { paymentsMinor: '120000' }, installments: expect.arrayContaining([expect.objectContaining({ number: 12, paymentMinor: '10000' })]) });
      const plan = await world.app.inject({ method: 'POST', url: `/api/debtors/${world.a.debtors.jane}/plans`, headers: headers(), payload: { currency: 'USD', installments: 6, frequency: 'monthly', start: '2026-12-01' } });
      expect(plan.statusCode).toBe(201);
      expect(plan.json()).toMatchObject({ status: 'proposed', principalMinor: '140000' });
      const tooLong = await world.app.inject({ method: 'POST', url: `/api/debtors/${world.a.debtors.jane}/plans`, headers: headers(), payload: { currency: 'USD', installments: 1000, frequency: 'weekly', start: '2026-12-01' } });
      expect(tooLong.statusCode).toBe(422);
      expect(tooLong.json()).toMatchObject({ error: { code: 'outside_policy' } });
    });

    it('previews a message with the gate\'s decision, sends it with an Idempotency-Key, and lists contacts', async () => {
      const templates = await world.app.inject({ method: 'GET', url: '/api/templates', headers: headers() });
      expect((templates.json() as { items: Array<{ template: string }> }).items.map((t) => t.template)).toContain('reminder_overdue');
      const debtorId = world.a.debtors.acme;
      const preview = await world.app.inject({ method: 'POST', url: `/api/debtors/${debtorId}/messages/preview`, headers: headers(), payload: { templateId: 'reminder_overdue', channel: 'email' } });
      expect(preview.statusCode).toBe(200);
      const body = preview.json() as { channel: string; to: string; decision: { decision: string }; text: string | null };
      expect(body).toMatchObject({ channel: 'email', to: 'ap@alpha.test' });
      expect(['allow', 'allow_with_requirements', 'allow_after']).toContain(body.decision.decision);
      expect(body.text).toMatch(/Acme/);
      const noKey = await world.app.inject({ method: 'POST', url: `/api/debtors/${debtorId}/messages`, headers: headers(), payload: { templateId: 'reminder_overdue', channel: 'email' } });
      expect(noKey.json()).toMatchObject({ error: { code: 'missing_idempotency_key' } });
      const sent = await world.app.inject({ method: 'POST', url: `/api/debtors/${debtorId}/messages`, headers: { ...headers(), 'idempotency-key': 'msg-1' }, payload: { templateId: 'reminder_overdue', channel: 'email' } });
      expect(sent.statusCode).toBe(202);
      const again = await world.app.inject({ method: 'POST', url: `/api/debtors/${debtorId}/messages`, headers: { ...headers(), 'idempotency-key': 'msg-1' }, payload: { templateId: 'reminder_overdue', channel: 'email' } });
      expect(again.json()).toMatchObject({ status: 'already_queued', outboxId: (sent.json() as { outboxId: string }).outboxId });
      const queued = await db.query(`SELECT 1 FROM outreach_outbox WHERE tenant_id = 'ten_a' AND debtor_id = $1`, [debtorId]);
      expect(queued.rowCount).toBe(1);
      const contacts = await world.app.inject({ method: 'GET', url: `/api/debtors/${world.a.debtors.jane}/contacts`, headers: headers() });
      expect((contacts.json() as { items: Array<{ channel: string; outcome: string }> }).items).toContainEqual(expect.objectContaining({ channel: 'call', outcome: 'no_answer' }));
    });

    it('settles for less within authority (or for a supervisor to approve) and reverses a payment', async () => {
      const settlement = await world.app.inject({
        method: 'POST', url: `/api/debtors/${world.a.debtors.acme}/settlements`, headers: { ...headers(), 'idempotency-key': 'settle-1' },
        payload: { currency: 'USD', settlementMinor: '2000000', form: 'lump_sum', dueDate: '2026-12-10' },
      });
      expect(settlement.statusCode).toBe(201);
      const proposed = settlement.json() as { settlementId: string; status: string; discountPercent: string };
      expect(['approved', 'pending_approval']).toContain(proposed.status);
      if (proposed.status === 'pending_approval') {
        const approved = await world.app.inject({ method: 'POST', url: `/api/settlements/${proposed.settlementId}/approve`, headers: { ...world.bearer(world.a, 'supervisor'), ...json }, payload: {} });
        expect(approved.json()).toMatchObject({ status: 'approved' });
      }
      const payments = await world.app.inject({ method: 'GET', url: `/api/debtors/${world.a.debtors.john}/payments`, headers: headers() });
      const paymentId = (payments.json() as { items: Array<{ id: string }> }).items[0]!.id;
      const bySpecialist = await world.app.inject({ method: 'POST', url: `/api/payments/${paymentId}/reverse`, headers: { ...headers(), 'idempotency-key': 'rev-1' }, payload: { reason: 'posted in error' } });
      expect(bySpecialist.statusCode).toBe(403);
      const reversed = await world.app.inject({ method: 'POST', url: `/api/payments/${paymentId}/reverse`, headers: { ...world.bearer(world.a, 'supervisor'), ...json, 'idempotency-key': 'rev-1' }, payload: { reason: 'posted in error' } });
      expect(reversed.statusCode).toBe(200);
      expect(reversed.json()).toMatchObject({ paymentId, amountMinor: '2000' });
      const after = await world.app.inject({ method: 'GET', url: `/api/debtors/${world.a.debtors.john}/payments`, headers: headers() });
      expect((after.json() as { items: Array<{ id: string; status: string }> }).items[0]).toMatchObject({ id: paymentId, status: 'reversed' });
    });

    it('gives supervisors the dashboard and team queues, auditors read-only access', async () => {
      const supervisor = world.bearer(world.a, 'supervisor');
      const dashboard = await world.app.inject({ method: 'GET', url: '/api/dashboard', headers: supervisor });
      expect(dashboard.statusCode).toBe(200);
      const body = dashboard.json() as { asOf: string; aging: { rows: unknown[] }; promises: { made: number }; contactsByChannelOutcome: Array<{ channel: string }>; kpiTrend: unknown[] };
      expect(body.asOf).toBe('2026-11-24');
      expect(body.aging.rows.length).toBeGreaterThan(0);
      expect(body.kpiTrend.length).toBeGreaterThan(0);
      expect(body.contactsByChannelOutcome.map((row) => row.channel)).toContain('call');
      const team = await world.app.inject({ method: 'GET', url: '/api/team/queues', headers: supervisor });
      expect((team.json() as { items: Array<{ userId: string | null }> }).items.map((item) => item.userId)).toContain(world.a.users.specialist.id);
      expect((await world.app.inject({ method: 'GET', url: '/api/dashboard', headers: world.bearer(world.a, 'specialist') })).statusCode).toBe(403);
      expect((await world.app.inject({ method: 'GET', url: '/api/dashboard', headers: world.bearer(world.a, 'auditor') })).statusCode).toBe(200);
    });
  });
});
