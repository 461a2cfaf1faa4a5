// Outreach benchmark (issue #4, point 7): the daily cycle over a synthetic book of 1M accounts, outbox only
// (nothing is sent), on PostgreSQL. Target: under 60 s with RSS under 2 GB. The book is written with
// generate_series (one account, one invoice and its charge, an email and a postal address per debtor; one
// debtor in three a consumer), so the figure is the cycle's own: strategy evaluation, the compliance gate for
// every intended contact, interest and fees, and the outbox writes, in batches of debtors.
// Size: RECOUP_BENCH_OUTREACH_ACCOUNTS (default 1,000,000); batches in flight: RECOUP_BENCH_OUTREACH_CONCURRENCY
// (default: the cycle's own, 2 on PostgreSQL); server: DATABASE_URL (default 127.0.0.1:5432/test).
import { findPostgresEngine } from './support/bench-database.ts';
import { formatDuration, formatMegabytes, measure, readPeakRssBytes, readRssBytes, startHeartbeat } from './support/bench-measure.ts';
import { writeSyntheticBook } from '../test/support/synthetic-book.ts';
import { runDailyCycle } from '../src/app/outreach/run-daily-cycle.ts';
import { syncStrategies } from '../src/app/outreach/strategy-store.ts';

export async function run(): Promise<void> {
  const accounts = Number(process.env.RECOUP_BENCH_OUTREACH_ACCOUNTS ?? 1_000_000);
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const engine = await findPostgresEngine(url);
  if ('unavailable' in engine) {
    console.log(`outreach: PostgreSQL not available at ${url} (${engine.unavailable}); the benchmark runs on PostgreSQL only`);
    return;
  }
  const book = await engine.openFreshBook('outreach');
  const tenantId = 'bench';
  const asOf = '2026-11-24';
  try {
    console.log(`outreach: ${accounts.toLocaleString('en-US')} accounts on ${engine.label}`);
    const stopWrite = startHeartbeat('outreach: writing the synthetic book');
    const written = await measure(() => writeSyntheticBook(book.db, {
      tenantId, debtors: accounts, asOf, consumerEvery: 3, minDaysPastDue: -5, dpdSpread: 120, chunk: 100_000, analyze: (tables) => book.settle(tables),
    }));
    stopWrite();
    // A day in the life: every account that had entered its strategy by yesterday is enrolled, with the steps
    // due by yesterday done (as the cycles of the previous days left them); today the cycle finds what is due.
    await syncStrategies(book.db, tenantId, 'bench');
    const enrolled = await measure(() => book.db.query(
      `INSERT INTO strategy_enrolment (tenant_id, account_id, debtor_id, strategy_id, strategy_version, arm, entered_on, steps_done, status, last_evaluated_on)
       SELECT a.tenant_id, a.id, a.debtor_id, s.id, s.version, 'champion', x.entered_on,
              COALESCE((SELECT array_agg(step->>'id') FROM jsonb_array_elements(s.definition->'steps') step
                        WHERE (CASE WHEN step->>'from' = 'entry' THEN x.entered_on ELSE i.due_date END) + (step->>'offsetDays')::int < $2::date), '{}'),
              'active', $2::date - 1
       FROM account a
       JOIN debtor d ON d.tenant_id = a.tenant_id AND d.id = a.debtor_id
       JOIN invoice i ON i.tenant_id = a.tenant_id AND i.account_id = a.id
       JOIN outreach_strategy s ON s.tenant_id = a.tenant_id AND s.id = CASE WHEN d.debt_purpose = 'consumer' THEN 'consumer-default' ELSE 'commercial-default' END
       CROSS JOIN LATERAL (SELECT CASE WHEN d.debt_purpose = 'consumer' THEN i.due_date + 1 ELSE i.due_date - 7 END AS entered_on) x
       WHERE a.tenant_id = $1 AND x.entered_on < $2::date`, [tenantId, asOf]));
    console.log(`outreach: ${enrolled.value.rowCount.toLocaleString('en-US')} accounts enrolled as of yesterday in ${formatDuration(enrolled.elapsedMs)}`);
    const settled = await measure(() => book.settle(['debtor', 'account', 'invoice', 'ledger_entry', 'contact_point', 'strategy_enrolment']));
    console.log(`outreach: book written in ${formatDuration(written.elapsedMs)} (generate_series), settled in ${formatDuration(settled.elapsedMs)}`);

    let peakRss = readRssBytes();
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, readRssBytes()); }, 100);
    const stopCycle = startHeartbeat('outreach: daily cycle');
    const cycle = await measure(() => runDailyCycle(book.db, {
      tenantId, actor: 'bench', businessDate: asOf, now: new Date(`${asOf}T17:00:00Z`), publicUrl: 'https://pay.example.test', batchSize: 5000,
      ...(process.env.RECOUP_BENCH_OUTREACH_CONCURRENCY ? { concurrency: Number(process.env.RECOUP_BENCH_OUTREACH_CONCURRENCY) } : {}),
    }));
    stopCycle();
    clearInterval(sampler);
    peakRss = Math.max(peakRss, readRssBytes());
    const summary = cycle.value;
    const { rows } = await book.db.query<{ n: bigint }>(`SELECT count(*) AS n FROM outreach_outbox WHERE tenant_id = $1`, [tenantId]);
    const perSecond = summary.accountsEvaluated / (cycle.elapsedMs / 1000);
    console.log([
      `outreach: daily cycle over ${summary.accountsEvaluated.toLocaleString('en-US')} accounts (${summary.debtorsEvaluated.toLocaleString('en-US')} debtors): ${formatDuration(cycle.elapsedMs)} ` +
        `(${Math.round(perSecond).toLocaleString('en-US')} accounts/s; target < 60 s: ${cycle.elapsedMs < 60_000 ? 'met' : 'NOT met'})`,
      `outreach: ${summary.contactsQueued.toLocaleString('en-US')} queued, ${summary.contactsDelayed.toLocaleString('en-US')} delayed, ${summary.contactsBlocked.toLocaleString('en-US')} blocked ` +
        `${JSON.stringify(summary.blockedByReason)}; ${summary.enrolled.toLocaleString('en-US')} enrolled; ${summary.chargesPosted.toLocaleString('en-US')} interest and fee entries; ${Number(rows[0]!.n).toLocaleString('en-US')} outbox rows`,
      `outreach: RSS peak during the cycle ${formatMegabytes(peakRss)} (process peak ${formatMegabytes(readPeakRssBytes())}; target < 2 GB: ${peakRss < 2 * 1024 ** 3 ? 'met' : 'NOT met'})`,
    ].join('\n'));
  } finally {
    await book.dispose();
  }
}
