import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngine, type TestDatabase } from '../support/test-database.ts';
import { buildWorld, type World } from '../support/web-world.ts';

describe(`debtor portal on ${testEngine}`, () => {
  let db: TestDatabase;
  let world: World;
  let session: Record<string, string>;
  beforeAll(async () => {
    db = await openTestDatabase();
    world = await buildWorld(db);
  }, 120_000);
  afterAll(async () => {
    await world?.app.close();
    await db?.dispose();
  });
  const json = { 'content-type': 'application/json' };
  const verify = (payload: object) => world.app.inject({ method: 'POST', url: '/portal/api/verify', headers: json, payload });
  const asSession = (response: Awaited<ReturnType<typeof verify>>) => ({
    cookie: `recoup_portal=${response.cookies.find((cookie) => cookie.name === 'recoup_portal')!.value}`,
    'x-csrf-token': (response.json() as { csrfToken: string }).csrfToken, ...json,
  });

  it('verifies by reference, last name and postcode, and locks a reference after 5 failures', async () => {
    const wrong = await verify({ reference: 'alpha-D1', lastName: 'Smith', postcode: '10001' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: { code: 'verification_failed' } });
    const right = await verify({ reference: 'alpha-D1', lastName: ' doe ', postcode: '10001' });
    expect(right.statusCode).toBe(200);
    expect(right.cookies.find((cookie) => cookie.name === 'recoup_portal')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    session = asSession(right);
    expect((await verify({ reference: 'alpha-D3', lastName: 'ACME ltd.', postcode: '73301' })).statusCode).toBe(200);
    // Another tenant's debtor cannot be reached with the right details: the portal serves one tenant.
    expect((await verify({ reference: 'beta-D1', lastName: 'Doe', postcode: '10001' })).statusCode).toBe(401);
    for (let attempt = 0; attempt < 5; attempt++) await verify({ reference: 'alpha-D2', lastName: 'Nobody', postcode: '00000' });
    const locked = await verify({ reference: 'alpha-D2', lastName: 'Roe', postcode: '94105' });
    expect(locked.statusCode).toBe(429);
  });

  it('verifies by a one-time link, once', async () => {
    const link = await world.app.inject({ method: 'POST', url: `/api/debtors/${world.a.debtors.john}/portal-link`, headers: world.bearer(world.a, 'specialist') });
    expect(link.statusCode).toBe(201);
    const { token } = link.json() as { token: string };
    const stored = await db.query<{ token_hash: string }>('SELECT token_hash FROM portal_link WHERE debtor_id = $1', [world.a.debtors.john]);
    expect(stored.rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    const first = await verify({ token });
    expect(first.statusCode).toBe(200);
    const account = await world.app.inject({ method: 'GET', url: '/portal/api/account', headers: asSession(first) });
    expect(account.json()).toMatchObject({ debtor: { name: 'John Roe' } });
    expect((await verify({ token })).json()).toMatchObject({ error: { code: 'link_invalid' } });
  });

  it('shows the itemized balance', async () => {
    const response = await world.app.inject({ method: 'GET', url: '/portal/api/account', headers: session });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      debtor: { name: 'Jane Doe', reference: 'alpha-D1' },
      balances: [{ currency: 'USD', totalMinor: '140000' }],
      invoices: [
        { invoiceNumber: 'alpha-I1', originalMinor: '120000', paidMinor: '0', openMinor: '120000' },
        { invoiceNumber: 'alpha-I2', originalMinor: '30000', paidMinor: '10000', openMinor: '20000' },
      ],
    });
  });

  it('pays through the test provider, idempotently, and refuses without CSRF or key', async () => {
    const body = { amountMinor: '5000', method: { kind: 'card', cardNumber: '4242 4242 4242 4242' } };
    const noCsrf = await world.app.inject({ method: 'POST', url: '/portal/api/payments', headers: { ...session, 'x-csrf-token': 'nope', 'idempotency-key': 'p1' }, payload: body });
    expect(noCsrf.statusCode).toBe(403);
    const noKey = await world.app.inject({ method: 'POST', url: '/portal/api/payments', headers: session, payload: body });
    expect(noKey.json()).toMatchObject({ error: { code: 'missing_idempotency_key' } });
    const paid = await world.app.inject({ method: 'POST', url: '/portal/api/payments', headers: { ...session, 'idempotency-key': 'p1' }, payload: body });
    expect(paid.statusCode).toBe(201);
    expect(paid.json()).toMatchObject({ amountMinor: '5000', provider: 'test', replayed: false });
    const again = await world.app.inject({ method: 'POST', url: '/portal/api/payments', headers: { ...session, 'idempotency-key': 'p1' }, payload: body });
    expect(again.json()).toMatchObject({ replayed: true });
    const declined = await world.app.inject({ method: 'POST', url: '/portal/api/payments', headers: { ...session, 'idempotency-key': 'p2' }, payload: { amountMinor: '5000', method: { kind: 'card', cardNumber: '4000 0000 0000 0002' } } });
    expect(declined.statusCode).toBe(422);
    const account = await world.app.inject({ method: 'GET', url: '/portal/api/account', headers: session });
    expect(account.json()).toMatchObject({ balances: [{ totalMinor: '135000' }] });
    const audit = await db.query<{ actor: string }>(`SELECT actor FROM audit_event WHERE type = 'payment.posted' AND payload->>'debtorId' = $1`, [world.a.debtors.jane]);
    expect(audit.rows).toEqual([{ actor: `debtor:${world.a.debtors.jane}` }]);
  });

  it('takes a promise', async () => {
    const response = await world.app.inject({ method: 'POST', url: '/portal/api/promises', headers: session, payload: { amountMinor: '10000', dueOn: '2026-12-05' } });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ channel: 'portal', status: 'pending', promisedOn: '2026-12-05' });
  });

  it('proposes a plan within policy and signs the agreement electronically', async () => {
    const quote = await world.app.inject({ method: 'POST', url: '/portal/api/plans/quote', headers: session, payload: { currency: 'USD', installments: 6, frequency: 'monthly', start: '2026-12-01' } });
    expect(quote.statusCode).toBe(200);
    expect(quote.json()).toMatchObject({ principalMinor: '135000', totals: { paymentsMinor: '135000' } });
    const proposed = await world.app.inject({ method: 'POST', url: '/portal/api/plans', headers: session, payload: { currency: 'USD', installments: 6, frequency: 'monthly', start: '2026-12-01' } });
    expect(proposed.statusCode).toBe(201);
    const proposal = proposed.json() as { agreementId: string; documentSha256: string; text: string; plan: { planId: string; status: string } };
    expect(proposal.plan.status).toBe('proposed');
    expect(proposal.documentSha256).toBe(createHash('sha256').update(proposal.text).digest('hex'));
    const wrongName = await world.app.inject({ method: 'POST', url: `/portal/api/plans/${proposal.agreementId}/sign`, headers: session, payload: { fullName: 'Someone Else', agree: true } });
    expect(wrongName.statusCode).toBe(422);
    const notAgreed = await world.app.inject({ method: 'POST', url: `/portal/api/plans/${proposal.agreementId}/sign`, headers: session, payload: { fullName: 'Jane Doe', agree: false } });
    expect(notAgreed.statusCode).toBe(400);
    const signed = await world.app.inject({
      method: 'POST', url: `/portal/api/plans/${proposal.agreementId}/sign`, headers: { ...session, 'user-agent': 'PortalTest/1.0' }, payload: { fullName: 'Jane Doe', agree: true },
    });
    expect(signed.statusCode).toBe(201);
    expect(signed.json()).toMatchObject({ signerName: 'Jane Doe', ip: '127.0.0.1', userAgent: 'PortalTest/1.0', documentSha256: proposal.documentSha256, signedAt: '2026-11-24T15:00:00.000Z' });
    expect((await world.app.inject({ method: 'POST', url: `/portal/api/plans/${proposal.agreementId}/sign`, headers: session, payload: { fullName: 'Jane Doe', agree: true } })).statusCode).toBe(409);
    const plans = await world.app.inject({ method: 'GET', url: `/api/debtors/${world.a.debtors.jane}/plans`, headers: world.bearer(world.a, 'auditor') });
    expect((plans.json() as { items: Array<{ planId: string; status: string }> }).items.find((plan) => plan.planId === proposal.plan.planId)?.status).toBe('active');
    const pdf = await world.app.inject({ method: 'GET', url: `/portal/api/plans/${proposal.agreementId}/agreement.pdf`, headers: session });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const staffPdf = await world.app.inject({ method: 'GET', url: `/api/plans/${proposal.plan.planId}/agreement.pdf`, headers: world.bearer(world.a, 'auditor') });
    expect(staffPdf.statusCode).toBe(200);
    // The signature is history: not even the owner's app role may change it.
    await expect(db.query(`UPDATE e_signature SET signer_name = 'x'`)).rejects.toThrow();
  });

  it('takes a written dispute, which pauses collection through the gate, and channel opt-outs', async () => {
    const before = await world.app.inject({ method: 'GET', url: `/api/debtors/${world.a.debtors.jane}`, headers: world.bearer(world.a, 'specialist') });
    const codesBefore = (before.json() as { contactPoints: Array<{ canContactNow: { reasons: Array<{ code: string }> } }> }).contactPoints.flatMap((p) => p.canContactNow.reasons.map((r) => r.code));
    expect(codesBefore).not.toContain('REGF-DISPUTE-PAUSE');
    const dispute = await world.app.inject({ method: 'POST', url: '/portal/api/disputes', headers: session, payload: { text: 'I do not owe invoice alpha-I2: it was paid in full.' } });
    expect(dispute.statusCode).toBe(201);
    const preferences = await world.app.inject({ method: 'PUT', url: '/portal/api/preferences', headers: session, payload: { channels: { email: { optOut: true } }, preferredTimes: ['weekday evenings'] } });
    expect(preferences.json()).toMatchObject({ channels: { email: { optOut: true }, sms: { optOut: false } }, preferredTimes: ['weekday evenings'] });
    const after = await world.app.inject({ method: 'GET', url: `/api/debtors/${world.a.debtors.jane}`, headers: world.bearer(world.a, 'specialist') });
    const view = after.json() as { flags: Array<{ kind: string }>; contactPoints: Array<{ channel: string; canContactNow: { outcome: string; reasons: Array<{ code: string }> } }> };
    expect(view.flags.map((flag) => flag.kind)).toEqual(expect.arrayContaining(['dispute', 'opt_out_email']));
    const email = view.contactPoints.find((point) => point.channel === 'email')!;
    expect(email.canContactNow.outcome).toBe('block');
    expect(email.canContactNow.reasons.map((reason) => reason.code)).toEqual(expect.arrayContaining(['REGF-DISPUTE-PAUSE']));
    const phone = view.contactPoints.find((point) => point.channel === 'phone')!;
    expect(phone.canContactNow.outcome).toBe('block');
  });

  it('ends the session on logout', async () => {
    expect((await world.app.inject({ method: 'POST', url: '/portal/api/logout', headers: session, payload: {} })).statusCode).toBe(200);
    expect((await world.app.inject({ method: 'GET', url: '/portal/api/account', headers: session })).statusCode).toBe(401);
  });
});
