import type { standardColumns } from '../../domain/book/import-mapping.ts';
import { formatDecimal } from '../../domain/money/money.ts';
import { buildCalendarDate, computeDayNumber, isCalendarDate } from '../../domain/shared/calendar-date.ts';
import {
  businessMailboxes, businessNameWords, businessSuffixesByCountry, businessTrades, canadaPlaces, emailDomains, firstNames,
  lastNames, middleInitials, phoneLengthByCountry, streetNames, streetSuffixesByCountry, unitedKingdomPlaces,
  unitedStatesPlaces, type ExamplePlace,
} from './reference-data.ts';
import { buildSeededRandom, type SeededRandom } from './seeded-random.ts';

/** One invoice line of the standard receivables layout: every column, every value text ('' when blank). */
export type ExampleBookRow = Record<(typeof standardColumns)[number], string>;

export type ExampleBookOptions = {
  /** The same seed, date and sizes give the same book, row for row. */
  seed: number;
  /** The day the book is dated to (`YYYY-MM-DD`): nothing is issued or paid after it. */
  asOf: string;
  debtors: number;
  /** Average invoices per debtor, at least 1 (default 5). Businesses get more than consumers. */
  invoicesPerDebtor?: number;
  /** Shares of business debtors billed in CAD (based in Canada) and GBP (based in the UK); the rest are USD. */
  commercialCurrencyShares?: { CAD?: number; GBP?: number };
};

/** How far back the book's invoices go: about eighteen months. */
export const exampleBookHistoryDays = 540;

const defaultInvoicesPerDebtor = 5;
const defaultCommercialCurrencyShares = { CAD: 0.06, GBP: 0.04 };
const personShare = 0.7;
// Sole proprietors: people whose debt is commercial, so that the consumer/commercial split (FDCPA and
// Reg F protect consumer debts only) does not simply follow the person/business split.
const soleProprietorShareOfPersons = 0.03;
// People move and keep their mobile number: the area code then points at another time zone than the ZIP
// code, which is exactly the case the contact-hours rules must handle.
const movedPhoneShareOfPersons = 0.05;
const disputeRate = 0.03;
const forgottenRate = 0.01;

type PaymentHabit = 'prompt' | 'late' | 'slow' | 'defaulted';
type Currency = 'USD' | 'CAD' | 'GBP';

type Debtor = {
  ref: string;
  name: string;
  kind: 'person' | 'business';
  purpose: 'consumer' | 'commercial';
  place: ExamplePlace;
  addressLine1: string;
  phone: string;
  email: string;
  statedTimeZone: string;
  currencies: readonly Currency[];
  termsDays: number;
  habit: PaymentHabit;
  /** Day number after which a defaulted debtor pays nothing in full (unused for other habits). */
  stoppedPayingDay: number;
  firstIssueDay: number;
  lastIssueDay: number;
};

type Settings = {
  seed: number;
  asOfDay: number;
  debtors: number;
  invoicesPerDebtor: number;
  cadShare: number;
  gbpShare: number;
};

/**
 * A realistic book of receivables, generated one invoice row at a time so that any size streams in constant
 * memory: about 70% consumers (US persons) and 30% businesses (mostly US and USD, a few Canadian and British
 * ones in CAD and GBP), net-30/45/60 terms, invoices issued over the eighteen months before `asOf`, most of
 * the older ones paid (often late), some paid in part, some disputed, some never paid, so that the open
 * invoices fall into every aging bucket as of `asOf`. Rows of one debtor are adjacent. The book is the same
 * for the same options, and a book of more debtors begins with the rows of a smaller one.
 * @example
 * for (const row of generateExampleBook({ seed: 1, asOf: '2026-11-24', debtors: 3 })) console.log(row.invoice_number);
 */
export function generateExampleBook(options: ExampleBookOptions): Generator<ExampleBookRow, void, undefined> {
  // Checked here, eagerly: the body of a generator function would only run at the first row.
  const { seed, asOf, debtors } = options;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  if (!Number.isSafeInteger(debtors) || debtors < 0 || debtors >= 2 ** 32) throw new RangeError(`debtors must be a non-negative integer, got ${debtors}`);
  const asOfDay = parseCalendarDate(asOf);
  if (asOfDay === undefined) throw new RangeError(`asOf must be a calendar date written YYYY-MM-DD, got "${asOf}"`);
  const invoicesPerDebtor = options.invoicesPerDebtor ?? defaultInvoicesPerDebtor;
  if (!Number.isFinite(invoicesPerDebtor) || invoicesPerDebtor < 1 || invoicesPerDebtor > 1000) {
    throw new RangeError(`invoicesPerDebtor must be between 1 and 1000, got ${invoicesPerDebtor}`);
  }
  const cadShare = options.commercialCurrencyShares?.CAD ?? defaultCommercialCurrencyShares.CAD;
  const gbpShare = options.commercialCurrencyShares?.GBP ?? defaultCommercialCurrencyShares.GBP;
  if (!(cadShare >= 0 && gbpShare >= 0 && cadShare + gbpShare <= 1)) {
    throw new RangeError(`commercialCurrencyShares must be non-negative and sum to at most 1, got CAD ${cadShare}, GBP ${gbpShare}`);
  }
  return generateRows({ seed, asOfDay, debtors, invoicesPerDebtor, cadShare, gbpShare });
}

function* generateRows(settings: Settings): Generator<ExampleBookRow, void, undefined> {
  const formatDay = buildDayFormatter();
  let invoiceSequence = 0;
  for (let debtorIndex = 0; debtorIndex < settings.debtors; debtorIndex++) {
    // One stream per debtor: a debtor's data depends on the seed and its position only.
    const random = buildSeededRandom(settings.seed, debtorIndex);
    const debtor = buildDebtor(random, debtorIndex, settings);
    const invoiceCount = 1 + samplePoisson(random, (settings.invoicesPerDebtor - 1) * (debtor.kind === 'business' ? 2 : 4 / 7));
    const issueDays = Array.from({ length: invoiceCount }, () => random.nextInteger(debtor.firstIssueDay, debtor.lastIssueDay));
    issueDays.sort((left, right) => left - right);
    for (const issueDay of issueDays) {
      invoiceSequence++;
      yield buildInvoiceRow(random, debtor, issueDay, invoiceSequence, settings.asOfDay, formatDay);
    }
  }
}

function buildDebtor(random: SeededRandom, debtorIndex: number, settings: Settings): Debtor {
  const ref = `C${String(debtorIndex + 1).padStart(6, '0')}`;
  const isPerson = random.chance(personShare);
  const { asOfDay } = settings;

  let name: string;
  let place: ExamplePlace;
  let currencies: readonly Currency[];
  let phone: string;
  let email: string;
  let addressLine1: string;
  if (isPerson) {
    place = random.pickWeighted(unitedStatesPlaceChoices);
    const first = random.pick(firstNames);
    const last = random.pick(lastNames);
    name = random.chance(0.2) ? `${first} ${random.pick(middleInitials)} ${last}` : `${first} ${last}`;
    currencies = ['USD'];
    const phonePlace = random.chance(movedPhoneShareOfPersons) ? random.pickWeighted(unitedStatesPlaceChoices) : place;
    phone = random.chance(0.97) ? buildPhone(random, phonePlace) : '';
    const number = random.chance(0.5) ? String(random.nextInteger(1, 99)) : '';
    email = random.chance(0.88) ? `${toAsciiWord(first)}.${toAsciiWord(last)}${number}@${random.pick(emailDomains)}` : '';
    addressLine1 = buildStreetAddress(random, place) + (random.chance(0.2) ? ` Apt ${random.nextInteger(1, 30)}${random.pick(['A', 'B', 'C', 'D'])}` : '');
  } else {
    const draw = random.nextFloat();
    if (draw < settings.cadShare) {
      place = random.pickWeighted(canadaPlaceChoices);
      currencies = random.chance(0.3) ? ['CAD', 'USD'] : ['CAD'];
    } else if (draw < settings.cadShare + settings.gbpShare) {
      place = random.pickWeighted(unitedKingdomPlaceChoices);
      currencies = random.chance(0.15) ? ['GBP', 'USD'] : ['GBP'];
    } else {
      place = random.pickWeighted(unitedStatesPlaceChoices);
      currencies = ['USD'];
    }
    const suffix = random.pick(businessSuffixesByCountry[place.country]);
    // Partnerships carry commas in their names, which the CSV must quote.
    name = random.chance(0.08)
      ? `${random.pick(lastNames)}, ${random.pick(lastNames)} & ${place.country === 'GB' ? 'Partners' : 'Associates'} LLP`
      : `${random.pick(businessNameWords)} ${random.pick(businessTrades)} ${suffix}`;
    phone = buildPhone(random, place);
    email = `${random.pick(businessMailboxes)}@${toAsciiSlug(name)}.example.com`;
    addressLine1 = buildStreetAddress(random, place) + (random.chance(0.15) ? ` Suite ${random.nextInteger(100, 2400)}` : '');
  }

  const purpose = isPerson && !random.chance(soleProprietorShareOfPersons) ? 'consumer' : 'commercial';
  const statedTimeZone = random.chance(isPerson ? 0.03 : 0.05) ? place.timeZone : '';
  const termsDays = random.pickWeighted(isPerson ? personTerms : businessTerms);
  const habit = random.pickWeighted(isPerson ? personHabits : businessHabits);

  // Long-standing customers are the rule, new ones the exception: a square root skews the start backwards.
  let firstIssueDay = asOfDay - Math.round(exampleBookHistoryDays * Math.sqrt(random.nextFloat()));
  let lastIssueDay = asOfDay;
  let stoppedPayingDay = asOfDay + 1;
  if (habit === 'defaulted') {
    // A defaulted customer stops paying, and a little later the creditor stops selling to them.
    stoppedPayingDay = asOfDay - random.nextInteger(45, 420);
    lastIssueDay = Math.min(asOfDay, stoppedPayingDay + random.nextInteger(0, 75));
    firstIssueDay = Math.max(asOfDay - exampleBookHistoryDays, Math.min(firstIssueDay, lastIssueDay - random.nextInteger(30, 240)));
  }

  return {
    ref, name, kind: isPerson ? 'person' : 'business', purpose, place, addressLine1, phone, email, statedTimeZone,
    currencies, termsDays, habit, stoppedPayingDay, firstIssueDay, lastIssueDay,
  };
}

function buildInvoiceRow(
  random: SeededRandom,
  debtor: Debtor,
  issueDay: number,
  invoiceSequence: number,
  asOfDay: number,
  formatDay: (day: number) => string,
): ExampleBookRow {
  const currency = debtor.currencies.length > 1 && random.chance(0.3) ? debtor.currencies[1]! : debtor.currencies[0]!;
  const dueDay = issueDay + debtor.termsDays;
  const amountMinor = sampleAmountMinor(random, debtor);
  const disputed = random.chance(disputeRate);

  // When the debtor pays (or would pay), and whether in full: decided first, then cut off at asOf, so an
  // invoice whose payment day has not come yet is simply open today.
  let paymentDay: number | undefined;
  let partial = false;
  if (disputed) {
    // A disputed invoice is short-paid (the undisputed part) or not paid at all.
    if (random.chance(0.4)) {
      paymentDay = dueDay + sampleDelayDays(random, debtor.habit);
      partial = true;
    }
  } else if (debtor.habit === 'defaulted' && dueDay >= debtor.stoppedPayingDay) {
    // Some money before the debtor went silent, never the whole.
    if (random.chance(0.2)) {
      paymentDay = issueDay + random.nextInteger(10, debtor.termsDays + 30);
      partial = true;
    }
  } else if (!random.chance(forgottenRate)) {
    paymentDay = dueDay + sampleDelayDays(random, debtor.habit);
    partial = random.chance(partialRateByHabit[debtor.habit]);
  }
  if (paymentDay !== undefined) paymentDay = Math.max(paymentDay, issueDay + 1);
  const paid = paymentDay !== undefined && paymentDay <= asOfDay;
  const paidAmountMinor = paid ? (partial ? samplePartialMinor(random, amountMinor) : amountMinor) : 0;

  return {
    debtor_ref: debtor.ref,
    debtor_name: debtor.name,
    debtor_kind: debtor.kind,
    debt_purpose: debtor.purpose,
    country: debtor.place.country,
    region: debtor.place.region,
    postal_code: debtor.place.postalCode,
    city: debtor.place.city,
    address_line1: debtor.addressLine1,
    phone: debtor.phone,
    email: debtor.email,
    time_zone: debtor.statedTimeZone,
    account_ref: `A${debtor.ref.slice(1)}-${currency}`,
    invoice_number: `INV-${String(invoiceSequence).padStart(6, '0')}`,
    issue_date: formatDay(issueDay),
    due_date: formatDay(dueDay),
    currency,
    amount: formatDecimal(BigInt(amountMinor), currency),
    disputed: disputed ? 'yes' : 'no',
    paid_date: paid ? formatDay(paymentDay!) : '',
    paid_amount: paid ? formatDecimal(BigInt(paidAmountMinor), currency) : '',
  };
}

const unitedStatesPlaceChoices = unitedStatesPlaces.map((place) => [place, place.weight] as const);
const canadaPlaceChoices = canadaPlaces.map((place) => [place, place.weight] as const);
const unitedKingdomPlaceChoices = unitedKingdomPlaces.map((place) => [place, place.weight] as const);

const personTerms = [[30, 0.85], [45, 0.1], [60, 0.05]] as const;
const businessTerms = [[30, 0.5], [45, 0.25], [60, 0.25]] as const;
const personHabits = [['prompt', 0.45], ['late', 0.28], ['slow', 0.15], ['defaulted', 0.12]] as const;
const businessHabits = [['prompt', 0.4], ['late', 0.36], ['slow', 0.17], ['defaulted', 0.07]] as const;
const partialRateByHabit: Record<PaymentHabit, number> = { prompt: 0.02, late: 0.06, slow: 0.15, defaulted: 0.12 };

/** Days from the due date to the payment; negative is early. */
function sampleDelayDays(random: SeededRandom, habit: PaymentHabit): number {
  switch (habit) {
    case 'prompt': return random.nextInteger(-10, 2);
    case 'late': return random.nextInteger(3, 45);
    case 'slow': return random.nextInteger(30, 170);
    case 'defaulted': return random.nextInteger(5, 90);
  }
}

// Log-normal amounts: most invoices small, a long tail of large ones, as in real receivables.
function sampleAmountMinor(random: SeededRandom, debtor: Debtor): number {
  const [median, spread, minimum, maximum] =
    debtor.kind === 'business' ? [2200, 1.1, 150, 250_000]
    : debtor.purpose === 'commercial' ? [600, 0.9, 50, 15_000]
    : [140, 0.95, 15, 3_500];
  const major = Math.min(maximum, Math.max(minimum, median * Math.exp(spread * random.nextNormal())));
  const minor = Math.round(major * 100);
  if (debtor.kind === 'person') {
    // Consumer prices: many end in .99 or .00.
    const style = random.nextFloat();
    if (style < 0.35) return Math.floor(minor / 100) * 100 + 99;
    if (style < 0.55) return Math.round(minor / 100) * 100;
  }
  return minor;
}

/** A part payment between 10% and 90%, in round figures as people pay them; always at least 1 minor unit short. */
function samplePartialMinor(random: SeededRandom, amountMinor: number): number {
  const raw = Math.floor((amountMinor * random.nextInteger(10, 90)) / 100);
  const step = amountMinor >= 500_000 ? 10_000 : amountMinor >= 20_000 ? 1_000 : 100;
  const rounded = Math.floor(raw / step) * step;
  return Math.min(amountMinor - 1, Math.max(rounded > 0 ? rounded : raw, 1));
}

// Knuth's method, plenty for the small means used here; a normal approximation beyond them.
function samplePoisson(random: SeededRandom, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextNormal()));
  const limit = Math.exp(-mean);
  let count = -1;
  let product = 1;
  do {
    count++;
    product *= random.nextFloat();
  } while (product > limit);
  return count;
}

function buildPhone(random: SeededRandom, place: ExamplePlace): string {
  let phone = random.pick(place.phonePrefixes);
  while (phone.length < phoneLengthByCountry[place.country]) phone += String(random.nextInteger(0, 9));
  return phone;
}

function buildStreetAddress(random: SeededRandom, place: ExamplePlace): string {
  return `${random.nextInteger(1, 9899)} ${random.pick(streetNames)} ${random.pick(streetSuffixesByCountry[place.country])}`;
}

/** "Müller" → "muller", "O'Brien" → "obrien": a word safe for the local part of an address. */
function toAsciiWord(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** "Cedar Plumbing & Heating LLC" → "cedar-plumbing-heating-llc". */
function toAsciiSlug(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Day number (days since 1970-01-01) of a real `YYYY-MM-DD` date, or undefined. */
function parseCalendarDate(text: string): number | undefined {
  return isCalendarDate(text) ? computeDayNumber(text) : undefined;
}

// A book spans a few hundred distinct days; formatting each once keeps a million rows cheap.
function buildDayFormatter(): (day: number) => string {
  const cache = new Map<number, string>();
  return (day) => {
    let text = cache.get(day);
    if (text === undefined) {
      text = buildCalendarDate(day);
      cache.set(day, text);
    }
    return text;
  };
}
