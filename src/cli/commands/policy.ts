import { parseCommandArgs } from '../args.ts';
import { UsageError, UserError, type Io } from '../io.ts';
import { formatTable, toJson, withBook } from '../context.ts';
import { loadNegotiationPolicy, setNegotiationPolicy } from '../../app/negotiation/negotiation-policy-store.ts';
import { firstPartyCreditorId } from '../../app/book/ensure-tenant.ts';
import { formatAmount, isKnownCurrency, parseAmount } from '../../domain/money/money.ts';
import type { NegotiationPolicyLayer } from '../../domain/negotiation/negotiation-policy.ts';
import { parsePercent } from '../../domain/negotiation/plan-decimal.ts';

export const usage = `Usage: recoup policy show [--creditor ID] [--role ROLE] [--currency CAD] [--json]
       recoup policy set [--creditor ID|*] [--role ROLE|*] [--currency USD] [--minimum-installment 25.00] [--maximum-term-months 24]
                         [--minimum-down-payment-percent 10] [--maximum-apr-percent 18] [--settlement-authority-percent 20]
                         [--settlement-max-installments 6] [--promise-grace-days 3] [--plan-grace-days 5]
                         [--missed-installments-to-break 2] [--returned-payment-fee 25.00] [--returned-payment-fee-codes R01,R09]

The creditor's negotiation policy per role: plan bounds, settlement authority (the largest discount the
role may grant without a supervisor), the grace of promises and plans, misses before a plan breaks, and
the returned-payment fee. \`set\` writes one layer (creditor and role default to * = every); fields left
out keep their value. \`show\` prints the merged policy for a creditor (default the tenant's own) and
role (default specialist). See docs/promises-and-settlements.md.
`;

export async function run(verb: string | undefined, args: string[], io: Io): Promise<number> {
  if (verb === 'show') return show(args, io);
  if (verb === 'set') return set(args, io);
  throw new UsageError(verb === undefined ? 'which policy command? (show, set)' : `unknown verb "${verb}"`);
}

async function show(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, { creditor: { type: 'string' }, role: { type: 'string' }, currency: { type: 'string' }, json: { type: 'boolean' } }, false);
  const role = values.role ?? 'specialist';
  const policy = await withBook(io, ({ db, tenantId }) => loadNegotiationPolicy(db, tenantId, values.creditor ?? firstPartyCreditorId(tenantId), role, values.currency?.toUpperCase()));
  if (values.json) {
    io.stdout(toJson(policy));
    return 0;
  }
  const rows: string[][] = [
    ['minimum installment', `${formatAmount(policy.minimumInstallmentMinor, policy.currency)} ${policy.currency}`],
    ['maximum term', `${policy.maximumTermMonths} months`],
    ['minimum down payment', `${policy.minimumDownPaymentPercent} %`],
    ['maximum APR', policy.maximumAprPercent === undefined ? 'none' : `${policy.maximumAprPercent} %`],
    ['settlement authority', `${policy.settlementMaxDiscountPercent} % off the balance`],
    ['settlement plan', `at most ${policy.settlementMaxInstallments} installments`],
    ['promise grace', `${policy.promiseGraceDays} days`],
    ['plan grace', `${policy.planGraceDays} days`],
    ['plan breaks after', `${policy.missedInstallmentsToBreak} missed installments`],
    ['returned-payment fee', policy.returnedPaymentFeeMinor === 0n ? 'none' : `${formatAmount(policy.returnedPaymentFeeMinor, policy.currency)} ${policy.currency} for ${policy.returnedPaymentFeeCodes.join(', ')}`],
  ];
  io.stdout(`Negotiation policy for role ${role}${values.creditor === undefined ? '' : `, creditor ${values.creditor}`}\n\n${formatTable(['term', 'value'], rows)}`);
  return 0;
}

function wholeNumber(value: string | undefined, option: string, minimum: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < minimum) throw new UserError(`--${option}: "${value}" is not a whole number ≥ ${minimum}`, `--${option}`);
  return Number(value);
}

function percent(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  const parsed = parsePercent(value);
  if (parsed === null) throw new UserError(`--${option}: "${value}" is not a percentage between 0 and 100`, `--${option}`);
  return parsed.text;
}

async function set(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, {
    creditor: { type: 'string' }, role: { type: 'string' }, currency: { type: 'string' }, 'minimum-installment': { type: 'string' }, 'maximum-term-months': { type: 'string' },
    'minimum-down-payment-percent': { type: 'string' }, 'maximum-apr-percent': { type: 'string' }, 'settlement-authority-percent': { type: 'string' },
    'settlement-max-installments': { type: 'string' }, 'promise-grace-days': { type: 'string' }, 'plan-grace-days': { type: 'string' },
    'missed-installments-to-break': { type: 'string' }, 'returned-payment-fee': { type: 'string' }, 'returned-payment-fee-codes': { type: 'string' },
  }, false);
  const currency = (values.currency ?? 'USD').toUpperCase();
  if (!isKnownCurrency(currency)) throw new UserError(`--currency: "${values.currency}" is not an ISO 4217 currency code`, '--currency');
  const money = (value: string | undefined, option: string) => {
    if (value === undefined) return undefined;
    const amount = parseAmount(value, currency);
    if (!amount.ok || amount.value < 0n) throw new UserError(`--${option}: "${value}" is not an amount in ${currency}`, `--${option}`);
    return amount.value;
  };
  const codes = values['returned-payment-fee-codes']?.split(',').map((code) => code.trim().toUpperCase());
  if (codes !== undefined && codes.some((code) => !/^R\d\d$/.test(code))) throw new UserError(`--returned-payment-fee-codes: "${values['returned-payment-fee-codes']}" is not a list of return codes such as R01,R09`, '--returned-payment-fee-codes');
  const minimumInstallmentMinor = money(values['minimum-installment'], 'minimum-installment');
  const layer: NegotiationPolicyLayer = {
    creditorId: values.creditor ?? '*', role: values.role ?? '*',
    ...(minimumInstallmentMinor === undefined ? {} : { minimumInstallmentMinor, currency }),
    maximumTermMonths: wholeNumber(values['maximum-term-months'], 'maximum-term-months', 1),
    minimumDownPaymentPercent: percent(values['minimum-down-payment-percent'], 'minimum-down-payment-percent'),
    maximumAprPercent: percent(values['maximum-apr-percent'], 'maximum-apr-percent'),
    settlementMaxDiscountPercent: percent(values['settlement-authority-percent'], 'settlement-authority-percent'),
    settlementMaxInstallments: wholeNumber(values['settlement-max-installments'], 'settlement-max-installments', 1),
    promiseGraceDays: wholeNumber(values['promise-grace-days'], 'promise-grace-days', 0),
    planGraceDays: wholeNumber(values['plan-grace-days'], 'plan-grace-days', 0),
    missedInstallmentsToBreak: wholeNumber(values['missed-installments-to-break'], 'missed-installments-to-break', 1),
    returnedPaymentFeeMinor: money(values['returned-payment-fee'], 'returned-payment-fee'),
    returnedPaymentFeeCodes: codes,
  };
  await withBook(io, ({ db, tenantId, actor }) => setNegotiationPolicy(db, { tenantId, actor, now: new Date(), layer }));
  const set = Object.entries(layer).filter(([name, value]) => value !== undefined && name !== 'creditorId' && name !== 'role').map(([name]) => name);
  io.stdout(`Set ${set.length === 0 ? 'nothing' : set.join(', ')} for creditor ${layer.creditorId}, role ${layer.role}\n`);
  return 0;
}
