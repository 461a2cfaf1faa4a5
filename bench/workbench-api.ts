// `npm run bench workbench-api`: issue #6 §8. The workbench API under 100 concurrent users on the 1M-account
// book: a load tool (autocannon) over loopback against the server in its own process, on PostgreSQL.
// Target: p99 under 50 ms. Two loads are measured and printed:
//   closed loop — 100 connections, each sending its next request as soon as the last one answers (no think
//                 time): the strictest reading of "100 concurrent users", it measures the server saturated;
//   paced       — 100 users at a fixed pace each: 2 requests per second (a frantic team) and 0.5 (one action every
//                 2 s, still far above a specialist on the phone); BENCH_WEB_USER_RATES changes the list. "spread":
//                 the users' requests spread over each second (runStaggered); "one burst a second": autocannon's
//                 own pacing, which sends each second's requests at once (the worst case, printed beside it).
// The mix per request: my queue 35 %, the account page (debtor, balances, gate per contact point) 30 %,
// timeline 15 %, invoices 10 %, add a note (a write, audited) 10 %; each request as one of 100 specialists
// (API tokens), on one of the 1,000 debtors assigned to that specialist.
// Benchmarks never gate CI: a missed target is printed, not failed.
//
// Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_WEB_DEBTORS (default
// 1000000: one account each), BENCH_WEB_SECONDS (default 20 per run), BENCH_WEB_USER_RATES (default "2,0.5").
// The loaded book is kept in schema bench_web_<debtors> and reused by later runs (drop it to rebuild).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { openRecoupDatabase } from '../src/adapters/db/open-recoup-database.ts';
import { ensureTenant } from '../src/app/book/ensure-tenant.ts';
import { importReceivables } from '../src/app/import/import-receivables.ts';
import { importMappingSchema, standardMapping } from '../src/domain/book/import-mapping.ts';
import { createApiToken, createUser } from '../src/app/auth/users.ts';
import { refreshWorkQueue } from '../src/app/workbench/work-queue.ts';
import { assignDebtors } from '../src/app/workbench/record-activity.ts';
import { ensureBenchBookCsv } from './support/ensure-bench-book-csv.ts';
import { formatDuration, formatTable, measure, startHeartbeat } from './support/bench-measure.ts';

const seed = 20261124;
const asOf = '2026-11-24';
const tenantId = 'bench';
const users = 100;
const defaultDebtorsPerUser = 1000;
const targetP99Ms = 50;
const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));

type Setup = { url: string; schema: string; tokens: string[]; debtorsByUser: string[][]; accounts: number; debtors: number; debtorsPerUser: number };

async function setUp(url: string, debtors: number): Promise<Setup> {
  const debtorsPerUser = Math.min(defaultDebtorsPerUser, Math.floor(debtors / users));
  const schema = `bench_web_${debtors}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const ready = await admin.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'bench_web_ready'`, [schema]);
  if (ready.rowCount === 0) {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.query(`CREATE SCHEMA ${schema}`);
  }
  const db = await openRecoupDatabase({ url, schema });
  try {
    if (ready.rowCount === 0) {
      console.log(`Building the ${debtors.toLocaleString('en-US')}-account book in schema ${schema} (kept for later runs)…`);
      const stop = startHeartbeat('setup');
      try {
        await ensureTenant(db, tenantId);
        const csv = await ensureBenchBookCsv({ directory: join(repositoryRoot, '.bench'), seed, asOf, debtors, invoicesPerDebtor: 1 });
        const imported = await measure(() => importReceivables(db, {
          tenantId, actor: 'bench', filePath: csv.path, mapping: importMappingSchema.parse(standardMapping), rejectFilePath: null, today: asOf, now: new Date(`${asOf}T12:00:00Z`),
        }));
        console.log(`  imported ${imported.value.accountsCreated.toLocaleString('en-US')} accounts in ${formatDuration(imported.elapsedMs)}`);
        const queued = await measure(() => refreshWorkQueue(db, { tenantId, today: asOf, batchSize: 10_000 }));
        console.log(`  work queue: ${queued.value.toLocaleString('en-US')} debtors scored in ${formatDuration(queued.elapsedMs)}`);
        const ids = (await db.query<{ id: string }>('SELECT id FROM debtor WHERE tenant_id = $1 ORDER BY id LIMIT $2', [tenantId, users * debtorsPerUser])).rows.map((row) => row.id);
        for (let index = 0; index < users; index++) {
          const user = await createUser(db, { tenantId, actor: 'bench', email: `specialist${index}@bench.test`, name: `Specialist ${index}`, role: 'specialist', password: `bench password ${index}`, now: new Date() });
          if (!user.ok) throw new Error(user.message);
          const assigned = await assignDebtors(db, { tenantId, actor: 'bench', userId: user.value.id, now: new Date(), debtorIds: ids.slice(index * debtorsPerUser, (index + 1) * debtorsPerUser), assigneeId: user.value.id });
          if (!assigned.ok) throw new Error(assigned.message);
        }
        await admin.query(`ANALYZE`);
        await admin.query(`CREATE TABLE ${schema}.bench_web_ready (built_at timestamptz DEFAULT now())`);
      } finally {
        stop();
      }
    }
    const specialists = (await db.query<{ id: string }>(`SELECT id FROM app_user WHERE tenant_id = $1 AND role = 'specialist' ORDER BY email`, [tenantId])).rows;
    const tokens: string[] = [];
    const debtorsByUser: string[][] = [];
    for (const specialist of specialists) {
      const token = await createApiToken(db, { tenantId, actor: 'bench', userId: specialist.id, name: `bench ${new Date().toISOString()}`, now: new Date() });
      if (!token.ok) throw new Error(token.message);
      tokens.push(token.value.token);
      debtorsByUser.push((await db.query<{ debtor_id: string }>('SELECT debtor_id FROM debtor_assignment WHERE tenant_id = $1 AND user_id = $2 ORDER BY debtor_id LIMIT 50', [tenantId, specialist.id])).rows.map((row) => row.debtor_id));
    }
    const counts = await db.query<{ accounts: number; debtors: number }>('SELECT (SELECT count(*)::int FROM account WHERE tenant_id = $1) AS accounts, (SELECT count(*)::int FROM debtor WHERE tenant_id = $1) AS debtors', [tenantId]);
    return { url, schema, tokens, debtorsByUser, accounts: counts.rows[0]!.accounts, debtors: counts.rows[0]!.debtors, debtorsPerUser };
  } finally {
    await db.close();
    await admin.end();
  }
}

async function startServer(setup: Setup): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repositoryRoot, 'bench/support/web-bench-server.ts')], {
    env: { ...process.env, DATABASE_URL: setup.url, RECOUP_DB_SCHEMA: setup.schema }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code}) before listening`)));
    lines.on('line', (line) => {
      if (line.startsWith('listening ')) resolve(line.slice('listening '.length).replace(/\/$/, ''));
    });
  });
  return { child, url };
}

type Operation = 'mixed' | 'queue' | 'account' | 'timeline' | 'invoices' | 'note';
const mix: Array<[Exclude<Operation, 'mixed'>, number]> = [['queue', 35], ['account', 30], ['timeline', 15], ['invoices', 10], ['note', 10]];

function buildRequest(setup: Setup, operation: Operation) {
  let counter = 0;
  return {
    setupRequest: () => {
      const user = Math.floor(Math.random() * setup.tokens.length);
      const debtors = setup.debtorsByUser[user]!;
      const debtor = debtors[Math.floor(Math.random() * debtors.length)]!;
      let op = operation;
      if (op === 'mixed') {
        let roll = Math.random() * 100;
        op = mix.find(([, weight]) => (roll -= weight) < 0)?.[0] ?? 'queue';
      }
      const headers: Record<string, string> = { authorization: `Bearer ${setup.tokens[user]}` };
      switch (op) {
        case 'queue': return { method: 'GET', path: '/api/queue?limit=25', headers };
        case 'account': return { method: 'GET', path: `/api/debtors/${debtor}`, headers };
        case 'timeline': return { method: 'GET', path: `/api/debtors/${debtor}/timeline?limit=25`, headers };
        case 'invoices': return { method: 'GET', path: `/api/debtors/${debtor}/invoices`, headers };
        default: return { method: 'POST', path: `/api/debtors/${debtor}/notes`, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ text: `bench note ${counter++}` }) };
      }
    },
  };
}

const run = (url: string, setup: Setup, operation: Operation, seconds: number, overallRate?: number): Promise<Result> =>
  autocannon({ url, connections: users, duration: seconds, timeout: 10, ...(overallRate ? { overallRate } : {}), requests: [buildRequest(setup, operation)] });

type Figures = { rate: number; p50: number; p90: number; p99: number; max: number; errors: number };

const percentile = (sorted: number[], p: number) => sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/**
 * Paced load with the users spread over each second, as real users are. autocannon's own pacing (`overallRate`)
 * resets every connection's allowance on one shared one-second tick, so all of a second's requests leave in
 * one burst and the figures measure the queue behind that burst. Here each connection is an autocannon instance
 * of its own, paced at `totalRate / connections` per second, and instance i starts i/connections of a second
 * after the first; the latencies of every response are collected raw (no coordinated-omission correction).
 */
async function runStaggered(url: string, setup: Setup, operation: Operation, seconds: number, totalRate: number): Promise<Figures> {
  const connections = Math.min(users, totalRate);
  const perConnection = Math.max(1, Math.round(totalRate / connections));
  const latencies: number[] = [];
  let errors = 0;
  const instances = Array.from({ length: connections }, (_, index) => new Promise<Result>((resolve, reject) => {
    setTimeout(() => {
      const instance = autocannon({ url, connections: 1, duration: seconds, timeout: 10, connectionRate: perConnection, requests: [buildRequest(setup, operation)] },
        (error, result) => (error ? reject(error) : resolve(result)));
      instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
        latencies.push(responseTime);
        if (statusCode >= 300) errors += 1;
      });
    }, Math.round((index * 1000) / connections));
  }));
  const results = await Promise.all(instances);
  latencies.sort((a, b) => a - b);
  return {
    rate: results.reduce((sum, result) => sum + result.requests.average, 0),
    p50: percentile(latencies, 50), p90: percentile(latencies, 90), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] ?? NaN,
    errors: errors + results.reduce((sum, result) => sum + result.errors + result.timeouts, 0),
  };
}

export async function run_(): Promise<void> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const debtors = Number(process.env.BENCH_WEB_DEBTORS ?? 1_000_000);
  const seconds = Number(process.env.BENCH_WEB_SECONDS ?? 20);
  const userRates = (process.env.BENCH_WEB_USER_RATES ?? '2,0.5').split(',').map(Number).filter((rate) => rate > 0);
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
    await probe.end();
  } catch (error) {
    console.log(`skipped: no PostgreSQL answers at ${url} (${(error as Error).message})`);
    return;
  }
  const setup = await setUp(url, Math.max(debtors, users));
  console.log(`Book: ${setup.accounts.toLocaleString('en-US')} accounts, ${setup.debtors.toLocaleString('en-US')} debtors (PostgreSQL, schema ${setup.schema}); ` +
    `${users} specialists with ${setup.debtorsPerUser.toLocaleString('en-US')} debtors each. Machine: ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(1)}.`);
  const server = await startServer(setup);
  try {
    await run(server.url, setup, 'mixed', 5); // warm up: JIT, connection pool, caches
    const rows: string[][] = [];
    const recordFigures = (label: string, figures: Figures) => {
      const ok = figures.p99 < targetP99Ms;
      rows.push([label, figures.rate.toFixed(0), String(Math.round(figures.p50)), String(Math.round(figures.p90)), String(Math.round(figures.p99)), String(Math.round(figures.max)),
        String(figures.errors), `${ok ? 'met' : 'MISSED'} (< ${targetP99Ms} ms)`]);
    };
    const record = (label: string, result: Result) => recordFigures(label, {
      rate: result.requests.average, p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max,
      errors: result.non2xx + result.errors + result.timeouts,
    });
    record(`mixed, closed loop (${users} connections)`, await run(server.url, setup, 'mixed', seconds));
    // Each run starts on a quiet server: the requests still queued from the previous run are let drain first.
    const settle = () => new Promise((resolve) => setTimeout(resolve, 3000));
    for (const rate of userRates) {
      await settle();
      recordFigures(`mixed, ${users} users × ${rate}/s, spread`, await runStaggered(server.url, setup, 'mixed', seconds, Math.round(users * rate)));
    }
    for (const rate of userRates) {
      await settle();
      record(`mixed, ${users} users × ${rate}/s, one burst a second`, await run(server.url, setup, 'mixed', seconds, Math.round(users * rate)));
    }
    const slowest = Math.min(...userRates);
    for (const [operation] of mix) {
      await settle();
      recordFigures(`${operation} only, × ${slowest}/s, spread`, await runStaggered(server.url, setup, operation, Math.max(5, Math.round(seconds / 2)), Math.round(users * slowest)));
    }
    console.log(`\nWorkbench API over loopback, ${seconds} s per mixed run (latency in ms; machine load now ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs):`);
    console.log(formatTable(['load', 'req/s', 'p50', 'p90', 'p99', 'max', 'errors', 'p99 target'], rows));
  } finally {
    server.child.kill('SIGTERM');
  }
}

export { run_ as run };
