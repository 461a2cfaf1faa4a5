import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseCommandArgs } from '../args.ts';
import { UsageError, UserError, type Io } from '../io.ts';
import { formatTable, todayUtc, toJson, withBook } from '../context.ts';
import { outreachChannels, type OutreachChannel } from '../../domain/outreach/strategy-definition.ts';
// Each verb loads what it needs (PDF, mail parsing, the gate), so a dispatcher process starts quickly.
import { isCalendarDate } from '../../domain/shared/calendar-date.ts';

export const usage = `Usage: recoup outreach <verb> [options]

  dispatch [--limit N] [--worker ID] [--lease-seconds N] [--batch N] [--json]
      Sends the due outbox messages through the configured channels, asking the compliance gate again first.
      Several dispatchers may run at once (each message is claimed by one). Channels: RECOUP_SMTP_HOST/PORT/
      SECURE/REQUIRE_TLS/USER/PASSWORD/FROM (email), RECOUP_SMS_URL/ACCOUNT_SID/AUTH_TOKEN/FROM (SMS),
      RECOUP_LETTER_DIR (letters as PDF, default ./recoup-letters).
  preview --debtor REF --template NAME [--channel email|sms|letter|call_task] [--locale en|es] [--as-of DATE] [--json]
      Shows the consolidated notice, the gate's decision and the rendered message, without sending anything.
  strategies validate [FILE|DIR ...]
      Validates strategy files (default: strategies/); problems name the file, line and field (exit 1).
  templates [--json]
      Lists the templates per locale and channel.
  bounce FILE.eml [--json]
      Records a bounce (DSN): the address is marked unusable and the step moves to the next channel.
  print [--date DATE]
      Writes the day's letters into one print file (RECOUP_LETTER_DIR/DATE/print-DATE.pdf).
`;

export async function run(verb: string | undefined, args: string[], io: Io): Promise<number> {
  switch (verb) {
    case 'dispatch': return dispatch(args, io);
    case 'preview': return preview(args, io);
    case 'strategies': return strategies(args, io);
    case 'templates': return templates(args, io);
    case 'bounce': return bounce(args, io);
    case 'print': return print(args, io);
    default: throw new UsageError(verb === undefined ? 'which outreach command? (dispatch, preview, strategies, templates, bounce, print)' : `unknown verb "${verb}"`);
  }
}

async function dispatch(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, {
    limit: { type: 'string' }, worker: { type: 'string' }, 'lease-seconds': { type: 'string' }, batch: { type: 'string' }, json: { type: 'boolean' },
  }, false);
  const number = (name: 'limit' | 'lease-seconds' | 'batch') => {
    if (values[name] === undefined) return undefined;
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value <= 0) throw new UserError(`--${name}: "${values[name]}" is not a positive whole number`, `--${name}`);
    return value;
  };
  const { dispatchOutbox } = await import('../../app/outreach/dispatch-outbox.ts');
  const { buildOutreachChannelsFromEnv } = await import('../../app/outreach/outreach-channels-from-env.ts');
  const { channels, close, configured } = await buildOutreachChannelsFromEnv(io.env, io.cwd);
  try {
    const limit = number('limit');
    const lease = number('lease-seconds');
    const batch = number('batch');
    const summary = await withBook(io, ({ db, tenantId, actor }) => dispatchOutbox(db, {
      tenantId, actor, channels, workerId: values.worker ?? `cli-${process.pid}`,
      ...(limit !== undefined ? { limit } : {}), ...(lease !== undefined ? { leaseMs: lease * 1000 } : {}), ...(batch !== undefined ? { batchSize: batch } : {}),
    }));
    if (values.json) io.stdout(toJson({ channels: configured, ...summary }));
    else {
      io.stdout(`Dispatched through ${configured.join(', ') || 'no channel'}: ${summary.sent} sent, ${summary.reconciled} reconciled after a crash, ` +
        `${summary.callTasks} call tasks, ${summary.rescheduled} rescheduled, ${summary.blocked} blocked, ${summary.failed} failed, ${summary.rerouted} moved to another channel.\n`);
    }
    return 0;
  } finally {
    close();
  }
}

async function preview(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, {
    debtor: { type: 'string' }, template: { type: 'string' }, channel: { type: 'string' }, locale: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' },
  }, false);
  if (values.debtor === undefined) throw new UsageError('--debtor is required');
  if (values.template === undefined) throw new UsageError('--template is required');
  if (values.channel !== undefined && !(outreachChannels as readonly string[]).includes(values.channel)) {
    throw new UserError(`--channel: "${values.channel}" is not one of ${outreachChannels.join(', ')}`, '--channel');
  }
  const asOf = values['as-of'] ?? todayUtc();
  if (!isCalendarDate(asOf)) throw new UserError(`--as-of: "${asOf}" is not a date (YYYY-MM-DD)`, '--as-of');
  const now = asOf === todayUtc() ? new Date() : new Date(`${asOf}T17:00:00Z`);
  const { previewContact } = await import('../../app/outreach/manual-contact.ts');
  const result = await withBook(io, ({ db, tenantId }) => previewContact(db, {
    tenantId, debtor: values.debtor!, template: values.template!, channel: values.channel as OutreachChannel | undefined, locale: values.locale,
    now, businessDate: asOf, publicUrl: io.env.RECOUP_PUBLIC_URL || 'http://127.0.0.1:3000',
  }));
  if (!result.ok) throw new UserError(`${result.field ? `--${result.field}: ` : ''}${result.message}`, result.field);
  const value = result.value;
  if (values.json) {
    io.stdout(toJson(value));
    return 0;
  }
  io.stdout(`To: ${value.to ?? '(no address)'} by ${value.channel}\nGate: ${value.decision.decision}` +
    `${value.decision.allow_after_utc ? ` (not before ${value.decision.allow_after_utc})` : ''}` +
    `${value.decision.reason_ids.length > 0 ? ` — ${value.decision.reason_ids.join(', ')}` : ''}\n` +
    `Disclosures: ${value.decision.required_disclosures.join(', ') || 'none'}\n\n`);
  if (value.rendered === undefined) {
    io.stdout(`${value.decision.reasons.map((reason) => `- ${reason.explanation}`).join('\n')}\n`);
    return 0;
  }
  if (value.rendered.subject !== undefined) io.stdout(`Subject: ${value.rendered.subject}\n\n`);
  io.stdout(value.rendered.text.endsWith('\n') ? value.rendered.text : `${value.rendered.text}\n`);
  return 0;
}

async function strategies(args: string[], io: Io): Promise<number> {
  const [action, ...paths] = args;
  if (action !== 'validate') throw new UsageError('usage: recoup outreach strategies validate [FILE|DIR ...]');
  const { defaultStrategyDir, readStrategyFiles, StrategyFileError } = await import('../../app/outreach/strategy-store.ts');
  const { formatStrategyProblems } = await import('../../domain/outreach/parse-strategy.ts');
  let files;
  try {
    files = readStrategyFiles(paths.length > 0 ? paths.map((path) => (path.startsWith('/') ? path : `${io.cwd}/${path}`)) : [defaultStrategyDir]);
  } catch (error) {
    if (error instanceof StrategyFileError) throw new UserError(error.message);
    throw error;
  }
  let failed = 0;
  for (const file of files) {
    if (file.result.ok) io.stdout(`${basename(file.file)}: ok (${file.result.strategy.id} version ${file.result.strategy.version}, ${file.result.strategy.steps.length} steps)\n`);
    else {
      failed += 1;
      io.stderr(`${formatStrategyProblems(basename(file.file), file.result.problems)}\n`);
    }
  }
  if (files.length === 0) throw new UserError('no strategy files found');
  return failed > 0 ? 1 : 0;
}

async function templates(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean' } }, false);
  const { listTemplates } = await import('../../app/outreach/manual-contact.ts');
  const list = listTemplates();
  if (values.json) io.stdout(toJson(list));
  else io.stdout(formatTable(['template', 'locale', 'channels'], list.map((entry) => [entry.template, entry.locale, entry.channels.join(', ')])));
  return 0;
}

async function bounce(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('give one bounce message file (.eml)');
  let raw: Buffer;
  try {
    raw = readFileSync(positionals[0]!.startsWith('/') ? positionals[0]! : `${io.cwd}/${positionals[0]}`);
  } catch (error) {
    throw new UserError(`${positionals[0]}: ${(error as Error).message}`);
  }
  const { handleBounceMessage } = await import('../../app/outreach/handle-bounce.ts');
  const result = await withBook(io, ({ db, tenantId, actor }) => handleBounceMessage(db, { tenantId, actor, raw, now: new Date() }));
  if (values.json) io.stdout(toJson(result));
  else if (!result.matched) {
    throw new UserError(`${positionals[0]}: not a bounce of a message Recoup sent (no delivery report naming a known Message-ID)`);
  } else {
    io.stdout(`Bounce recorded for attempt ${result.outcome!.attemptId} (${result.permanent ? 'permanent' : 'temporary'})` +
      `${result.outcome!.contactPointMarked ? '; the address is marked unusable' : ''}${result.outcome!.reroutedTo ? `; moved on to ${result.outcome!.reroutedTo}` : ''}.\n`);
  }
  return 0;
}

async function print(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, { date: { type: 'string' } }, false);
  const date = values.date ?? todayUtc();
  if (!isCalendarDate(date)) throw new UserError(`--date: "${date}" is not a date (YYYY-MM-DD)`, '--date');
  const { letterConfigFromEnv, writeDailyPrintFile } = await import('../../adapters/letters/letter-channel.ts');
  const { path, letters } = await writeDailyPrintFile(letterConfigFromEnv(io.env, io.cwd), date);
  io.stdout(`${letters} letters in ${path}\n`);
  return 0;
}
