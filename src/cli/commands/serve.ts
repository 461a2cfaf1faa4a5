import { parseCommandArgs } from '../args.ts';
import { UserError, type Io } from '../io.ts';
import { formatTable, todayUtc } from '../context.ts';
import { databaseConfigFromEnv, openRecoupDatabase } from '../../adapters/db/open-recoup-database.ts';
import { DEFAULT_TENANT, ensureTenant } from '../../app/book/ensure-tenant.ts';
import { loadExampleBookIfEmpty } from '../../app/book/load-example-book.ts';
import { loadBookSummary } from '../../app/book/load-book-summary.ts';
import { startHttpServer } from '../../adapters/http/server.ts';
import { ensureFirstUsers } from '../../app/auth/first-users.ts';
import { refreshWorkQueue } from '../../app/workbench/work-queue.ts';
import { formatAmount } from '../../domain/money/money.ts';

export const usage = `Usage: recoup serve [--port N] [--no-example] [--once]

Opens the book (PostgreSQL when DATABASE_URL is set, otherwise the embedded database in
RECOUP_DATA_DIR, default ./recoup-data), applies migrations, loads the example book when the book is
empty (unless --no-example), prints what is in it, and serves the web app (workbench, dashboard), the
debtor portal (/portal) and the JSON API (/api, described at /api/openapi.json) on one port: PORT
(default 3000), on HOST (default 127.0.0.1). On first start it creates an admin, a supervisor and a
specialist, and prints their generated passwords once. Behind https set RECOUP_SECURE_COOKIES=1, behind a
reverse proxy RECOUP_TRUST_PROXY=1, and RECOUP_PUBLIC_URL to the address debtors use.
  --once   load and print, then exit without serving (used by scripts and tests)
`;

export async function run(_verb: string | undefined, args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, { port: { type: 'string' }, 'no-example': { type: 'boolean' }, once: { type: 'boolean' } }, false);
  const port = Number(values.port ?? io.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port: "${values.port ?? io.env.PORT}" is not a port number`, '--port');
  const config = databaseConfigFromEnv(io.env, io.cwd);
  const db = await openRecoupDatabase(config);
  const tenantId = io.env.RECOUP_TENANT || DEFAULT_TENANT;
  try {
    await ensureTenant(db, tenantId);
    io.stdout(`Recoup on ${db.description}, tenant "${tenantId}".\n`);
    if (!values['no-example']) {
      const now = new Date();
      const loaded = await loadExampleBookIfEmpty(db, { tenantId, today: todayUtc(now), now });
      if (loaded !== null) {
        io.stdout(`The book was empty: loaded the example book (${loaded.debtorsCreated.toLocaleString('en-US')} debtors, ` +
          `${loaded.invoicesCreated.toLocaleString('en-US')} invoices, ${loaded.paymentsPosted.toLocaleString('en-US')} payments) in ${(loaded.elapsedMs / 1000).toFixed(1)} s.\n`);
      }
    }
    const summary = await loadBookSummary(db, tenantId);
    io.stdout(`\n${summary.debtors.toLocaleString('en-US')} debtors, ${summary.accounts.toLocaleString('en-US')} accounts, ` +
      `${summary.invoices.toLocaleString('en-US')} invoices, ${summary.ledgerEntries.toLocaleString('en-US')} ledger entries.\n`);
    if (summary.receivables.length > 0) {
      io.stdout(formatTable(['currency', 'receivable', 'credit balances'], summary.receivables.map((r) => [
        r.currency, formatAmount(BigInt(r.receivableMinor), r.currency), formatAmount(BigInt(r.creditBalanceMinor), r.currency),
      ]), new Set([1, 2])));
    }
    io.stdout(`\nTry: npx recoup report aging --as-of ${todayUtc()}   (and: npx recoup --help)\n`);
    const now = new Date();
    const firstUsers = await ensureFirstUsers(db, { tenantId, now });
    if (firstUsers.length > 0) {
      io.stdout('\nFirst start: created these users. Their passwords are shown this once; keep them safe\n' +
        '(add more with `npx recoup user add`):\n' + formatTable(['role', 'email', 'password'], firstUsers.map((user) => [user.role, user.email, user.password])));
    }
    await refreshWorkQueue(db, { tenantId, today: todayUtc(now) });
    if (values.once) return 0;
    const host = io.env.HOST || '127.0.0.1';
    const server = await startHttpServer({
      db, portalTenantId: tenantId, secureCookies: io.env.RECOUP_SECURE_COOKIES === '1', publicUrl: io.env.RECOUP_PUBLIC_URL || `http://${host}:${port}/`,
      letterDir: io.env.RECOUP_LETTER_DIR || `${io.cwd}/recoup-letters`, trustProxy: io.env.RECOUP_TRUST_PROXY === '1',
    }, port, host);
    io.stdout(`\nServing on ${server.url}  (Ctrl+C to stop)\n` +
      `  workbench and dashboard: ${server.url}  (sign in with a user above, or one from \`npx recoup user add\`)\n` +
      `  debtor portal:           ${server.url}portal\n` +
      `  API:                     ${server.url}api/openapi.json\n`);
    // Outreach on a schedule (issue #4): the daily cycle at RECOUP_OUTREACH_DAILY_AT, the dispatcher every minute.
    const stopOutreach = await (await import('../../app/outreach/start-outreach-scheduler.ts')).startOutreachForServe(db, {
      env: io.env, cwd: io.cwd, tenantId, publicUrl: io.env.RECOUP_PUBLIC_URL || server.url, log: (line) => io.stdout(`${line}\n`),
    });
    await new Promise<void>((resolve) => {
      const stop = () => { void stopOutreach().then(() => server.close()).then(() => resolve()); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  } finally {
    await db.close();
  }
}
