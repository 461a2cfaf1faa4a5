import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listBankTransactions, parseCamt053 } from '../camt053/parse-camt053.ts';
import type { BankTransaction } from './bank-transaction.ts';
import { creditConfidences, matchBankCredits, type CreditDecision, type OpenInvoice } from './match-bank-credits.ts';

let nextId = 0;
function credit(amountMinor: bigint, fields: Partial<BankTransaction> = {}): BankTransaction {
  nextId++;
  return {
    transactionId: `tx_${nextId}`, direction: 'credit', amountMinor, currency: 'EUR', status: 'booked', reversal: false,
    bookingDate: '2026-11-20', valueDate: '2026-11-20', bankReference: null, endToEndId: null, remittanceText: [],
    creditorReferences: [], counterpartyName: null, counterpartyAccount: null, ...fields,
  };
}

function invoice(invoiceNumber: string, openMinor: bigint, debtorName: string, dueDate = '2026-10-01', fields: Partial<OpenInvoice> = {}): OpenInvoice {
  return {
    invoiceId: `inv_${invoiceNumber}`, invoiceNumber, debtorId: `dbt_${debtorName.toLowerCase().replace(/\W/g, '')}`, debtorName,
    currency: 'EUR', openMinor, dueDate, ...fields,
  };
}

const only = (decisions: CreditDecision[]): CreditDecision => {
  expect(decisions).toHaveLength(1);
  return decisions[0] as CreditDecision;
};
const allocated = (decision: CreditDecision) => decision.allocations.map((allocation) => [allocation.invoiceNumber, allocation.amountMinor]);

const book: OpenInvoice[] = [
  invoice('INV-000123', 125_000n, 'ACME LLC', '2026-09-15'),
  invoice('INV-000124', 98_050n, 'Globex GmbH'),
  invoice('INV-000130', 100_000n, 'Stark Industries Ltd'),
  invoice('INV-000131', 70_000n, 'Wayne Enterprises Inc', '2026-09-01'),
  invoice('INV-000132', 80_000n, 'Wayne Enterprises Inc', '2026-09-20'),
  invoice('INV-000140', 9_999n, 'Hooli Inc'),
];

describe('(a) invoice numbers in the remittance text', () => {
  it('matches the invoice named in the remittance text when the amount equals its open balance (0.99, matched)', () => {
    const decision = only(matchBankCredits([credit(125_000n, { remittanceText: ['Payment for invoice INV-000123'] })], book));
    expect(decision).toMatchObject({ status: 'matched', strategy: 'reference', confidence: creditConfidences.referenceExactAmount, unappliedMinor: 0n });
    expect(allocated(decision)).toEqual([['INV-000123', 125_000n]]);
    expect(decision.reasons).toContain('invoice number INV-000123 in the remittance text');
  });

  it.each(['inv 123', 'INV000123', 'Inv-0123', 'INV - 000123', 'ref: inv_000123.'])('tolerates case, blanks, dashes and leading zeros: "%s"', (text) => {
    const decision = only(matchBankCredits([credit(125_000n, { remittanceText: [text] })], book));
    expect(decision).toMatchObject({ status: 'matched', strategy: 'reference' });
    expect(allocated(decision)).toEqual([['INV-000123', 125_000n]]);
  });

  it('reads structured creditor references (RF prefix dropped) and the end-to-end id', () => {
    expect(allocated(only(matchBankCredits([credit(98_050n, { creditorReferences: ['RF71INV000124'] })], book)))).toEqual([['INV-000124', 98_050n]]);
    const fromEndToEnd = only(matchBankCredits([credit(98_050n, { endToEndId: 'INV-000124' })], book));
    expect(fromEndToEnd.reasons).toContain('invoice number INV-000124 in the end-to-end id');
  });

  it('several numbers pay several invoices, in the order written', () => {
    const decision = only(matchBankCredits([credit(150_000n, { remittanceText: ['Rechnung INV-132 und', 'INV-131, Kunde 4711'] })], book));
    expect(decision).toMatchObject({ status: 'matched', confidence: 0.99, unappliedMinor: 0n });
    expect(allocated(decision)).toEqual([['INV-000132', 80_000n], ['INV-000131', 70_000n]]);
    expect(decision.reasons).toContain('amount equals the open balance of these 2 invoices');
  });

  it('a partial payment allocates what was paid and says so (0.92, matched)', () => {
    const decision = only(matchBankCredits([credit(50_000n, { remittanceText: ['INV-000123 part 1'] })], book));
    expect(decision).toMatchObject({ status: 'matched', confidence: creditConfidences.referenceOtherAmount, unappliedMinor: 0n });
    expect(allocated(decision)).toEqual([['INV-000123', 50_000n]]);
    expect(decision.reasons).toContain('partial payment: 500.00 EUR of the open 1,250.00 EUR on INV-000123');
  });

  it('an over-payment allocates the open balance and leaves the rest unapplied', () => {
    const decision = only(matchBankCredits([credit(130_000n, { remittanceText: ['INV-000123'] })], book));
    expect(decision).toMatchObject({ status: 'matched', unappliedMinor: 5_000n });
    expect(allocated(decision)).toEqual([['INV-000123', 125_000n]]);
    expect(decision.reasons).toContain('over-payment: 50.00 EUR left unapplied');
  });

  it('the digits alone (at least five as written) are weaker evidence: suggested', () => {
    const decision = only(matchBankCredits([credit(125_000n, { remittanceText: ['Rechnung 000123'] })], book));
    expect(decision).toMatchObject({ status: 'suggested', strategy: 'reference', confidence: creditConfidences.digitsExactAmount });
    expect(decision.reasons[0]).toBe('"000123" in the remittance text is the number of invoice INV-000123 without its prefix');
    const partial = only(matchBankCredits([credit(25_000n, { remittanceText: ['Rechnung 000123'] })], book));
    expect(partial).toMatchObject({ status: 'suggested', strategy: 'reference', confidence: creditConfidences.digitsOtherAmount });
    // "123" alone is too short to be taken for an invoice number: the amount strategy decides instead.
    expect(only(matchBankCredits([credit(125_000n, { remittanceText: ['Kunde 123'] })], book)).strategy).toBe('amount');
  });

  it('a second payment of an invoice already paid in this run goes to a person as a possible duplicate', () => {
    const decisions = matchBankCredits([
      credit(125_000n, { remittanceText: ['INV-000123'] }),
      credit(125_000n, { remittanceText: ['INV-000123'] }),
    ], book);
    expect(decisions[0]?.status).toBe('matched');
    expect(decisions[1]).toMatchObject({ status: 'unmatched', allocations: [], unappliedMinor: 125_000n });
    expect(decisions[1]?.reasons).toContain('INV-000123 has no open balance left in this run: a duplicate payment?');
  });

  it('two partial payments of one invoice both apply, up to its open balance', () => {
    const decisions = matchBankCredits([
      credit(100_000n, { remittanceText: ['INV-000123'] }),
      credit(100_000n, { remittanceText: ['INV-000123'] }),
    ], book);
    expect(decisions.map(allocated)).toEqual([[['INV-000123', 100_000n]], [['INV-000123', 25_000n]]]);
    expect(decisions[1]?.unappliedMinor).toBe(75_000n);
  });

  it('an invoice named in another currency is not paid by it', () => {
    const decision = only(matchBankCredits([credit(125_000n, { currency: 'USD', remittanceText: ['INV-000123'] })], book));
    expect(decision.status).toBe('unmatched');
    expect(decision.allocations).toEqual([]);
  });

  it('a number shared by invoices of two debtors is settled by the payer name, else left alone', () => {
    const shared = [invoice('INV-1001', 10_000n, 'ACME LLC'), invoice('INV-1001', 20_000n, 'Globex GmbH', '2026-10-01', { invoiceId: 'inv_other' })];
    expect(allocated(only(matchBankCredits([credit(5_000n, { remittanceText: ['INV-1001'], counterpartyName: 'Globex' })], shared)))).toEqual([['INV-1001', 5_000n]]);
    expect(only(matchBankCredits([credit(5_000n, { remittanceText: ['INV-1001'], counterpartyName: 'Globex' })], shared)).allocations[0]?.invoiceId).toBe('inv_other');
    const unnamed = only(matchBankCredits([credit(5_000n, { remittanceText: ['INV-1001'] })], shared));
    expect(unnamed.status).toBe('unmatched');
    expect(unnamed.reasons.join(' ')).toMatch(/fits 2 invoices/);
  });

  it('a credit naming an invoice gets it before an earlier credit that only has the amount', () => {
    const decisions = matchBankCredits([credit(9_999n), credit(9_999n, { remittanceText: ['INV-000140'] })], book);
    expect(decisions[1]).toMatchObject({ status: 'matched', strategy: 'reference' });
    expect(decisions[0]?.status).toBe('unmatched');
  });
});

describe('(b) exact amount', () => {
  it('the only open invoice of that amount, payer name fits its debtor: matched 0.95', () => {
    const decision = only(matchBankCredits([credit(98_050n, { counterpartyName: 'GLOBEX G.m.b.H.' })], book));
    expect(decision).toMatchObject({ status: 'matched', strategy: 'amount', confidence: creditConfidences.amountUniqueNamed });
    expect(allocated(decision)).toEqual([['INV-000124', 98_050n]]);
  });

  it('the only one of that amount without a payer name: suggested 0.75; with another payer name: suggested 0.55', () => {
    expect(only(matchBankCredits([credit(98_050n)], book))).toMatchObject({ status: 'suggested', confidence: creditConfidences.amountUniqueUnnamed });
    const other = only(matchBankCredits([credit(98_050n, { counterpartyName: 'Umbrella Corp' })], book));
    expect(other).toMatchObject({ status: 'suggested', confidence: creditConfidences.amountUniqueOtherName });
    expect(other.reasons).toContain('but payer "Umbrella Corp" does not fit debtor Globex GmbH');
  });

  it('several invoices of that amount: the payer name picks one (matched 0.9)', () => {
    const invoices = [invoice('A-1', 5_000n, 'ACME LLC'), invoice('B-1', 5_000n, 'Globex GmbH'), invoice('C-1', 5_000n, 'Initech Inc')];
    const decision = only(matchBankCredits([credit(5_000n, { counterpartyName: 'Initech' })], invoices));
    expect(decision).toMatchObject({ status: 'matched', confidence: creditConfidences.amountPickedByName });
    expect(allocated(decision)).toEqual([['C-1', 5_000n]]);
  });

  it('several of that amount from different debtors and no name that fits: unmatched', () => {
    const invoices = [invoice('A-1', 5_000n, 'ACME LLC'), invoice('B-1', 5_000n, 'Globex GmbH')];
    expect(only(matchBankCredits([credit(5_000n, { counterpartyName: 'Someone Else' })], invoices))).toMatchObject({ status: 'unmatched', strategy: null });
  });

  it('several of that amount of one debtor: the oldest (suggested 0.6 without a name, 0.7 with)', () => {
    const invoices = [invoice('A-2', 5_000n, 'ACME LLC', '2026-10-02'), invoice('A-1', 5_000n, 'ACME LLC', '2026-10-01')];
    const unnamed = only(matchBankCredits([credit(5_000n)], invoices));
    expect(unnamed).toMatchObject({ status: 'suggested', confidence: creditConfidences.amountOneDebtorUnnamed });
    expect(allocated(unnamed)).toEqual([['A-1', 5_000n]]);
    expect(only(matchBankCredits([credit(5_000n, { counterpartyName: 'Acme' })], invoices))).toMatchObject({ confidence: creditConfidences.amountSeveralNamed });
  });

  it('an invoice partly paid earlier in the run is found by its new open balance', () => {
    const decisions = matchBankCredits([credit(25_000n, { remittanceText: ['INV-000123'] }), credit(100_000n, { counterpartyName: 'ACME LLC' })], book);
    expect(decisions[1]).toMatchObject({ status: 'matched', strategy: 'amount' });
    expect(allocated(decisions[1] as CreditDecision)).toEqual([['INV-000123', 100_000n]]);
  });
});

describe('(c) a combination of one debtor\'s invoices', () => {
  const invoices = [
    invoice('A-1', 10_000n, 'ACME LLC', '2026-08-01'),
    invoice('A-2', 25_000n, 'ACME LLC', '2026-09-01'),
    invoice('A-3', 40_000n, 'ACME LLC', '2026-10-01'),
    invoice('G-1', 50_000n, 'Globex GmbH', '2026-08-01'),
  ];

  it('finds the invoices of the named debtor that add up to the amount exactly (suggested 0.85)', () => {
    const decision = only(matchBankCredits([credit(50_000n, { counterpartyName: 'Acme, L.L.C.' })], invoices));
    expect(decision).toMatchObject({ status: 'suggested', strategy: 'combination', confidence: 0.85, unappliedMinor: 0n });
    expect(allocated(decision)).toEqual([['A-1', 10_000n], ['A-3', 40_000n]]);
    expect(decision.reasons[0]).toBe('amount equals the open balance of 2 invoices of ACME LLC (A-1, A-3)');
  });

  it('does not search beyond subsetInvoicesMax invoices of a debtor', () => {
    const many = Array.from({ length: 6 }, (_, index) => invoice(`M-${index}`, BigInt(1_000 * 2 ** index), 'Many Ltd', `2026-01-0${index + 1}`));
    const needsTheSixth = 1_000n + 32_000n;
    expect(only(matchBankCredits([credit(needsTheSixth, { counterpartyName: 'Many' })], many)).strategy).toBe('combination');
    expect(only(matchBankCredits([credit(needsTheSixth, { counterpartyName: 'Many' })], many, { subsetInvoicesMax: 5 })).strategy).toBe('name');
  });

  it('gives up after subsetStepsMax steps', () => {
    const many = Array.from({ length: 20 }, (_, index) => invoice(`M-${index}`, 1_000n * 2n ** BigInt(index), 'Many Ltd', `2026-01-${String(index + 1).padStart(2, '0')}`));
    // The two smallest: the search (largest balances first) walks past the 18 larger ones before finding them.
    const firstTwo = 1_000n + 2_000n;
    expect(allocated(only(matchBankCredits([credit(firstTwo, { counterpartyName: 'Many' })], many)))).toEqual([['M-0', 1_000n], ['M-1', 2_000n]]);
    expect(only(matchBankCredits([credit(firstTwo, { counterpartyName: 'Many' })], many, { subsetStepsMax: 10 })).strategy).toBe('name');
  });
});

describe('(d) fuzzy payer name', () => {
  it('pays the oldest invoices of the debtor whose name fits, with a lower confidence (suggested)', () => {
    const invoices = [invoice('S-2', 30_000n, 'Stark Industries Ltd', '2026-10-01'), invoice('S-1', 20_000n, 'Stark Industries Ltd', '2026-09-01')];
    const decision = only(matchBankCredits([credit(35_000n, { counterpartyName: 'STARK INDUSTIRES' })], invoices));
    expect(decision.status).toBe('suggested');
    expect(decision.strategy).toBe('name');
    expect(decision.confidence).toBeGreaterThanOrEqual(0.5);
    expect(decision.confidence).toBeLessThan(0.6);
    expect(allocated(decision)).toEqual([['S-1', 20_000n], ['S-2', 15_000n]]);
  });

  it('over-pays a debtor: every open invoice, the rest unapplied', () => {
    const decision = only(matchBankCredits([credit(10_000n, { counterpartyName: 'Hooli' })], book));
    expect(allocated(decision)).toEqual([['INV-000140', 9_999n]]);
    expect(decision.unappliedMinor).toBe(1n);
  });

  it('a name that fits two debtors about equally goes to a person', () => {
    const invoices = [invoice('X-1', 30_000n, 'Acme Trading LLC'), invoice('Y-1', 20_000n, 'Acme Trading Ltd', '2026-10-01', { debtorId: 'dbt_other' })];
    const decision = only(matchBankCredits([credit(1_000n, { counterpartyName: 'ACME TRADING' })], invoices));
    expect(decision).toMatchObject({ status: 'unmatched', allocations: [] });
    expect(decision.reasons[0]).toMatch(/fits Acme Trading LLC and Acme Trading Ltd about equally/);
  });

  it('a name that fits nobody: unmatched', () => {
    expect(only(matchBankCredits([credit(1_234n, { counterpartyName: 'Cyberdyne Systems' })], book))).toMatchObject({ status: 'unmatched', strategy: null, confidence: 0, unappliedMinor: 1_234n });
  });
});

describe('what is not applied, and the thresholds', () => {
  it('debits, reversals and pending credits are not applied', () => {
    const decisions = matchBankCredits([
      credit(125_000n, { direction: 'debit', remittanceText: ['INV-000123'] }),
      credit(125_000n, { direction: 'debit', reversal: true, remittanceText: ['INV-000123'] }),
      credit(125_000n, { status: 'pending', remittanceText: ['INV-000123'] }),
    ], book);
    expect(decisions.map((decision) => [decision.status, decision.reasons[0]])).toEqual([
      ['unmatched', 'a debit: not applied to invoices'],
      ['unmatched', 'the reversal of an earlier credit: not applied to invoices'],
      ['unmatched', 'pending: not on the account yet'],
    ]);
  });

  it('the currency must match', () => {
    expect(only(matchBankCredits([credit(98_050n, { currency: 'USD', counterpartyName: 'Globex' })], book)).status).toBe('unmatched');
  });

  it('the auto-apply and suggestion thresholds are options', () => {
    const strict = only(matchBankCredits([credit(125_000n, { remittanceText: ['INV-000123'] })], book, { autoApplyConfidence: 0.995 }));
    expect(strict.status).toBe('suggested');
    const picky = only(matchBankCredits([credit(98_050n)], book, { suggestConfidence: 0.8 }));
    expect(picky).toMatchObject({ status: 'unmatched', strategy: 'amount', confidence: 0.75, allocations: [] });
    expect(picky.reasons.at(-1)).toBe('confidence 0.75 is below the suggestion threshold 0.8');
  });

  it('the order of the invoices does not change the outcome', () => {
    const credits = [credit(5_000n, { counterpartyName: 'ACME' }), credit(150_000n, { remittanceText: ['INV-131 INV-132'] })];
    const invoices = [...book, invoice('A-2', 5_000n, 'ACME LLC', '2026-10-02'), invoice('A-1', 5_000n, 'ACME LLC', '2026-10-01')];
    expect(matchBankCredits(credits, [...invoices].reverse())).toEqual(matchBankCredits(credits, invoices));
  });
});

describe('the camt.053 fixture against a book', () => {
  it('applies the statement\'s credits and leaves the rest for a person', () => {
    const parsed = parseCamt053(readFileSync(new URL('../../../../test/fixtures/bank/camt053-v02-acme-bank.xml', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.message);
    const decisions = matchBankCredits(listBankTransactions(parsed.value), [...book, invoice('INI-7', 50_000n, 'Initech Inc')]);
    expect(decisions.map((decision) => [decision.transactionId, decision.status, decision.strategy, allocated(decision)])).toEqual([
      ['STMT-2026-11-20-DE89/1', 'matched', 'reference', [['INV-000123', 125_000n]]],
      ['STMT-2026-11-20-DE89/2', 'matched', 'reference', [['INV-000124', 98_050n]]],
      ['STMT-2026-11-20-DE89/3/1', 'matched', 'reference', [['INV-000130', 100_000n]]],
      ['STMT-2026-11-20-DE89/3/2', 'matched', 'reference', [['INV-000131', 70_000n], ['INV-000132', 80_000n]]],
      ['STMT-2026-11-20-DE89/3/3', 'matched', 'amount', [['INI-7', 50_000n]]],
      ['STMT-2026-11-20-DE89/4', 'unmatched', null, []],
      ['STMT-2026-11-20-DE89/5', 'unmatched', null, []],
      ['STMT-2026-11-20-DE89/6', 'unmatched', null, []],
    ]);
  });
});

describe('invariants (property tests)', () => {
  const debtorNames = ['ACME LLC', 'Acme Trading Ltd', 'Globex GmbH', 'Initech Inc', 'Stark Industries', 'Wayne Enterprises'];
  const invoiceArbitrary = fc.record({
    number: fc.integer({ min: 1, max: 40 }),
    debtor: fc.integer({ min: 0, max: debtorNames.length - 1 }),
    currency: fc.constantFrom('EUR', 'USD'),
    openMinor: fc.bigInt({ min: 1n, max: 50_000n }),
    day: fc.integer({ min: 1, max: 28 }),
  });
  const creditArbitrary = fc.record({
    amountMinor: fc.bigInt({ min: 1n, max: 120_000n }),
    currency: fc.constantFrom('EUR', 'USD'),
    numbers: fc.array(fc.integer({ min: 1, max: 45 }), { maxLength: 3 }),
    payer: fc.option(fc.constantFrom(...debtorNames, 'acme', 'GLOBEX', 'Nobody Ltd'), { nil: null }),
    direction: fc.constantFrom<'credit' | 'debit'>('credit', 'credit', 'credit', 'debit'),
  });
  type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;
  const build = (rawInvoices: Array<Generated<typeof invoiceArbitrary>>, rawCredits: Array<Generated<typeof creditArbitrary>>) => ({
    invoices: rawInvoices.map((raw, index): OpenInvoice => ({
      invoiceId: `inv_${index}`, invoiceNumber: `INV-${String(raw.number).padStart(6, '0')}`, debtorId: `dbt_${raw.debtor}`,
      debtorName: debtorNames[raw.debtor] ?? '', currency: raw.currency, openMinor: raw.openMinor, dueDate: `2026-10-${String(raw.day).padStart(2, '0')}`,
    })),
    credits: rawCredits.map((raw, index): BankTransaction => ({
      transactionId: `tx_${index}`, direction: raw.direction, amountMinor: raw.amountMinor, currency: raw.currency, status: 'booked', reversal: false,
      bookingDate: null, valueDate: null, bankReference: null, endToEndId: null,
      remittanceText: raw.numbers.length === 0 ? [] : [`Invoices ${raw.numbers.map((number) => `INV-${number}`).join(', ')}`],
      creditorReferences: [], counterpartyName: raw.payer, counterpartyAccount: null,
    })),
  });
  const inputs = fc.tuple(fc.array(invoiceArbitrary, { maxLength: 40 }), fc.array(creditArbitrary, { maxLength: 25 }));

  it('never allocates more than a credit, more than an invoice\'s open balance, or across currencies; applied + unapplied = credit', () => {
    fc.assert(fc.property(inputs, ([rawInvoices, rawCredits]) => {
      const { invoices, credits } = build(rawInvoices, rawCredits);
      const decisions = matchBankCredits(credits, invoices);
      const byId = new Map(invoices.map((invoice) => [invoice.invoiceId, invoice]));
      const taken = new Map<string, bigint>();
      decisions.forEach((decision, index) => {
        const source = credits[index] as BankTransaction;
        expect(decision.transactionId).toBe(source.transactionId);
        const applied = decision.allocations.reduce((sum, allocation) => sum + allocation.amountMinor, 0n);
        expect(applied + decision.unappliedMinor).toBe(source.amountMinor);
        expect(decision.unappliedMinor >= 0n).toBe(true);
        expect(decision.confidence).toBeGreaterThanOrEqual(0);
        expect(decision.confidence).toBeLessThanOrEqual(1);
        if (decision.status === 'unmatched') expect(decision.allocations).toEqual([]);
        if (source.direction === 'debit') expect(decision.status).toBe('unmatched');
        for (const allocation of decision.allocations) {
          expect(allocation.amountMinor > 0n).toBe(true);
          expect(byId.get(allocation.invoiceId)?.currency).toBe(source.currency);
          taken.set(allocation.invoiceId, (taken.get(allocation.invoiceId) ?? 0n) + allocation.amountMinor);
        }
      });
      for (const [invoiceId, amountMinor] of taken) expect(amountMinor <= (byId.get(invoiceId)?.openMinor ?? 0n)).toBe(true);
    }), { numRuns: 300 });
  });

  it('is deterministic: the same inputs give the same decisions, whatever the order of the invoices', () => {
    fc.assert(fc.property(inputs, ([rawInvoices, rawCredits]) => {
      const { invoices, credits } = build(rawInvoices, rawCredits);
      const first = matchBankCredits(credits, invoices);
      expect(matchBankCredits(credits, invoices)).toEqual(first);
      expect(matchBankCredits(credits, [...invoices].reverse())).toEqual(first);
    }), { numRuns: 150 });
  });
});
