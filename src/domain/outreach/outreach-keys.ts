// Deterministic identities of an intended contact. The idempotency key names the decision (tenant, debtor,
// strategy version, step, channel, business date): taking the same decision twice yields the same key, and the
// outbox's UNIQUE (tenant_id, idempotency_key) keeps one row. The outbox id and the Message-ID derive from the
// key, so a resend after a crash carries the same Message-ID and the peer (or the reconciliation) can tell.
import { computeDigest128 } from './stable-hash.ts';

export type ContactDecisionKey = {
  tenantId: string;
  debtorId: string;
  strategyId: string;
  strategyVersion: number;
  stepId: string;
  channel: string;
  businessDate: string;
  /** Set when feedback moves a step to another channel, or a person queues a contact by hand. */
  variant?: string;
};

export function buildContactIdempotencyKey(key: ContactDecisionKey): string {
  return [key.tenantId, key.debtorId, `${key.strategyId}@${key.strategyVersion}`, key.stepId, key.channel, key.businessDate, key.variant ?? '']
    .join('|');
}

export function buildOutboxId(idempotencyKey: string): string {
  return `obx_${computeDigest128(idempotencyKey)}`;
}

/** RFC 5322 Message-ID (with angle brackets) for the outbox row; the same for every try. */
export function buildMessageId(idempotencyKey: string, domain: string): string {
  return `<${computeDigest128(idempotencyKey)}.${computeDigest128(`m:${idempotencyKey}`).slice(0, 8)}@${domain}>`;
}
