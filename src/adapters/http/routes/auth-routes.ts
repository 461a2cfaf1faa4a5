import { z } from 'zod';
import { createApiToken, createUser, endSession, listUsers, login } from '../../../app/auth/users.ts';
import { actorOf, roles } from '../../../app/auth/roles.ts';
import { httpErrorOf, HttpError } from '../http-error.ts';
import { buildPage, decodeCursor, pageQuery } from '../pagination.ts';
import { SESSION_COOKIE, setAuthCookie, type App, type HttpDeps } from '../server.ts';

const userSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(roles), tenantId: z.string() });
const principalUser = (p: { userId: string; email: string; name: string; role: (typeof roles)[number]; tenantId: string }) =>
  ({ id: p.userId, email: p.email, name: p.name, role: p.role, tenantId: p.tenantId });

export async function registerAuthRoutes(app: App, deps: HttpDeps): Promise<void> {
  app.post('/api/auth/login', {
    config: { access: 'public', rateLimit: { max: 60, timeWindow: 60_000 } },
    schema: {
      tags: ['auth'], summary: 'Sign in: sets the HttpOnly session cookie and returns the CSRF token for mutations',
      body: z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1000) }),
      response: { 200: z.object({ user: userSchema, csrfToken: z.string() }) },
    },
  }, async (request, reply) => {
    const result = await login(deps.db, { ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] ?? null, now: deps.clock.now() });
    if (!result.ok) throw httpErrorOf(result);
    setAuthCookie(reply, deps, SESSION_COOKIE, result.value.sessionToken, result.value.expiresAt);
    const { user } = result.value;
    return { user: { id: user.id, email: user.email, name: user.name, role: user.role, tenantId: user.tenantId }, csrfToken: result.value.csrfToken };
  });

  app.post('/api/auth/logout', {
    config: { access: 'public' },
    schema: { tags: ['auth'], summary: 'Sign out: ends the session and clears the cookie' },
  }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token !== undefined && token !== '') {
      deps.principals.forget(`session:${token}`);
      await endSession(deps.db, token);
    }
    setAuthCookie(reply, deps, SESSION_COOKIE, null);
    return { ok: true };
  });

  app.get('/api/auth/me', {
    config: { access: 'read' },
    schema: { tags: ['auth'], summary: 'The signed-in user and the CSRF token of the session (null with an API token)', response: { 200: z.object({ user: userSchema, csrfToken: z.string().nullable() }) } },
  }, async (request) => {
    const principal = request.principal!;
    return { user: principalUser(principal), csrfToken: principal.csrfToken };
  });

  app.get('/api/users', {
    config: { access: 'oversee' },
    schema: { tags: ['users'], summary: "The tenant's users (supervisors assign work to them)", querystring: pageQuery },
  }, async (request) => {
    const after = decodeCursor(request.query.cursor, 1)?.[0] as string | undefined;
    const rows = await listUsers(deps.db, request.principal!.tenantId, { after: after ?? null, limit: request.query.limit + 1 });
    return buildPage(rows, request.query.limit, (user) => [user.id]);
  });

  app.post('/api/users', {
    config: { access: 'admin' },
    schema: {
      tags: ['users'], summary: 'Create a user (admin)',
      body: z.object({ email: z.string().min(3).max(320), name: z.string().min(1).max(200), role: z.enum(roles), password: z.string().min(12).max(1000) }),
    },
  }, async (request, reply) => {
    const principal = request.principal!;
    const result = await createUser(deps.db, { ...request.body, tenantId: principal.tenantId, actor: actorOf(principal), now: deps.clock.now() });
    if (!result.ok) throw httpErrorOf(result);
    return reply.status(201).send(result.value);
  });

  app.post('/api/tokens', {
    config: { access: 'admin' },
    schema: {
      tags: ['users'], summary: 'Issue an API token for a user (shown once; only its hash is kept)',
      body: z.object({ userId: z.string().min(1).max(100), name: z.string().min(1).max(200) }),
    },
  }, async (request, reply) => {
    const principal = request.principal!;
    const result = await createApiToken(deps.db, { ...request.body, tenantId: principal.tenantId, actor: actorOf(principal), now: deps.clock.now() });
    if (!result.ok) throw result.code === 'user_not_found' ? new HttpError(404, 'not_found', result.message, 'userId') : httpErrorOf(result);
    return reply.status(201).send(result.value);
  });
}
