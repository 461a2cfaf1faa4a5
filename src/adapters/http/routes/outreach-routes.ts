import { z } from 'zod';
import { actorOf } from '../../../app/auth/roles.ts';
import { completeCallTask, listCallTasks, listTemplates, previewContact, queueManualContact } from '../../../app/outreach/manual-contact.ts';
import { listContactAttempts } from '../../../app/workbench/contact-history.ts';
import { HttpError, httpErrorOf } from '../http-error.ts';
import { decodeCursor, encodeCursor, pageQuery } from '../pagination.ts';
import { idempotencyHeaders, idParam } from '../schemas.ts';
import type { App, HttpDeps } from '../server.ts';

// Messages a specialist sends after a preview, templates, contact history and call tasks: thin routes over
// the outreach use cases (src/app/outreach/manual-contact.ts), which ask the compliance gate.

const messageBody = z.object({
  templateId: z.string().min(1).max(100).regex(/^[a-z0-9_-]+$/i),
  channel: z.enum(['email', 'sms', 'letter']).optional(),
  locale: z.string().min(2).max(10).optional(),
});
const historyOutcomes = ['not_connected', 'no_answer', 'voicemail_lcm', 'voicemail_other', 'conversation', 'third_party_conversation'] as const;

export async function registerOutreachRoutes(app: App, deps: HttpDeps): Promise<void> {
  const { db } = deps;
  const today = () => deps.clock.now().toISOString().slice(0, 10);
  const notFoundAsDebtor = { unknown_debtor: 404, no_usable_channel: 422, nothing_owed: 422, template_error: 400, blocked: 422 } as const;

  app.get('/api/templates', {
    config: { access: 'read' },
    schema: { tags: ['outreach'], summary: 'Message templates, per locale, with the channels each can go out on' },
  }, async () => ({ items: listTemplates(), nextCursor: null }));

  app.post('/api/debtors/:id/messages/preview', {
    config: { access: 'work', owns: { id: 'debtor' } },
    schema: { tags: ['outreach'], summary: "Render a message for the debtor as it would go out now, with the gate's decision (nothing is sent)", params: idParam, body: messageBody },
  }, async (request) => {
    const principal = request.principal!;
    const result = await previewContact(db, {
      tenantId: principal.tenantId, debtor: request.params.id, template: request.body.templateId, channel: request.body.channel, locale: request.body.locale,
      now: deps.clock.now(), businessDate: today(), publicUrl: deps.publicUrl,
    });
    if (!result.ok) throw new HttpError(notFoundAsDebtor[result.code], result.code, result.message, result.field ?? null);
    const { notice: _notice, variables: _variables, ...preview } = result.value;
    return { ...preview, subject: result.value.rendered?.subject ?? null, text: result.value.rendered?.text ?? null, html: result.value.rendered?.html ?? null };
  });

  app.post('/api/debtors/:id/messages', {
    config: { access: 'work', owns: { id: 'debtor' } },
    schema: {
      tags: ['outreach'], summary: 'Send a message: queued through the outbox; the gate is asked again when it goes out', params: idParam,
      headers: idempotencyHeaders, body: messageBody,
    },
  }, async (request, reply) => {
    const principal = request.principal!;
    const result = await queueManualContact(db, {
      tenantId: principal.tenantId, debtor: request.params.id, template: request.body.templateId, channel: request.body.channel, locale: request.body.locale,
      now: deps.clock.now(), businessDate: today(), publicUrl: deps.publicUrl, actor: actorOf(principal), idempotencyKey: request.headers['idempotency-key'],
    });
    if (!result.ok) throw new HttpError(notFoundAsDebtor[result.code], result.code, result.message, result.field ?? null);
    return reply.status(result.value.status === 'already_queued' ? 200 : 202).send(result.value);
  });

  app.get('/api/debtors/:id/contacts', {
    config: { access: 'read', owns: { id: 'debtor' } },
    schema: { tags: ['outreach'], summary: 'Contact history: every attempt (calls, messages, letters), newest first', params: idParam, querystring: pageQuery },
  }, async (request) => {
    const before = decodeCursor(request.query.cursor, 2) as [string, string] | null;
    const page = await listContactAttempts(db, request.principal!.tenantId, request.params.id, { before, limit: request.query.limit });
    return { items: page.items, nextCursor: page.nextCursor === null ? null : encodeCursor(page.nextCursor) };
  });

  app.get('/api/call-tasks', {
    config: { access: 'read' },
    schema: { tags: ['outreach'], summary: 'Calls the strategies want made (open by default); mine=true for mine only', querystring: z.object({ status: z.enum(['open', 'done', 'cancelled']).default('open'), mine: z.enum(['true', 'false']).default('false') }) },
  }, async (request) => {
    const principal = request.principal!;
    return { items: await listCallTasks(db, principal.tenantId, { status: request.query.status, ...(request.query.mine === 'true' ? { assignedTo: principal.userId } : {}), limit: 200 }), nextCursor: null };
  });

  app.post('/api/call-tasks/:id/complete', {
    config: { access: 'work', owns: { id: 'callTask' } },
    schema: { tags: ['outreach'], summary: 'Record the outcome of a call task', params: idParam, body: z.object({ outcome: z.enum(historyOutcomes), note: z.string().max(2000).optional() }) },
  }, async (request) => {
    const principal = request.principal!;
    // The task is looked up within the caller's tenant: another tenant's task is not found.
    const result = await completeCallTask(db, { tenantId: principal.tenantId, actor: actorOf(principal), taskId: request.params.id, outcome: request.body.outcome, ...(request.body.note === undefined ? {} : { note: request.body.note }), at: deps.clock.now() });
    if (!result.ok) throw httpErrorOf(result, result.code === 'unknown_task' ? 404 : 409);
    return result.value;
  });
}
