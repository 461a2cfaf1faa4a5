import { parseCommandArgs } from '../args.ts';
import { UsageError, UserError, type Io } from '../io.ts';
import { formatTable, todayUtc, toJson, withBook } from '../context.ts';
import { runDailyCycle } from '../../app/outreach/run-daily-cycle.ts';
import { StrategyFileError } from '../../app/outreach/strategy-store.ts';
import { isCalendarDate } from '../../domain/shared/calendar-date.ts';

export const usage = `Usage: recoup run daily [--as-of YYYY-MM-DD] [--now INSTANT] [--strategies DIR] [--json]

Runs the daily outreach cycle: posts interest and fees per strategy policy, evaluates the strategies for
every account, asks the compliance gate about each intended contact and writes the contacts to the outbox
(sent by \`recoup outreach dispatch\`, or by \`npm start\` on its schedule). Prints the accounts evaluated and
the contacts queued, delayed (the gate names a later time) and blocked, by reason.
Running it again for the same date queues nothing twice.

  --as-of       the business date (default: today, UTC)
  --now         the instant the gate is asked about (default: now when --as-of is today, else 17:00 UTC that day)
  --strategies  load strategies from this directory (default: strategies/ of the installation)
Links in messages use RECOUP_PUBLIC_URL (default http://127.0.0.1:3000).
`;

export async function run(verb: string | undefined, args: string[], io: Io): Promise<number> {
  if (verb !== 'daily') throw new UsageError(verb === undefined ? 'which run? (daily)' : `unknown verb "${verb}"`);
  const { values } = parseCommandArgs(args, { 'as-of': { type: 'string' }, now: { type: 'string' }, strategies: { type: 'string' }, json: { type: 'boolean' } }, false);
  const today = todayUtc();
  const asOf = values['as-of'] ?? today;
  if (!isCalendarDate(asOf)) throw new UserError(`--as-of: "${asOf}" is not a date (YYYY-MM-DD)`, '--as-of');
  const now = values.now !== undefined ? new Date(values.now) : asOf === today ? new Date() : new Date(`${asOf}T17:00:00Z`);
  if (Number.isNaN(now.getTime())) throw new UserError(`--now: "${values.now}" is not an instant (ISO 8601)`, '--now');
  const summary = await withBook(io, async ({ db, tenantId, actor }) => {
    try {
      return await runDailyCycle(db, {
        tenantId, actor, businessDate: asOf, now, publicUrl: io.env.RECOUP_PUBLIC_URL || 'http://127.0.0.1:3000',
        ...(values.strategies !== undefined ? { strategyDir: values.strategies } : {}),
      });
    } catch (error) {
      if (error instanceof StrategyFileError) throw new UserError(error.message, '--strategies');
      throw error;
    }
  });
  if (values.json) {
    io.stdout(toJson(summary));
    return 0;
  }
  io.stdout(`Daily cycle ${summary.businessDate}: ${summary.accountsEvaluated} accounts evaluated (${summary.debtorsEvaluated} debtors), ` +
    `${summary.enrolled} entered a strategy, ${summary.exited} left one, ${summary.chargesPosted} interest and fee entries posted.\n` +
    `Contacts: ${summary.contactsQueued} queued, ${summary.contactsDelayed} delayed, ${summary.contactsBlocked} blocked.\n`);
  const reasons = Object.entries(summary.blockedByReason).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (reasons.length > 0) io.stdout(`\n${formatTable(['blocked by', 'contacts'], reasons.map(([reason, count]) => [reason, String(count)]), new Set([1]))}`);
  return 0;
}
