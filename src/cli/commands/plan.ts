import { parseCommandArgs } from '../args.ts';
import { UsageError, UserError, type Io } from '../io.ts';
import { formatTable, toJson } from '../context.ts';
import { formatAmount, isKnownCurrency, parseAmount } from '../../domain/money/money.ts';
import { buildPaymentPlanSchedule, type PaymentPlanFrequency, type PaymentPlanInterest, type PaymentPlanSchedule } from '../../domain/negotiation/build-payment-plan-schedule.ts';
import { activatePlanCommand, createPlanCommand, evaluatePlansCommand, listPlansCommand, planLetterCommand } from './plan-agreements.ts';

export const usage = `Usage: recoup plan quote --amount 1200.00 --currency USD --installments 12 --frequency weekly|biweekly|monthly
                        --start YYYY-MM-DD [--apr 9.5] [--interest none|simple|amortized]
                        [--down-payment 100.00] [--json]

Prints the schedule of a payment plan: due date, payment, interest, principal and the balance left
after each installment. The down payment (if any) is due on the start date; installment k is due k
periods after it (monthly on the start's day of the month, clamped to shorter months).
--interest defaults to amortized when --apr is given, none otherwise:
  none       equal installments, the extra cents on the first ones;
  simple     APR x years on the financed amount, rounded once, spread like the principal;
  amortized  interest each period = balance x APR / periods a year (12, 26, 52), half-up to the cent;
             the level payment is the annuity payment, half-up; the last installment absorbs the rounding.
See docs/payment-plans.md. --json prints amounts as strings of minor units.

       recoup plan create --account REF --currency USD --installments 12 --frequency monthly --start YYYY-MM-DD
                          --idempotency-key KEY [--amount 1200.00 (default: the open balance)] [--apr 9.5] [--interest M]
                          [--down-payment 100.00] [--role specialist] [--debit-routing 091000019 --debit-account 12345
                          --debit-type checking|savings --debit-sec PPD|WEB --debit-name NAME] [--json]
       recoup plan activate --plan ID [--accepted-on YYYY-MM-DD] [--json]
       recoup plan list [--debtor REF] [--status proposed|active|completed|broken] [--json]
       recoup plan evaluate [--as-of YYYY-MM-DD] [--plan ID] [--json]
       recoup plan letter --plan ID --out FILE.pdf [--date YYYY-MM-DD]

create proposes a plan within the creditor's policy for the role (minimum installment, maximum term,
minimum down payment, maximum APR); a refusal names the bound (exit 1). activate records the debtor's
acceptance. evaluate decides installments as of the date from posted payments: missed after the grace,
the plan broken after N misses, completed when paid (a settlement's plan completes the settlement).
letter writes the agreement letter (PDF) with the schedule.
`;

const methods = ['none', 'simple', 'amortized'] as const;

// The domain names the field; the user typed an option.
const optionOfField: Record<string, string> = {
  principalMinor: '--amount', currency: '--currency', downPaymentMinor: '--down-payment', installments: '--installments',
  frequency: '--frequency', startDate: '--start', 'interest.aprPercent': '--apr', 'interest.method': '--interest',
};

export async function run(verb: string | undefined, args: string[], io: Io): Promise<number> {
  switch (verb) {
    case 'quote': return quote(args, io);
    case 'create': return createPlanCommand(args, io);
    case 'activate': return activatePlanCommand(args, io);
    case 'list': return listPlansCommand(args, io);
    case 'evaluate': return evaluatePlansCommand(args, io);
    case 'letter': return planLetterCommand(args, io);
    default: throw new UsageError(verb === undefined ? 'which plan command? (quote, create, activate, list, evaluate, letter)' : `unknown verb "${verb}"`);
  }
}

async function quote(args: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs(args, {
    amount: { type: 'string' }, currency: { type: 'string' }, installments: { type: 'string' }, frequency: { type: 'string' },
    start: { type: 'string' }, apr: { type: 'string' }, interest: { type: 'string' }, 'down-payment': { type: 'string' }, json: { type: 'boolean' },
  }, false);
  for (const name of ['amount', 'currency', 'installments', 'frequency', 'start'] as const) {
    if (values[name] === undefined) throw new UsageError(`--${name} is required`);
  }
  const currency = values.currency!.toUpperCase();
  if (!isKnownCurrency(currency)) throw new UserError(`--currency: "${values.currency}" is not an ISO 4217 currency code`, '--currency');
  const amount = parseAmount(values.amount!, currency);
  if (!amount.ok) throw new UserError(`--amount: ${amount.message}`, '--amount');
  let downPaymentMinor: bigint | undefined;
  if (values['down-payment'] !== undefined) {
    const downPayment = parseAmount(values['down-payment'], currency);
    if (!downPayment.ok) throw new UserError(`--down-payment: ${downPayment.message}`, '--down-payment');
    downPaymentMinor = downPayment.value;
  }
  if (!/^\d+$/.test(values.installments!)) throw new UserError(`--installments: "${values.installments}" is not a whole number`, '--installments');

  const method = values.interest ?? (values.apr === undefined ? 'none' : 'amortized');
  if (!(methods as readonly string[]).includes(method)) throw new UserError(`--interest: "${method}" is not one of ${methods.join(', ')}`, '--interest');
  if (method !== 'none' && values.apr === undefined) throw new UsageError(`--apr is required with --interest ${method}`);
  if (method === 'none' && values.apr !== undefined) throw new UserError('--apr: a plan with --interest none charges no interest; leave --apr out', '--apr');
  const interest: PaymentPlanInterest = method === 'none' ? { method: 'none' } : { method: method as 'simple' | 'amortized', aprPercent: values.apr! };

  const result = buildPaymentPlanSchedule({
    principalMinor: amount.value, currency, installments: Number(values.installments), frequency: values.frequency as PaymentPlanFrequency,
    startDate: values.start!, downPaymentMinor, interest,
  });
  if (!result.ok) {
    const option = result.field === undefined ? undefined : optionOfField[result.field] ?? result.field;
    throw new UserError(`${option ? `${option}: ` : ''}${result.message}`, option);
  }
  const schedule = result.value;
  io.stdout(values.json ? toJson(buildQuoteJson(schedule)) : formatQuote(schedule));
  return 0;
}

/** The quote for machines: amounts as strings of minor units (toJson turns the bigints into strings). */
function buildQuoteJson(schedule: PaymentPlanSchedule) {
  return {
    currency: schedule.currency,
    principalMinor: schedule.principalMinor,
    downPaymentMinor: schedule.downPayment?.amountMinor ?? 0n,
    downPaymentDueDate: schedule.downPayment?.dueDate ?? null,
    financedMinor: schedule.financedMinor,
    aprPercent: schedule.interest.method === 'none' ? '0' : schedule.interest.aprPercent,
    method: schedule.interest.method,
    frequency: schedule.frequency,
    startDate: schedule.startDate,
    installments: schedule.installments.map((row) => ({
      number: row.number, dueDate: row.dueDate, paymentMinor: row.paymentMinor, interestMinor: row.interestMinor,
      principalMinor: row.principalMinor, remainingMinor: row.remainingMinor,
    })),
    totals: schedule.totals,
  };
}

/** The quote for people: a line of terms, then an aligned table with formatted amounts and a total. */
function formatQuote(schedule: PaymentPlanSchedule): string {
  const { currency, interest } = schedule;
  const money = (minor: bigint) => formatAmount(minor, currency);
  const terms = interest.method === 'none' ? 'no interest' : `${interest.method} interest at ${interest.aprPercent} % APR`;
  const frequency = schedule.frequency === 'biweekly' ? 'bi-weekly' : schedule.frequency;
  const downPayment = schedule.downPayment === undefined ? '' : `, ${money(schedule.downPayment.amountMinor)} down`;
  const heading = `Payment plan: ${money(schedule.principalMinor)} ${currency}${downPayment}, ` +
    `${schedule.installments.length} ${frequency} installments from ${schedule.startDate}, ${terms}\n\n`;
  const rows: string[][] = [];
  if (schedule.downPayment !== undefined) {
    const { dueDate, amountMinor } = schedule.downPayment;
    rows.push(['down', dueDate, money(amountMinor), money(0n), money(amountMinor), money(schedule.financedMinor)]);
  }
  for (const row of schedule.installments) {
    rows.push([String(row.number), row.dueDate, money(row.paymentMinor), money(row.interestMinor), money(row.principalMinor), money(row.remainingMinor)]);
  }
  const { totals } = schedule;
  rows.push(['total', '', money(totals.paymentsMinor), money(totals.interestMinor), money(totals.principalMinor), '']);
  return heading + formatTable(['#', 'due date', `payment ${currency}`, 'interest', 'principal', 'remaining'], rows, new Set([0, 2, 3, 4, 5]));
}
