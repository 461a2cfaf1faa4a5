// Outreach on a schedule inside `npm start` (issue #4, point 4): the daily cycle once a day at `dailyAt`
// (UTC), and the dispatcher every `dispatchEverySeconds`. On PostgreSQL the work runs on pg-boss queues (a
// cron schedule for the cycle, a singleton per business date, and a dispatch queue), so several processes on
// several machines share it; the outbox claim (FOR UPDATE SKIP LOCKED with a lease) keeps each message with
// one worker at a time. On the embedded database (one process by construction) plain timers do the same.
import PgBoss from 'pg-boss';
import type { Database } from '../../adapters/db/database.ts';
import { runDailyCycle, type DailyCycleSummary } from './run-daily-cycle.ts';
import { dispatchOutbox, type OutreachChannels, type DispatchSummary } from './dispatch-outbox.ts';

export type OutreachSchedulerOptions = {
  tenantId: string;
  actor: string;
  publicUrl: string;
  channels: OutreachChannels;
  /** "HH:MM" UTC at which the daily cycle runs (default 06:00). */
  dailyAt?: string;
  dispatchEverySeconds?: number;
  workerId?: string;
  /** PostgreSQL only: connection string and schema for pg-boss (default schema "recoup_pgboss"). */
  postgres?: { connectionString: string; schema?: string };
  log?: (line: string) => void;
  /** Run today's cycle at start when `dailyAt` has passed and it has not run (default false: wait for the next `dailyAt`). */
  runAtStart?: boolean;
  onCycle?: (summary: DailyCycleSummary) => void;
  onDispatch?: (summary: DispatchSummary) => void;
};

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

async function cycleDoneFor(db: Database, tenantId: string, businessDate: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM audit_event WHERE tenant_id = $1 AND type = 'outreach.cycle_completed' AND payload->>'businessDate' = $2 LIMIT 1`, [tenantId, businessDate]);
  return rows.length > 0;
}

/** Starts the schedule; resolves to a function that stops it (waits for running work to finish). */
export async function startOutreachScheduler(db: Database, options: OutreachSchedulerOptions): Promise<() => Promise<void>> {
  const log = options.log ?? (() => undefined);
  const dailyAt = options.dailyAt ?? '06:00';
  const [hour, minute] = dailyAt.split(':').map(Number) as [number, number];
  const workerId = options.workerId ?? `worker-${process.pid}`;
  const runCycle = async (businessDate: string) => {
    if (await cycleDoneFor(db, options.tenantId, businessDate)) return;
    const summary = await runDailyCycle(db, { tenantId: options.tenantId, actor: options.actor, businessDate, now: new Date(), publicUrl: options.publicUrl });
    log(`outreach: daily cycle ${businessDate}: ${summary.accountsEvaluated} accounts evaluated, ${summary.contactsQueued} queued, ${summary.contactsDelayed} delayed, ${summary.contactsBlocked} blocked`);
    options.onCycle?.(summary);
  };
  const runDispatch = async () => {
    const summary = await dispatchOutbox(db, { tenantId: options.tenantId, actor: options.actor, workerId, channels: options.channels });
    if (summary.claimed > 0) log(`outreach: dispatched ${summary.sent} sent, ${summary.rescheduled} rescheduled, ${summary.blocked} blocked, ${summary.failed} failed`);
    options.onDispatch?.(summary);
  };
  const due = (now: Date) => now.getUTCHours() * 60 + now.getUTCMinutes() >= hour * 60 + minute;

  if (options.postgres !== undefined) {
    const boss = new PgBoss({ connectionString: options.postgres.connectionString, schema: options.postgres.schema ?? 'recoup_pgboss' });
    boss.on('error', (error) => log(`outreach: pg-boss: ${error.message}`));
    await boss.start();
    const cycleQueue = `outreach-daily-${options.tenantId}`;
    const dispatchQueue = `outreach-dispatch-${options.tenantId}`;
    await boss.createQueue(cycleQueue);
    await boss.createQueue(dispatchQueue);
    await boss.schedule(cycleQueue, `${minute} ${hour} * * *`, {}, { tz: 'UTC' });
    await boss.schedule(dispatchQueue, '* * * * *', {}, { tz: 'UTC' });
    await boss.work(cycleQueue, async () => {
      await runCycle(dayOf(new Date()));
      // Send what the cycle queued now rather than at the next minute.
      await boss.send(dispatchQueue, {});
    });
    await boss.work(dispatchQueue, { pollingIntervalSeconds: 1 }, async () => runDispatch());
    // Catch up at start when asked and today's cycle is due (singleton per business date: one process runs it).
    if (options.runAtStart === true && due(new Date())) await boss.send(cycleQueue, {}, { singletonKey: dayOf(new Date()) });
    return async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    };
  }

  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  // The day the process started counts as done unless asked to catch up: the cycle runs when the clock passes dailyAt.
  let lastCycleDay = options.runAtStart === true || !due(new Date()) ? '' : dayOf(new Date());
  const tick = () => {
    if (stopped) return;
    running = (async () => {
      try {
        const now = new Date();
        if (due(now) && lastCycleDay !== dayOf(now)) {
          lastCycleDay = dayOf(now);
          await runCycle(dayOf(now));
        }
        await runDispatch();
      } catch (error) {
        log(`outreach: ${(error as Error).message}`);
      }
    })();
    void running.then(() => {
      if (!stopped) timer = setTimeout(tick, (options.dispatchEverySeconds ?? 60) * 1000);
    });
  };
  tick();
  return async () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    await running;
  };
}

/**
 * What `recoup serve` (npm start) calls: channels from the environment (RECOUP_SMTP_*, RECOUP_SMS_*,
 * RECOUP_LETTER_DIR), pg-boss on PostgreSQL (schema `<RECOUP_DB_SCHEMA or recoup>_pgboss`), the daily cycle at
 * RECOUP_OUTREACH_DAILY_AT (UTC, default 06:00; RECOUP_OUTREACH_RUN_AT_START=1 to catch up at once), dispatch every
 * minute. RECOUP_OUTREACH=off turns it off. Returns the stop function.
 */
export async function startOutreachForServe(db: Database, input: { env: Record<string, string | undefined>; cwd: string; tenantId: string; publicUrl: string; log: (line: string) => void }): Promise<() => Promise<void>> {
  if (input.env.RECOUP_OUTREACH === 'off') return async () => undefined;
  const { buildOutreachChannelsFromEnv } = await import('./outreach-channels-from-env.ts');
  const { channels, close } = await buildOutreachChannelsFromEnv(input.env, input.cwd);
  const url = input.env.DATABASE_URL;
  const stop = await startOutreachScheduler(db, {
    tenantId: input.tenantId, actor: 'system:outreach', publicUrl: input.publicUrl, channels, log: input.log,
    dailyAt: input.env.RECOUP_OUTREACH_DAILY_AT || '06:00', runAtStart: input.env.RECOUP_OUTREACH_RUN_AT_START === '1',
    ...(url !== undefined && /^postgres(ql)?:\/\//.test(url) ? { postgres: { connectionString: url, schema: `${input.env.RECOUP_DB_SCHEMA || 'recoup'}_pgboss` } } : {}),
  });
  return async () => {
    await stop();
    close();
  };
}
