// Feedback (issue #4, point 6): a provider's report on an attempt (delivery receipt, bounce, failed SMS,
// returned letter) is recorded as a delivery event and on the attempt; a hard failure marks the contact point
// unusable and moves the strategy step on to the next usable channel, as a new outbox row. Every step shows
// in the debtor's history (audit events with debtorId, the attempts table).
import type { Database, Queryable } from '../../adapters/db/database.ts';
import { appendAuditEvents } from '../../adapters/db/audit-log.ts';
import { newId } from '../../adapters/ids.ts';
import type { AuditEventInput } from '../../domain/audit/audit-event.ts';
import { selectUsableChannel, type DebtorGateSnapshot } from '../../domain/outreach/build-outreach-facts.ts';
import { buildContactIdempotencyKey, buildMessageId, buildOutboxId } from '../../domain/outreach/outreach-keys.ts';
import type { OutreachChannel, StrategyDefinition } from '../../domain/outreach/strategy-definition.ts';
import { selectArmSteps } from '../../domain/outreach/strategy-definition.ts';
import { loadOutreachSnapshots } from './load-outreach-snapshots.ts';

export type DeliveryReport = {
  tenantId: string;
  actor: string;
  /** Which attempt: by its id, by the message's Message-ID, or by the provider's id (e.g. a Twilio MessageSid). */
  attemptId?: string;
  messageId?: string;
  providerId?: string;
  kind: 'delivered' | 'bounced' | 'failed' | 'returned' | 'status';
  occurredAt: Date;
  detail?: Record<string, unknown>;
};

export type DeliveryOutcome = { attemptId: string; debtorId: string; contactPointMarked: boolean; reroutedTo: string | null } | undefined;

const hardFailures = new Set(['bounced', 'failed', 'returned']);
const attemptStatus: Record<DeliveryReport['kind'], string | null> = { delivered: 'delivered', bounced: 'bounced', failed: 'failed', returned: 'returned', status: null };
const outcomeOf: Record<DeliveryReport['kind'], string | null> = { delivered: 'delivered', bounced: 'bounced', failed: 'undeliverable', returned: 'undeliverable', status: null };

export async function recordDeliveryReport(db: Database, report: DeliveryReport): Promise<DeliveryOutcome> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; debtor_id: string; account_ids: string[]; channel: string; contact_point_id: string | null; outbox_id: string | null; status: string }>(
      `SELECT id, debtor_id, account_ids, channel, contact_point_id, outbox_id, status FROM contact_attempt
       WHERE tenant_id = $1 AND (id = $2 OR message_id = $3 OR provider_id = $4) ORDER BY started_at DESC LIMIT 1 FOR UPDATE`,
      [report.tenantId, report.attemptId ?? null, report.messageId ?? null, report.providerId ?? null]);
    const attempt = rows[0];
    if (attempt === undefined) return undefined;
    const detailText = typeof report.detail?.diagnostic === 'string' ? report.detail.diagnostic : typeof report.detail?.status === 'string' ? report.detail.status : null;
    await tx.query(`INSERT INTO delivery_event (tenant_id, id, attempt_id, kind, occurred_at, detail) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
      [report.tenantId, newId('dlv'), attempt.id, report.kind, report.occurredAt, JSON.stringify(report.detail ?? {})]);
    const status = attemptStatus[report.kind];
    // A later "delivered" never overrides a bounce or a return (some providers report both).
    if (status !== null && !(status === 'delivered' && hardFailures.has(attempt.status))) {
      await tx.query(`UPDATE contact_attempt SET status = $3, outcome = $4, finished_at = COALESCE(finished_at, $5) WHERE tenant_id = $1 AND id = $2`,
        [report.tenantId, attempt.id, status, outcomeOf[report.kind], report.occurredAt]);
    }
    const events: AuditEventInput[] = [{
      type: 'outreach.delivery_reported', subjectType: 'debtor', subjectId: attempt.debtor_id,
      payload: { debtorId: attempt.debtor_id, accountIds: attempt.account_ids, attemptId: attempt.id, channel: attempt.channel, kind: report.kind, detail: detailText },
    }];
    let marked = false;
    let reroutedTo: string | null = null;
    if (hardFailures.has(report.kind) && attempt.contact_point_id !== null) {
      const { rowCount } = await tx.query(`UPDATE contact_point SET unusable_at = $3, unusable_reason = $4 WHERE tenant_id = $1 AND id = $2 AND unusable_at IS NULL`,
        [report.tenantId, attempt.contact_point_id, report.occurredAt, `${report.kind}${detailText === null ? '' : `: ${detailText}`}`.slice(0, 300)]);
      marked = rowCount > 0;
      if (marked) {
        events.push({
          type: 'outreach.contact_point_unusable', subjectType: 'debtor', subjectId: attempt.debtor_id,
          payload: { debtorId: attempt.debtor_id, contactPointId: attempt.contact_point_id, reason: report.kind, attemptId: attempt.id },
        });
      }
      if (attempt.outbox_id !== null) {
        await appendAuditEvents(tx, report.tenantId, report.actor, report.occurredAt, events);
        events.length = 0;
        reroutedTo = await requeueOnNextChannel(tx, { tenantId: report.tenantId, actor: report.actor, outboxId: attempt.outbox_id, now: report.occurredAt, reason: report.kind.toUpperCase() });
      }
    }
    await appendAuditEvents(tx, report.tenantId, report.actor, report.occurredAt, events);
    return { attemptId: attempt.id, debtorId: attempt.debtor_id, contactPointMarked: marked, reroutedTo };
  });
}

/**
 * Moves an outbox row's strategy step on to the next usable channel: a new outbox row (its own idempotency
 * key: the original's plus the new channel) queued now, and the original cancelled if it was not sent. When no
 * channel of the step is usable any more, the step is recorded as blocked (NO_USABLE_CONTACT_POINT).
 * Returns the new outbox id, or null.
 */
export async function requeueOnNextChannel(
  tx: Queryable,
  input: { tenantId: string; actor: string; outboxId: string; now: Date; reason: string },
): Promise<string | null> {
  const { rows } = await tx.query<{
    id: string; idempotency_key: string; debtor_id: string; account_ids: string[]; channel: OutreachChannel; template: string; locale: string;
    strategy_id: string | null; strategy_version: number | null; step_id: string | null; arm: 'champion' | 'challenger' | null; business_date: string;
    variables: unknown; required_disclosures: string[]; status: string; message_id: string; definition: StrategyDefinition | null;
  }>(
    `SELECT o.id, o.idempotency_key, o.debtor_id, o.account_ids, o.channel, o.template, o.locale, o.strategy_id, o.strategy_version, o.step_id, o.arm,
            o.business_date, o.variables, o.required_disclosures, o.status, o.message_id, s.definition
     FROM outreach_outbox o LEFT JOIN outreach_strategy s ON s.tenant_id = o.tenant_id AND s.id = o.strategy_id AND s.version = o.strategy_version
     WHERE o.tenant_id = $1 AND o.id = $2`, [input.tenantId, input.outboxId]);
  const row = rows[0];
  if (row === undefined) return null;
  if (row.status === 'queued' || row.status === 'sending') {
    await tx.query(`UPDATE outreach_outbox SET status = 'cancelled', last_reason = $3, claimed_by = NULL, claimed_until = NULL, updated_at = now() WHERE tenant_id = $1 AND id = $2`,
      [input.tenantId, row.id, input.reason]);
  }
  const step = row.definition === null || row.step_id === null ? undefined
    : selectArmSteps(row.definition, row.arm ?? 'champion').find((candidate) => candidate.id === row.step_id);
  const channels = (step?.channels ?? [row.channel]).filter((channel): channel is OutreachChannel => channel !== 'escalate');
  const [snapshot] = await loadOutreachSnapshots(tx, input.tenantId, [row.debtor_id], input.now.getTime());
  const gate: DebtorGateSnapshot | undefined = snapshot?.gate;
  const choice = gate === undefined ? undefined : selectUsableChannel(channels, gate);
  if (choice === undefined) {
    const explanation = `No usable contact point left for ${channels.join(', ')} after ${input.reason.toLowerCase()}.`;
    await tx.query(`INSERT INTO outreach_block (tenant_id, id, debtor_id, account_ids, outbox_id, stage, channel, decision, reason_ids, explanation, business_date)
                    VALUES ($1, $2, $3, $4, $5, 'send', $6, 'block', '{NO_USABLE_CONTACT_POINT}', $7, $8)`,
      [input.tenantId, newId('blk'), row.debtor_id, row.account_ids, row.id, channels.join('|'), explanation, row.business_date]);
    await appendAuditEvents(tx, input.tenantId, input.actor, input.now, [{
      type: 'outreach.contact_blocked', subjectType: 'debtor', subjectId: row.debtor_id,
      payload: { debtorId: row.debtor_id, accountIds: row.account_ids, stage: 'send', channel: channels.join('|'), template: row.template, decision: 'block', reasonIds: ['NO_USABLE_CONTACT_POINT'], explanation, outboxId: row.id, stepId: row.step_id },
    }]);
    return null;
  }
  const key = buildContactIdempotencyKey({
    tenantId: input.tenantId, debtorId: row.debtor_id, strategyId: row.strategy_id ?? 'manual', strategyVersion: row.strategy_version ?? 0,
    stepId: row.step_id ?? row.template, channel: choice.channel, businessDate: row.business_date, variant: `after:${row.id}`,
  });
  const id = buildOutboxId(key);
  const domain = row.message_id.replace(/^.*@/, '').replace(/>$/, '');
  await tx.query(
    `INSERT INTO outreach_outbox (tenant_id, id, idempotency_key, debtor_id, account_ids, channel, template, locale, contact_point_id, to_address,
                                  strategy_id, strategy_version, step_id, arm, business_date, variables, required_disclosures, not_before, message_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb, $17, $18, $19)
     ON CONFLICT (tenant_id, idempotency_key) DO NOTHING`,
    [input.tenantId, id, key, row.debtor_id, row.account_ids, choice.channel, row.template, row.locale, choice.contactPoint.id, choice.contactPoint.value,
      row.strategy_id, row.strategy_version, row.step_id, row.arm, row.business_date, JSON.stringify(row.variables), row.required_disclosures, input.now,
      buildMessageId(key, domain)]);
  return id;
}
