import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngine, type TestDatabase } from '../support/test-database.ts';
import { buildBookCsv, buildWorld, multipartBody, type World } from '../support/web-world.ts';
import { accessLevels, roles, type Role } from '../../src/app/auth/roles.ts';
import type { ApiRoute } from '../../src/adapters/http/server.ts';

// Every registered API route (read from the server's own route table, so a new route cannot be left out)
// × every role × another tenant's ids: 401 without credentials, 403 for a role that may not, 404 (never
// 200) for another tenant's record, and the auditor can change nothing.

describe(`authorization matrix on ${testEngine}`, () => {
  let db: TestDatabase;
  let world: World;
  let portalCookie = '';
  let portalCsrf = '';
  let paymentOfB = '';
  let planOfB = '';
  beforeAll(async () => {
    db = await openTestDatabase();
    world = await buildWorld(db);
    const verified = await world.app.inject({ method: 'POST', url: '/portal/api/verify', payload: { reference: 'alpha-D1', lastName: 'Doe', postcode: '10001' } });
    expect(verified.statusCode).toBe(200);
    portalCookie = verified.cookies.find((cookie) => cookie.name === 'recoup_portal')!.value;
    portalCsrf = (verified.json() as { csrfToken: string }).csrfToken;
    // Another tenant's agreement for the portal's id check: beta's Jane proposes a plan at a portal session of her own.
    const betaPortal = await world.app.inject({ method: 'POST', url: '/api/debtors/' + world.b.debtors.jane + '/portal-link', headers: world.bearer(world.b, 'specialist') });
    expect(betaPortal.statusCode).toBe(201);
    await db.query(`INSERT INTO agreement_document (tenant_id, id, debtor_id, kind, terms, text, sha256) VALUES ('ten_a', 'agr_john', $1, 'payment_plan', '{}', 'terms', 'x')`, [world.a.debtors.john]);
    await db.query(`INSERT INTO contact_attempt (tenant_id, id, debtor_id, channel, status, started_at, provider_id) VALUES ('ten_a', 'att_john_letter', $1, 'letter', 'sent', '2026-11-20T12:00:00Z', '2026-11-20/x.pdf')`, [world.a.debtors.john]);
    const plan = await world.app.inject({
      method: 'POST', url: `/api/debtors/${world.b.debtors.jane}/plans`, headers: { ...world.bearer(world.b, 'specialist'), 'content-type': 'application/json' },
      payload: { currency: 'USD', installments: 6, frequency: 'monthly', start: '2026-12-01' },
    });
    expect(plan.statusCode).toBe(201);
    planOfB = (plan.json() as { planId: string }).planId;
    paymentOfB = (await db.query<{ id: string }>(`SELECT id FROM payment WHERE tenant_id = 'ten_b' LIMIT 1`)).rows[0]!.id;
    await db.query(`INSERT INTO call_task (tenant_id, id, debtor_id, due_on, not_before) VALUES ('ten_b', 'task_beta', $1, '2026-11-24', '2026-11-24T15:00:00Z')`, [world.b.debtors.jane]);
  }, 120_000);
  afterAll(async () => {
    await world?.app.close();
    await db?.dispose();
  });

  // Another tenant's id for each kind of path parameter.
  const otherTenantId = (kind: string): string => {
    if (kind === 'debtor') return world.b.debtors.jane;
    if (kind === 'user') return world.b.users.admin.id;
    if (kind === 'contactPoint') return world.b.contactPoints.janePhone;
    if (kind === 'callTask') return 'task_beta';
    if (kind === 'payment') return paymentOfB;
    if (kind === 'settlement') return 'settlement_of_nobody';
    if (kind === 'plan') return planOfB;
    // The portal's own kinds: another debtor's records in the same tenant (the portal is per debtor).
    if (kind === 'letter') return 'att_john_letter';
    return 'agr_john';
  };
  const urlFor = (route: ApiRoute) => route.url.replace(/:([A-Za-z]+)/g, (_, param: string) => otherTenantId(route.owns?.[param] ?? 'debtor'));
  const mutating = (route: ApiRoute) => route.method !== 'GET';
  const inject = (route: ApiRoute, headers: Record<string, string>) =>
    world.app.inject({ method: route.method as 'GET', url: urlFor(route), headers: { ...headers, ...(mutating(route) ? { 'content-type': 'application/json' } : {}) }, ...(mutating(route) ? { payload: '{}' } : {}) });

  it('walks a route table that covers the API', () => {
    const routes = world.app.apiRoutes;
    expect(routes.length).toBeGreaterThan(40);
    // Every route declares who may call it.
    expect(routes.filter((route) => route.access === undefined)).toEqual([]);
    expect(routes.some((route) => route.url === '/api/payments')).toBe(true);
    expect(routes.some((route) => route.url.startsWith('/portal/api/'))).toBe(true);
  });

  it('answers 401 on every non-public route without credentials', async () => {
    for (const route of world.app.apiRoutes.filter((r) => r.access !== 'public')) {
      const response = await inject(route, {});
      expect({ route: `${route.method} ${route.url}`, status: response.statusCode }).toEqual({ route: `${route.method} ${route.url}`, status: 401 });
      expect(response.json()).toMatchObject({ error: { code: 'unauthenticated' } });
      if (route.method === 'GET') expect((await world.app.inject({ method: 'HEAD', url: urlFor(route) })).statusCode).toBe(401);
    }
  });

  it('answers 403 for roles that may not, 404 for another tenant\'s ids, and never lets the auditor change anything', async () => {
    const staffRoutes = world.app.apiRoutes.filter((r) => r.access !== 'public' && r.access !== 'portal');
    const seen: string[] = [];
    for (const route of staffRoutes) {
      const allowed = accessLevels[route.access as keyof typeof accessLevels] as readonly Role[];
      if (mutating(route)) expect({ route: route.url, auditor: allowed.includes('auditor') }).toEqual({ route: route.url, auditor: false });
      for (const role of roles) {
        const response = await inject(route, world.bearer(world.a, role));
        const label = `${route.method} ${route.url} as ${role}`;
        if (!allowed.includes(role)) {
          expect({ label, status: response.statusCode }).toEqual({ label, status: 403 });
        } else if (route.owns !== undefined) {
          expect({ label, status: response.statusCode }).toEqual({ label, status: 404 });
          expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
        } else {
          expect({ label, status: response.statusCode < 500 && response.statusCode !== 401 && response.statusCode !== 403 }).toEqual({ label, status: true });
        }
        seen.push(label);
      }
    }
    expect(seen.length).toBe(staffRoutes.length * roles.length);
  }, 120_000);

  it('keeps staff credentials out of the portal and portal sessions out of the staff API', async () => {
    for (const route of world.app.apiRoutes.filter((r) => r.access === 'portal')) {
      const response = await inject(route, world.bearer(world.a, 'admin'));
      expect({ route: route.url, status: response.statusCode }).toEqual({ route: route.url, status: 401 });
    }
    for (const route of world.app.apiRoutes.filter((r) => r.access !== 'portal' && r.access !== 'public')) {
      const response = await inject(route, { cookie: `recoup_portal=${portalCookie}`, 'x-csrf-token': portalCsrf });
      expect({ route: route.url, status: response.statusCode }).toEqual({ route: route.url, status: 401 });
    }
  });

  it("answers 404 at the portal for another debtor's records", async () => {
    for (const route of world.app.apiRoutes.filter((r) => r.access === 'portal')) {
      const response = await inject(route, { cookie: `recoup_portal=${portalCookie}`, 'x-csrf-token': portalCsrf });
      if (route.owns !== undefined) expect({ route: route.url, status: response.statusCode }).toEqual({ route: route.url, status: 404 });
      else expect({ route: route.url, ok: response.statusCode < 500 && response.statusCode !== 401 && response.statusCode !== 403 }).toEqual({ route: route.url, ok: true });
    }
  });

  it("answers 404 for another tenant's ids in request bodies", async () => {
    const admin = { ...world.bearer(world.a, 'admin'), 'content-type': 'application/json' };
    const payment = await world.app.inject({
      method: 'POST', url: '/api/payments', headers: { ...admin, 'idempotency-key': 'matrix-1' },
      payload: { debtorId: world.b.debtors.jane, amountMinor: '100', currency: 'USD', receivedOn: '2026-11-24' },
    });
    expect(payment.statusCode).toBe(404);
    const assignment = await world.app.inject({ method: 'POST', url: '/api/assignments', headers: admin, payload: { debtorIds: [world.b.debtors.jane], userId: world.a.users.specialist.id } });
    expect(assignment.statusCode).toBe(404);
    const assignee = await world.app.inject({ method: 'POST', url: '/api/assignments', headers: admin, payload: { debtorIds: [world.a.debtors.jane], userId: world.b.users.specialist.id } });
    expect(assignee.statusCode).toBe(404);
    const token = await world.app.inject({ method: 'POST', url: '/api/tokens', headers: admin, payload: { userId: world.b.users.specialist.id, name: 'x' } });
    expect(token.statusCode).toBe(404);
    // Lists never show the other tenant's debtors.
    const debtors = await world.app.inject({ method: 'GET', url: '/api/debtors?limit=200', headers: admin });
    const ids = (debtors.json() as { items: Array<{ id: string }> }).items.map((item) => item.id);
    expect(ids).toContain(world.a.debtors.jane);
    expect(ids).not.toContain(world.b.debtors.jane);
    const queue = await world.app.inject({ method: 'GET', url: '/api/queue?scope=all', headers: admin });
    expect((queue.json() as { items: Array<{ debtorId: string }> }).items.map((item) => item.debtorId)).not.toContain(world.b.debtors.jane);
    // A call's contact point must be the debtor's own.
    const call = await world.app.inject({ method: 'POST', url: `/api/debtors/${world.a.debtors.jane}/calls`, headers: admin, payload: { contactPointId: world.b.contactPoints.janePhone, outcome: 'no_answer' } });
    expect(call.statusCode).toBe(404);
    // An upload by an admin of tenant A lands in tenant A only.
    const upload = multipartBody('gamma.csv', buildBookCsv('gamma'));
    const imported = await world.app.inject({ method: 'POST', url: '/api/imports/receivables?dryRun=true', payload: upload.body, headers: { ...world.bearer(world.a, 'admin'), 'content-type': upload.contentType } });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ status: 'dry_run', debtorsCreated: 3 });
    const after = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM debtor WHERE external_ref LIKE 'gamma-%'`);
    expect(after.rows[0]!.n).toBe(0);
  });
});
