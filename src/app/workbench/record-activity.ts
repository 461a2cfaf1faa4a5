import type { Database } from '../../adapters/db/database.ts';
import { appendAuditEvents } from '../../adapters/db/audit-log.ts';
import { newId } from '../../adapters/ids.ts';
import { fail, ok, type Result } from '../../domain/shared/result.ts';
import { refreshQueueItems } from './work-queue.ts';

// The specialist's one-step actions. Each is one transaction: the record, the audit event (actor = the
// user, payload with debtorId), and the debtor's queue item recomputed.

type Actor = { tenantId: string; actor: string; userId: string; now: Date };
const today = (now: Date) => now.toISOString().slice(0, 10);

export async function addNote(db: Database, input: Actor & { debtorId: string; text: string }): Promise<{ id: string; debtorId: string; text: string; author: string; createdAt: string }> {
  return db.transaction(async (tx) => {
    const id = newId('note');
    await tx.query('INSERT INTO debtor_note (tenant_id, id, debtor_id, author, text, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [input.tenantId, id, input.debtorId, input.userId, input.text, input.now.toISOString()]);
    await appendAuditEvents(tx, input.tenantId, input.actor, input.now, [
      { type: 'note.added', subjectType: 'debtor', subjectId: input.debtorId, payload: { debtorId: input.debtorId, noteId: id, text: input.text } },
    ]);
    return { id, debtorId: input.debtorId, text: input.text, author: input.userId, createdAt: input.now.toISOString() };
  });
}

/** A debtor's notes, newest first, keyset-paginated on (created_at, id). */
export async function listNotes(db: Database, tenantId: string, debtorId: string, options: { before: [string, string] | null; limit: number }) {
  const { rows } = await db.query<{ id: string; author: string; text: string; created_at: Date }>(
    `SELECT id, author, text, created_at FROM debtor_note WHERE tenant_id = $1 AND debtor_id = $2
       AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::text))
     ORDER BY created_at DESC, id DESC LIMIT $5`,
    [tenantId, debtorId, options.before?.[0] ?? null, options.before?.[1] ?? null, options.limit + 1]);
  const items = rows.slice(0, options.limit).map((row) => ({ id: row.id, debtorId, author: row.author, text: row.text, createdAt: new Date(row.created_at).toISOString() }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > options.limit && last !== undefined ? [last.createdAt, last.id] as [string, string] : null };
}

export const callOutcomes = ['no_answer', 'voicemail', 'conversation', 'wrong_number', 'promise', 'refused', 'dispute'] as const;
export type CallOutcome = (typeof callOutcomes)[number];

// The gate's history vocabulary for each outcome (frequency caps count these).
const historyOutcomeOf: Record<CallOutcome, string> = {
  no_answer: 'no_answer', voicemail: 'voicemail_other', conversation: 'conversation', wrong_number: 'third_party_conversation',
  promise: 'conversation', refused: 'conversation', dispute: 'conversation',
};

export type LoggedCall = { attemptId: string; debtorId: string; outcome: CallOutcome; disputeId: string | null };

/**
 * Logs a call's outcome as a completed contact attempt (the gate's call history). An oral dispute is
 * recorded as a dispute (not written: Reg F's pause needs a written one, which the portal or mail brings).
 */
export async function logCall(
  db: Database, input: Actor & { debtorId: string; contactPointId: string | null; outcome: CallOutcome; note: string | null },
): Promise<Result<LoggedCall, 'not_found'>> {
  return db.transaction(async (tx) => {
    let toAddress: string | null = null;
    if (input.contactPointId !== null) {
      const point = await tx.query<{ value: string }>('SELECT value FROM contact_point WHERE tenant_id = $1 AND id = $2 AND debtor_id = $3 AND type = $4',
        [input.tenantId, input.contactPointId, input.debtorId, 'phone']);
      if (point.rows[0] === undefined) return fail('not_found', `no phone contact point "${input.contactPointId}" for this debtor`, 'contactPointId');
      toAddress = point.rows[0].value;
    }
    const accounts = await tx.query<{ id: string }>('SELECT id FROM account WHERE tenant_id = $1 AND debtor_id = $2', [input.tenantId, input.debtorId]);
    const attemptId = newId('att');
    await tx.query(
      `INSERT INTO contact_attempt (tenant_id, id, debtor_id, account_ids, channel, direction, contact_point_id, to_address, status, outcome, detail, started_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, 'outbound', $6, $7, 'completed', $8, $9::jsonb, $10, $10)`,
      [input.tenantId, attemptId, input.debtorId, accounts.rows.map((row) => row.id), input.outcome === 'voicemail' ? 'voicemail' : 'call', input.contactPointId,
        toAddress, historyOutcomeOf[input.outcome], JSON.stringify({ callOutcome: input.outcome, note: input.note, by: input.userId }), input.now.toISOString()],
    );
    let disputeId: string | null = null;
    if (input.outcome === 'dispute') {
      disputeId = newId('dsp');
      await tx.query(
        `INSERT INTO debtor_dispute (tenant_id, id, debtor_id, kind, written, medium, submitted_at, received_at, source, note)
         VALUES ($1, $2, $3, 'dispute', false, 'phone', $4, $4, 'specialist', $5)`,
        [input.tenantId, disputeId, input.debtorId, input.now.toISOString(), input.note],
      );
    }
    await appendAuditEvents(tx, input.tenantId, input.actor, input.now, [{
      type: 'call.logged', subjectType: 'debtor', subjectId: input.debtorId,
      payload: { debtorId: input.debtorId, attemptId, contactPointId: input.contactPointId, outcome: input.outcome, note: input.note },
    }]);
    return ok({ attemptId, debtorId: input.debtorId, outcome: input.outcome, disputeId });
  });
}

export async function scheduleCallback(
  db: Database, input: Actor & { debtorId: string; dueAt: Date; contactPointId: string | null; note: string | null },
): Promise<Result<{ id: string; debtorId: string; dueAt: string; assignedTo: string }, 'invalid_date'>> {
  if (input.dueAt.getTime() < input.now.getTime() - 60_000) return fail('invalid_date', 'at: the callback time is in the past', 'at');
  return db.transaction(async (tx) => {
    const id = newId('cbk');
    await tx.query(
      `INSERT INTO debtor_callback (tenant_id, id, debtor_id, contact_point_id, due_at, assigned_to, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $8)`,
      [input.tenantId, id, input.debtorId, input.contactPointId, input.dueAt.toISOString(), input.userId, input.note, input.now.toISOString()],
    );
    await appendAuditEvents(tx, input.tenantId, input.actor, input.now, [{
      type: 'callback.scheduled', subjectType: 'debtor', subjectId: input.debtorId,
      payload: { debtorId: input.debtorId, callbackId: id, dueAt: input.dueAt.toISOString(), assignedTo: input.userId },
    }]);
    await refreshQueueItems(tx, input.tenantId, [input.debtorId], today(input.now));
    return ok({ id, debtorId: input.debtorId, dueAt: input.dueAt.toISOString(), assignedTo: input.userId });
  });
}

export const escalationTargets = ['supervisor', 'agency', 'legal'] as const;

export async function escalate(
  db: Database, input: Actor & { debtorId: string; to: (typeof escalationTargets)[number]; reason: string },
): Promise<{ id: string; debtorId: string; to: string; reason: string; status: 'open' }> {
  return db.transaction(async (tx) => {
    const id = newId('esc');
    await tx.query(
      `INSERT INTO debtor_escalation (tenant_id, id, debtor_id, escalate_to, reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [input.tenantId, id, input.debtorId, input.to, input.reason, input.userId, input.now.toISOString()],
    );
    await appendAuditEvents(tx, input.tenantId, input.actor, input.now, [{
      type: 'debtor.escalated', subjectType: 'debtor', subjectId: input.debtorId, payload: { debtorId: input.debtorId, escalationId: id, to: input.to, reason: input.reason },
    }]);
    return { id, debtorId: input.debtorId, to: input.to, reason: input.reason, status: 'open' as const };
  });
}

/** Assigns debtors to a specialist (or supervisor). Debtors of another tenant are not found: nothing is assigned. */
export async function assignDebtors(
  db: Database, input: Actor & { debtorIds: string[]; assigneeId: string },
): Promise<Result<{ assigned: number; userId: string }, 'not_found'>> {
  const ids = [...new Set(input.debtorIds)];
  return db.transaction(async (tx) => {
    const user = await tx.query("SELECT 1 FROM app_user WHERE tenant_id = $1 AND id = $2 AND role IN ('specialist', 'supervisor', 'admin')", [input.tenantId, input.assigneeId]);
    if (user.rowCount === 0) return fail('not_found', `no user "${input.assigneeId}" who works accounts`, 'userId');
    const found = await tx.query<{ id: string; previous: string | null }>(
      `SELECT d.id, a.user_id AS previous FROM debtor d LEFT JOIN debtor_assignment a ON a.tenant_id = d.tenant_id AND a.debtor_id = d.id
       WHERE d.tenant_id = $1 AND d.id = ANY($2::text[])`, [input.tenantId, ids]);
    if (found.rowCount !== ids.length) {
      const known = new Set(found.rows.map((row) => row.id));
      return fail('not_found', `no debtor "${ids.find((id) => !known.has(id))}"`, 'debtorIds');
    }
    await tx.query(
      `INSERT INTO debtor_assignment (tenant_id, debtor_id, user_id, assigned_by, assigned_at) SELECT $1, unnest($2::text[]), $3, $4, $5
       ON CONFLICT (tenant_id, debtor_id) DO UPDATE SET user_id = EXCLUDED.user_id, assigned_by = EXCLUDED.assigned_by, assigned_at = EXCLUDED.assigned_at`,
      [input.tenantId, ids, input.assigneeId, input.userId, input.now.toISOString()],
    );
    await tx.query('UPDATE work_queue_item SET assigned_to = $3 WHERE tenant_id = $1 AND debtor_id = ANY($2::text[])', [input.tenantId, ids, input.assigneeId]);
    await appendAuditEvents(tx, input.tenantId, input.actor, input.now, found.rows.map((row) => ({
      type: 'debtor.assigned' as const, subjectType: 'debtor' as const, subjectId: row.id, payload: { debtorId: row.id, userId: input.assigneeId, previousUserId: row.previous },
    })));
    return ok({ assigned: ids.length, userId: input.assigneeId });
  });
}
