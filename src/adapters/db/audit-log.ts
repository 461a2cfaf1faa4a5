import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/audit/canonical-json.ts';
import { GENESIS_HASH, type AuditEventInput, type AuditRecord } from '../../domain/audit/audit-event.ts';
import { newId } from '../ids.ts';
import type { Queryable } from './database.ts';

export function hashAuditRecord(record: AuditRecord): string {
  const content = canonicalJson({ ...record, seq: record.seq.toString() });
  return createHash('sha256').update(record.prevHash).update('\n').update(content).digest('hex');
}

/**
 * Appends events to the tenant's hash chain, inside the caller's transaction. The advisory lock makes
 * concurrent writers take turns, so the chain never forks; recorded_at is the database's clock.
 */
export async function appendAuditEvents(
  tx: Queryable,
  tenantId: string,
  actor: string,
  occurredAt: Date,
  events: readonly AuditEventInput[],
): Promise<string[]> {
  if (events.length === 0) return [];
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('recoup:audit:' || $1::text))`, [tenantId]);
  const head = await tx.query<{ seq: bigint; hash: string; now: Date }>(
    `SELECT h.seq, h.hash, now() AS now FROM (SELECT 1) one LEFT JOIN audit_chain_head h ON h.tenant_id = $1`,
    [tenantId],
  );
  const row = head.rows[0]!;
  let seq = row.seq ?? 0n;
  let prevHash = row.hash ?? GENESIS_HASH;
  // Millisecond precision, so the instant hashed is the instant stored.
  const recordedAt = new Date(new Date(row.now).getTime()).toISOString();
  const ids: string[] = [];
  let values: unknown[] = [];
  let placeholders: string[] = [];
  const flush = async () => {
    if (placeholders.length === 0) return;
    await tx.query(
      `INSERT INTO audit_event (tenant_id, seq, id, type, actor, subject_type, subject_id, occurred_at, recorded_at, payload, prev_hash, hash)
       VALUES ${placeholders.join(', ')}`,
      values,
    );
    values = [];
    placeholders = [];
  };
  for (const event of events) {
    seq += 1n;
    const record: AuditRecord = {
      seq, id: newId('evt'), type: event.type, actor, subjectType: event.subjectType, subjectId: event.subjectId,
      occurredAt: occurredAt.toISOString(), recordedAt, payload: JSON.parse(canonicalJson(event.payload)), prevHash,
    };
    const hash = hashAuditRecord(record);
    const n = values.length;
    placeholders.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, $${n + 8}, $${n + 9}, $${n + 10}::jsonb, $${n + 11}, $${n + 12})`);
    values.push(tenantId, seq, record.id, record.type, actor, record.subjectType, record.subjectId, record.occurredAt, record.recordedAt, canonicalJson(event.payload), prevHash, hash);
    ids.push(record.id);
    prevHash = hash;
    // Stay far below the protocol's 65,535 parameters per statement.
    if (placeholders.length === 1000) await flush();
  }
  await flush();
  await tx.query(
    `INSERT INTO audit_chain_head (tenant_id, seq, hash) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash`,
    [tenantId, seq, prevHash],
  );
  return ids;
}

export type AuditVerification =
  | { ok: true; rows: number; headHash: string }
  | { ok: false; rows: number; firstBadSeq: bigint; firstBadId: string | null; problem: 'edited' | 'removed' | 'reordered'; message: string };

/** Recomputes the chain, page by page, and names the first row that was edited or removed. */
export async function verifyAuditChain(db: Queryable, tenantId: string, pageSize = 5000): Promise<AuditVerification> {
  let expectedSeq = 1n;
  let prevHash = GENESIS_HASH;
  let rows = 0;
  for (;;) {
    const page = await db.query<{
      seq: bigint; id: string; type: string; actor: string; subject_type: string | null; subject_id: string | null;
      occurred_at: Date; recorded_at: Date; payload: unknown; prev_hash: string; hash: string;
    }>(
      `SELECT seq, id, type, actor, subject_type, subject_id, occurred_at, recorded_at, payload, prev_hash, hash
       FROM audit_event WHERE tenant_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3`,
      [tenantId, expectedSeq, pageSize],
    );
    for (const row of page.rows) {
      if (row.seq !== expectedSeq) {
        return { ok: false, rows, firstBadSeq: expectedSeq, firstBadId: null, problem: 'removed', message: `audit row seq ${expectedSeq} was removed (the next row present is seq ${row.seq}, ${row.id})` };
      }
      const record: AuditRecord = {
        seq: row.seq, id: row.id, type: row.type, actor: row.actor, subjectType: row.subject_type, subjectId: row.subject_id,
        occurredAt: new Date(row.occurred_at).toISOString(), recordedAt: new Date(row.recorded_at).toISOString(),
        payload: row.payload, prevHash: row.prev_hash,
      };
      if (row.prev_hash !== prevHash) {
        return { ok: false, rows, firstBadSeq: row.seq, firstBadId: row.id, problem: 'edited', message: `audit row seq ${row.seq} (${row.id}) does not follow the row before it: its previous-hash was changed` };
      }
      if (hashAuditRecord(record) !== row.hash) {
        return { ok: false, rows, firstBadSeq: row.seq, firstBadId: row.id, problem: 'edited', message: `audit row seq ${row.seq} (${row.id}, ${row.type}) was edited: its content no longer matches its hash` };
      }
      prevHash = row.hash;
      expectedSeq += 1n;
      rows += 1;
    }
    if (page.rows.length < pageSize) break;
  }
  const head = await db.query<{ seq: bigint; hash: string }>('SELECT seq, hash FROM audit_chain_head WHERE tenant_id = $1', [tenantId]);
  const headRow = head.rows[0];
  const lastSeq = expectedSeq - 1n;
  if (headRow !== undefined && (headRow.seq !== lastSeq || headRow.hash !== prevHash)) {
    if (headRow.seq > lastSeq) {
      return { ok: false, rows, firstBadSeq: lastSeq + 1n, firstBadId: null, problem: 'removed', message: `audit rows seq ${lastSeq + 1n} to ${headRow.seq} were removed (the newest rows)` };
    }
    return { ok: false, rows, firstBadSeq: headRow.seq, firstBadId: null, problem: 'edited', message: `the audit chain head (seq ${headRow.seq}) does not match the log` };
  }
  return { ok: true, rows, headHash: prevHash };
}
