import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../db/database.ts';
import { systemClock, type Clock } from '../clock.ts';
import { isAllowed, type AccessLevel, type Principal } from '../../app/auth/roles.ts';
import { findSessionPrincipal, findTokenPrincipal } from '../../app/auth/users.ts';
import { findPortalSession, type PortalPrincipal } from '../../app/portal/portal-session.ts';
import { builtInTestPaymentProvider, type PaymentProvider } from '../../app/portal/payment-provider.ts';
import { errorBody, HttpError } from './http-error.ts';
import { registerAuthRoutes } from './routes/auth-routes.ts';
import { registerBookRoutes } from './routes/book-routes.ts';
import { registerWorkbenchRoutes } from './routes/workbench-routes.ts';
import { registerSupervisorRoutes } from './routes/supervisor-routes.ts';
import { registerPortalRoutes } from './routes/portal-routes.ts';
import { registerOutreachRoutes } from './routes/outreach-routes.ts';
import { registerNegotiationRoutes } from './routes/negotiation-routes.ts';

/** Who may call a route: anyone, a staff access level (src/app/auth/roles.ts), or a verified debtor at the portal. */
export type RouteAccess = 'public' | AccessLevel | 'portal';
/** Path parameters that name a tenant's record: checked before validation, so another tenant's id is a 404. */
export type OwnedKind = 'debtor' | 'user' | 'agreement' | 'contactPoint' | 'callTask' | 'settlement' | 'payment' | 'letter' | 'plan';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    owns?: Record<string, OwnedKind>;
  }
  interface FastifyRequest {
    principal: Principal | null;
    portal: PortalPrincipal | null;
  }
  interface FastifyInstance {
    /** Every API route as registered: the authorization matrix test walks it, so no route can be forgotten. */
    apiRoutes: ApiRoute[];
  }
}

export type ApiRoute = { method: string; url: string; access: RouteAccess | undefined; owns: Record<string, OwnedKind> | undefined };

export type HttpDeps = {
  db: Database;
  clock: Clock;
  /** Where the built UI lives (web/dist); null or missing: a short landing page instead. */
  webRoot: string | null;
  /** Set the Secure flag on cookies (behind https). */
  secureCookies: boolean;
  /** The tenant whose debtors the portal's reference check looks in. */
  portalTenantId: string;
  paymentProvider: PaymentProvider;
  /** Who a credential (session cookie or API token) belongs to, remembered for a few seconds. */
  principals: PrincipalCache;
  /** The address debtors reach the portal at (links in messages). */
  publicUrl: string;
  /** Where the letter channel keeps the letters it drew (RECOUP_LETTER_DIR); the portal serves them. */
  letterDir: string;
  /** Tenant and debtor ids found before (debtors are never deleted): the ownership check skips the query. */
  knownDebtors: Set<string>;
};

/**
 * Every request needs its principal; looking it up costs a query. It is remembered for `ttlMs` (5 s): a
 * logout forgets it at once in this process, a revoked token or disabled user stops working within 5 s.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();
  constructor(private readonly ttlMs = 5000, private readonly maxEntries = 10_000) {}
  get(credential: string, nowMs: number): Principal | undefined {
    const entry = this.entries.get(credential);
    if (entry === undefined || entry.until <= nowMs) return undefined;
    return entry.principal;
  }
  set(credential: string, principal: Principal, nowMs: number): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(credential, { principal, until: nowMs + this.ttlMs });
  }
  forget(credential: string): void {
    this.entries.delete(credential);
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export const SESSION_COOKIE = 'recoup_session';
export const PORTAL_COOKIE = 'recoup_portal';

const defaultWebRoot = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

const json = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

/** Builds the whole HTTP surface (API, portal API, UI files) without listening; tests call `inject` on it. */
export async function buildHttpServer(options: Partial<HttpDeps> & { db: Database; logger?: boolean; trustProxy?: boolean }): Promise<App> {
  const deps: HttpDeps = {
    db: options.db,
    clock: options.clock ?? systemClock,
    webRoot: options.webRoot === undefined ? defaultWebRoot : options.webRoot,
    secureCookies: options.secureCookies ?? false,
    portalTenantId: options.portalTenantId ?? 'default',
    paymentProvider: options.paymentProvider ?? builtInTestPaymentProvider,
    principals: new PrincipalCache(),
    publicUrl: options.publicUrl ?? 'http://127.0.0.1:3000/',
    letterDir: options.letterDir ?? join(process.cwd(), 'recoup-letters'),
    knownDebtors: new Set(),
  };
  const app = Fastify({
    logger: options.logger ? { level: 'warn' } : false,
    bodyLimit: 1024 * 1024,
    // Behind a reverse proxy, trust its X-Forwarded-For so the e-signature records the client's address.
    trustProxy: options.trustProxy ?? false,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setReplySerializer((payload) => json(payload));
  app.decorateRequest('principal', null);
  app.decorateRequest('portal', null);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"], fontSrc: ["'self'", 'data:'], objectSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'self'"], formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: deps.secureCookies,
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 512 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Recoup API', version: '0.1.0', description: 'Collections: the book, the workbench, the supervisor dashboard and the debtor portal. See docs/api.md.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'From POST /api/auth/login; mutations also need the x-csrf-token header' },
          apiToken: { type: 'http', scheme: 'bearer', description: 'An API token (rct_…) from POST /api/tokens' },
          portal: { type: 'apiKey', in: 'cookie', name: PORTAL_COOKIE, description: 'From POST /portal/api/verify' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  const routePatterns: Array<{ method: string; pattern: RegExp }> = [];
  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') && !route.url.startsWith('/portal/api/')) return;
    const pattern = new RegExp(`^${route.url.replace(/:[A-Za-z]+/g, '[^/]+')}$`);
    for (const method of [route.method].flat()) {
      routePatterns.push({ method, pattern });
      if (method !== 'HEAD') apiRoutes.push({ method, url: route.url, access: route.config?.access, owns: route.config?.owns });
    }
    // Document who may call it.
    const access = route.config?.access;
    if (route.schema !== undefined && access !== undefined && access !== 'public') {
      route.schema = { ...route.schema, security: access === 'portal' ? [{ portal: [] }] : [{ session: [] }, { apiToken: [] }] };
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    const mutating = request.method !== 'GET' && request.method !== 'HEAD';
    const now = deps.clock.now();
    if (access === 'portal') {
      const token = request.cookies[PORTAL_COOKIE];
      const portal = token === undefined ? null : await findPortalSession(deps.db, token, now);
      if (portal === null) throw new HttpError(401, 'unauthenticated', 'verify who you are first (POST /portal/api/verify)');
      if (mutating) checkCsrf(request, portal.csrfToken);
      request.portal = portal;
      return;
    }
    const principal = await resolvePrincipal(deps, request, now);
    if (principal === null) throw new HttpError(401, 'unauthenticated', 'sign in first: the session cookie from POST /api/auth/login, or Authorization: Bearer <API token>');
    if (!isAllowed(principal.role, access)) {
      throw new HttpError(403, 'forbidden', `the ${principal.role} role may not ${request.method} ${request.routeOptions.url}`);
    }
    if (mutating && principal.via === 'session') checkCsrf(request, principal.csrfToken);
    request.principal = principal;
  });

  // Path ids must belong to the caller's tenant (or, at the portal, to the verified debtor): another's is a 404.
  app.addHook('preValidation', async (request) => {
    const owns = request.routeOptions.config.owns;
    if (owns === undefined) return;
    const params = request.params as Record<string, string>;
    for (const [param, kind] of Object.entries(owns)) {
      const id = params[param];
      if (id === undefined || !(await ownsRecord(deps.db, deps.knownDebtors, request, kind, id))) {
        throw new HttpError(404, 'not_found', `no ${kind} "${id ?? ''}"`, param);
      }
    }
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string; validationContext?: string; validation?: unknown[] }, request, reply) => {
    if (error instanceof HttpError) return reply.status(error.status).send(errorBody(error.code, error.message, error.field));
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0]!;
      const context = error.validationContext ?? 'body';
      const field = first.instancePath.replace(/^\//, '').replace(/\//g, '.') || null;
      const params = first.params as { params?: { code?: string }; expected?: string };
      const source = context === 'body' ? request.body : context === 'querystring' ? request.query : context === 'params' ? request.params : request.headers;
      const missing = first.keyword === 'invalid_type' && valueAt(source, first.instancePath) === undefined;
      const noun = context === 'body' ? 'field' : context === 'headers' ? 'header' : 'parameter';
      const code = params.params?.code ?? (field === 'idempotency-key' ? 'missing_idempotency_key' : `${missing ? 'missing' : 'invalid'}_${noun}`);
      const message = field === 'idempotency-key' ? 'the Idempotency-Key header is required here (any unique string; send the same key to retry safely)'
        : first.message.startsWith(`${field ?? ''}`) && field !== null ? first.message : `${field ?? context}: ${missing ? 'required' : first.message}`;
      return reply.status(400).send(errorBody(code, message, field));
    }
    const status = error.statusCode ?? 500;
    if (status === 429) return reply.status(429).send(errorBody('rate_limited', 'too many requests; wait a moment and try again'));
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (status === 400 && error instanceof SyntaxError)) {
      return reply.status(400).send(errorBody('malformed_body', 'the request body is not valid JSON'));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.status(415).send(errorBody('unsupported_media_type', 'send application/json (or multipart/form-data for uploads)'));
    if (status === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE') return reply.status(413).send(errorBody('body_too_large', 'the request body is too large'));
    if (status >= 400 && status < 500) return reply.status(status).send(errorBody('bad_request', error.message.split('\n')[0] ?? 'bad request'));
    request.log.error(error);
    if (!options.logger) console.error(`[recoup http] ${request.method} ${request.url}:`, error);
    return reply.status(500).send(errorBody('internal_error', 'something went wrong on our side; it has been logged'));
  });

  const webRoot = deps.webRoot !== null && existsSync(join(deps.webRoot, 'index.html')) ? deps.webRoot : null;
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path.startsWith('/api/') || path === '/api' || path.startsWith('/portal/api/')) {
      const other = routePatterns.find((route) => route.method !== request.method && route.pattern.test(path));
      if (other !== undefined) return reply.status(405).send(errorBody('method_not_allowed', `${request.method} is not allowed on ${path}`));
      return reply.status(404).send(errorBody('not_found', `no such endpoint: ${request.method} ${path}`));
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply.status(404).send(errorBody('not_found', `no such page: ${path}`));
    // The UI is a single-page app: its routes are served its index page (the portal has its own, if built so).
    if (webRoot !== null) {
      const portalIndex = path === '/portal' || path.startsWith('/portal/') ? 'portal/index.html' : null;
      const page = portalIndex !== null && existsSync(join(webRoot, portalIndex)) ? portalIndex : 'index.html';
      return reply.header('cache-control', 'no-cache').sendFile(page, webRoot);
    }
    return reply.type('text/html; charset=utf-8').send(landingPage());
  });

  await registerAuthRoutes(app, deps);
  await registerBookRoutes(app, deps);
  await registerWorkbenchRoutes(app, deps);
  await registerSupervisorRoutes(app, deps);
  await registerPortalRoutes(app, deps);
  await registerOutreachRoutes(app, deps);
  await registerNegotiationRoutes(app, deps);
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  if (webRoot !== null) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: true, index: 'index.html', maxAge: '1h', immutable: false });
  }
  await app.ready();
  return app;
}

function valueAt(source: unknown, pointer: string): unknown {
  let value = source;
  for (const part of pointer.split('/').filter((segment) => segment !== '')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function checkCsrf(request: FastifyRequest, expected: string | null): void {
  const sent = request.headers['x-csrf-token'];
  const ok = typeof sent === 'string' && expected !== null && sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
  if (!ok) throw new HttpError(403, 'csrf_token_invalid', 'this request needs the x-csrf-token header from login or GET /api/auth/me', 'x-csrf-token');
}

async function resolvePrincipal(deps: HttpDeps, request: FastifyRequest, now: Date): Promise<Principal | null> {
  const authorization = request.headers.authorization;
  let credential: { kind: 'token' | 'session'; value: string } | null = null;
  if (typeof authorization === 'string' && authorization !== '') {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (match === null) return null;
    credential = { kind: 'token', value: match[1]! };
  } else {
    const session = request.cookies[SESSION_COOKIE];
    if (session !== undefined && session !== '') credential = { kind: 'session', value: session };
  }
  if (credential === null) return null;
  const key = `${credential.kind}:${credential.value}`;
  const cached = deps.principals.get(key, Date.now());
  if (cached !== undefined) return cached;
  const principal = credential.kind === 'token' ? await findTokenPrincipal(deps.db, credential.value) : await findSessionPrincipal(deps.db, credential.value, now);
  if (principal !== null) deps.principals.set(key, principal, Date.now());
  return principal;
}

async function ownsRecord(db: Database, knownDebtors: Set<string>, request: FastifyRequest, kind: OwnedKind, id: string): Promise<boolean> {
  if (request.portal !== null) {
    // At the portal only the verified debtor's own records exist.
    if (kind === 'agreement' || kind === 'letter') {
      const table = kind === 'agreement' ? 'agreement_document' : 'contact_attempt';
      const found = await db.query(`SELECT 1 FROM ${table} WHERE tenant_id = $1 AND id = $2 AND debtor_id = $3`, [request.portal.tenantId, id, request.portal.debtorId]);
      return found.rowCount > 0;
    }
    return false;
  }
  const tenantId = request.principal?.tenantId;
  if (tenantId === undefined) return false;
  // Debtors are never deleted, so a debtor once found in a tenant stays there: remember it.
  const known = `${tenantId}\u0000${id}`;
  if (kind === 'debtor' && knownDebtors.has(known)) return true;
  const table = { debtor: 'debtor', user: 'app_user', agreement: 'agreement_document', contactPoint: 'contact_point', callTask: 'call_task', settlement: 'settlement', payment: 'payment', letter: 'contact_attempt', plan: 'payment_plan' }[kind];
  const found = await db.query(`SELECT 1 FROM ${table} WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  if (found.rowCount > 0 && kind === 'debtor') {
    if (knownDebtors.size >= 200_000) knownDebtors.clear();
    knownDebtors.add(known);
  }
  return found.rowCount > 0;
}

/** Starts listening; resolves once the port is bound. */
export async function startHttpServer(options: Partial<HttpDeps> & { db: Database; logger?: boolean; trustProxy?: boolean }, port: number, host = '127.0.0.1'): Promise<{ app: App; url: string; close: () => Promise<void> }> {
  const app = await buildHttpServer(options);
  await app.listen({ port, host });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  return { app, url: `http://${host}:${actualPort}/`, close: () => app.close() };
}

function landingPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Recoup</title></head>
<body><main><h1>Recoup</h1><p>The API is running, but the web app has not been built (web/dist is missing).</p>
<p>The API is described at <a href="/api/openapi.json">/api/openapi.json</a>; sign in with <code>POST /api/auth/login</code>.
The command line does the rest: <code>npx recoup --help</code>.</p></main></body></html>`;
}

/** Sets or clears a cookie with the app's rules: HttpOnly, SameSite=Strict, Secure behind https, path /. */
export function setAuthCookie(reply: FastifyReply, deps: HttpDeps, name: string, value: string | null, expires?: Date): void {
  if (value === null) {
    reply.clearCookie(name, { path: '/', httpOnly: true, sameSite: 'strict', secure: deps.secureCookies });
    return;
  }
  reply.setCookie(name, value, { path: '/', httpOnly: true, sameSite: 'strict', secure: deps.secureCookies, ...(expires ? { expires } : {}) });
}
