import type { Queryable } from '../../adapters/db/database.ts';

export type ContactAttemptItem = {
  id: string; channel: string; direction: string; status: string; outcome: string | null; template: string | null; to: string | null;
  contactPointId: string | null; startedAt: string; finishedAt: string | null; reasons: string[];
};

/** A debtor's contact attempts, newest first, keyset-paginated on (started_at, id). */
export async function listContactAttempts(
  db: Queryable, tenantId: string, debtorId: string, options: { before: [string, string] | null; limit: number },
): Promise<{ items: ContactAttemptItem[]; nextCursor: [string, string] | null }> {
  const { rows } = await db.query<{ id: string; channel: string; direction: string; status: string; outcome: string | null; template: string | null; to_address: string | null; contact_point_id: string | null; started_at: Date; finished_at: Date | null; reason_ids: string[] }>(
    `SELECT id, channel, direction, status, outcome, template, to_address, contact_point_id, started_at, finished_at, reason_ids FROM contact_attempt
     WHERE tenant_id = $1 AND debtor_id = $2 AND ($3::timestamptz IS NULL OR (started_at, id) < ($3::timestamptz, $4::text))
     ORDER BY started_at DESC, id DESC LIMIT $5`,
    [tenantId, debtorId, options.before?.[0] ?? null, options.before?.[1] ?? null, options.limit + 1],
  );
  const items = rows.slice(0, options.limit).map((row) => ({
    id: row.id, channel: row.channel, direction: row.direction, status: row.status, outcome: row.outcome, template: row.template, to: row.to_address,
    contactPointId: row.contact_point_id, startedAt: new Date(row.started_at).toISOString(), finishedAt: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
    reasons: row.reason_ids,
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > options.limit && last !== undefined ? [last.startedAt, last.id] : null };
}
