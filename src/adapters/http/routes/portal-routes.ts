import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { normalize, join } from 'node:path';
import { z } from 'zod';
import { endPortalSession, verifyByLink, verifyByReference } from '../../../app/portal/portal-session.ts';
import {
  disputeAtPortal, loadContactPreferences, loadPortalAccount, payAtPortal, proposePortalPlan, saveContactPreferences, signAgreement,
} from '../../../app/portal/portal-actions.ts';
import { recordPromise } from '../../../app/negotiation/record-promise.ts';
import { renderPlanAgreementPdf } from '../../../app/negotiation/render-agreement-letters.ts';
import { resolveDebtorAccount } from '../../../app/workbench/resolve-account.ts';
import { refreshQueueItems } from '../../../app/workbench/work-queue.ts';
import { buildPaymentPlanSchedule } from '../../../domain/negotiation/build-payment-plan-schedule.ts';
import { HttpError, httpErrorOf } from '../http-error.ts';
import { calendarDateParam, currencyCode, idempotencyHeaders, idParam, minorUnits } from '../schemas.ts';
import { PORTAL_COOKIE, setAuthCookie, type App, type HttpDeps } from '../server.ts';
import { buildQuoteJson } from './workbench-routes.ts';

const portalTerms = z.object({
  currency: currencyCode,
  installments: z.number().int().min(1).max(60),
  frequency: z.enum(['weekly', 'biweekly', 'monthly']),
  start: calendarDateParam('start'),
  downPaymentMinor: minorUnits.optional(),
});

export async function registerPortalRoutes(app: App, deps: HttpDeps): Promise<void> {
  const { db } = deps;
  const client = (request: { ip: string; headers: Record<string, unknown> }) => ({
    ip: request.ip, userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null, now: deps.clock.now(),
  });

  app.post('/portal/api/verify', {
    config: { access: 'public', rateLimit: { max: 60, timeWindow: 60_000 } },
    schema: {
      tags: ['portal'], summary: 'Prove who you are: the one-time link token, or the reference, last name and postcode from your letter',
      body: z.union([
        z.object({ token: z.string().min(10).max(200) }),
        z.object({ reference: z.string().trim().min(1).max(100), lastName: z.string().trim().min(1).max(200), postcode: z.string().trim().min(1).max(20) }),
      ]),
    },
  }, async (request, reply) => {
    const body = request.body;
    const result = 'token' in body
      ? await verifyByLink(db, body.token, client(request))
      : await verifyByReference(db, { tenantId: deps.portalTenantId, reference: body.reference, lastName: body.lastName, postcode: body.postcode, ...client(request) });
    if (!result.ok) throw new HttpError(result.code === 'verification_locked' ? 429 : 401, result.code, result.message, result.field ?? null);
    setAuthCookie(reply, deps, PORTAL_COOKIE, result.value.sessionToken, result.value.expiresAt);
    return { csrfToken: result.value.csrfToken, expiresAt: result.value.expiresAt.toISOString() };
  });

  app.post('/portal/api/logout', { config: { access: 'public' }, schema: { tags: ['portal'], summary: 'End the portal session' } }, async (request, reply) => {
    const token = request.cookies[PORTAL_COOKIE];
    if (token !== undefined && token !== '') await endPortalSession(db, token);
    setAuthCookie(reply, deps, PORTAL_COOKIE, null);
    return { ok: true };
  });

  app.get('/portal/api/account', {
    config: { access: 'portal' },
    schema: { tags: ['portal'], summary: 'The itemized balance: per invoice, charged, paid and open by component' },
  }, async (request) => loadPortalAccount(db, request.portal!));

  app.get('/portal/api/letters', {
    config: { access: 'portal' },
    schema: { tags: ['portal'], summary: 'Letters and messages sent to you' },
  }, async (request) => {
    const portal = request.portal!;
    const { rows } = await db.query<{ id: string; channel: string; template: string | null; status: string; started_at: Date }>(
      `SELECT id, channel, template, status, started_at FROM contact_attempt WHERE tenant_id = $1 AND debtor_id = $2 AND direction = 'outbound'
         AND channel IN ('letter', 'email', 'sms') AND status IN ('sent', 'delivered') ORDER BY started_at DESC LIMIT 100`, [portal.tenantId, portal.debtorId]);
    return { items: rows.map((row) => ({ id: row.id, channel: row.channel, template: row.template, status: row.status, sentAt: new Date(row.started_at).toISOString() })), nextCursor: null };
  });

  app.get('/portal/api/letters/:id', {
    config: { access: 'portal', owns: { id: 'letter' } },
    schema: { tags: ['portal'], summary: 'A letter sent to you, as the PDF that was printed', params: idParam },
  }, async (request, reply) => {
    const portal = request.portal!;
    const { rows } = await db.query<{ provider_id: string | null }>(
      `SELECT provider_id FROM contact_attempt WHERE tenant_id = $1 AND id = $2 AND debtor_id = $3 AND channel = 'letter'`, [portal.tenantId, request.params.id, portal.debtorId]);
    const relative = rows[0]?.provider_id ?? null;
    const path = relative === null ? null : normalize(join(deps.letterDir, relative));
    if (path === null || !path.startsWith(normalize(deps.letterDir)) || !path.endsWith('.pdf') || !existsSync(path)) {
      throw new HttpError(404, 'not_found', 'this letter has no printable copy', 'id');
    }
    return reply.type('application/pdf').header('content-disposition', `inline; filename="letter-${request.params.id}.pdf"`).send(readFileSync(path));
  });

  app.post('/portal/api/payments', {
    config: { access: 'portal' },
    schema: {
      tags: ['portal'], summary: 'Pay now through the payment provider (the built-in test provider in the embedded setup)',
      headers: idempotencyHeaders,
      body: z.object({
        amountMinor: minorUnits, currency: currencyCode.optional(),
        method: z.union([z.object({ kind: z.literal('card'), cardNumber: z.string().regex(/^[\d ]{12,23}$/) }), z.object({ kind: z.literal('bank'), accountNumber: z.string().regex(/^[0-9A-Za-z -]{1,34}$/) })])
          .default({ kind: 'card', cardNumber: '4242 4242 4242 4242' }),
      }),
    },
  }, async (request, reply) => {
    const portal = request.portal!;
    const amountMinor = BigInt(request.body.amountMinor);
    if (amountMinor <= 0n) throw new HttpError(400, 'invalid_field', 'amountMinor: must be greater than zero', 'amountMinor');
    const currency = request.body.currency ?? (await loadPortalAccount(db, portal)).balances[0]?.currency;
    if (currency === undefined) throw new HttpError(422, 'nothing_owed', 'nothing is owed on this account', 'amountMinor');
    const result = await payAtPortal(db, deps.paymentProvider, portal, { amountMinor, currency, method: request.body.method, idempotencyKey: request.headers['idempotency-key'], now: deps.clock.now() });
    if (!result.ok) throw httpErrorOf(result, result.code === 'payment_declined' ? 422 : 400);
    return reply.status(result.value.replayed ? 200 : 201).send(result.value);
  });

  app.post('/portal/api/promises', {
    config: { access: 'portal' },
    schema: { tags: ['portal'], summary: 'Promise to pay an amount by a date', body: z.object({ amountMinor: minorUnits, dueOn: calendarDateParam('dueOn'), currency: currencyCode.optional() }) },
  }, async (request, reply) => {
    const portal = request.portal!;
    const now = deps.clock.now();
    const currency = request.body.currency ?? (await loadPortalAccount(db, portal)).balances[0]?.currency ?? 'USD';
    const accountId = await resolveDebtorAccount(db, portal.tenantId, portal.debtorId, currency, null);
    if (accountId === null) throw new HttpError(404, 'not_found', `no account in ${currency}`, 'currency');
    const result = await recordPromise(db, {
      tenantId: portal.tenantId, actor: `debtor:${portal.debtorId}`, account: accountId, amountMinor: BigInt(request.body.amountMinor), currency,
      promisedOn: request.body.dueOn, channel: 'portal', takenBy: 'portal', role: 'portal', asOf: now.toISOString().slice(0, 10),
      idempotencyKey: `portal:${randomUUID()}`, now,
    });
    if (!result.ok) throw httpErrorOf(result);
    await refreshQueueItems(db, portal.tenantId, [portal.debtorId], now.toISOString().slice(0, 10));
    return reply.status(201).send(result.value);
  });

  app.post('/portal/api/plans/quote', {
    config: { access: 'portal' },
    schema: { tags: ['portal'], summary: 'What a plan over the open balance would look like (no interest); nothing is stored', body: portalTerms },
  }, async (request) => {
    const portal = request.portal!;
    const account = await loadPortalAccount(db, portal);
    const balance = account.balances.find((entry) => entry.currency === request.body.currency);
    if (balance === undefined) throw new HttpError(422, 'nothing_owed', `nothing is owed in ${request.body.currency}`, 'currency');
    const built = buildPaymentPlanSchedule({
      principalMinor: BigInt(balance.totalMinor), currency: request.body.currency, installments: request.body.installments, frequency: request.body.frequency,
      startDate: request.body.start, downPaymentMinor: request.body.downPaymentMinor === undefined ? undefined : BigInt(request.body.downPaymentMinor), interest: { method: 'none' },
    });
    if (!built.ok) throw httpErrorOf(built);
    return buildQuoteJson(built);
  });

  app.post('/portal/api/plans', {
    config: { access: 'portal' },
    schema: { tags: ['portal'], summary: 'Propose a plan within policy; returns the agreement to sign', headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }), body: portalTerms },
  }, async (request, reply) => {
    const portal = request.portal!;
    const accountId = await resolveDebtorAccount(db, portal.tenantId, portal.debtorId, request.body.currency, null);
    if (accountId === null) throw new HttpError(404, 'not_found', `no account in ${request.body.currency}`, 'currency');
    const result = await proposePortalPlan(db, portal, {
      accountId, currency: request.body.currency, installments: request.body.installments, frequency: request.body.frequency, startDate: request.body.start,
      ...(request.body.downPaymentMinor === undefined ? {} : { downPaymentMinor: BigInt(request.body.downPaymentMinor) }),
      idempotencyKey: request.headers['idempotency-key'] ?? randomUUID(), now: deps.clock.now(),
    });
    if (!result.ok) throw httpErrorOf(result, result.code === 'outside_policy' || result.code === 'amount_above_balance' ? 422 : 400);
    return reply.status(201).send(result.value);
  });

  app.post('/portal/api/plans/:id/sign', {
    config: { access: 'portal', owns: { id: 'agreement' } },
    schema: {
      tags: ['portal'], summary: 'Sign the agreement electronically (id: the agreementId from the proposal)', params: idParam,
      body: z.object({ fullName: z.string().trim().min(1).max(200), agree: z.literal(true, { error: 'agree: tick the box to agree to the terms' }) }),
    },
  }, async (request, reply) => {
    const { ip, userAgent, now } = client(request);
    const result = await signAgreement(db, request.portal!, { agreementId: request.params.id, fullName: request.body.fullName, ip, userAgent: userAgent ?? 'unknown', now });
    if (!result.ok) throw httpErrorOf(result, result.code === 'name_mismatch' ? 422 : 400);
    return reply.status(201).send(result.value);
  });

  app.get('/portal/api/plans/:id/agreement.pdf', {
    config: { access: 'portal', owns: { id: 'agreement' } },
    schema: { tags: ['portal'], summary: "A printable copy of the plan's terms (id: the agreementId); the signature binds the agreement text's sha256", params: idParam },
  }, async (request, reply) => {
    const portal = request.portal!;
    const { rows } = await db.query<{ plan_id: string | null }>('SELECT plan_id FROM agreement_document WHERE tenant_id = $1 AND id = $2 AND debtor_id = $3', [portal.tenantId, request.params.id, portal.debtorId]);
    const planId = rows[0]?.plan_id ?? null;
    if (planId === null) throw new HttpError(404, 'not_found', 'this agreement has no plan', 'id');
    const now = deps.clock.now();
    const pdf = await renderPlanAgreementPdf(db, { tenantId: portal.tenantId, planId, date: now.toISOString().slice(0, 10), now });
    if (!pdf.ok) throw httpErrorOf(pdf);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="agreement-${request.params.id}.pdf"`).send(pdf.value);
  });

  app.post('/portal/api/disputes', {
    config: { access: 'portal' },
    schema: { tags: ['portal'], summary: 'Dispute the debt in writing: collection pauses until it is answered', body: z.object({ text: z.string().trim().min(10).max(10_000) }) },
  }, async (request, reply) => reply.status(201).send(await disputeAtPortal(db, request.portal!, { text: request.body.text, now: deps.clock.now() })));

  app.get('/portal/api/preferences', {
    config: { access: 'portal' },
    schema: { tags: ['portal'], summary: 'Your contact preferences and channel opt-outs' },
  }, async (request) => loadContactPreferences(db, request.portal!));

  app.put('/portal/api/preferences', {
    config: { access: 'portal' },
    schema: {
      tags: ['portal'], summary: 'Opt out of (or back into) channels, and say when suits you',
      body: z.object({
        channels: z.object({ email: z.object({ optOut: z.boolean() }).optional(), sms: z.object({ optOut: z.boolean() }).optional(), phone: z.object({ optOut: z.boolean() }).optional(), letter: z.object({ optOut: z.boolean() }).optional() }),
        preferredTimes: z.array(z.string().max(100)).max(10).optional(),
      }),
    },
  }, async (request) => saveContactPreferences(db, request.portal!, { channels: request.body.channels, preferredTimes: request.body.preferredTimes, now: deps.clock.now() }));
}
