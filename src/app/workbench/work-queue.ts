import type { Database, Queryable } from '../../adapters/db/database.ts';
import { computeDaysBetween } from '../../domain/shared/calendar-date.ts';
import { scorePriority, type PriorityReason } from '../../domain/workbench/score-priority.ts';

// The work queue is a snapshot per debtor (work_queue_item): what the priority is computed from, and the
// priority with its reasons. Computing balances from the ledger for a whole book on every request would not
// scale, so the snapshot is refreshed per business day (at start, by `refreshWorkQueue`) and per debtor after
// anything that changes the priority (a payment, a promise, a callback).

type Aggregate = { debtor_id: string; currency: string; balance: bigint; oldest_due: string | null; promise_due: string | null; broken: number; callback_at: Date | null };

async function loadAggregates(tx: Queryable, tenantId: string, debtorIds: readonly string[]): Promise<Aggregate[]> {
  const { rows } = await tx.query<Aggregate>(
    `WITH open_invoice AS (
       SELECT i.debtor_id, i.currency, i.due_date,
              sum(CASE WHEN e.debit_account = 'receivable' THEN e.amount_minor WHEN e.credit_account = 'receivable' THEN -e.amount_minor ELSE 0 END) AS open
       FROM invoice i JOIN ledger_entry e ON e.tenant_id = i.tenant_id AND e.invoice_id = i.id
       WHERE i.tenant_id = $1 AND i.debtor_id = ANY($2::text[])
       GROUP BY i.id, i.debtor_id, i.currency, i.due_date
       HAVING sum(CASE WHEN e.debit_account = 'receivable' THEN e.amount_minor WHEN e.credit_account = 'receivable' THEN -e.amount_minor ELSE 0 END) > 0
     ), per_currency AS (
       SELECT debtor_id, currency, sum(open)::bigint AS balance, min(due_date) AS oldest_due,
              row_number() OVER (PARTITION BY debtor_id ORDER BY sum(open) DESC, currency) AS rank
       FROM open_invoice GROUP BY debtor_id, currency
     )
     SELECT d.id AS debtor_id, COALESCE(p.currency, t.default_currency) AS currency, COALESCE(p.balance, 0)::bigint AS balance, p.oldest_due,
            (SELECT min(pr.promised_on) FROM promise_to_pay pr WHERE pr.tenant_id = d.tenant_id AND pr.debtor_id = d.id AND pr.status = 'pending') AS promise_due,
            (SELECT count(*)::int FROM promise_to_pay pr WHERE pr.tenant_id = d.tenant_id AND pr.debtor_id = d.id AND pr.status = 'broken') AS broken,
            (SELECT min(c.due_at) FROM debtor_callback c WHERE c.tenant_id = d.tenant_id AND c.debtor_id = d.id AND c.status = 'open') AS callback_at
     FROM debtor d JOIN tenant t ON t.tenant_id = d.tenant_id
     LEFT JOIN per_currency p ON p.debtor_id = d.id AND p.rank = 1
     WHERE d.tenant_id = $1 AND d.id = ANY($2::text[])`,
    [tenantId, [...debtorIds]],
  );
  return rows;
}

/** Recomputes the queue items of some debtors (after a change), inside the caller's transaction or not. */
export async function refreshQueueItems(tx: Queryable, tenantId: string, debtorIds: readonly string[], today: string): Promise<void> {
  if (debtorIds.length === 0) return;
  const aggregates = await loadAggregates(tx, tenantId, debtorIds);
  const columns = {
    debtor: [] as string[], currency: [] as string[], balance: [] as string[], oldest: [] as (string | null)[], days: [] as number[],
    promise: [] as (string | null)[], broken: [] as number[], priority: [] as number[], reasons: [] as string[], callback: [] as (string | null)[],
  };
  for (const row of aggregates) {
    const balance = BigInt(row.balance);
    const daysPastDue = row.oldest_due === null ? 0 : Math.max(0, computeDaysBetween(row.oldest_due, today));
    const callbackAt = row.callback_at === null ? null : new Date(row.callback_at).toISOString();
    const { priority, reasons } = scorePriority({
      balanceMinor: balance, currency: row.currency.trim(), daysPastDue, promiseDueOn: row.promise_due, brokenPromises: row.broken,
      callbackDueOn: callbackAt?.slice(0, 10) ?? null, today,
    });
    columns.debtor.push(row.debtor_id);
    columns.currency.push(row.currency.trim());
    columns.balance.push(balance.toString());
    columns.oldest.push(row.oldest_due);
    columns.days.push(daysPastDue);
    columns.promise.push(row.promise_due);
    columns.broken.push(row.broken);
    columns.priority.push(priority);
    columns.reasons.push(JSON.stringify(reasons));
    columns.callback.push(callbackAt);
  }
  await tx.query(
    `INSERT INTO work_queue_item (tenant_id, debtor_id, currency, balance_minor, oldest_due_on, days_past_due, promise_due_on, broken_promises,
       priority, priority_reasons, next_action_at, business_date, assigned_to)
     SELECT $1, u.debtor_id, u.currency, u.balance::bigint, u.oldest::date, u.days, u.promise::date, u.broken, u.priority, u.reasons::jsonb, u.callback::timestamptz, $12::date,
            (SELECT a.user_id FROM debtor_assignment a WHERE a.tenant_id = $1 AND a.debtor_id = u.debtor_id)
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::int[], $9::int[], $10::text[], $11::text[])
       AS u(debtor_id, currency, balance, oldest, days, promise, broken, priority, reasons, callback)
     ON CONFLICT (tenant_id, debtor_id) DO UPDATE SET currency = EXCLUDED.currency, balance_minor = EXCLUDED.balance_minor,
       oldest_due_on = EXCLUDED.oldest_due_on, days_past_due = EXCLUDED.days_past_due, promise_due_on = EXCLUDED.promise_due_on,
       broken_promises = EXCLUDED.broken_promises, priority = EXCLUDED.priority, priority_reasons = EXCLUDED.priority_reasons,
       next_action_at = EXCLUDED.next_action_at, business_date = EXCLUDED.business_date`,
    [tenantId, columns.debtor, columns.currency, columns.balance, columns.oldest, columns.days, columns.promise, columns.broken,
      columns.priority, columns.reasons, columns.callback, today],
  );
}

/**
 * Refreshes every debtor whose item is missing or from an earlier business day, in batches of debtors (so
 * memory stays bounded on a large book). Returns how many items were written.
 */
export async function refreshWorkQueue(db: Database, input: { tenantId: string; today: string; batchSize?: number; force?: boolean }): Promise<number> {
  const batchSize = input.batchSize ?? 5000;
  let after = '';
  let written = 0;
  for (;;) {
    const { rows } = await db.query<{ id: string }>(
      `SELECT d.id FROM debtor d LEFT JOIN work_queue_item q ON q.tenant_id = d.tenant_id AND q.debtor_id = d.id
       WHERE d.tenant_id = $1 AND d.id > $2 AND ($4 OR q.debtor_id IS NULL OR q.business_date < $3::date)
       ORDER BY d.id LIMIT $5`,
      [input.tenantId, after, input.today, input.force ?? false, batchSize],
    );
    if (rows.length === 0) return written;
    const ids = rows.map((row) => row.id);
    await db.transaction((tx) => refreshQueueItems(tx, input.tenantId, ids, input.today));
    written += ids.length;
    after = ids[ids.length - 1]!;
  }
}

export type QueueItem = {
  debtorId: string; reference: string; name: string; kind: string; balanceMinor: string; currency: string; oldestDueOn: string | null;
  daysPastDue: number; promiseDueOn: string | null; priority: number; priorityReasons: PriorityReason[]; assignedTo: string | null;
  nextAction: string | null;
};

type QueueRow = { debtor_id: string; external_ref: string; name: string; kind: string; balance_minor: bigint; currency: string; oldest_due_on: string | null; days_past_due: number; promise_due_on: string | null; priority: number; priority_reasons: PriorityReason[]; user_id: string | null; next_action_at: Date | null };
const toItem = (row: QueueRow): QueueItem => ({
  debtorId: row.debtor_id, reference: row.external_ref, name: row.name, kind: row.kind, balanceMinor: row.balance_minor.toString(), currency: row.currency.trim(),
  oldestDueOn: row.oldest_due_on, daysPastDue: row.days_past_due, promiseDueOn: row.promise_due_on, priority: row.priority,
  priorityReasons: row.priority_reasons, assignedTo: row.user_id,
  nextAction: row.next_action_at === null ? null : `callback at ${new Date(row.next_action_at).toISOString()}`,
});

/**
 * A queue, highest priority first, keyset-paginated on (priority, debtor id). `assignedTo`: one specialist's
 * debtors; 'unassigned': nobody's; null: everyone's.
 */
export async function loadQueue(
  db: Queryable, tenantId: string, options: { assignedTo: string | 'unassigned' | null; after: [number, string] | null; limit: number },
): Promise<{ items: QueueItem[]; nextCursor: [number, string] | null }> {
  const params: unknown[] = [tenantId, options.limit + 1];
  let filter = 'TRUE';
  if (options.assignedTo === 'unassigned') filter = 'q.assigned_to IS NULL';
  else if (options.assignedTo !== null) filter = `q.assigned_to = $${params.push(options.assignedTo)}`;
  let after = '';
  if (options.after !== null) {
    const priority = params.push(options.after[0]);
    const debtorId = params.push(options.after[1]);
    // Spelled out twice: the plain bound lets the planner start the index range there.
    after = `AND q.priority <= $${priority}::int AND (q.priority, q.debtor_id) < ($${priority}::int, $${debtorId}::text)`;
  }
  const { rows } = await db.query<QueueRow>(
    `SELECT q.debtor_id, d.external_ref, d.name, d.kind, q.balance_minor, q.currency, q.oldest_due_on, q.days_past_due, q.promise_due_on,
            q.priority, q.priority_reasons, q.assigned_to AS user_id, q.next_action_at
     FROM work_queue_item q
     JOIN debtor d ON d.tenant_id = q.tenant_id AND d.id = q.debtor_id
     WHERE q.tenant_id = $1 AND q.priority > 0 AND ${filter} ${after}
     ORDER BY q.priority DESC, q.debtor_id DESC LIMIT $2`,
    params,
  );
  const items = rows.slice(0, options.limit).map(toItem);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > options.limit && last !== undefined ? [last.priority, last.debtorId] : null };
}

/** Per specialist: how many debtors, how much they owe, and the top priority (the supervisor's team view). */
export async function loadTeamQueues(db: Queryable, tenantId: string): Promise<Array<{ userId: string | null; name: string | null; debtors: number; balances: Record<string, string>; topPriority: number }>> {
  const { rows } = await db.query<{ user_id: string | null; name: string | null; currency: string; debtors: number; balance: bigint; top: number }>(
    `SELECT q.assigned_to AS user_id, u.name, q.currency, count(*)::int AS debtors, sum(q.balance_minor)::bigint AS balance, max(q.priority)::int AS top
     FROM work_queue_item q
     LEFT JOIN app_user u ON u.tenant_id = q.tenant_id AND u.id = q.assigned_to
     WHERE q.tenant_id = $1 AND q.priority > 0
     GROUP BY q.assigned_to, u.name, q.currency ORDER BY q.assigned_to NULLS FIRST, q.currency`,
    [tenantId],
  );
  const byUser = new Map<string, { userId: string | null; name: string | null; debtors: number; balances: Record<string, string>; topPriority: number }>();
  for (const row of rows) {
    const key = row.user_id ?? '';
    const entry = byUser.get(key) ?? { userId: row.user_id, name: row.name, debtors: 0, balances: {}, topPriority: 0 };
    entry.debtors += row.debtors;
    entry.balances[row.currency.trim()] = row.balance.toString();
    entry.topPriority = Math.max(entry.topPriority, row.top);
    byUser.set(key, entry);
  }
  return [...byUser.values()];
}
