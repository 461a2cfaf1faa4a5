import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCommandArgs } from '../args.ts';
import { UsageError, UserError, type Io } from '../io.ts';
import { formatTable, todayUtc, toJson, withBook } from '../context.ts';
import { approveSettlement, listSettlements, proposeSettlement, type SettlementView } from '../../app/negotiation/settle-account.ts';
import { renderSettlementLetterPdf } from '../../app/negotiation/render-agreement-letters.ts';
import { formatAmount, isKnownCurrency } from '../../domain/money/money.ts';
import type { PaymentPlanFrequency } from '../../domain/negotiation/build-payment-plan-schedule.ts';
import { amountOption, dateOption, userErrorOf } from './plan-agreements.ts';

export const usage = `Usage: recoup settlement propose --account REF --amount 700.00 --currency USD --due YYYY-MM-DD --idempotency-key KEY
                                [--installments N [--frequency monthly]] [--role specialist] [--as-of YYYY-MM-DD] [--json]
       recoup settlement approve --settlement ID [--role supervisor] [--as-of YYYY-MM-DD] [--json]
       recoup settlement list [--debtor REF] [--status pending_approval|approved|completed|broken] [--json]
       recoup settlement letter --settlement ID --out FILE.pdf [--date YYYY-MM-DD]

A settlement accepts less than the balance: a lump sum by --due, or with --installments a short plan of
no-interest installments starting on --due. Within the role's settlement authority (the largest
discount its policy allows, default 20 %) it is approved at once; above it, it waits for a supervisor
(\`approve\` with a role whose authority covers the discount). When the settlement amount has been paid
(\`recoup plan evaluate\`), the rest of the balance is written off through ledger write-off entries.
See docs/promises-and-settlements.md.
`;

export async function run(verb: string | undefined, args: string[], io: Io): Promise<number> {
  switch (verb) {
    case 'propose': return propose(args, io);
    case 'approve': return approve(args, io);
    case 'list': return list(args, io);
    case 'letter': return letter(args, io);
    default: throw new UsageError(verb === undefined ? 'which settlement command? (propose, approve, list, letter)' : `unknown verb "${verb}"`);
  }
}

const describe = (s: SettlementView) =>
  `${s.settlementId} (${s.status}): ${formatAmount(BigInt(s.settlementMinor), s.currency)} ${s.currency} for a balance of ${formatAmount(BigInt(s.balanceMinor), s.currency)} ` +
  `(${s.discountPercent} % off, authority ${s.authorityPercent} %), ${s.form === 'lump_sum' ? `due ${s.dueDate}` : `short plan ${s.planId} from ${s.dueDate}`}`;

async function propose(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, {
    account: { type: 'string' }, amount: { type: 'string' }, currency: { type: 'string' }, due: { type: 'string' }, installments: { type: 'string' }, frequency: { type: 'string' },
    role: { type: 'string' }, 'as-of': { type: 'string' }, 'idempotency-key': { type: 'string' }, json: { type: 'boolean' },
  }, false);
  for (const name of ['account', 'amount', 'currency', 'due', 'idempotency-key'] as const) if (values[name] === undefined) throw new UsageError(`--${name} is required`);
  const currency = values.currency!.toUpperCase();
  if (!isKnownCurrency(currency)) throw new UserError(`--currency: "${values.currency}" is not an ISO 4217 currency code`, '--currency');
  if (values.installments !== undefined && !/^\d+$/.test(values.installments)) throw new UserError(`--installments: "${values.installments}" is not a whole number`, '--installments');
  const settlementMinor = amountOption(values.amount!, '--amount', currency);
  const dueDate = dateOption(values.due, '--due');
  const asOf = dateOption(values['as-of'], '--as-of', todayUtc());
  const result = await withBook(io, ({ db, tenantId, actor }) => proposeSettlement(db, {
    tenantId, actor, role: values.role ?? 'specialist', account: values.account!, currency, settlementMinor, dueDate, asOf,
    form: values.installments === undefined ? 'lump_sum' : 'short_plan',
    ...(values.installments === undefined ? {} : { installments: Number(values.installments), frequency: (values.frequency ?? 'monthly') as PaymentPlanFrequency }),
    idempotencyKey: values['idempotency-key']!, now: new Date(),
  }));
  if (!result.ok) throw userErrorOf(result.field === 'dueDate' ? { ...result, field: 'due' } : result);
  if (values.json) {
    io.stdout(toJson(result.value));
    return 0;
  }
  io.stdout(`${result.value.replayed ? 'Already proposed (same idempotency key and input): ' : 'Proposed '}${describe(result.value)}\n` +
    (result.value.status === 'pending_approval' ? 'Above the role\'s settlement authority: a supervisor must approve it (recoup settlement approve).\n' : ''));
  return 0;
}

async function approve(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, { settlement: { type: 'string' }, role: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } }, false);
  if (values.settlement === undefined) throw new UsageError('--settlement is required');
  const asOf = dateOption(values['as-of'], '--as-of', todayUtc());
  const result = await withBook(io, ({ db, tenantId, actor }) => approveSettlement(db, { tenantId, actor, role: values.role ?? 'supervisor', settlementId: values.settlement!, asOf, now: new Date() }));
  if (!result.ok) throw userErrorOf(result);
  io.stdout(values.json ? toJson(result.value) : `Approved ${describe(result.value)}\n`);
  return 0;
}

async function list(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, { debtor: { type: 'string' }, status: { type: 'string' }, json: { type: 'boolean' } }, false);
  const settlements = await withBook(io, ({ db, tenantId }) => listSettlements(db, { tenantId, ...(values.debtor === undefined ? {} : { debtor: values.debtor }), ...(values.status === undefined ? {} : { status: values.status }) }));
  if (values.json) {
    io.stdout(toJson({ settlements }));
    return 0;
  }
  io.stdout(formatTable(['settlement', 'debtor', 'status', 'balance', 'settles for', 'off', 'form', 'due', 'written off'], settlements.map((s) => [
    s.settlementId, s.debtorId, s.status, formatAmount(BigInt(s.balanceMinor), s.currency), `${formatAmount(BigInt(s.settlementMinor), s.currency)} ${s.currency}`, `${s.discountPercent} %`,
    s.form, s.dueDate, s.writtenOffMinor === null ? '' : formatAmount(BigInt(s.writtenOffMinor), s.currency),
  ]), new Set([3, 4, 5, 8])));
  return 0;
}

async function letter(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, { settlement: { type: 'string' }, out: { type: 'string' }, date: { type: 'string' } }, false);
  if (values.settlement === undefined) throw new UsageError('--settlement is required');
  if (values.out === undefined) throw new UsageError('--out is required');
  const date = dateOption(values.date, '--date', todayUtc());
  const pdf = await withBook(io, ({ db, tenantId }) => renderSettlementLetterPdf(db, { tenantId, settlementId: values.settlement!, date, now: new Date() }));
  if (!pdf.ok) throw userErrorOf(pdf);
  const path = resolve(io.cwd, values.out);
  writeFileSync(path, pdf.value);
  io.stdout(`Wrote the settlement letter of ${values.settlement} to ${path} (${pdf.value.length} bytes)\n`);
  return 0;
}
