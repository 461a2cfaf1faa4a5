import type { Queryable } from '../../adapters/db/database.ts';

// A debtor's timeline: every audit event about the debtor (payload.debtorId, or the debtor as subject) and
// every contact attempt, newest first, one page at a time (keyset on instant and id).

export type TimelineItem = {
  id: string; at: string; kind: 'event' | 'contact'; type: string; actor: string | null; summary: string; detail: Record<string, unknown>;
};

export async function loadTimeline(
  db: Queryable, tenantId: string, debtorId: string, options: { before: [string, string] | null; limit: number },
): Promise<{ items: TimelineItem[]; nextCursor: [string, string] | null }> {
  const beforeAt = options.before?.[0] ?? null;
  const beforeId = options.before?.[1] ?? null;
  const [events, attempts] = await Promise.all([
    db.query<{ id: string; type: string; actor: string; occurred_at: Date; payload: Record<string, unknown> }>(
      `SELECT id, type, actor, occurred_at, payload FROM audit_event
       WHERE tenant_id = $1 AND (payload->>'debtorId' = $2 OR (subject_type = 'debtor' AND subject_id = $2))
         AND ($3::timestamptz IS NULL OR (occurred_at, id) < ($3::timestamptz, $4::text))
       ORDER BY occurred_at DESC, id DESC LIMIT $5`,
      [tenantId, debtorId, beforeAt, beforeId, options.limit + 1]),
    db.query<{ id: string; channel: string; direction: string; status: string; outcome: string | null; template: string | null; to_address: string | null; started_at: Date; detail: Record<string, unknown> }>(
      `SELECT id, channel, direction, status, outcome, template, to_address, started_at, detail FROM contact_attempt
       WHERE tenant_id = $1 AND debtor_id = $2 AND ($3::timestamptz IS NULL OR (started_at, id) < ($3::timestamptz, $4::text))
       ORDER BY started_at DESC, id DESC LIMIT $5`,
      [tenantId, debtorId, beforeAt, beforeId, options.limit + 1]),
  ]);
  const items: TimelineItem[] = [
    ...events.rows.map((row): TimelineItem => ({
      id: row.id, at: new Date(row.occurred_at).toISOString(), kind: 'event', type: row.type, actor: row.actor, summary: summarize(row.type, row.payload), detail: row.payload,
    })),
    ...attempts.rows.map((row): TimelineItem => ({
      id: row.id, at: new Date(row.started_at).toISOString(), kind: 'contact', type: `contact.${row.channel}`, actor: null,
      summary: `${row.direction} ${row.channel}${row.template ? ` (${row.template})` : ''}: ${row.status}${row.outcome ? `, ${row.outcome.replace(/_/g, ' ')}` : ''}`,
      detail: { ...row.detail, to: row.to_address, status: row.status, outcome: row.outcome },
    })),
  ].sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1));
  const page = items.slice(0, options.limit);
  const last = page[page.length - 1];
  return { items: page, nextCursor: items.length > options.limit && last !== undefined ? [last.at, last.id] : null };
}

function summarize(type: string, payload: Record<string, unknown>): string {
  const text = (key: string) => (typeof payload[key] === 'string' ? payload[key] : '');
  switch (type) {
    case 'note.added': return `note: ${text('text')}`;
    case 'call.logged': return `call: ${text('outcome').replace(/_/g, ' ')}${text('note') ? ` (${text('note')})` : ''}`;
    case 'payment.posted': return `payment of ${text('amountMinor')} ${text('currency')} (minor units) received ${text('receivedOn')}`;
    case 'callback.scheduled': return `callback scheduled for ${text('dueAt')}`;
    case 'debtor.escalated': return `escalated to ${text('to')}: ${text('reason')}`;
    case 'debtor.assigned': return `assigned to ${text('userId')}`;
    default: return type.replace(/[._]/g, ' ');
  }
}
