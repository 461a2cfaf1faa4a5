import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { actorOf } from '../../../app/auth/roles.ts';
import { loadAccountView, loadCallScript } from '../../../app/workbench/account-view.ts';
import { loadTimeline } from '../../../app/workbench/timeline.ts';
import { loadQueue } from '../../../app/workbench/work-queue.ts';
import { addNote, callOutcomes, escalate, escalationTargets, listNotes, logCall, scheduleCallback } from '../../../app/workbench/record-activity.ts';
import { resolveDebtorAccount } from '../../../app/workbench/resolve-account.ts';
import { recordPromise } from '../../../app/negotiation/record-promise.ts';
import { listPromises } from '../../../app/negotiation/list-promises.ts';
import { createPlan, listPlans } from '../../../app/negotiation/create-plan.ts';
import { renderPlanAgreementPdf } from '../../../app/negotiation/render-agreement-letters.ts';
import { refreshQueueItems } from '../../../app/workbench/work-queue.ts';
import { issuePortalLink } from '../../../app/portal/portal-session.ts';
import { buildPaymentPlanSchedule, type PaymentPlanInterest } from '../../../domain/negotiation/build-payment-plan-schedule.ts';
import { HttpError, httpErrorOf } from '../http-error.ts';
import { decodeCursor, encodeCursor, pageQuery } from '../pagination.ts';
import { calendarDateParam, currencyCode, idParam, minorUnits } from '../schemas.ts';
import type { App, HttpDeps } from '../server.ts';

const optionalIdempotency = z.object({ 'idempotency-key': z.string().min(1).max(200).optional().describe('retry safely with the same key') });

export const planTermsSchema = z.object({
  amountMinor: minorUnits.optional().describe('what the plan settles; default: the open balance of the account'),
  currency: currencyCode,
  installments: z.number().int().min(1).max(1000),
  frequency: z.enum(['weekly', 'biweekly', 'monthly']),
  apr: z.string().regex(/^\d{1,3}(\.\d{1,4})?$/).optional().describe('annual percentage rate, e.g. "9.5"; amortized interest'),
  start: calendarDateParam('start'),
  downPaymentMinor: minorUnits.optional(),
});
export const interestOf = (apr: string | undefined): PaymentPlanInterest => (apr === undefined || Number(apr) === 0 ? { method: 'none' } : { method: 'amortized', aprPercent: apr });

export function buildQuoteJson(schedule: ReturnType<typeof buildPaymentPlanSchedule> & { ok: true }) {
  const s = schedule.value;
  return {
    currency: s.currency, principalMinor: s.principalMinor.toString(), downPaymentMinor: (s.downPayment?.amountMinor ?? 0n).toString(),
    downPaymentDueDate: s.downPayment?.dueDate ?? null, financedMinor: s.financedMinor.toString(),
    aprPercent: s.interest.method === 'none' ? '0' : s.interest.aprPercent, method: s.interest.method, frequency: s.frequency, startDate: s.startDate,
    installments: s.installments.map((row) => ({
      number: row.number, dueDate: row.dueDate, paymentMinor: row.paymentMinor.toString(), interestMinor: row.interestMinor.toString(),
      principalMinor: row.principalMinor.toString(), remainingMinor: row.remainingMinor.toString(),
    })),
    totals: { paymentsMinor: s.totals.paymentsMinor.toString(), interestMinor: s.totals.interestMinor.toString(), principalMinor: s.totals.principalMinor.toString() },
  };
}

export async function registerWorkbenchRoutes(app: App, deps: HttpDeps): Promise<void> {
  const { db } = deps;
  const debtorRoute = { owns: { id: 'debtor' as const } };

  app.get('/api/queue', {
    config: { access: 'read' },
    schema: {
      tags: ['workbench'], summary: 'A work queue, highest priority first, with the reasons for each priority',
      querystring: pageQuery.extend({ scope: z.enum(['mine', 'unassigned', 'all']).default('mine').describe('mine: assigned to me (falling back to the unassigned pool when nothing is); all: everyone') }),
    },
  }, async (request) => {
    const principal = request.principal!;
    const after = decodeCursor(request.query.cursor, 2) as [number, string] | null;
    let scope = request.query.scope;
    let page = await loadQueue(db, principal.tenantId, { assignedTo: scope === 'mine' ? principal.userId : scope === 'all' ? null : 'unassigned', after, limit: request.query.limit });
    if (scope === 'mine' && after === null && page.items.length === 0) {
      scope = 'unassigned';
      page = await loadQueue(db, principal.tenantId, { assignedTo: 'unassigned', after: null, limit: request.query.limit });
    }
    return { scope, items: page.items, nextCursor: page.nextCursor === null ? null : encodeCursor(page.nextCursor) };
  });

  app.get('/api/debtors/:id', {
    config: { access: 'read', ...debtorRoute },
    schema: { tags: ['workbench'], summary: 'The account page: debtor, balances, flags, contact points with local time and "can I contact now?"', params: idParam },
  }, async (request) => {
    const view = await loadAccountView(db, request.principal!.tenantId, request.params.id, deps.clock.now());
    if (view === null) throw new HttpError(404, 'not_found', `no debtor "${request.params.id}"`, 'id');
    return view;
  });

  app.get('/api/debtors/:id/timeline', {
    config: { access: 'read', ...debtorRoute },
    schema: { tags: ['workbench'], summary: 'Contacts, notes, payments and changes, newest first', params: idParam, querystring: pageQuery },
  }, async (request) => {
    const before = decodeCursor(request.query.cursor, 2) as [string, string] | null;
    const page = await loadTimeline(db, request.principal!.tenantId, request.params.id, { before, limit: request.query.limit });
    return { items: page.items, nextCursor: page.nextCursor === null ? null : encodeCursor(page.nextCursor) };
  });

  app.get('/api/debtors/:id/call-script', {
    config: { access: 'read', ...debtorRoute },
    schema: { tags: ['workbench'], summary: 'The call script with the disclosures the gate requires now', params: idParam, querystring: z.object({ contactPointId: z.string().max(100).optional() }) },
  }, async (request) => {
    const principal = request.principal!;
    const script = await loadCallScript(db, principal.tenantId, request.params.id, request.query.contactPointId ?? null, deps.clock.now(), principal.name);
    if (script === null) throw new HttpError(404, 'not_found', `no debtor "${request.params.id}"`, 'id');
    return script;
  });

  app.get('/api/debtors/:id/notes', {
    config: { access: 'read', ...debtorRoute },
    schema: { tags: ['workbench'], summary: "The debtor's notes, newest first", params: idParam, querystring: pageQuery },
  }, async (request) => {
    const before = decodeCursor(request.query.cursor, 2) as [string, string] | null;
    const page = await listNotes(db, request.principal!.tenantId, request.params.id, { before, limit: request.query.limit });
    return { items: page.items, nextCursor: page.nextCursor === null ? null : encodeCursor(page.nextCursor) };
  });

  app.post('/api/debtors/:id/notes', {
    config: { access: 'work', ...debtorRoute },
    schema: { tags: ['workbench'], summary: 'Add a note', params: idParam, body: z.object({ text: z.string().trim().min(1).max(5000) }) },
  }, async (request, reply) => {
    const principal = request.principal!;
    const note = await addNote(db, { tenantId: principal.tenantId, actor: actorOf(principal), userId: principal.userId, now: deps.clock.now(), debtorId: request.params.id, text: request.body.text });
    return reply.status(201).send(note);
  });

  app.post('/api/debtors/:id/calls', {
    config: { access: 'work', ...debtorRoute },
    schema: {
      tags: ['workbench'], summary: 'Log a call outcome (a promise outcome can carry the promise)', params: idParam,
      headers: optionalIdempotency,
      body: z.object({
        contactPointId: z.string().max(100).nullable().default(null), outcome: z.enum(callOutcomes), note: z.string().max(5000).nullable().default(null),
        promise: z.object({ amountMinor: minorUnits, currency: currencyCode, dueOn: calendarDateParam('promise.dueOn') }).optional(),
      }),
    },
  }, async (request, reply) => {
    const principal = request.principal!;
    const now = deps.clock.now();
    const body = request.body;
    if (body.outcome === 'promise' && body.promise === undefined) throw new HttpError(400, 'missing_field', 'promise: required when the outcome is "promise"', 'promise');
    const logged = await logCall(db, { tenantId: principal.tenantId, actor: actorOf(principal), userId: principal.userId, now, debtorId: request.params.id, contactPointId: body.contactPointId, outcome: body.outcome, note: body.note });
    if (!logged.ok) throw httpErrorOf(logged);
    let promise: unknown = null;
    if (body.promise !== undefined) {
      promise = await takePromise(deps, principal, request.params.id, { ...body.promise, channel: 'call', accountId: null, key: request.headers['idempotency-key'] ?? null, note: body.note });
    }
    return reply.status(201).send({ ...logged.value, promise });
  });

  app.get('/api/debtors/:id/promises', {
    config: { access: 'read', ...debtorRoute },
    schema: { tags: ['negotiation'], summary: "The debtor's promises, newest first", params: idParam },
  }, async (request) => ({ items: await listPromises(db, { tenantId: request.principal!.tenantId, debtorId: request.params.id, limit: 200 }), nextCursor: null }));

  app.post('/api/debtors/:id/promises', {
    config: { access: 'work', ...debtorRoute },
    schema: {
      tags: ['negotiation'], summary: 'Record a promise to pay', params: idParam, headers: optionalIdempotency,
      body: z.object({
        amountMinor: minorUnits, currency: currencyCode, dueOn: calendarDateParam('dueOn'),
        channel: z.enum(['call', 'email', 'sms', 'letter', 'portal', 'in_person', 'other']).default('call'),
        accountId: z.string().max(100).nullable().default(null), note: z.string().max(2000).nullable().default(null),
      }),
    },
  }, async (request, reply) => {
    const promise = await takePromise(deps, request.principal!, request.params.id, { ...request.body, key: request.headers['idempotency-key'] ?? null });
    return reply.status(201).send(promise);
  });

  app.post('/api/plans/quote', {
    config: { access: 'work' },
    schema: { tags: ['negotiation'], summary: 'The schedule of a payment plan (a calculator: nothing is stored)', body: planTermsSchema.extend({ amountMinor: minorUnits }) },
  }, async (request) => {
    const body = request.body;
    const built = buildPaymentPlanSchedule({
      principalMinor: BigInt(body.amountMinor), currency: body.currency, installments: body.installments, frequency: body.frequency,
      startDate: body.start, downPaymentMinor: body.downPaymentMinor === undefined ? undefined : BigInt(body.downPaymentMinor), interest: interestOf(body.apr),
    });
    if (!built.ok) throw httpErrorOf(built);
    return buildQuoteJson(built);
  });

  app.get('/api/debtors/:id/plans', {
    config: { access: 'read', ...debtorRoute },
    schema: { tags: ['negotiation'], summary: "The debtor's payment plans", params: idParam },
  }, async (request) => ({ items: await listPlans(db, { tenantId: request.principal!.tenantId, debtor: request.params.id, limit: 200 }), nextCursor: null }));

  app.post('/api/debtors/:id/plans', {
    config: { access: 'work', ...debtorRoute },
    schema: {
      tags: ['negotiation'], summary: 'Propose a payment plan within the policy of your role', params: idParam, headers: optionalIdempotency,
      body: planTermsSchema.extend({ accountId: z.string().max(100).nullable().default(null) }),
    },
  }, async (request, reply) => {
    const principal = request.principal!;
    const body = request.body;
    const accountId = await resolveDebtorAccount(db, principal.tenantId, request.params.id, body.currency, body.accountId);
    if (accountId === null) throw new HttpError(404, 'not_found', `the debtor has no account ${body.accountId ?? `in ${body.currency}`}`, body.accountId === null ? 'currency' : 'accountId');
    const result = await createPlan(db, {
      tenantId: principal.tenantId, actor: actorOf(principal), role: principal.role, account: accountId,
      ...(body.amountMinor === undefined ? {} : { principalMinor: BigInt(body.amountMinor) }), currency: body.currency, installments: body.installments,
      frequency: body.frequency, startDate: body.start, ...(body.downPaymentMinor === undefined ? {} : { downPaymentMinor: BigInt(body.downPaymentMinor) }),
      interest: interestOf(body.apr), idempotencyKey: request.headers['idempotency-key'] ?? `http:${randomUUID()}`, now: deps.clock.now(),
    });
    if (!result.ok) throw httpErrorOf(result, result.code === 'outside_policy' || result.code === 'amount_above_balance' ? 422 : 400);
    await refreshQueueItems(db, principal.tenantId, [request.params.id], deps.clock.now().toISOString().slice(0, 10));
    return reply.status(result.value.replayed ? 200 : 201).send(result.value);
  });

  app.get('/api/plans/:id/agreement.pdf', {
    config: { access: 'read', owns: { id: 'plan' } },
    schema: { tags: ['negotiation'], summary: 'The plan agreement as a PDF letter (to print or attach)', params: idParam },
  }, async (request, reply) => {
    const now = deps.clock.now();
    const pdf = await renderPlanAgreementPdf(db, { tenantId: request.principal!.tenantId, planId: request.params.id, date: now.toISOString().slice(0, 10), now });
    if (!pdf.ok) throw httpErrorOf(pdf);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="plan-${request.params.id}.pdf"`).send(pdf.value);
  });

  app.post('/api/debtors/:id/callbacks', {
    config: { access: 'work', ...debtorRoute },
    schema: {
      tags: ['workbench'], summary: 'Schedule a callback (it lifts the debtor in my queue when due)', params: idParam,
      body: z.object({ at: z.iso.datetime({ offset: true }).describe('ISO 8601 instant'), contactPointId: z.string().max(100).nullable().default(null), note: z.string().max(2000).nullable().default(null) }),
    },
  }, async (request, reply) => {
    const principal = request.principal!;
    const result = await scheduleCallback(db, {
      tenantId: principal.tenantId, actor: actorOf(principal), userId: principal.userId, now: deps.clock.now(), debtorId: request.params.id,
      dueAt: new Date(request.body.at), contactPointId: request.body.contactPointId, note: request.body.note,
    });
    if (!result.ok) throw httpErrorOf(result);
    return reply.status(201).send(result.value);
  });

  app.post('/api/debtors/:id/escalations', {
    config: { access: 'work', ...debtorRoute },
    schema: { tags: ['workbench'], summary: 'Escalate to a supervisor, an agency or legal', params: idParam, body: z.object({ to: z.enum(escalationTargets), reason: z.string().trim().min(1).max(2000) }) },
  }, async (request, reply) => {
    const principal = request.principal!;
    const escalation = await escalate(db, { tenantId: principal.tenantId, actor: actorOf(principal), userId: principal.userId, now: deps.clock.now(), debtorId: request.params.id, to: request.body.to, reason: request.body.reason });
    return reply.status(201).send(escalation);
  });

  app.post('/api/debtors/:id/portal-link', {
    config: { access: 'work', ...debtorRoute },
    schema: { tags: ['portal'], summary: 'Issue a one-time portal link for the debtor (to send by letter or email); shown once', params: idParam },
  }, async (request, reply) => {
    const principal = request.principal!;
    const link = await issuePortalLink(db, { tenantId: principal.tenantId, debtorId: request.params.id, actor: actorOf(principal), now: deps.clock.now() });
    return reply.status(201).send({ token: link.token, path: `/portal/verify?token=${encodeURIComponent(link.token)}`, expiresAt: link.expiresAt.toISOString() });
  });
}

type PromiseRequest = { amountMinor: string; currency: string; dueOn: string; channel: 'call' | 'email' | 'sms' | 'letter' | 'portal' | 'in_person' | 'other'; accountId: string | null; key: string | null; note: string | null };

async function takePromise(deps: HttpDeps, principal: NonNullable<import('fastify').FastifyRequest['principal']>, debtorId: string, promise: PromiseRequest) {
  const accountId = await resolveDebtorAccount(deps.db, principal.tenantId, debtorId, promise.currency, promise.accountId);
  if (accountId === null) throw new HttpError(404, 'not_found', `the debtor has no account ${promise.accountId ?? `in ${promise.currency}`}`, promise.accountId === null ? 'currency' : 'accountId');
  const now = deps.clock.now();
  const result = await recordPromise(deps.db, {
    tenantId: principal.tenantId, actor: actorOf(principal), account: accountId, amountMinor: BigInt(promise.amountMinor), currency: promise.currency,
    promisedOn: promise.dueOn, channel: promise.channel, takenBy: principal.userId, role: principal.role, asOf: now.toISOString().slice(0, 10),
    ...(promise.note === null ? {} : { note: promise.note }), idempotencyKey: promise.key ?? `http:${randomUUID()}`, now,
  });
  if (!result.ok) throw httpErrorOf(result);
  await refreshQueueItems(deps.db, principal.tenantId, [debtorId], now.toISOString().slice(0, 10));
  return result.value;
}
