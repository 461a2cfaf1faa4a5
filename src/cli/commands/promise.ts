import { parseCommandArgs } from '../args.ts';
import { UsageError, UserError, type Io } from '../io.ts';
import { formatTable, todayUtc, toJson, withBook } from '../context.ts';
import { recordPromise, promiseChannels, type PromiseChannel } from '../../app/negotiation/record-promise.ts';
import { evaluatePromises } from '../../app/negotiation/evaluate-promises.ts';
import { listPromises, loadPromiseStatistics } from '../../app/negotiation/list-promises.ts';
import { formatAmount, isKnownCurrency, parseAmount } from '../../domain/money/money.ts';
import { isCalendarDate } from '../../domain/shared/calendar-date.ts';
import type { PromiseStatus } from '../../domain/negotiation/decide-promise-outcomes.ts';

export const usage = `Usage: recoup promise add --account REF --amount 50.00 --currency USD --date YYYY-MM-DD --channel call|email|sms|letter|portal|in_person|other
                           --idempotency-key KEY [--taken-by WHO] [--role ROLE] [--as-of YYYY-MM-DD] [--note TEXT] [--json]
       recoup promise list [--debtor REF] [--status pending|kept|partially_kept|broken|cancelled] [--taken-by WHO] [--json]
       recoup promise evaluate [--as-of YYYY-MM-DD] [--json]
       recoup promise stats [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]

A promise to pay is kept when the debtor's posted payments reach its amount between the day it was made
and its date plus the grace days of the creditor's policy (default 3); after that it is broken (nothing
paid) or partially kept. \`evaluate\` decides every pending promise as of the date (default today) and
prints the broken ones: their accounts' strategies resume or escalate. \`stats\` prints kept rates per
specialist (who took the promise; default the actor, RECOUP_ACTOR) and overall.
See docs/promises-and-settlements.md.
`;

const statuses = ['pending', 'kept', 'partially_kept', 'broken', 'cancelled'];

function dateOption(value: string | undefined, option: string, fallback?: string): string {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`${option} is required`);
    return fallback;
  }
  if (!isCalendarDate(value)) throw new UserError(`${option}: "${value}" is not a date (YYYY-MM-DD)`, option);
  return value;
}

export async function run(verb: string | undefined, args: string[], io: Io): Promise<number> {
  switch (verb) {
    case 'add': return add(args, io);
    case 'list': return list(args, io);
    case 'evaluate': return evaluate(args, io);
    case 'stats': return stats(args, io);
    default: throw new UsageError(verb === undefined ? 'which promise command? (add, list, evaluate, stats)' : `unknown verb "${verb}"`);
  }
}

async function add(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, {
    account: { type: 'string' }, amount: { type: 'string' }, currency: { type: 'string' }, date: { type: 'string' }, channel: { type: 'string' },
    'taken-by': { type: 'string' }, role: { type: 'string' }, 'as-of': { type: 'string' }, note: { type: 'string' }, 'idempotency-key': { type: 'string' }, json: { type: 'boolean' },
  }, false);
  for (const name of ['account', 'amount', 'currency', 'date', 'channel', 'idempotency-key'] as const) {
    if (values[name] === undefined) throw new UsageError(`--${name} is required`);
  }
  const currency = values.currency!.toUpperCase();
  if (!isKnownCurrency(currency)) throw new UserError(`--currency: "${values.currency}" is not an ISO 4217 currency code`, '--currency');
  const amount = parseAmount(values.amount!, currency);
  if (!amount.ok) throw new UserError(`--amount: ${amount.message}`, '--amount');
  if (!(promiseChannels as readonly string[]).includes(values.channel!)) throw new UserError(`--channel: "${values.channel}" is not one of ${promiseChannels.join(', ')}`, '--channel');
  const promisedOn = dateOption(values.date, '--date');
  const asOf = dateOption(values['as-of'], '--as-of', todayUtc());
  const result = await withBook(io, ({ db, tenantId, actor }) => recordPromise(db, {
    tenantId, actor, account: values.account!, amountMinor: amount.value, currency, promisedOn, channel: values.channel as PromiseChannel,
    ...(values['taken-by'] === undefined ? {} : { takenBy: values['taken-by'] }), ...(values.role === undefined ? {} : { role: values.role }),
    ...(values.note === undefined ? {} : { note: values.note }), asOf, idempotencyKey: values['idempotency-key']!, now: new Date(),
  }));
  if (!result.ok) throw new UserError(`${optionOf(result.field)}${result.message}`, result.field);
  const promise = result.value;
  if (values.json) {
    io.stdout(toJson(promise));
    return 0;
  }
  io.stdout(`${promise.replayed ? 'Already recorded (same idempotency key and input): ' : 'Recorded '}${promise.promiseId}: ${formatAmount(BigInt(promise.amountMinor), currency)} ${currency} ` +
    `by ${promise.promisedOn} (grace ${promise.graceDays} days), ${promise.channel}, taken by ${promise.takenBy}\n`);
  return 0;
}

const optionOf = (field: string | undefined) => {
  if (field === undefined) return '';
  const options: Record<string, string> = { idempotencyKey: '--idempotency-key', promisedOn: '--date', amount: '--amount', account: '--account', currency: '--currency', channel: '--channel' };
  return `${options[field] ?? `--${field}`}: `;
};

async function list(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, { debtor: { type: 'string' }, status: { type: 'string' }, 'taken-by': { type: 'string' }, json: { type: 'boolean' } }, false);
  if (values.status !== undefined && !statuses.includes(values.status)) throw new UserError(`--status: "${values.status}" is not one of ${statuses.join(', ')}`, '--status');
  const promises = await withBook(io, ({ db, tenantId }) => listPromises(db, {
    tenantId, ...(values.debtor === undefined ? {} : { debtorId: values.debtor }), ...(values.status === undefined ? {} : { status: values.status as PromiseStatus }),
    ...(values['taken-by'] === undefined ? {} : { takenBy: values['taken-by'] }),
  }));
  if (values.json) {
    io.stdout(toJson({ promises }));
    return 0;
  }
  io.stdout(formatTable(['promise', 'debtor', 'promised', 'amount', 'paid', 'status', 'channel', 'taken by'], promises.map((p) => [
    p.promiseId, p.debtorName, p.promisedOn, `${formatAmount(BigInt(p.amountMinor), p.currency)} ${p.currency}`, formatAmount(BigInt(p.paidMinor), p.currency), p.status, p.channel, p.takenBy,
  ]), new Set([3, 4])));
  return 0;
}

async function evaluate(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, { 'as-of': { type: 'string' }, json: { type: 'boolean' } }, false);
  const asOf = dateOption(values['as-of'], '--as-of', todayUtc());
  const result = await withBook(io, ({ db, tenantId, actor }) => evaluatePromises(db, { tenantId, actor, asOf, now: new Date() }));
  if (values.json) {
    io.stdout(toJson(result));
    return 0;
  }
  io.stdout(`Promises as of ${asOf}: ${result.evaluated} evaluated, ${result.kept.length} kept, ${result.broken.length} broken or partially kept, ${result.stillPending} still pending\n`);
  if (result.broken.length > 0) {
    io.stdout('\nBroken (their accounts resume or escalate):\n');
    io.stdout(formatTable(['promise', 'debtor', 'account', 'outcome', 'since'], result.broken.map((b) => [b.promiseId, b.debtorId, b.accountId, b.outcome, b.resolvedOn])));
  }
  return 0;
}

async function stats(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } }, false);
  const from = values.from === undefined ? undefined : dateOption(values.from, '--from');
  const to = values.to === undefined ? undefined : dateOption(values.to, '--to');
  const result = await withBook(io, ({ db, tenantId }) => loadPromiseStatistics(db, { tenantId, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) }));
  if (values.json) {
    io.stdout(toJson(result));
    return 0;
  }
  const rate = (value: string | null) => (value === null ? '-' : `${(Number(value) * 100).toFixed(1)} %`);
  const rows = [...result.bySpecialist, result.overall].map((s) => [s.takenBy ?? '(all)', String(s.made), String(s.pending), String(s.kept), String(s.partiallyKept), String(s.broken), rate(s.keptRate)]);
  io.stdout(formatTable(['specialist', 'made', 'pending', 'kept', 'partial', 'broken', 'kept rate'], rows, new Set([1, 2, 3, 4, 5, 6])));
  return 0;
}
