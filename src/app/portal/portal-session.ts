import type { Database, Queryable } from '../../adapters/db/database.ts';
import { appendAuditEvents } from '../../adapters/db/audit-log.ts';
import { fail, ok, type Result } from '../../domain/shared/result.ts';
import { hashSecret, newSecret } from '../auth/secrets.ts';

/** A debtor who proved who they are at the portal. */
export type PortalPrincipal = { tenantId: string; debtorId: string; csrfToken: string };

export const portalSessionMinutes = 30;
export const portalLinkDays = 14;
export const portalVerifyPolicy = { maxFailures: 5, lockMinutes: 30 };

export type PortalSessionOpened = { sessionToken: string; csrfToken: string; expiresAt: Date; debtorId: string };
type VerifyError = 'verification_failed' | 'verification_locked' | 'link_invalid';

/** Issues a one-time link token for a debtor (sent by letter or email); only its hash is stored. */
export async function issuePortalLink(db: Database, input: { tenantId: string; debtorId: string; actor: string; now: Date }): Promise<{ token: string; expiresAt: Date }> {
  const { secret, hash } = newSecret('rpl');
  const expiresAt = new Date(input.now.getTime() + portalLinkDays * 86_400_000);
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO portal_link (token_hash, tenant_id, debtor_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [hash, input.tenantId, input.debtorId, input.actor, input.now.toISOString(), expiresAt.toISOString()]);
    await appendAuditEvents(tx, input.tenantId, input.actor, input.now, [
      { type: 'portal.link_issued', subjectType: 'debtor', subjectId: input.debtorId, payload: { debtorId: input.debtorId, expiresAt: expiresAt.toISOString() } },
    ]);
  });
  return { token: secret, expiresAt };
}

type Client = { ip: string | null; userAgent: string | null; now: Date };

/** Spends a one-time link: valid once, before it expires. */
export async function verifyByLink(db: Database, token: string, client: Client): Promise<Result<PortalSessionOpened, VerifyError>> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ tenant_id: string; debtor_id: string }>(
      `UPDATE portal_link SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING tenant_id, debtor_id`,
      [hashSecret(token), client.now.toISOString()],
    );
    const link = rows[0];
    if (link === undefined) return fail('link_invalid', 'this link is not valid: it was used already or has expired; verify with your reference instead', 'token');
    return ok(await openPortalSession(tx, link.tenant_id, link.debtor_id, 'link', client));
  });
}

const normalize = (text: string) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Reference + last name + postcode, all three matching the book. Failures count per reference; after
 * `portalVerifyPolicy.maxFailures` the reference is locked for a while, whatever is sent.
 */
export async function verifyByReference(
  db: Database, input: { tenantId: string; reference: string; lastName: string; postcode: string } & Client,
): Promise<Result<PortalSessionOpened, VerifyError>> {
  const reference = input.reference.trim();
  return db.transaction(async (tx) => {
    const lock = await tx.query<{ locked_until: Date | null }>('SELECT locked_until FROM portal_verify_failure WHERE tenant_id = $1 AND reference = $2', [input.tenantId, reference]);
    const lockedUntil = lock.rows[0]?.locked_until;
    if (lockedUntil != null && new Date(lockedUntil) > input.now) {
      return fail('verification_locked', 'too many attempts for this reference; try again later or use the link in your letter');
    }
    const { rows } = await tx.query<{ id: string; name: string; postcodes: string[] }>(
      `SELECT d.id, d.name, array_remove(array_agg(cp.postal_address->>'postalCode'), NULL) AS postcodes
       FROM debtor d LEFT JOIN contact_point cp ON cp.tenant_id = d.tenant_id AND cp.debtor_id = d.id AND cp.type = 'postal'
       WHERE d.tenant_id = $1 AND d.external_ref = $2 GROUP BY d.id, d.name`,
      [input.tenantId, reference],
    );
    const debtor = rows[0];
    const lastName = normalize(input.lastName);
    const matches = debtor !== undefined && lastName.length > 0
      // A person gives their last name; a business may give its whole name.
      && (normalize(debtor.name.trim().split(/\s+/).at(-1) ?? '') === lastName || normalize(debtor.name) === lastName)
      && debtor.postcodes.some((postcode) => normalize(postcode) === normalize(input.postcode) && normalize(postcode) !== '');
    if (!matches) {
      await tx.query(
        `INSERT INTO portal_verify_failure (tenant_id, reference, failures, locked_until, updated_at) VALUES ($1, $2, 1, NULL, $3)
         ON CONFLICT (tenant_id, reference) DO UPDATE SET failures = portal_verify_failure.failures + 1, updated_at = $3,
           locked_until = CASE WHEN portal_verify_failure.failures + 1 >= $4 THEN $3::timestamptz + make_interval(mins => $5) END`,
        [input.tenantId, reference, input.now.toISOString(), portalVerifyPolicy.maxFailures, portalVerifyPolicy.lockMinutes],
      );
      return fail('verification_failed', 'we could not find an account with these details; check the reference on your letter, your last name and postcode');
    }
    await tx.query('DELETE FROM portal_verify_failure WHERE tenant_id = $1 AND reference = $2', [input.tenantId, reference]);
    return ok(await openPortalSession(tx, input.tenantId, debtor.id, 'reference', input));
  });
}

async function openPortalSession(tx: Queryable, tenantId: string, debtorId: string, method: 'link' | 'reference', client: Client): Promise<PortalSessionOpened> {
  const session = newSecret('rps');
  const csrf = newSecret('csrf');
  const expiresAt = new Date(client.now.getTime() + portalSessionMinutes * 60_000);
  await tx.query(
    `INSERT INTO portal_session (token_hash, tenant_id, debtor_id, verified_by, csrf_token, ip, user_agent, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [session.hash, tenantId, debtorId, method, csrf.secret, client.ip, client.userAgent?.slice(0, 500) ?? null, client.now.toISOString(), expiresAt.toISOString()],
  );
  await appendAuditEvents(tx, tenantId, `debtor:${debtorId}`, client.now, [
    { type: 'portal.verified', subjectType: 'debtor', subjectId: debtorId, payload: { debtorId, method, ip: client.ip } },
  ]);
  return { sessionToken: session.secret, csrfToken: csrf.secret, expiresAt, debtorId };
}

export async function findPortalSession(db: Queryable, token: string, now: Date): Promise<PortalPrincipal | null> {
  const { rows } = await db.query<{ tenant_id: string; debtor_id: string; csrf_token: string }>(
    'SELECT tenant_id, debtor_id, csrf_token FROM portal_session WHERE token_hash = $1 AND expires_at > $2', [hashSecret(token), now.toISOString()],
  );
  const row = rows[0];
  return row === undefined ? null : { tenantId: row.tenant_id, debtorId: row.debtor_id, csrfToken: row.csrf_token };
}

export async function endPortalSession(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM portal_session WHERE token_hash = $1', [hashSecret(token)]);
}
