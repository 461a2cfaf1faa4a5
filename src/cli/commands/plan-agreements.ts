// `recoup plan create|activate|list|evaluate|letter` (`recoup plan quote` is in plan.ts).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCommandArgs } from '../args.ts';
import { UsageError, UserError, type Io } from '../io.ts';
import { formatTable, todayUtc, toJson, withBook } from '../context.ts';
import { activatePlan, createPlan, listPlans, type DebitAuthorization, type PlanView } from '../../app/negotiation/create-plan.ts';
import { evaluatePlans } from '../../app/negotiation/evaluate-plans.ts';
import { renderPlanAgreementPdf } from '../../app/negotiation/render-agreement-letters.ts';
import { formatAmount, isKnownCurrency, parseAmount } from '../../domain/money/money.ts';
import type { PaymentPlanFrequency, PaymentPlanInterest } from '../../domain/negotiation/build-payment-plan-schedule.ts';
import { isCalendarDate } from '../../domain/shared/calendar-date.ts';

const optionOfField: Record<string, string> = {
  principalMinor: '--amount', amount: '--amount', currency: '--currency', downPaymentMinor: '--down-payment', installments: '--installments', frequency: '--frequency',
  startDate: '--start', 'interest.aprPercent': '--apr', 'interest.method': '--interest', account: '--account', idempotencyKey: '--idempotency-key', planId: '--plan',
  acceptedOn: '--accepted-on', 'debitAuthorization.routingNumber': '--debit-routing', 'debitAuthorization.accountNumber': '--debit-account',
};

export const userErrorOf = (result: { message: string; field?: string | undefined }) => {
  const option = result.field === undefined ? undefined : optionOfField[result.field] ?? `--${result.field}`;
  return new UserError(`${option === undefined ? '' : `${option}: `}${result.message}`, option);
};

export function dateOption(value: string | undefined, option: string, fallback?: string): string {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`${option} is required`);
    return fallback;
  }
  if (!isCalendarDate(value)) throw new UserError(`${option}: "${value}" is not a date (YYYY-MM-DD)`, option);
  return value;
}

export function amountOption(value: string, option: string, currency: string): bigint {
  const amount = parseAmount(value, currency);
  if (!amount.ok) throw new UserError(`${option}: ${amount.message}`, option);
  if (amount.value <= 0n) throw new UserError(`${option}: "${value}" must be greater than zero`, option);
  return amount.value;
}

export async function createPlanCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, {
    account: { type: 'string' }, amount: { type: 'string' }, currency: { type: 'string' }, installments: { type: 'string' }, frequency: { type: 'string' },
    start: { type: 'string' }, apr: { type: 'string' }, interest: { type: 'string' }, 'down-payment': { type: 'string' }, role: { type: 'string' },
    'debit-routing': { type: 'string' }, 'debit-account': { type: 'string' }, 'debit-type': { type: 'string' }, 'debit-sec': { type: 'string' }, 'debit-name': { type: 'string' },
    'idempotency-key': { type: 'string' }, json: { type: 'boolean' },
  }, false);
  for (const name of ['account', 'currency', 'installments', 'frequency', 'start', 'idempotency-key'] as const) {
    if (values[name] === undefined) throw new UsageError(`--${name} is required`);
  }
  const currency = values.currency!.toUpperCase();
  if (!isKnownCurrency(currency)) throw new UserError(`--currency: "${values.currency}" is not an ISO 4217 currency code`, '--currency');
  if (!/^\d+$/.test(values.installments!)) throw new UserError(`--installments: "${values.installments}" is not a whole number`, '--installments');
  const method = values.interest ?? (values.apr === undefined ? 'none' : 'amortized');
  if (!['none', 'simple', 'amortized'].includes(method)) throw new UserError(`--interest: "${method}" is not one of none, simple, amortized`, '--interest');
  if (method !== 'none' && values.apr === undefined) throw new UsageError(`--apr is required with --interest ${method}`);
  const interest: PaymentPlanInterest = method === 'none' ? { method: 'none' } : { method: method as 'simple' | 'amortized', aprPercent: values.apr! };
  let debitAuthorization: DebitAuthorization | undefined;
  if (values['debit-routing'] !== undefined || values['debit-account'] !== undefined) {
    for (const name of ['debit-routing', 'debit-account', 'debit-name'] as const) if (values[name] === undefined) throw new UsageError(`--${name} is required with a debit authorization`);
    const accountType = values['debit-type'] ?? 'checking';
    const secCode = values['debit-sec'] ?? 'PPD';
    if (accountType !== 'checking' && accountType !== 'savings') throw new UserError(`--debit-type: "${accountType}" is not checking or savings`, '--debit-type');
    if (secCode !== 'PPD' && secCode !== 'WEB') throw new UserError(`--debit-sec: "${secCode}" is not PPD or WEB`, '--debit-sec');
    debitAuthorization = { routingNumber: values['debit-routing']!, accountNumber: values['debit-account']!, accountType, secCode, name: values['debit-name']!, authorizedAt: new Date().toISOString() };
  }
  const startDate = dateOption(values.start, '--start');
  const result = await withBook(io, ({ db, tenantId, actor }) => createPlan(db, {
    tenantId, actor, role: values.role ?? 'specialist', account: values.account!, currency, installments: Number(values.installments), frequency: values.frequency as PaymentPlanFrequency,
    startDate, interest, idempotencyKey: values['idempotency-key']!, now: new Date(),
    ...(values.amount === undefined ? {} : { principalMinor: amountOption(values.amount, '--amount', currency) }),
    ...(values['down-payment'] === undefined ? {} : { downPaymentMinor: amountOption(values['down-payment'], '--down-payment', currency) }),
    ...(debitAuthorization === undefined ? {} : { debitAuthorization }),
  }));
  if (!result.ok) throw userErrorOf(result);
  if (values.json) {
    io.stdout(toJson(result.value));
    return 0;
  }
  io.stdout(`${result.value.replayed ? 'Already proposed (same idempotency key and input): ' : 'Proposed '}${describePlan(result.value)}\n\n${formatInstallments(result.value)}`);
  return 0;
}

const describePlan = (plan: PlanView) =>
  `${plan.planId} (${plan.status}): ${formatAmount(BigInt(plan.principalMinor), plan.currency)} ${plan.currency}, ${plan.installmentCount} ${plan.frequency} installments from ${plan.startDate}` +
  `${plan.interestMethod === 'none' ? '' : `, ${plan.interestMethod} interest at ${plan.aprPercent} % APR`}`;

const formatInstallments = (plan: PlanView) => formatTable(['#', 'due date', `amount ${plan.currency}`, 'paid', 'status'], plan.installments.map((row) => [
  row.number === 0 ? 'down' : String(row.number), row.dueDate, formatAmount(BigInt(row.amountMinor), plan.currency), formatAmount(BigInt(row.paidMinor), plan.currency), row.status,
]), new Set([0, 2, 3]));

export async function activatePlanCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, { plan: { type: 'string' }, 'accepted-on': { type: 'string' }, json: { type: 'boolean' } }, false);
  if (values.plan === undefined) throw new UsageError('--plan is required');
  const acceptedOn = dateOption(values['accepted-on'], '--accepted-on', todayUtc());
  const result = await withBook(io, ({ db, tenantId, actor }) => activatePlan(db, { tenantId, actor, planId: values.plan!, acceptedOn, now: new Date() }));
  if (!result.ok) throw userErrorOf(result);
  io.stdout(values.json ? toJson(result.value) : `Activated ${describePlan(result.value)}; accepted ${acceptedOn}\n`);
  return 0;
}

export async function listPlansCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, { debtor: { type: 'string' }, status: { type: 'string' }, json: { type: 'boolean' } }, false);
  const plans = await withBook(io, ({ db, tenantId }) => listPlans(db, { tenantId, ...(values.debtor === undefined ? {} : { debtor: values.debtor }), ...(values.status === undefined ? {} : { status: values.status }) }));
  if (values.json) {
    io.stdout(toJson({ plans }));
    return 0;
  }
  io.stdout(formatTable(['plan', 'debtor', 'status', 'amount', 'installments', 'paid', 'missed', 'next due'], plans.map((plan) => {
    const paid = plan.installments.reduce((sum, row) => sum + BigInt(row.paidMinor), 0n);
    const next = plan.installments.find((row) => row.status !== 'paid');
    return [plan.planId, plan.debtorId, plan.status, `${formatAmount(BigInt(plan.principalMinor), plan.currency)} ${plan.currency}`, `${plan.installmentCount} ${plan.frequency}`,
      formatAmount(paid, plan.currency), String(plan.installments.filter((row) => row.status === 'missed').length), next?.dueDate ?? ''];
  }), new Set([3, 5, 6])));
  return 0;
}

export async function evaluatePlansCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, { 'as-of': { type: 'string' }, plan: { type: 'string' }, json: { type: 'boolean' } }, false);
  const asOf = dateOption(values['as-of'], '--as-of', todayUtc());
  const result = await withBook(io, ({ db, tenantId, actor }) => evaluatePlans(db, { tenantId, actor, asOf, now: new Date(), ...(values.plan === undefined ? {} : { planId: values.plan }) }));
  if (values.json) {
    io.stdout(toJson(result));
    return 0;
  }
  io.stdout(`Plans as of ${asOf}: ${result.evaluated} evaluated, ${result.missedInstallments.length} installments newly missed, ${result.broken.length} broken, ${result.completed.length} completed; ` +
    `settlements ${result.settlementsCompleted.length} completed, ${result.settlementsBroken.length} broken\n`);
  const rows = [
    ...result.missedInstallments.map((m) => [m.planId, m.debtorId, `installment ${m.number} (due ${m.dueDate}) missed`]),
    ...result.broken.map((b) => [b.planId, b.debtorId, `broken on ${b.brokenOn}`]),
    ...result.completed.map((c) => [c.planId, c.debtorId, `completed on ${c.completedOn}`]),
  ];
  if (rows.length > 0) io.stdout(`\n${formatTable(['plan', 'debtor', 'what happened'], rows)}`);
  return 0;
}

export async function planLetterCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, { plan: { type: 'string' }, out: { type: 'string' }, date: { type: 'string' } }, false);
  if (values.plan === undefined) throw new UsageError('--plan is required');
  if (values.out === undefined) throw new UsageError('--out is required');
  const date = dateOption(values.date, '--date', todayUtc());
  const pdf = await withBook(io, ({ db, tenantId }) => renderPlanAgreementPdf(db, { tenantId, planId: values.plan!, date, now: new Date() }));
  if (!pdf.ok) throw userErrorOf(pdf);
  const path = resolve(io.cwd, values.out);
  writeFileSync(path, pdf.value);
  io.stdout(`Wrote the agreement letter of ${values.plan} to ${path} (${pdf.value.length} bytes)\n`);
  return 0;
}
