// Exactly once, proven (issue #4, point 5): 5,000 emails queued by the daily cycle are sent by a dispatcher
// process (`recoup outreach dispatch`) to a real SMTP server in another process, while the test kills the
// dispatcher with SIGKILL at random moments (at least 20 times) and restarts it. At the end every intended
// message has arrived exactly once (by Message-ID, which the server logs before answering 250) and every
// attempt is recorded (one 'sent' attempt per message; none left 'sending').
//
// PostgreSQL only: the dispatcher runs in separate processes that share the database with the test, and the
// embedded engine (PGlite) is one process by construction; a data directory cannot be opened by two processes,
// and an embedded engine killed with SIGKILL is not what a production dispatcher runs on.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRecoupDatabase } from '../src/adapters/db/open-recoup-database.ts';
import type { Database } from '../src/adapters/db/database.ts';
import { runDailyCycle } from '../src/app/outreach/run-daily-cycle.ts';
import { findPostgres } from './support/test-database.ts';
import { writeSyntheticBook } from './support/synthetic-book.ts';

const root = resolve(import.meta.dirname, '..');
const tenantId = 'exactly';
const messages = 5000;
const minimumKills = 20;
const url = await findPostgres();
const today = new Date().toISOString().slice(0, 10);

// A small seeded generator: the kill moments are random but the run can be replayed from the seed.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.skipIf(url === undefined)('exactly-once dispatch under SIGKILL (PostgreSQL)', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'recoup-exactly-once-'));
  const receivedLog = join(dir, 'received.log');
  let db: Database;
  let peer: ChildProcess;
  let smtpPort = 0;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    db = await openRecoupDatabase({ url, schema });
    await writeSyntheticBook(db, { tenantId, debtors: messages, asOf: today, minDaysPastDue: 3, dpdSpread: 27 });
    peer = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/support/smtp-peer-process.ts'), receivedLog], { stdio: ['ignore', 'pipe', 'inherit'] });
    smtpPort = await new Promise<number>((resolvePort, reject) => {
      createInterface({ input: peer.stdout! }).on('line', (line) => {
        const match = /^listening (\d+)$/.exec(line);
        if (match) resolvePort(Number(match[1]));
      });
      peer.on('exit', (code) => reject(new Error(`SMTP peer exited with ${code}`)));
    });
  }, 120_000);

  afterAll(async () => {
    peer?.kill('SIGTERM');
    await db?.close();
    if (url !== undefined) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it(`delivers ${messages} emails exactly once although the dispatcher is killed at least ${minimumKills} times`, async () => {
    // Commercial debts (no contact-hour rules): every message is due at once.
    const cycle = await runDailyCycle(db, { tenantId, actor: 'test', businessDate: today, now: new Date(), publicUrl: 'https://pay.example.test' });
    expect(cycle.contactsQueued).toBe(messages);
    const { rows: intended } = await db.query<{ message_id: string }>(`SELECT message_id FROM outreach_outbox WHERE tenant_id = $1 AND channel = 'email'`, [tenantId]);
    expect(intended).toHaveLength(messages);

    const env = {
      ...process.env, DATABASE_URL: url!, RECOUP_DB_SCHEMA: schema, RECOUP_TENANT: tenantId, RECOUP_ACTOR: 'dispatcher',
      RECOUP_SMTP_HOST: '127.0.0.1', RECOUP_SMTP_PORT: String(smtpPort), RECOUP_SMTP_FROM: 'collect@example.test',
      RECOUP_SMTP_LOOKUP: `file:${receivedLog}`, RECOUP_SMTP_TIMEOUT_MS: '1500', RECOUP_SMTP_MAX_CONNECTIONS: '8', RECOUP_LETTER_DIR: '-',
    };
    const startDispatcher = () => spawn(process.execPath, [join(root, 'bin/recoup.js'), 'outreach', 'dispatch', '--lease-seconds', '2', '--batch', '80', '--json'],
      { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = (child: ChildProcess) => new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    const sentCount = async () => Number((await db.query<{ n: bigint }>(`SELECT count(*) AS n FROM outreach_outbox WHERE tenant_id = $1 AND status = 'sent'`, [tenantId])).rows[0]!.n);
    const received = () => (existsSync(receivedLog) ? readFileSync(receivedLog, 'utf8').split('\n').filter((line) => line !== '').length : 0);

    const started = Date.now();
    const random = seededRandom(20261124);
    let kills = 0;
    const killedWhileSending: number[] = [];
    // Two dispatchers share the outbox (as several workers would); the test kills them in turn, each at a random
    // moment 0–700 ms after mail has flowed since it started, and starts a new one at once.
    type Slot = { child: ChildProcess; done: Promise<number | null>; finished: boolean; receivedAtStart: number };
    const spawnSlot = (): Slot => {
      const child = startDispatcher();
      const slot: Slot = { child, done: exited(child), finished: false, receivedAtStart: received() };
      void slot.done.then(() => { slot.finished = true; });
      return slot;
    };
    const slots = [spawnSlot(), spawnSlot()];
    while (kills < minimumKills) {
      const index = kills % slots.length;
      const slot = slots[index]!;
      while (!slot.finished && received() <= slot.receivedAtStart) await new Promise((r) => setTimeout(r, 20));
      if (slot.finished) break;
      await new Promise((r) => setTimeout(r, Math.floor(random() * 700)));
      if (slot.finished) break;
      slot.child.kill('SIGKILL');
      await slot.done;
      kills += 1;
      killedWhileSending.push(received());
      slots[index] = spawnSlot();
    }
    for (const slot of slots) await slot.done;
    const killPhaseMs = Date.now() - started;
    const sentDuringKills = received();
    // Let dispatchers run to the end (rows a killed worker held come back when their 2-second lease expires).
    for (let round = 0; round < 20 && (await sentCount()) < messages; round++) {
      const child = startDispatcher();
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
      child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
      const code = await exited(child);
      expect(code, output).toBe(0);
      if ((await sentCount()) < messages) await new Promise((r) => setTimeout(r, 2100));
    }

    expect(kills).toBeGreaterThanOrEqual(minimumKills);
    // Every kill happened while messages were being delivered (the log grew between kills).
    expect(killedWhileSending.at(-1)!).toBeLessThan(messages);

    // Every intended message arrived exactly once.
    const log = readFileSync(receivedLog, 'utf8').split('\n').filter((line) => line !== '');
    const counts = new Map<string, number>();
    for (const id of log) counts.set(id, (counts.get(id) ?? 0) + 1);
    const duplicates = [...counts].filter(([, n]) => n > 1);
    expect(duplicates).toEqual([]);
    expect(new Set(log)).toEqual(new Set(intended.map((row) => row.message_id)));
    expect(log).toHaveLength(messages);

    // Every attempt is recorded: one 'sent' attempt per message, none left in flight, all carrying the Message-ID.
    const { rows: attempts } = await db.query<{ status: string; n: bigint; reconciled: bigint }>(
      `SELECT status, count(*) AS n, count(*) FILTER (WHERE detail ? 'reconciled') AS reconciled FROM contact_attempt WHERE tenant_id = $1 GROUP BY status ORDER BY status`, [tenantId]);
    const byStatus = Object.fromEntries(attempts.map((row) => [row.status, Number(row.n)]));
    expect(byStatus.sending ?? 0).toBe(0);
    expect(byStatus.sent).toBe(messages);
    const { rows: perMessage } = await db.query<{ n: bigint }>(
      `SELECT count(*) AS n FROM outreach_outbox o WHERE o.tenant_id = $1 AND (SELECT count(*) FROM contact_attempt a WHERE a.tenant_id = o.tenant_id AND a.outbox_id = o.id AND a.status = 'sent' AND a.message_id = o.message_id) <> 1`, [tenantId]);
    expect(Number(perMessage[0]!.n)).toBe(0);
    // The crashes left work in flight, and reconciliation settled it (sent after all, or resent).
    const reconciled = attempts.reduce((sum, row) => sum + Number(row.reconciled), 0);
    expect(reconciled).toBeGreaterThan(0);
    const { rows: sentEvents } = await db.query<{ n: bigint }>(`SELECT count(*) AS n FROM audit_event WHERE tenant_id = $1 AND type = 'outreach.contact_sent'`, [tenantId]);
    expect(Number(sentEvents[0]!.n)).toBe(messages);
    console.log(`exactly-once: kill phase ${killPhaseMs} ms (${sentDuringKills} received), whole dispatch ${Date.now() - started} ms`);
    console.log(`exactly-once: ${messages} messages, ${kills} SIGKILLs, attempts by status ${JSON.stringify(byStatus)}, ${reconciled} settled by reconciliation`);
  }, 240_000);
});
