// A bounce message (DSN) received for an email Recoup sent: parsed, matched to the attempt by the original
// Message-ID, recorded; a permanent bounce marks the address unusable and moves the step to the next channel.
import type { Database } from '../../adapters/db/database.ts';
import { parseBounce } from '../../adapters/email/parse-bounce.ts';
import { recordDeliveryReport, type DeliveryOutcome } from './handle-delivery-feedback.ts';

export async function handleBounceMessage(db: Database, input: { tenantId: string; actor: string; raw: string | Buffer; now: Date }): Promise<{ matched: boolean; permanent: boolean; outcome: DeliveryOutcome }> {
  const bounce = await parseBounce(input.raw);
  if (bounce === undefined || bounce.originalMessageId === undefined) return { matched: false, permanent: false, outcome: undefined };
  const outcome = await recordDeliveryReport(db, {
    tenantId: input.tenantId, actor: input.actor, messageId: bounce.originalMessageId,
    kind: bounce.permanent ? 'bounced' : 'status', occurredAt: input.now,
    detail: { recipient: bounce.recipient ?? null, status: bounce.status ?? null, action: bounce.action ?? null, diagnostic: bounce.diagnostic ?? null },
  });
  return { matched: outcome !== undefined, permanent: bounce.permanent, outcome };
}
