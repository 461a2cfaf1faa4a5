// The dispatcher (issue #4, points 4 and 5): claims due outbox rows with FOR UPDATE SKIP LOCKED under a lease
// (several processes on several machines share the work), asks the compliance gate again at send time
// (allow_after → rescheduled; block or review → recorded with the reason), renders the message with the
// disclosures the gate requires now, and sends it.
//
// Exactly once: before the provider is called, a contact_attempt row is committed with status 'sending' and
// the message's deterministic Message-ID, in the same transaction that re-checks and extends the lease. A
// worker that dies after that leaves the row 'sending' with an expired lease; whoever reclaims it asks the
// channel whether the provider received that Message-ID (`lookup`). Received: the attempt is recorded as sent
// (reconciled) and nothing is resent. Not received: the attempt is recorded as failed and the message is sent
// again with the same Message-ID. A channel that cannot tell resends (at least once) unless told to hold the
// message for a person (`uncertain: 'hold'`). See docs/outreach.md, "Exactly once".
import type { Database, Queryable } from '../../adapters/db/database.ts';
import { appendAuditEvents } from '../../adapters/db/audit-log.ts';
import { newId } from '../../adapters/ids.ts';
import type { AuditEventInput } from '../../domain/audit/audit-event.ts';
import { decideCompliance } from '../../domain/compliance/decide-compliance.ts';
import { buildReasonIds, buildRequiredDisclosures } from '../../domain/compliance/compliance-decision.ts';
import { defaultCompliancePolicy, type CompliancePolicy } from '../../domain/compliance/compliance-policy.ts';
import { buildOutreachFacts } from '../../domain/outreach/build-outreach-facts.ts';
import type { MessageVariables } from '../../domain/outreach/build-message-variables.ts';
import type { OutreachChannel } from '../../domain/outreach/strategy-definition.ts';
import { loadOutreachSnapshots, type DebtorBatchEntry } from './load-outreach-snapshots.ts';
import { createTemplateRenderer, TemplateError, type RenderedMessage, type TemplateRenderer } from './render-message.ts';
import { recordDeliveryReport, requeueOnNextChannel } from './handle-delivery-feedback.ts';
import { loadValidationNoticeFacts } from './load-validation-notice.ts';
import type { ValidationNoticeDebtFacts } from '../../domain/outreach/build-validation-notice-document.ts';
import type { Result } from '../../domain/shared/result.ts';

export type OutboundMessage = {
  outboxId: string;
  attemptId: string;
  messageId: string;
  channel: Exclude<OutreachChannel, 'call_task'>;
  to: string;
  debtorId: string;
  accountIds: string[];
  businessDate: string;
  rendered: RenderedMessage;
  /** For letters: the recipient's name and postal lines. */
  recipientName: string;
  /**
   * A validation notice sent as a letter: each account's facts from the book (or why they are missing) and the
   * end date the gate computed, for the Model Form B-1 layout (src/adapters/letters/letter-channel.ts).
   */
  validationNotice?: { facts: Result<ValidationNoticeDebtFacts[]>; providedDate: string; endDate: string | undefined };
};

export type ChannelAdapter = {
  /** Hands the message to the provider; resolves once the provider accepted it. */
  send(message: OutboundMessage): Promise<{ providerId: string | null }>;
  /** After a crash: did the provider accept a message with this Message-ID? undefined when it cannot tell. */
  lookup?(message: { messageId: string; channel: string; to: string | null }): Promise<boolean | undefined>;
};

export type OutreachChannels = Partial<Record<Exclude<OutreachChannel, 'call_task'>, ChannelAdapter>>;

export type DispatchOptions = {
  tenantId: string;
  actor: string;
  workerId: string;
  channels: OutreachChannels;
  now?: () => Date;
  renderer?: TemplateRenderer;
  policy?: CompliancePolicy;
  /** How long a claim holds; every send must finish well within it (SMTP and HTTP timeouts are set below it). */
  leaseMs?: number;
  batchSize?: number;
  concurrency?: number;
  maxTries?: number;
  /** When a crashed send cannot be looked up: 'resend' (at least once, same Message-ID) or 'hold' for a person. */
  uncertain?: 'resend' | 'hold';
  /** Stop after this many rows (tests); default: until nothing is due. */
  limit?: number;
  /** Keep polling (a worker) instead of returning when nothing is due. */
  signal?: AbortSignal;
};

export type DispatchSummary = { claimed: number; sent: number; reconciled: number; rescheduled: number; blocked: number; failed: number; callTasks: number; rerouted: number };

type OutboxRow = {
  tenant_id: string; id: string; debtor_id: string; account_ids: string[]; channel: OutreachChannel; template: string; locale: string;
  contact_point_id: string | null; to_address: string | null; step_id: string | null; business_date: string; variables: MessageVariables & { escalate?: boolean };
  status: string; not_before: Date; tries: number; message_id: string; reclaimed: boolean;
};

export async function dispatchOutbox(db: Database, options: DispatchOptions): Promise<DispatchSummary> {
  const now = options.now ?? (() => new Date());
  const renderer = options.renderer ?? createTemplateRenderer();
  const policy = options.policy ?? defaultCompliancePolicy;
  const leaseMs = options.leaseMs ?? 120_000;
  const batchSize = options.batchSize ?? 50;
  const concurrency = options.concurrency ?? 8;
  const maxTries = options.maxTries ?? 5;
  const summary: DispatchSummary = { claimed: 0, sent: 0, reconciled: 0, rescheduled: 0, blocked: 0, failed: 0, callTasks: 0, rerouted: 0 };
  for (;;) {
    if (options.signal?.aborted) break;
    const room = options.limit === undefined ? batchSize : Math.min(batchSize, options.limit - summary.claimed);
    if (room <= 0) break;
    const rows = await claimDue(db, options.tenantId, options.workerId, room, leaseMs, now());
    if (rows.length === 0) {
      if (options.signal === undefined) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    // One message per debtor per round: the gate's frequency rules must see the previous send in the history,
    // so a debtor's further rows go back to the queue and are claimed again with a fresh snapshot.
    const seen = new Set<string>();
    const extra = rows.filter((row) => (seen.has(row.debtor_id) ? true : (seen.add(row.debtor_id), false)));
    if (extra.length > 0) {
      await db.query(`UPDATE outreach_outbox SET status = CASE WHEN id = ANY($4::text[]) THEN 'sending' ELSE 'queued' END,
                             claimed_by = NULL, claimed_until = CASE WHEN id = ANY($4::text[]) THEN '-infinity'::timestamptz END,
                             tries = tries - 1
                      WHERE tenant_id = $1 AND id = ANY($2::text[]) AND claimed_by = $3`,
        [options.tenantId, extra.map((row) => row.id), options.workerId, extra.filter((row) => row.reclaimed).map((row) => row.id)]);
      rows.splice(0, rows.length, ...rows.filter((row) => !extra.includes(row)));
    }
    summary.claimed += rows.length;
    const snapshots = new Map((await loadOutreachSnapshots(db, options.tenantId, [...new Set(rows.map((row) => row.debtor_id))], now().getTime()))
      .map((entry) => [entry.debtorId, entry]));
    let next = 0;
    const work = async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        try {
          await dispatchOne(db, row, snapshots.get(row.debtor_id), { ...options, now, renderer, policy, leaseMs, maxTries }, summary);
        } catch (error) {
          // One bad row must not stop the worker. It stays claimed: when the lease expires it is reclaimed and
          // reconciled like a crash (an attempt may be in flight), and given up after too many tries.
          process.stderr.write(`outreach: outbox ${row.id}: ${(error as Error).message}\n`);
          summary.failed += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, work));
  }
  return summary;
}

/** Claims due rows (and rows whose claim expired: a worker died) for `leaseMs`. Committed at once. */
async function claimDue(db: Database, tenantId: string, workerId: string, limit: number, leaseMs: number, at: Date): Promise<OutboxRow[]> {
  const { rows } = await db.query<OutboxRow>(
    `UPDATE outreach_outbox o SET status = 'sending', claimed_by = $3, claimed_until = $4::timestamptz + make_interval(secs => $5::double precision / 1000),
            tries = o.tries + 1, updated_at = now()
     FROM (SELECT tenant_id, id, status = 'sending' AS reclaimed FROM outreach_outbox
           WHERE tenant_id = $1 AND ((status = 'queued' AND not_before <= $4) OR (status = 'sending' AND claimed_until < $4))
           ORDER BY not_before, id LIMIT $2 FOR UPDATE SKIP LOCKED) due
     WHERE o.tenant_id = due.tenant_id AND o.id = due.id
     RETURNING o.tenant_id, o.id, o.debtor_id, o.account_ids, o.channel, o.template, o.locale, o.contact_point_id, o.to_address, o.step_id,
               o.business_date, o.variables, o.status, o.not_before, o.tries, o.message_id, due.reclaimed`,
    [tenantId, limit, workerId, at.toISOString(), leaseMs]);
  return rows;
}

type Context = Required<Pick<DispatchOptions, 'tenantId' | 'actor' | 'workerId' | 'channels' | 'leaseMs' | 'maxTries'>> &
  Pick<DispatchOptions, 'uncertain'> & { now: () => Date; renderer: TemplateRenderer; policy: CompliancePolicy };

async function dispatchOne(db: Database, row: OutboxRow, snapshot: DebtorBatchEntry | undefined, context: Context, summary: DispatchSummary): Promise<void> {
  const at = context.now();
  // 1. Settle any attempt left in flight: a worker died after claiming the row (reclaimed), or an earlier try
  // ended in an error that does not say whether the provider got the message (a timeout).
  {
    const settled = await reconcileInFlight(db, row, context);
    if (settled === 'sent') {
      summary.reconciled += 1;
      return;
    }
    if (settled === 'held') {
      summary.failed += 1;
      return;
    }
    if (row.tries > context.maxTries * 2) {
      await failRow(db, row, context, at, null, `gave up after ${row.tries - 1} tries that did not finish`, false);
      summary.failed += 1;
      return;
    }
  }
  const adapter = row.channel === 'call_task' ? undefined : context.channels[row.channel];
  if (row.channel !== 'call_task' && adapter === undefined) {
    // No adapter configured for this channel in this worker: give the row back untouched.
    await db.query(`UPDATE outreach_outbox SET status = 'queued', claimed_by = NULL, claimed_until = NULL, tries = tries - 1 WHERE tenant_id = $1 AND id = $2 AND claimed_by = $3`,
      [row.tenant_id, row.id, context.workerId]);
    summary.claimed -= 1;
    return;
  }
  if (snapshot === undefined) throw new Error(`outbox ${row.id}: debtor ${row.debtor_id} not found`);
  const point = snapshot.gate.contactPoints.find((candidate) => candidate.id === row.contact_point_id);
  // 2. Feedback may have made the contact point unusable since the decision: move on to the next channel.
  if (point !== undefined && point.unusableMs !== undefined) {
    await db.transaction(async (tx) => {
      await requeueOnNextChannel(tx, { tenantId: row.tenant_id, actor: context.actor, outboxId: row.id, now: at, reason: 'CONTACT_POINT_UNUSABLE' });
    });
    summary.rerouted += 1;
    return;
  }
  // 3. The gate, again, at send time.
  const facts = buildOutreachFacts(snapshot.gate, { channel: row.channel, contactPoint: point, accountIds: row.account_ids, template: row.template, scheduledMs: at.getTime() }, at.getTime());
  const escalateWithoutPhone = row.channel === 'call_task' && point === undefined;
  const decision = escalateWithoutPhone ? undefined : decideCompliance(facts, context.policy);
  if (decision !== undefined && (decision.decision === 'block' || decision.decision === 'review')) {
    const reasonIds = buildReasonIds(decision);
    const explanation = decision.reasons.map((reason) => reason.explanation).join(' ');
    await db.transaction(async (tx) => {
      const { rowCount } = await tx.query(`UPDATE outreach_outbox SET status = 'blocked', last_reason = $4, claimed_by = NULL, claimed_until = NULL, updated_at = now()
                                           WHERE tenant_id = $1 AND id = $2 AND claimed_by = $3`, [row.tenant_id, row.id, context.workerId, reasonIds.join(',')]);
      if (rowCount === 0) return;
      await tx.query(`INSERT INTO outreach_block (tenant_id, id, debtor_id, account_ids, outbox_id, stage, channel, decision, reason_ids, explanation, business_date)
                      VALUES ($1, $2, $3, $4, $5, 'send', $6, $7, $8, $9, $10)`,
        [row.tenant_id, newId('blk'), row.debtor_id, row.account_ids, row.id, row.channel, decision.decision, reasonIds, explanation, row.business_date]);
      await appendAuditEvents(tx, row.tenant_id, context.actor, at, [{
        type: 'outreach.contact_blocked', subjectType: 'debtor', subjectId: row.debtor_id,
        payload: { debtorId: row.debtor_id, accountIds: row.account_ids, stage: 'send', channel: row.channel, template: row.template, decision: decision.decision, reasonIds, explanation, outboxId: row.id, stepId: row.step_id },
      }]);
    });
    summary.blocked += 1;
    return;
  }
  if (decision !== undefined && decision.decision === 'allow_after' && decision.allowAfterMs !== undefined) {
    const notBefore = new Date(decision.allowAfterMs);
    await db.transaction(async (tx) => {
      const { rowCount } = await tx.query(`UPDATE outreach_outbox SET status = 'queued', not_before = $4, claimed_by = NULL, claimed_until = NULL, tries = tries - 1, updated_at = now()
                                           WHERE tenant_id = $1 AND id = $2 AND claimed_by = $3`, [row.tenant_id, row.id, context.workerId, notBefore]);
      if (rowCount === 0) return;
      await appendAuditEvents(tx, row.tenant_id, context.actor, at, [{
        type: 'outreach.contact_rescheduled', subjectType: 'debtor', subjectId: row.debtor_id,
        payload: { debtorId: row.debtor_id, accountIds: row.account_ids, outboxId: row.id, channel: row.channel, notBefore: notBefore.toISOString(), reasonIds: buildReasonIds(decision) },
      }]);
    });
    summary.rescheduled += 1;
    return;
  }
  const disclosures = decision === undefined ? [] : buildRequiredDisclosures(decision);
  // 4. Call tasks land in the specialists' queue; the unique outbox_id makes that exactly once.
  if (row.channel === 'call_task') {
    await db.transaction(async (tx) => {
      const { rowCount } = await tx.query(`UPDATE outreach_outbox SET status = 'sent', claimed_by = NULL, claimed_until = NULL, updated_at = now()
                                           WHERE tenant_id = $1 AND id = $2 AND claimed_by = $3`, [row.tenant_id, row.id, context.workerId]);
      if (rowCount === 0) return;
      await tx.query(`INSERT INTO call_task (tenant_id, id, outbox_id, debtor_id, account_ids, contact_point_id, phone, due_on, not_before, note)
                      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (tenant_id, outbox_id) DO NOTHING`,
        [row.tenant_id, newId('call'), row.id, row.debtor_id, row.account_ids, row.contact_point_id, row.to_address, row.business_date, at,
          `${row.variables.escalate === true ? 'Escalated: ' : ''}${row.template}; say: ${disclosures.join(', ') || 'no extra disclosures'}`]);
      await appendAuditEvents(tx, row.tenant_id, context.actor, at, [{
        type: 'outreach.contact_sent', subjectType: 'debtor', subjectId: row.debtor_id,
        payload: { debtorId: row.debtor_id, accountIds: row.account_ids, outboxId: row.id, attemptId: '', channel: 'call_task', template: row.template, to: row.to_address, messageId: row.message_id, providerId: null, disclosures, reconciled: false },
      }]);
    });
    summary.callTasks += 1;
    return;
  }
  // 5. Render with today's disclosures (the validation end date as the gate computes it now).
  let rendered: RenderedMessage;
  const validationEnd = disclosures.find((code) => code.startsWith('VALIDATION_END_DATE='))?.slice('VALIDATION_END_DATE='.length);
  try {
    rendered = await context.renderer.render({
      channel: row.channel, template: row.template, locale: row.locale,
      variables: { ...row.variables, validation_end_date: validationEnd ?? row.variables.validation_end_date }, requiredDisclosures: disclosures,
    });
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    await failRow(db, row, context, at, null, `template: ${error.message}`, false);
    summary.failed += 1;
    return;
  }
  // A validation notice by letter is laid out as Model Form B-1 from the book's itemization of each account.
  const validationNotice: OutboundMessage['validationNotice'] = row.channel === 'letter' && row.template.startsWith('validation_notice')
    ? {
      providedDate: row.business_date, endDate: validationEnd,
      facts: await loadValidationNoticeFacts(db, { tenantId: row.tenant_id, debtorId: row.debtor_id, accountIds: row.account_ids, contactPointId: row.contact_point_id, providedDate: row.business_date }),
    }
    : undefined;
  // 6. Record the attempt as 'sending' (and re-check the lease) before the provider is called.
  const attemptId = newId('att');
  const leased = await db.transaction(async (tx) => {
    const { rowCount } = await tx.query(
      `UPDATE outreach_outbox SET claimed_until = now() + make_interval(secs => $4::double precision / 1000), updated_at = now()
       WHERE tenant_id = $1 AND id = $2 AND claimed_by = $3 AND status = 'sending'`, [row.tenant_id, row.id, context.workerId, context.leaseMs]);
    if (rowCount === 0) return false;
    await tx.query(
      `INSERT INTO contact_attempt (tenant_id, id, outbox_id, debtor_id, account_ids, channel, contact_point_id, to_address, template, message_id, status, detail, started_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'sending', $11::jsonb, $12)`,
      [row.tenant_id, attemptId, row.id, row.debtor_id, row.account_ids, row.channel, row.contact_point_id, row.to_address, row.template, row.message_id,
        JSON.stringify({ disclosures, locale: rendered.locale, worker: context.workerId, try: row.tries,
          ...(validationNotice === undefined ? {} : { validationNoticeFacts: validationNotice.facts.ok ? 'complete' : validationNotice.facts.message }) }), at]);
    return true;
  });
  if (!leased) return;
  const message: OutboundMessage = {
    outboxId: row.id, attemptId, messageId: row.message_id, channel: row.channel, to: row.to_address ?? '', debtorId: row.debtor_id,
    accountIds: row.account_ids, businessDate: row.business_date, rendered, recipientName: row.variables.debtor_name,
    ...(validationNotice === undefined ? {} : { validationNotice }),
  };
  let providerId: string | null;
  try {
    ({ providerId } = await adapter!.send(message));
  } catch (error) {
    const permanent = (error as { permanent?: boolean }).permanent === true;
    const willRetry = !permanent && row.tries < context.maxTries;
    if (willRetry) {
      // The provider may have the message anyway (a timeout after the data went out): the attempt stays in
      // flight, and the next try reconciles it before sending again.
      await db.query(`UPDATE contact_attempt SET detail = detail || $3::jsonb WHERE tenant_id = $1 AND id = $2`,
        [row.tenant_id, attemptId, JSON.stringify({ error: (error as Error).message.slice(0, 300) })]);
    }
    await failRow(db, row, context, context.now(), willRetry ? null : attemptId, (error as Error).message, willRetry);
    summary.failed += 1;
    // A permanent refusal (SMTP 5xx, an invalid number) is a bounce: mark the contact point, try the next channel.
    if (permanent) {
      const outcome = await recordDeliveryReport(db, {
        tenantId: row.tenant_id, actor: context.actor, attemptId, kind: row.channel === 'email' ? 'bounced' : 'failed',
        occurredAt: context.now(), detail: { diagnostic: (error as Error).message.slice(0, 300) },
      });
      if (outcome?.reroutedTo) summary.rerouted += 1;
    }
    return;
  }
  await recordSent(db, row, context, context.now(), attemptId, providerId, disclosures, false);
  summary.sent += 1;
}

async function recordSent(db: Database, row: OutboxRow, context: Context, at: Date, attemptId: string, providerId: string | null, disclosures: string[], reconciled: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`UPDATE contact_attempt SET status = 'sent', provider_id = COALESCE($3, provider_id), finished_at = $4,
                           detail = detail || $5::jsonb WHERE tenant_id = $1 AND id = $2`,
      [row.tenant_id, attemptId, providerId, at, JSON.stringify(reconciled ? { reconciled: true } : {})]);
    await tx.query(`UPDATE outreach_outbox SET status = 'sent', claimed_by = NULL, claimed_until = NULL, last_reason = NULL, updated_at = now()
                    WHERE tenant_id = $1 AND id = $2`, [row.tenant_id, row.id]);
    await recordValidation(tx, row, at, attemptId, disclosures);
    const events: AuditEventInput[] = [{
      type: 'outreach.contact_sent', subjectType: 'debtor', subjectId: row.debtor_id,
      payload: { debtorId: row.debtor_id, accountIds: row.account_ids, outboxId: row.id, attemptId, channel: row.channel, template: row.template, to: row.to_address, messageId: row.message_id, providerId, disclosures, reconciled },
    }];
    await appendAuditEvents(tx, row.tenant_id, context.actor, at, events);
  });
}

/** The first communication and the validation notice start the Reg F clocks (REGF-VAL-*). */
async function recordValidation(tx: Queryable, row: OutboxRow, at: Date, attemptId: string, disclosures: readonly string[]): Promise<void> {
  const endDate = disclosures.find((code) => code.startsWith('VALIDATION_END_DATE='))?.slice('VALIDATION_END_DATE='.length) ?? null;
  const isNotice = row.template.startsWith('validation_notice');
  await tx.query(
    `INSERT INTO account_validation (tenant_id, account_id, debtor_id, initial_communication_at, notice_sent_at, end_date, attempt_id)
     SELECT $1, a.account_id, $3, $4, CASE WHEN $5 THEN $4::timestamptz END, CASE WHEN $5 THEN $6::date END, CASE WHEN $5 THEN $7 END
     FROM unnest($2::text[]) AS a(account_id)
     ON CONFLICT (tenant_id, account_id) DO UPDATE SET
       initial_communication_at = COALESCE(account_validation.initial_communication_at, EXCLUDED.initial_communication_at),
       notice_sent_at = COALESCE(account_validation.notice_sent_at, EXCLUDED.notice_sent_at),
       end_date = COALESCE(account_validation.end_date, EXCLUDED.end_date),
       attempt_id = COALESCE(account_validation.attempt_id, EXCLUDED.attempt_id)`,
    [row.tenant_id, row.account_ids, row.debtor_id, at, isNotice, endDate, attemptId]);
}

async function failRow(db: Database, row: OutboxRow, context: Context, at: Date, attemptId: string | null, error: string, willRetry: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    if (attemptId !== null) {
      await tx.query(`UPDATE contact_attempt SET status = 'failed', finished_at = $3, detail = detail || $4::jsonb WHERE tenant_id = $1 AND id = $2`,
        [row.tenant_id, attemptId, at, JSON.stringify({ error })]);
    }
    // Retry with a growing delay (1, 4, 9, ... minutes).
    const retryAt = new Date(at.getTime() + row.tries * row.tries * 60_000);
    await tx.query(`UPDATE outreach_outbox SET status = $3, not_before = CASE WHEN $3 = 'queued' THEN $4 ELSE not_before END, last_reason = $5,
                           claimed_by = NULL, claimed_until = NULL, updated_at = now() WHERE tenant_id = $1 AND id = $2`,
      [row.tenant_id, row.id, willRetry ? 'queued' : 'failed', retryAt, error.slice(0, 500)]);
    await appendAuditEvents(tx, row.tenant_id, context.actor, at, [{
      type: 'outreach.contact_failed', subjectType: 'debtor', subjectId: row.debtor_id,
      payload: { debtorId: row.debtor_id, accountIds: row.account_ids, outboxId: row.id, attemptId: attemptId ?? '', channel: row.channel, error: error.slice(0, 500), willRetry },
    }]);
  });
}

/**
 * A row reclaimed after its lease expired: its attempts still 'sending' are settled by asking the provider.
 * Returns 'sent' when the message had arrived (nothing more to do), 'held' when it cannot be known and the
 * policy holds it for a person, 'resend' otherwise.
 */
async function reconcileInFlight(db: Database, row: OutboxRow, context: Context): Promise<'sent' | 'held' | 'resend'> {
  const { rows: inFlight } = await db.query<{ id: string; detail: { disclosures?: string[] } }>(
    `SELECT id, detail FROM contact_attempt WHERE tenant_id = $1 AND outbox_id = $2 AND status = 'sending' ORDER BY started_at`, [row.tenant_id, row.id]);
  if (inFlight.length === 0) return 'resend';
  const adapter = row.channel === 'call_task' ? undefined : context.channels[row.channel];
  const found = adapter?.lookup === undefined ? undefined : await adapter.lookup({ messageId: row.message_id, channel: row.channel, to: row.to_address });
  const at = context.now();
  if (found === true) {
    const [last, ...earlier] = [...inFlight].reverse();
    for (const attempt of earlier) {
      await db.query(`UPDATE contact_attempt SET status = 'failed', finished_at = $3, detail = detail || '{"reconciled": "superseded"}'::jsonb WHERE tenant_id = $1 AND id = $2`,
        [row.tenant_id, attempt.id, at]);
    }
    await recordSent(db, row, context, at, last!.id, null, last!.detail.disclosures ?? [], true);
    return 'sent';
  }
  if (found === undefined && context.uncertain === 'hold') {
    await failRow(db, row, context, at, inFlight[inFlight.length - 1]!.id, 'delivery uncertain after a crash and the provider offers no lookup: check before resending', false);
    return 'held';
  }
  await db.query(`UPDATE contact_attempt SET status = 'failed', finished_at = $3, detail = detail || $4::jsonb WHERE tenant_id = $1 AND id = ANY($2::text[])`,
    [row.tenant_id, inFlight.map((attempt) => attempt.id), at, JSON.stringify({ reconciled: found === false ? 'not_received' : 'unknown_resent' })]);
  return 'resend';
}
