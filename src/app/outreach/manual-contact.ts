// Contacts a person asks for (CLI and HTTP API): preview a message for a debtor (the consolidated notice, the
// gate's decision now, the rendered text), queue it through the same outbox and gate as the daily cycle, list
// templates, and work the call-task queue (a completed call becomes a contact attempt in the history).
import type { Database } from '../../adapters/db/database.ts';
import { appendAuditEvents } from '../../adapters/db/audit-log.ts';
import { newId } from '../../adapters/ids.ts';
import { decideCompliance } from '../../domain/compliance/decide-compliance.ts';
import { buildComplianceDecisionJson, buildRequiredDisclosures, type ComplianceDecisionJson } from '../../domain/compliance/compliance-decision.ts';
import { defaultCompliancePolicy, type CompliancePolicy } from '../../domain/compliance/compliance-policy.ts';
import type { HistoryOutcome } from '../../domain/compliance/compliance-facts.ts';
import { buildConsolidatedNotice, type ConsolidatedNotice } from '../../domain/outreach/build-consolidated-notice.ts';
import { buildMessageVariables, type MessageVariables } from '../../domain/outreach/build-message-variables.ts';
import { buildOutreachFacts, selectUsableChannel } from '../../domain/outreach/build-outreach-facts.ts';
import { buildContactIdempotencyKey, buildMessageId, buildOutboxId } from '../../domain/outreach/outreach-keys.ts';
import type { OutreachChannel } from '../../domain/outreach/strategy-definition.ts';
import { fail, ok, type Result } from '../../domain/shared/result.ts';
import { loadOutreachSnapshots, type DebtorBatchEntry } from './load-outreach-snapshots.ts';
import { createTemplateRenderer, TemplateError, type RenderedMessage, type TemplateInfo, type TemplateRenderer } from './render-message.ts';

export type ContactRequest = {
  tenantId: string;
  /** The debtor's id or external reference. */
  debtor: string;
  template: string;
  /** Undefined: the first usable of email, sms, letter. */
  channel?: OutreachChannel | undefined;
  locale?: string | undefined;
  now: Date;
  businessDate: string;
  publicUrl: string;
  collectorName?: string;
  policy?: CompliancePolicy;
  renderer?: TemplateRenderer;
};

export type ContactPreview = {
  debtorId: string;
  channel: OutreachChannel;
  to: string | null;
  contactPointId: string | null;
  accountIds: string[];
  notice: ConsolidatedNotice;
  variables: MessageVariables;
  decision: ComplianceDecisionJson;
  /** Undefined when the gate blocks (nothing would be sent) or the channel is a call task. */
  rendered: RenderedMessage | undefined;
};

async function findDebtor(db: Database, tenantId: string, debtor: string): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM debtor WHERE tenant_id = $1 AND (id = $2 OR external_ref = $2) ORDER BY (id = $2) DESC LIMIT 1', [tenantId, debtor]);
  return rows[0]?.id;
}

function buildNotice(entry: DebtorBatchEntry, businessDate: string): ConsolidatedNotice {
  const notice = buildConsolidatedNotice(entry.invoices.map((invoice) => ({
    ...invoice,
    disputed: invoice.disputed || entry.gate.disputes.some((dispute) => dispute.status === 'open' &&
      (dispute.invoiceId === invoice.invoiceId || (dispute.invoiceId === null && (dispute.accountId === null || dispute.accountId === invoice.accountId)))),
    promisedMinor: 0n,
  })), businessDate, { preDue: false });
  return notice;
}

export async function previewContact(db: Database, request: ContactRequest): Promise<Result<ContactPreview, 'unknown_debtor' | 'no_usable_channel' | 'template_error' | 'nothing_owed'>> {
  const debtorId = await findDebtor(db, request.tenantId, request.debtor);
  if (debtorId === undefined) return fail('unknown_debtor', `no debtor "${request.debtor}"`, 'debtor');
  const [entry] = await loadOutreachSnapshots(db, request.tenantId, [debtorId], request.now.getTime());
  const channels: OutreachChannel[] = request.channel !== undefined ? [request.channel] : ['email', 'sms', 'letter'];
  const choice = selectUsableChannel(channels, entry!.gate);
  if (choice === undefined && request.channel !== 'call_task') return fail('no_usable_channel', `no usable contact point for ${channels.join(', ')}`, 'channel');
  const channel = choice?.channel ?? 'call_task';
  const notice = buildNotice(entry!, request.businessDate);
  if (notice.lines.length === 0) return fail('nothing_owed', 'nothing overdue and undisputed to write about', 'debtor');
  const facts = buildOutreachFacts(entry!.gate, { channel, contactPoint: choice?.contactPoint, accountIds: notice.accountIds, template: request.template, scheduledMs: request.now.getTime() }, request.now.getTime());
  const decision = decideCompliance(facts, request.policy ?? defaultCompliancePolicy);
  const disclosures = buildRequiredDisclosures(decision);
  const creditorName = [...new Set(entry!.invoices.filter((invoice) => notice.accountIds.includes(invoice.accountId)).map((invoice) => invoice.creditorName))].join(', ');
  const variables = buildMessageVariables({
    notice, debtorName: entry!.name, debtorRef: entry!.externalRef, creditorName, collectorName: request.collectorName ?? request.tenantId,
    publicUrl: request.publicUrl, businessDate: request.businessDate, validationEndDate: decision.computed.validation_end_date,
  });
  let rendered: RenderedMessage | undefined;
  if (decision.decision !== 'block' && decision.decision !== 'review' && channel !== 'call_task') {
    try {
      rendered = await (request.renderer ?? createTemplateRenderer()).render({ channel, template: request.template, locale: request.locale ?? entry!.locale ?? 'en', variables, requiredDisclosures: disclosures });
    } catch (error) {
      if (error instanceof TemplateError) return fail('template_error', error.message, 'template');
      throw error;
    }
  }
  return ok({
    debtorId, channel, to: choice?.contactPoint.value ?? null, contactPointId: choice?.contactPoint.id ?? null, accountIds: notice.accountIds, notice, variables,
    decision: buildComplianceDecisionJson(decision), rendered,
  });
}

/**
 * Queues a contact a person asked for, through the outbox (the dispatcher asks the gate again when sending).
 * The idempotency key comes from the caller (a retried request queues one message).
 */
export async function queueManualContact(db: Database, request: ContactRequest & { actor: string; idempotencyKey: string }): Promise<Result<{ outboxId: string; status: 'queued' | 'delayed' | 'already_queued'; decision: ComplianceDecisionJson }, 'unknown_debtor' | 'no_usable_channel' | 'template_error' | 'nothing_owed' | 'blocked'>> {
  const preview = await previewContact(db, request);
  if (!preview.ok) return preview;
  const { value } = preview;
  if (value.decision.decision === 'block' || value.decision.decision === 'review') {
    return fail('blocked', `the compliance gate says ${value.decision.decision}: ${value.decision.reasons.map((reason) => reason.explanation).join(' ')}`);
  }
  const key = buildContactIdempotencyKey({
    tenantId: request.tenantId, debtorId: value.debtorId, strategyId: 'manual', strategyVersion: 0, stepId: request.template, channel: value.channel,
    businessDate: request.businessDate, variant: `key:${request.idempotencyKey}`,
  });
  const id = buildOutboxId(key);
  const notBefore = value.decision.allow_after_utc !== undefined ? new Date(value.decision.allow_after_utc) : request.now;
  const inserted = await db.transaction(async (tx) => {
    const { rowCount } = await tx.query(
      `INSERT INTO outreach_outbox (tenant_id, id, idempotency_key, debtor_id, account_ids, channel, template, locale, contact_point_id, to_address,
                                    strategy_id, strategy_version, step_id, arm, business_date, variables, required_disclosures, not_before, message_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, NULL, NULL, NULL, $11, $12::jsonb, $13, $14, $15)
       ON CONFLICT (tenant_id, idempotency_key) DO NOTHING`,
      [request.tenantId, id, key, value.debtorId, value.accountIds, value.channel, request.template, value.rendered?.locale ?? request.locale ?? 'en',
        value.contactPointId, value.to, request.businessDate, JSON.stringify({ ...value.variables, escalate: false }), value.decision.required_disclosures, notBefore,
        buildMessageId(key, new URL(request.publicUrl).hostname || 'recoup.invalid')]);
    if (rowCount > 0) {
      await appendAuditEvents(tx, request.tenantId, request.actor, request.now, [{
        type: 'outreach.contact_queued', subjectType: 'debtor', subjectId: value.debtorId,
        payload: { debtorId: value.debtorId, accountIds: value.accountIds, outboxId: id, channel: value.channel, template: request.template, notBefore: notBefore.toISOString() },
      }]);
    }
    return rowCount > 0;
  });
  return ok({ outboxId: id, status: !inserted ? 'already_queued' : value.decision.decision === 'allow_after' ? 'delayed' : 'queued', decision: value.decision });
}

export function listTemplates(renderer: TemplateRenderer = createTemplateRenderer()): TemplateInfo[] {
  return renderer.list();
}

export type CallTask = { id: string; debtorId: string; accountIds: string[]; phone: string | null; dueOn: string; notBefore: string; assignedTo: string | null; status: string; outcome: string | null; note: string | null };

export async function listCallTasks(db: Database, tenantId: string, filter: { status?: 'open' | 'done' | 'cancelled'; assignedTo?: string; limit?: number } = {}): Promise<CallTask[]> {
  const { rows } = await db.query<{ id: string; debtor_id: string; account_ids: string[]; phone: string | null; due_on: string; not_before: Date; assigned_to: string | null; status: string; outcome: string | null; note: string | null }>(
    `SELECT id, debtor_id, account_ids, phone, due_on, not_before, assigned_to, status, outcome, note FROM call_task
     WHERE tenant_id = $1 AND status = $2 AND ($3::text IS NULL OR assigned_to = $3) ORDER BY due_on, not_before, id LIMIT $4`,
    [tenantId, filter.status ?? 'open', filter.assignedTo ?? null, filter.limit ?? 100]);
  return rows.map((row) => ({
    id: row.id, debtorId: row.debtor_id, accountIds: row.account_ids, phone: row.phone, dueOn: row.due_on, notBefore: new Date(row.not_before).toISOString(),
    assignedTo: row.assigned_to, status: row.status, outcome: row.outcome, note: row.note,
  }));
}

/** Records the outcome of a call task: the task is done and the call is a contact attempt in the history (7-in-7 counts it). */
export async function completeCallTask(db: Database, input: { tenantId: string; actor: string; taskId: string; outcome: HistoryOutcome; note?: string; at: Date }): Promise<Result<{ attemptId: string }, 'unknown_task' | 'already_done'>> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ debtor_id: string; account_ids: string[]; contact_point_id: string | null; phone: string | null; status: string; outbox_id: string | null }>(
      'SELECT debtor_id, account_ids, contact_point_id, phone, status, outbox_id FROM call_task WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [input.tenantId, input.taskId]);
    const task = rows[0];
    if (task === undefined) return fail('unknown_task', `no call task "${input.taskId}"`, 'taskId');
    if (task.status !== 'open') return fail('already_done', `call task ${input.taskId} is ${task.status}`, 'taskId');
    const attemptId = newId('att');
    await tx.query(`UPDATE call_task SET status = 'done', outcome = $3, note = COALESCE($4, note), completed_at = $5 WHERE tenant_id = $1 AND id = $2`,
      [input.tenantId, input.taskId, input.outcome, input.note ?? null, input.at]);
    await tx.query(
      `INSERT INTO contact_attempt (tenant_id, id, outbox_id, debtor_id, account_ids, channel, contact_point_id, to_address, status, outcome, detail, started_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, 'call', $6, $7, 'completed', $8, $9::jsonb, $10, $10)`,
      [input.tenantId, attemptId, task.outbox_id, task.debtor_id, task.account_ids, task.contact_point_id, task.phone, input.outcome, JSON.stringify({ taskId: input.taskId, note: input.note ?? null }), input.at]);
    await appendAuditEvents(tx, input.tenantId, input.actor, input.at, [{
      type: 'outreach.call_completed', subjectType: 'debtor', subjectId: task.debtor_id,
      payload: { debtorId: task.debtor_id, accountIds: task.account_ids, taskId: input.taskId, attemptId, outcome: input.outcome },
    }]);
    return ok({ attemptId });
  });
}
