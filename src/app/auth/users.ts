import type { Database, Queryable } from '../../adapters/db/database.ts';
import { appendAuditEvents } from '../../adapters/db/audit-log.ts';
import { newId } from '../../adapters/ids.ts';
import { fail, ok, type Result } from '../../domain/shared/result.ts';
import { roles, type Principal, type Role } from './roles.ts';
import { decoyPasswordHash, hashPassword, hashSecret, newSecret, verifyPassword } from './secrets.ts';

/** Consecutive failed logins that lock an account, and for how long. */
export const lockoutPolicy = { maxFailures: 5, lockMinutes: 15 };
export const sessionHours = 12;
export const minimumPasswordLength = 12;

export type User = { id: string; tenantId: string; email: string; name: string; role: Role; createdAt: string; lockedUntil: string | null };

type UserRow = { tenant_id: string; id: string; email: string; name: string; role: Role; created_at: Date; locked_until: Date | null };
const toUser = (row: UserRow): User => ({
  id: row.id, tenantId: row.tenant_id, email: row.email, name: row.name, role: row.role,
  createdAt: new Date(row.created_at).toISOString(), lockedUntil: row.locked_until === null ? null : new Date(row.locked_until).toISOString(),
});

export type CreateUserInput = { tenantId: string; actor: string; email: string; name: string; role: Role; password: string; now: Date };

export async function createUser(db: Database, input: CreateUserInput): Promise<Result<User, 'email_taken' | 'weak_password' | 'invalid_role' | 'invalid_email'>> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return fail('invalid_email', `"${input.email}" is not an email address`, 'email');
  if (!(roles as readonly string[]).includes(input.role)) return fail('invalid_role', `role "${input.role}" is not one of ${roles.join(', ')}`, 'role');
  if (input.password.length < minimumPasswordLength) {
    return fail('weak_password', `the password must have at least ${minimumPasswordLength} characters`, 'password');
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const taken = await tx.query('SELECT 1 FROM app_user WHERE lower(email) = $1', [email]);
    if (taken.rowCount > 0) return fail('email_taken', `a user with email ${email} already exists`, 'email');
    const id = newId('usr');
    const { rows } = await tx.query<UserRow>(
      `INSERT INTO app_user (tenant_id, id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING tenant_id, id, email, name, role, created_at, locked_until`,
      [input.tenantId, id, email, input.name, input.role, passwordHash],
    );
    await appendAuditEvents(tx, input.tenantId, input.actor, input.now, [
      { type: 'user.created', subjectType: 'user', subjectId: id, payload: { email, name: input.name, role: input.role } },
    ]);
    return ok(toUser(rows[0]!));
  });
}

/** Users of a tenant in id order, a page at a time (`after` is the last id of the previous page). */
export async function listUsers(db: Queryable, tenantId: string, page: { after: string | null; limit: number }): Promise<User[]> {
  const { rows } = await db.query<UserRow>(
    `SELECT tenant_id, id, email, name, role, created_at, locked_until FROM app_user
     WHERE tenant_id = $1 AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT $3`,
    [tenantId, page.after, page.limit],
  );
  return rows.map(toUser);
}

export async function countUsers(db: Queryable, tenantId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user WHERE tenant_id = $1', [tenantId]);
  return rows[0]!.n;
}

export type LoginInput = { email: string; password: string; ip: string | null; userAgent: string | null; now: Date };
export type LoginSuccess = { sessionToken: string; csrfToken: string; expiresAt: Date; user: User };
export type LoginError = 'invalid_credentials' | 'account_locked';

/**
 * Checks the password; on success opens a session (the cookie's secret is returned once, its hash kept).
 * After `lockoutPolicy.maxFailures` consecutive failures the account is locked for `lockMinutes`, and
 * during the lock even the right password is refused. Unknown emails take as long as known ones.
 */
export async function login(db: Database, input: LoginInput): Promise<Result<LoginSuccess, LoginError>> {
  const email = input.email.trim().toLowerCase();
  const found = await db.query<UserRow & { password_hash: string; disabled_at: Date | null }>(
    `SELECT tenant_id, id, email, name, role, created_at, locked_until, password_hash, disabled_at FROM app_user WHERE lower(email) = $1`, [email],
  );
  const row = found.rows[0];
  const invalid = fail('invalid_credentials', 'the email or the password is wrong');
  if (row === undefined || row.disabled_at !== null) {
    await verifyPassword(await decoyPasswordHash(), input.password);
    return invalid;
  }
  if (row.locked_until !== null && new Date(row.locked_until) > input.now) {
    return fail('account_locked', `too many failed logins: this account is locked until ${new Date(row.locked_until).toISOString()}`);
  }
  const passwordOk = await verifyPassword(row.password_hash, input.password);
  return db.transaction(async (tx) => {
    if (!passwordOk) {
      const updated = await tx.query<{ failed_logins: number; locked_until: Date | null }>(
        `UPDATE app_user SET failed_logins = failed_logins + 1,
           locked_until = CASE WHEN failed_logins + 1 >= $3 THEN $4::timestamptz + make_interval(mins => $5) ELSE NULL END
         WHERE tenant_id = $1 AND id = $2 RETURNING failed_logins, locked_until`,
        [row.tenant_id, row.id, lockoutPolicy.maxFailures, input.now.toISOString(), lockoutPolicy.lockMinutes],
      );
      const state = updated.rows[0]!;
      const lockedUntil = state.locked_until === null ? null : new Date(state.locked_until).toISOString();
      await appendAuditEvents(tx, row.tenant_id, 'anonymous', input.now, [{
        type: 'user.login_failed', subjectType: 'user', subjectId: row.id, payload: { ip: input.ip, failedLogins: state.failed_logins, lockedUntil },
      }]);
      if (lockedUntil !== null) return fail('account_locked', `too many failed logins: this account is locked until ${lockedUntil}`);
      return invalid;
    }
    await tx.query('UPDATE app_user SET failed_logins = 0, locked_until = NULL, last_login_at = $3 WHERE tenant_id = $1 AND id = $2', [row.tenant_id, row.id, input.now.toISOString()]);
    const session = newSecret('rcs');
    const csrf = newSecret('csrf');
    const expiresAt = new Date(input.now.getTime() + sessionHours * 3_600_000);
    await tx.query(
      `INSERT INTO web_session (token_hash, tenant_id, user_id, csrf_token, ip, user_agent, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [session.hash, row.tenant_id, row.id, csrf.secret, input.ip, input.userAgent?.slice(0, 500) ?? null, input.now.toISOString(), expiresAt.toISOString()],
    );
    await appendAuditEvents(tx, row.tenant_id, `user:${row.id}`, input.now, [
      { type: 'user.login_succeeded', subjectType: 'user', subjectId: row.id, payload: { ip: input.ip } },
    ]);
    return ok({ sessionToken: session.secret, csrfToken: csrf.secret, expiresAt, user: toUser({ ...row, locked_until: null }) });
  });
}

type PrincipalRow = { tenant_id: string; user_id: string; email: string; name: string; role: Role; csrf_token: string | null };
const toPrincipal = (row: PrincipalRow, via: Principal['via']): Principal => ({
  tenantId: row.tenant_id, userId: row.user_id, email: row.email, name: row.name, role: row.role, via, csrfToken: row.csrf_token,
});

/** The user behind a session cookie, if the session exists, has not expired and the user is enabled. */
export async function findSessionPrincipal(db: Queryable, sessionToken: string, now: Date): Promise<Principal | null> {
  const { rows } = await db.query<PrincipalRow>(
    `SELECT s.tenant_id, s.user_id, u.email, u.name, u.role, s.csrf_token FROM web_session s
     JOIN app_user u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL`,
    [hashSecret(sessionToken), now.toISOString()],
  );
  return rows[0] === undefined ? null : toPrincipal(rows[0], 'session');
}

export async function endSession(db: Queryable, sessionToken: string): Promise<void> {
  await db.query('DELETE FROM web_session WHERE token_hash = $1', [hashSecret(sessionToken)]);
}

/** The user behind an API token, unless it was revoked. */
export async function findTokenPrincipal(db: Queryable, token: string): Promise<Principal | null> {
  const { rows } = await db.query<PrincipalRow>(
    `SELECT t.tenant_id, t.user_id, u.email, u.name, u.role, NULL AS csrf_token FROM api_token t
     JOIN app_user u ON u.tenant_id = t.tenant_id AND u.id = t.user_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled_at IS NULL`,
    [hashSecret(token)],
  );
  return rows[0] === undefined ? null : toPrincipal(rows[0], 'token');
}

/** Issues an API token for a user of the tenant; the token is returned once and only its hash is kept. */
export async function createApiToken(
  db: Database, input: { tenantId: string; actor: string; userId: string; name: string; now: Date },
): Promise<Result<{ id: string; token: string; userId: string; name: string }, 'user_not_found'>> {
  return db.transaction(async (tx) => {
    const user = await tx.query('SELECT 1 FROM app_user WHERE tenant_id = $1 AND id = $2', [input.tenantId, input.userId]);
    if (user.rowCount === 0) return fail('user_not_found', `no user "${input.userId}"`, 'userId');
    const id = newId('tok');
    const { secret, hash } = newSecret('rct');
    await tx.query(
      'INSERT INTO api_token (tenant_id, id, user_id, name, token_hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [input.tenantId, id, input.userId, input.name, hash, input.actor, input.now.toISOString()],
    );
    await appendAuditEvents(tx, input.tenantId, input.actor, input.now, [
      { type: 'api_token.created', subjectType: 'api_token', subjectId: id, payload: { userId: input.userId, name: input.name } },
    ]);
    return ok({ id, token: secret, userId: input.userId, name: input.name });
  });
}
