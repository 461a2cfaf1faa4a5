import { createRequire } from 'node:module';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { standardColumns } from '../../domain/book/import-mapping.ts';
import { parseAmount } from '../../domain/money/money.ts';
import { exampleBookHistoryDays, generateExampleBook, type ExampleBookRow } from './generate-example-book.ts';
import { canadaPlaces, unitedKingdomPlaces, unitedStatesPlaces } from './reference-data.ts';

const zipcodeToTimezone = createRequire(import.meta.url)('zipcode-to-timezone') as { lookup: (zip: string) => string | null };

const asOf = '2026-11-24';
const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const asOfDay = dayNumber(asOf);

function amountMinor(text: string, currency: string): bigint {
  const parsed = parseAmount(text, currency);
  if (!parsed.ok) throw new Error(`"${text}" does not parse as ${currency}`);
  return parsed.value;
}

/** The open part of an invoice as of the book's date. */
const openMinor = (row: ExampleBookRow): bigint =>
  amountMinor(row.amount, row.currency) - (row.paid_amount === '' ? 0n : amountMinor(row.paid_amount, row.currency));

const agingBuckets = ['current', '1-30', '31-60', '61-90', '91-120', '121+'] as const;
function computeBucket(row: ExampleBookRow, onDay: number): (typeof agingBuckets)[number] {
  const daysPastDue = onDay - dayNumber(row.due_date);
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return '1-30';
  if (daysPastDue <= 60) return '31-60';
  if (daysPastDue <= 90) return '61-90';
  if (daysPastDue <= 120) return '91-120';
  return '121+';
}

const book = [...generateExampleBook({ seed: 1, asOf, debtors: 2_000 })];
const debtorRows = new Map<string, ExampleBookRow[]>();
for (const row of book) debtorRows.set(row.debtor_ref, [...(debtorRows.get(row.debtor_ref) ?? []), row]);
const firstRows = [...debtorRows.values()].map((rows) => rows[0]!);

describe('generateExampleBook', () => {
  it('gives the same rows for the same seed, and other rows for another seed', () => {
    const again = [...generateExampleBook({ seed: 1, asOf, debtors: 2_000 })];
    expect(again).toEqual(book);
    const other = [...generateExampleBook({ seed: 2, asOf, debtors: 2_000 })];
    const differing = other.filter((row, index) => JSON.stringify(row) !== JSON.stringify(book[index]));
    expect(differing.length).toBeGreaterThan(other.length * 0.9);
  });

  it('begins a larger book with the rows of a smaller one', () => {
    const smaller = [...generateExampleBook({ seed: 1, asOf, debtors: 500 })];
    expect(book.slice(0, smaller.length)).toEqual(smaller);
    expect(book[smaller.length]!.debtor_ref).toBe('C000501');
  });

  it('writes every column of the standard layout, as text', () => {
    for (const row of book.slice(0, 200)) {
      expect(Object.keys(row)).toEqual([...standardColumns]);
      expect(Object.values(row).every((value) => typeof value === 'string')).toBe(true);
    }
  });

  it('dates everything relative to asOf: nothing issued or paid after it, and moving asOf moves every date alike', () => {
    for (const row of book) {
      expect(dayNumber(row.issue_date)).toBeLessThanOrEqual(asOfDay);
      expect(dayNumber(row.issue_date)).toBeGreaterThanOrEqual(asOfDay - exampleBookHistoryDays);
      expect(dayNumber(row.due_date)).toBeGreaterThan(dayNumber(row.issue_date));
      if (row.paid_date !== '') {
        expect(dayNumber(row.paid_date)).toBeLessThanOrEqual(asOfDay);
        expect(dayNumber(row.paid_date)).toBeGreaterThan(dayNumber(row.issue_date));
      }
    }
    // A leap day, 1,000 days earlier: the same book, every date shifted by the same number of days.
    const shifted = [...generateExampleBook({ seed: 1, asOf: '2024-02-29', debtors: 300 })];
    const shift = dayNumber('2024-02-29') - asOfDay;
    expect(shifted.length).toBe(book.filter((row) => Number(row.debtor_ref.slice(1)) <= 300).length);
    shifted.forEach((row, index) => {
      const original = book[index]!;
      expect(dayNumber(row.issue_date) - dayNumber(original.issue_date)).toBe(shift);
      expect(dayNumber(row.due_date) - dayNumber(original.due_date)).toBe(shift);
      expect(row.paid_date === '' ? '' : dayNumber(row.paid_date) - dayNumber(original.paid_date)).toBe(row.paid_date === '' ? '' : shift);
      expect({ ...row, issue_date: '', due_date: '', paid_date: '' }).toEqual({ ...original, issue_date: '', due_date: '', paid_date: '' });
    });
  });

  it('has open invoices in every aging bucket as of asOf, whatever the seed', () => {
    for (const seed of [1, 2, 3, 1_000_003]) {
      const counts = new Map<string, number>();
      const rows = seed === 1 ? book : generateExampleBook({ seed, asOf, debtors: 2_000 });
      for (const row of rows) {
        if (openMinor(row) > 0n) counts.set(computeBucket(row, asOfDay), (counts.get(computeBucket(row, asOfDay)) ?? 0) + 1);
      }
      for (const bucket of agingBuckets) expect(counts.get(bucket) ?? 0, `seed ${seed}, bucket ${bucket}`).toBeGreaterThanOrEqual(20);
    }
  });

  it('has some invoices not yet due, and pays most older invoices in full, often late', () => {
    expect(book.filter((row) => dayNumber(row.due_date) > asOfDay).length).toBeGreaterThan(100);
    const older = book.filter((row) => asOfDay - dayNumber(row.issue_date) > 120);
    const paidInFull = older.filter((row) => row.paid_amount !== '' && openMinor(row) === 0n);
    expect(paidInFull.length / older.length).toBeGreaterThan(0.7);
    const paidLate = paidInFull.filter((row) => dayNumber(row.paid_date) > dayNumber(row.due_date));
    expect(paidLate.length / paidInFull.length).toBeGreaterThan(0.3);
  });

  it('pays in full, in part or not at all, with a paid amount never above the invoice and blank when unpaid', () => {
    let partial = 0;
    let unpaid = 0;
    for (const row of book) {
      expect(row.paid_date === '').toBe(row.paid_amount === '');
      if (row.paid_amount === '') {
        unpaid++;
        continue;
      }
      const paid = amountMinor(row.paid_amount, row.currency);
      expect(paid).toBeGreaterThan(0n);
      expect(paid).toBeLessThanOrEqual(amountMinor(row.amount, row.currency));
      if (paid < amountMinor(row.amount, row.currency)) partial++;
    }
    expect(partial).toBeGreaterThan(book.length * 0.02);
    expect(unpaid).toBeGreaterThan(book.length * 0.1);
  });

  it('writes amounts that parse exactly in their currency, consumer ones smaller than commercial ones', () => {
    const consumer: bigint[] = [];
    const business: bigint[] = [];
    for (const row of book) {
      expect(row.amount).toMatch(/^\d+\.\d{2}$/);
      const amount = amountMinor(row.amount, row.currency);
      expect(amount).toBeGreaterThan(0n);
      (row.debtor_kind === 'business' ? business : consumer).push(amount);
    }
    const median = (values: bigint[]) => values.sort((left, right) => (left < right ? -1 : left > right ? 1 : 0))[Math.floor(values.length / 2)]!;
    expect(median(consumer)).toBeGreaterThan(5_000n);
    expect(median(consumer)).toBeLessThan(50_000n);
    expect(median(business)).toBeGreaterThan(median(consumer) * 5n);
    expect(consumer.every((amount) => amount <= 1_500_000n)).toBe(true);
  });

  it('numbers invoices uniquely and keeps each debtor in adjacent rows with the same particulars', () => {
    expect(new Set(book.map((row) => row.invoice_number)).size).toBe(book.length);
    expect(book[0]!.invoice_number).toBe('INV-000001');
    expect(debtorRows.size).toBe(2_000);
    let runs = 0;
    book.forEach((row, index) => {
      if (index === 0 || book[index - 1]!.debtor_ref !== row.debtor_ref) runs++;
    });
    expect(runs).toBe(2_000);
    const debtorColumns = ['debtor_name', 'debtor_kind', 'debt_purpose', 'country', 'region', 'postal_code', 'city', 'address_line1', 'phone', 'email', 'time_zone'] as const;
    for (const rows of debtorRows.values()) {
      for (const row of rows) {
        for (const column of debtorColumns) expect(row[column]).toBe(rows[0]![column]);
        expect(row.account_ref).toBe(`A${row.debtor_ref.slice(1)}-${row.currency}`);
      }
    }
  });

  it('is about 70% consumers and 30% businesses, with both debt purposes', () => {
    const persons = firstRows.filter((row) => row.debtor_kind === 'person');
    expect(persons.length / firstRows.length).toBeGreaterThan(0.65);
    expect(persons.length / firstRows.length).toBeLessThan(0.75);
    expect(firstRows.every((row) => row.debtor_kind === 'person' || row.debt_purpose === 'commercial')).toBe(true);
    expect(persons.filter((row) => row.debt_purpose === 'consumer').length / persons.length).toBeGreaterThan(0.9);
    expect(new Set(firstRows.map((row) => row.debt_purpose))).toEqual(new Set(['consumer', 'commercial']));
    const averageInvoices = (kind: string) => {
      const refs = firstRows.filter((row) => row.debtor_kind === kind).map((row) => row.debtor_ref);
      return refs.reduce((sum, ref) => sum + debtorRows.get(ref)!.length, 0) / refs.length;
    };
    expect(averageInvoices('business')).toBeGreaterThan(averageInvoices('person'));
  });

  it('places consumers in the US in USD, across many states including Arizona and Hawaii; some businesses abroad in CAD or GBP', () => {
    const persons = firstRows.filter((row) => row.debtor_kind === 'person');
    expect(persons.every((row) => row.country === 'US')).toBe(true);
    expect(book.filter((row) => row.debtor_kind === 'person').every((row) => row.currency === 'USD')).toBe(true);
    const states = new Set(persons.map((row) => row.region));
    expect(states.size).toBeGreaterThanOrEqual(15);
    expect(states).toContain('AZ');
    expect(states).toContain('HI');
    const businessCountries = new Set(firstRows.filter((row) => row.debtor_kind === 'business').map((row) => row.country));
    expect(businessCountries).toEqual(new Set(['US', 'CA', 'GB']));
    const currencies = new Map<string, Set<string>>();
    for (const row of book) currencies.set(row.country, (currencies.get(row.country) ?? new Set()).add(row.currency));
    expect(currencies.get('US')).toEqual(new Set(['USD']));
    expect(currencies.get('CA')).toEqual(new Set(['CAD', 'USD']));
    expect(currencies.get('GB')!.has('GBP')).toBe(true);
    const usdShare = book.filter((row) => row.currency === 'USD').length / book.length;
    expect(usdShare).toBeGreaterThan(0.85);
  });

  it('honours the average invoices per debtor and the currency shares asked for', () => {
    const single = [...generateExampleBook({ seed: 4, asOf, debtors: 500, invoicesPerDebtor: 1 })];
    expect(single.length).toBe(500);
    const many = [...generateExampleBook({ seed: 4, asOf, debtors: 2_000, invoicesPerDebtor: 10 })];
    expect(many.length / 2_000).toBeGreaterThan(9);
    expect(many.length / 2_000).toBeLessThan(11);
    expect(book.length / 2_000).toBeGreaterThan(4.5);
    expect(book.length / 2_000).toBeLessThan(5.5);
    const domestic = [...generateExampleBook({ seed: 4, asOf, debtors: 500, commercialCurrencyShares: { CAD: 0, GBP: 0 } })];
    expect(domestic.every((row) => row.currency === 'USD' && row.country === 'US')).toBe(true);
    const british = [...generateExampleBook({ seed: 4, asOf, debtors: 500, commercialCurrencyShares: { CAD: 0, GBP: 1 } })];
    expect(british.filter((row) => row.debtor_kind === 'business').every((row) => row.country === 'GB')).toBe(true);
  });

  it('writes valid E.164 numbers from fictional ranges and e-mail addresses at reserved domains', () => {
    for (const row of firstRows) {
      if (row.phone !== '') {
        expect(isValidPhoneNumber(row.phone), row.phone).toBe(true);
        expect(row.phone).toMatch(/^\+1\d{3}55501\d{2}$|^\+44(2079460|1614960|1314960)\d{3}$/);
      }
      if (row.email !== '') expect(row.email).toMatch(/^[a-z0-9.]+@([a-z0-9-]+\.)?example\.(com|net|org)$/);
    }
    expect(firstRows.filter((row) => row.phone === '').length).toBeLessThan(firstRows.length * 0.1);
  });

  it('pairs each city with its ZIP code, area codes and time zone, so zones can be derived', () => {
    for (const place of unitedStatesPlaces) expect(zipcodeToTimezone.lookup(place.postalCode), place.city).toBe(place.timeZone);
    for (const place of [...unitedStatesPlaces, ...canadaPlaces, ...unitedKingdomPlaces]) {
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone: place.timeZone })).not.toThrow();
    }
    // Most debtors' phones carry an area code of their own city; a few moved and kept their number.
    const persons = firstRows.filter((row) => row.debtor_kind === 'person' && row.phone !== '');
    const local = persons.filter((row) => {
      const place = unitedStatesPlaces.find((candidate) => candidate.city === row.city && candidate.region === row.region)!;
      return place.phonePrefixes.some((prefix) => row.phone.startsWith(prefix));
    });
    expect(local.length / persons.length).toBeGreaterThan(0.9);
    expect(local.length).toBeLessThan(persons.length);
    // A stated zone, where there is one, is the zone of the debtor's city.
    const stated = firstRows.filter((row) => row.time_zone !== '');
    expect(stated.length).toBeGreaterThan(10);
    expect(stated.length).toBeLessThan(firstRows.length * 0.1);
    for (const row of stated) {
      const place = [...unitedStatesPlaces, ...canadaPlaces, ...unitedKingdomPlaces].find((candidate) => candidate.city === row.city)!;
      expect(row.time_zone).toBe(place.timeZone);
    }
  });

  it('marks a few invoices disputed, with yes or no', () => {
    expect(new Set(book.map((row) => row.disputed))).toEqual(new Set(['yes', 'no']));
    const disputed = book.filter((row) => row.disputed === 'yes').length;
    expect(disputed).toBeGreaterThan(book.length * 0.01);
    expect(disputed).toBeLessThan(book.length * 0.06);
  });

  it('includes names that exercise CSV quoting and UTF-8: commas, apostrophes, accents', () => {
    expect(firstRows.some((row) => row.debtor_name.includes(','))).toBe(true);
    expect(firstRows.some((row) => row.debtor_name.includes("'"))).toBe(true);
    expect(firstRows.some((row) => /[^\x00-\x7f]/.test(row.debtor_name))).toBe(true);
  });

  it('streams: rows come one at a time, so a 20,000-debtor book is counted without being held', () => {
    // Lazy: the first row of a book of ten million debtors is there at once.
    const started = performance.now();
    const huge = generateExampleBook({ seed: 1, asOf, debtors: 10_000_000 });
    expect(huge.next().value?.invoice_number).toBe('INV-000001');
    expect(performance.now() - started).toBeLessThan(1_000);

    // About 100,000 rows, counted as they pass, in a few seconds at most even on a busy machine.
    let rows = 0;
    const counting = performance.now();
    for (const _row of generateExampleBook({ seed: 9, asOf, debtors: 20_000 })) rows++;
    expect(rows).toBeGreaterThan(90_000);
    expect(performance.now() - counting).toBeLessThan(20_000);
  });

  it('refuses options it cannot honour, when called rather than at the first row', () => {
    expect(() => generateExampleBook({ seed: 1, asOf: '2026-02-30', debtors: 1 })).toThrow(/asOf/);
    expect(() => generateExampleBook({ seed: 1, asOf: '24/11/2026', debtors: 1 })).toThrow(/asOf/);
    expect(() => generateExampleBook({ seed: -1, asOf, debtors: 1 })).toThrow(/seed/);
    expect(() => generateExampleBook({ seed: 1, asOf, debtors: 1.5 })).toThrow(/debtors/);
    expect(() => generateExampleBook({ seed: 1, asOf, debtors: 1, invoicesPerDebtor: 0.5 })).toThrow(/invoicesPerDebtor/);
    expect(() => generateExampleBook({ seed: 1, asOf, debtors: 1, commercialCurrencyShares: { CAD: 0.6, GBP: 0.6 } })).toThrow(/commercialCurrencyShares/);
    expect([...generateExampleBook({ seed: 1, asOf, debtors: 0 })]).toEqual([]);
  });
});
