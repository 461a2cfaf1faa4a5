import { z } from 'zod';
import { actorOf } from '../../../app/auth/roles.ts';
import { approveSettlement, listSettlements, proposeSettlement } from '../../../app/negotiation/settle-account.ts';
import { reversePayment } from '../../../app/payments/reverse-payment.ts';
import { resolveDebtorAccount } from '../../../app/workbench/resolve-account.ts';
import { refreshQueueItems } from '../../../app/workbench/work-queue.ts';
import { HttpError, httpErrorOf } from '../http-error.ts';
import { calendarDateParam, currencyCode, idempotencyHeaders, idParam, minorUnits } from '../schemas.ts';
import type { App, HttpDeps } from '../server.ts';

// Settlements and payment reversals: thin routes over the negotiation and payments use cases.

const statusOf = (code: string): number =>
  ({ account_not_found: 404, settlement_not_found: 404, payment_not_found: 404, outside_policy: 422, above_authority: 403, invalid_state: 409, already_reversed: 409, idempotency_key_reused: 409 } as Record<string, number>)[code] ?? 400;

export async function registerNegotiationRoutes(app: App, deps: HttpDeps): Promise<void> {
  const { db } = deps;
  const today = () => deps.clock.now().toISOString().slice(0, 10);

  app.get('/api/debtors/:id/settlements', {
    config: { access: 'read', owns: { id: 'debtor' } },
    schema: { tags: ['negotiation'], summary: "The debtor's settlements", params: idParam },
  }, async (request) => ({ items: await listSettlements(db, { tenantId: request.principal!.tenantId, debtor: request.params.id, limit: 200 }), nextCursor: null }));

  app.post('/api/debtors/:id/settlements', {
    config: { access: 'work', owns: { id: 'debtor' } },
    schema: {
      tags: ['negotiation'], summary: 'Propose settling for less: approved at once within your authority, else it waits for a supervisor', params: idParam,
      headers: idempotencyHeaders,
      body: z.object({
        currency: currencyCode, settlementMinor: minorUnits, form: z.enum(['lump_sum', 'short_plan']), dueDate: calendarDateParam('dueDate'),
        installments: z.number().int().min(1).max(60).optional(), frequency: z.enum(['weekly', 'biweekly', 'monthly']).optional(), accountId: z.string().max(100).nullable().default(null),
      }),
    },
  }, async (request, reply) => {
    const principal = request.principal!;
    const body = request.body;
    const accountId = await resolveDebtorAccount(db, principal.tenantId, request.params.id, body.currency, body.accountId);
    if (accountId === null) throw new HttpError(404, 'not_found', `the debtor has no account ${body.accountId ?? `in ${body.currency}`}`, body.accountId === null ? 'currency' : 'accountId');
    const result = await proposeSettlement(db, {
      tenantId: principal.tenantId, actor: actorOf(principal), role: principal.role, account: accountId, currency: body.currency, settlementMinor: BigInt(body.settlementMinor),
      form: body.form, dueDate: body.dueDate, ...(body.installments === undefined ? {} : { installments: body.installments }), ...(body.frequency === undefined ? {} : { frequency: body.frequency }),
      asOf: today(), idempotencyKey: request.headers['idempotency-key'], now: deps.clock.now(),
    });
    if (!result.ok) throw httpErrorOf(result, statusOf(result.code));
    await refreshQueueItems(db, principal.tenantId, [request.params.id], today());
    return reply.status(result.value.replayed ? 200 : 201).send(result.value);
  });

  app.post('/api/settlements/:id/approve', {
    config: { access: 'supervise', owns: { id: 'settlement' } },
    schema: { tags: ['negotiation'], summary: 'Approve a settlement above the specialist\'s authority (within yours)', params: idParam },
  }, async (request) => {
    const principal = request.principal!;
    // The use case looks the settlement up within the caller's tenant: another tenant's is not found.
    const result = await approveSettlement(db, { tenantId: principal.tenantId, actor: actorOf(principal), role: principal.role, settlementId: request.params.id, asOf: today(), now: deps.clock.now() });
    if (!result.ok) throw httpErrorOf(result, statusOf(result.code));
    return result.value;
  });

  app.post('/api/payments/:id/reverse', {
    config: { access: 'supervise', owns: { id: 'payment' } },
    schema: {
      tags: ['payments'], summary: 'Reverse a payment (returned, posted in error): new ledger entries undo it; promises and plans it kept are re-evaluated',
      params: idParam, headers: idempotencyHeaders,
      body: z.object({ reason: z.string().trim().min(1).max(500), returnCode: z.string().regex(/^R\d{2}$/).optional(), returnedOn: calendarDateParam('returnedOn').optional() }),
    },
  }, async (request) => {
    const principal = request.principal!;
    const result = await reversePayment(db, {
      tenantId: principal.tenantId, actor: actorOf(principal), paymentId: request.params.id, reason: request.body.reason,
      ...(request.body.returnCode === undefined ? {} : { returnCode: request.body.returnCode }), returnedOn: request.body.returnedOn ?? today(),
      idempotencyKey: request.headers['idempotency-key'], now: deps.clock.now(),
    });
    if (!result.ok) throw httpErrorOf(result, statusOf(result.code));
    await refreshQueueItems(db, principal.tenantId, [result.value.debtorId], today());
    return result.value;
  });
}
