import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../../adapters/db/database.ts';
import { canonicalJson } from '../../domain/audit/canonical-json.ts';
import { fail, ok, type Result } from '../../domain/shared/result.ts';

/**
 * The idempotency pattern of postPayment, for every retryable write: in one transaction, the same key with
 * the same input returns the first result (`replayed: true`, nothing written again); the same key with
 * other input is refused (`idempotency_key_reused`, field idempotencyKey). A failed `work` stores nothing,
 * so it can be retried with the same key.
 */
export async function withIdempotency<T extends object, Code extends string>(
  db: Database,
  key: { tenantId: string; scope: string; idempotencyKey: string; request: unknown },
  work: (tx: Queryable) => Promise<Result<T, Code>>,
): Promise<Result<T & { replayed: boolean }, Code | 'idempotency_key_reused'>> {
  return db.transaction((tx) => withIdempotencyIn(tx, key, work));
}

/** withIdempotency inside the caller's transaction. */
export async function withIdempotencyIn<T extends object, Code extends string>(
  tx: Queryable,
  key: { tenantId: string; scope: string; idempotencyKey: string; request: unknown },
  work: (tx: Queryable) => Promise<Result<T, Code>>,
): Promise<Result<T & { replayed: boolean }, Code | 'idempotency_key_reused'>> {
  const requestHash = createHash('sha256').update(canonicalJson(key.request)).digest('hex');
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`recoup:idem:${key.tenantId}:${key.scope}:${key.idempotencyKey}`]);
  const previous = await tx.query<{ request_hash: string; response: T }>(
    `SELECT request_hash, response FROM idempotency_key WHERE tenant_id = $1 AND scope = $2 AND key = $3`,
    [key.tenantId, key.scope, key.idempotencyKey],
  );
  if (previous.rows[0] !== undefined) {
    if (previous.rows[0].request_hash !== requestHash) {
      return fail('idempotency_key_reused', `idempotency key "${key.idempotencyKey}" was already used for a different request`, 'idempotencyKey');
    }
    return ok({ ...previous.rows[0].response, replayed: true });
  }
  const result = await work(tx);
  if (!result.ok) return result;
  const response = { ...result.value, replayed: false };
  await tx.query(
    `INSERT INTO idempotency_key (tenant_id, scope, key, request_hash, response) VALUES ($1, $2, $3, $4, $5::jsonb)`,
    [key.tenantId, key.scope, key.idempotencyKey, requestHash, JSON.stringify(response, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))],
  );
  return ok(response);
}
