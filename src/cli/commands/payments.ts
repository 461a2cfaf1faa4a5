import { parseCommandArgs } from '../args.ts';
import { UsageError, UserError, type Io } from '../io.ts';
import { formatTable, todayUtc, toJson, withBook } from '../context.ts';
import { postPayment } from '../../app/payments/post-payment.ts';
import { reversePayment } from '../../app/payments/reverse-payment.ts';
import { formatAmount, isKnownCurrency, parseAmount } from '../../domain/money/money.ts';
import { parseDate } from '../../domain/book/parse-receivable-row.ts';

export const usage = `Usage: recoup payments post --debtor REF --amount 120.50 --currency USD --idempotency-key KEY
                             [--date YYYY-MM-DD] [--method ach|card|check|cash|wire|other] [--reference TEXT] [--json]

Posts a payment and allocates it: oldest due invoice first; within an invoice fees, interest, then
principal; invoices under dispute are skipped; any excess is held as a credit balance.
The same --idempotency-key with the same input returns the first result (nothing is posted twice);
with different input it is refused (exit 1).

       recoup payments reverse --payment ID --reason TEXT --idempotency-key KEY [--return-code R01] [--date YYYY-MM-DD] [--json]

Reverses a posted payment (returned, bounced, posted in error): reversal entries restore what it paid,
a NACHA --return-code adds the returned-payment fee where the creditor's policy says so, the plan
installment it paid is missed and a promise it kept is broken.
`;


const methods = new Set(['ach', 'card', 'check', 'cash', 'wire', 'other']);

export async function run(verb: string | undefined, args: string[], io: Io): Promise<number> {
  if (verb === 'reverse') return reverse(args, io);
  if (verb !== 'post') throw new UsageError(verb === undefined ? 'which payments command? (post, reverse)' : `unknown verb "${verb}"`);
  const { values } = parseCommandArgs(args, {
    debtor: { type: 'string' }, amount: { type: 'string' }, currency: { type: 'string' }, date: { type: 'string' },
    method: { type: 'string' }, reference: { type: 'string' }, 'idempotency-key': { type: 'string' }, json: { type: 'boolean' },
  }, false);
  for (const name of ['debtor', 'amount', 'currency', 'idempotency-key'] as const) {
    if (values[name] === undefined) throw new UsageError(`--${name} is required`);
  }
  const currency = values.currency!.toUpperCase();
  if (!isKnownCurrency(currency)) throw new UserError(`--currency: "${values.currency}" is not an ISO 4217 currency code`, '--currency');
  const amount = parseAmount(values.amount!, currency);
  if (!amount.ok) throw new UserError(`--amount: ${amount.message}`, '--amount');
  if (amount.value <= 0n) throw new UserError(`--amount: "${values.amount}" must be greater than zero`, '--amount');
  const receivedOn = values.date === undefined ? todayUtc() : parseDate(values.date, ['yyyy-MM-dd']);
  if (receivedOn === null) throw new UserError(`--date: "${values.date}" is not a date (YYYY-MM-DD)`, '--date');
  const method = values.method ?? 'other';
  if (!methods.has(method)) throw new UserError(`--method: "${method}" is not one of ${[...methods].join(', ')}`, '--method');

  const result = await withBook(io, ({ db, tenantId, actor }) => postPayment(db, {
    tenantId, actor, debtor: values.debtor!, amountMinor: amount.value, currency, receivedOn, method,
    reference: values.reference ?? null, idempotencyKey: values['idempotency-key']!, now: new Date(),
  }));
  if (!result.ok) throw new UserError(`${result.field ? `--${result.field === 'idempotencyKey' ? 'idempotency-key' : result.field}: ` : ''}${result.message}`, result.field);
  const payment = result.value;
  if (values.json) {
    io.stdout(toJson(payment));
    return 0;
  }
  io.stdout(`${payment.replayed ? 'Already posted (same idempotency key and input): ' : 'Posted '}${payment.paymentId}: ` +
    `${formatAmount(BigInt(payment.amountMinor), currency)} ${currency} received ${payment.receivedOn}\n\n`);
  const rows = payment.allocations.map((a) => [a.invoiceNumber, a.component, formatAmount(BigInt(a.amountMinor), currency)]);
  if (BigInt(payment.creditBalanceMinor) > 0n) rows.push(['(credit balance)', '', formatAmount(BigInt(payment.creditBalanceMinor), currency)]);
  io.stdout(formatTable(['invoice', 'component', `applied ${currency}`], rows, new Set([2])));
  return 0;
}

async function reverse(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, {
    payment: { type: 'string' }, reason: { type: 'string' }, 'return-code': { type: 'string' }, date: { type: 'string' }, 'idempotency-key': { type: 'string' }, json: { type: 'boolean' },
  }, false);
  for (const name of ['payment', 'reason', 'idempotency-key'] as const) {
    if (values[name] === undefined) throw new UsageError(`--${name} is required`);
  }
  const returnedOn = values.date === undefined ? todayUtc() : parseDate(values.date, ['yyyy-MM-dd']);
  if (returnedOn === null) throw new UserError(`--date: "${values.date}" is not a date (YYYY-MM-DD)`, '--date');
  if (values['return-code'] !== undefined && !/^R\d\d$/.test(values['return-code'])) throw new UserError(`--return-code: "${values['return-code']}" is not a NACHA return reason code (R01…R99)`, '--return-code');
  const result = await withBook(io, ({ db, tenantId, actor }) => reversePayment(db, {
    tenantId, actor, paymentId: values.payment!, reason: values.reason!, returnedOn, idempotencyKey: values['idempotency-key']!, now: new Date(),
    ...(values['return-code'] === undefined ? {} : { returnCode: values['return-code'] }),
  }));
  if (!result.ok) {
    const option = result.field === 'idempotencyKey' ? '--idempotency-key' : result.field === 'paymentId' ? '--payment' : result.field === 'returnedOn' ? '--date' : undefined;
    throw new UserError(`${option === undefined ? '' : `${option}: `}${result.message}`, option);
  }
  const reversed = result.value;
  if (values.json) {
    io.stdout(toJson(reversed));
    return 0;
  }
  io.stdout(`${reversed.replayed ? 'Already reversed (same idempotency key and input): ' : 'Reversed '}${reversed.paymentId}: ` +
    `${formatAmount(BigInt(reversed.amountMinor), reversed.currency)} ${reversed.currency}, ${reversed.reversalEntries.length} ledger entries` +
    `${reversed.feeMinor === '0' ? '' : `, returned-payment fee ${formatAmount(BigInt(reversed.feeMinor), reversed.currency)}`}\n`);
  for (const missed of reversed.installmentsMissed) io.stdout(`  installment ${missed.number} of plan ${missed.planId} missed\n`);
  for (const planId of reversed.plansBroken) io.stdout(`  plan ${planId} broken\n`);
  for (const promise of reversed.promisesBroken) io.stdout(`  promise ${promise.promiseId} ${promise.outcome === 'broken' ? 'broken' : 'partially kept'}\n`);
  return 0;
}
