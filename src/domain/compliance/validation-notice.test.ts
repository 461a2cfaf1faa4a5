import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeValidationPeriodEnd } from './validation-period.ts';
import { buildValidationNotice, type ItemizationMovement, type ValidationNoticeInput } from './validation-notice.ts';

const usd = (amountMinor: bigint) => ({ amountMinor, currency: 'USD' });

// A credit-card debt placed with a collector; itemized from the last statement (1006.34(b)(3)(i)).
function buildInput(overrides: Partial<ValidationNoticeInput> = {}): ValidationNoticeInput {
  return {
    providedDate: '2024-06-03',
    debtCollector: {
      name: 'Recoup Recovery LLC',
      mailingAddress: { lines: ['100 Main Street', 'Suite 200'], city: 'Springfield', state: 'IL', postalCode: '62701' },
      telephone: '(217) 555-0100',
      contactHours: 'Monday–Friday 8 a.m. to 8 p.m. Central',
    },
    consumer: { name: 'Jane Doe', mailingAddress: { lines: ['42 Elm Street'], city: 'Peoria', state: 'IL', postalCode: '61602' } },
    currentCreditor: 'Example Bank, N.A.',
    consumerFinancialProduct: true,
    itemizationDateCreditor: 'Example Bank, N.A.',
    productDescription: 'a credit card',
    accountNumber: '4111-1111-1111-1234',
    referenceNumber: 'RR-2024-0042',
    itemization: {
      itemizationDateKind: 'last_statement',
      itemizationDate: '2024-03-31',
      amountOnItemizationDate: usd(223_456n),
      movements: [
        { kind: 'interest', amountMinor: 2_510n, date: '2024-04-30' },
        { kind: 'fee', amountMinor: 2_500n, date: '2024-05-15' },
        { kind: 'payment', amountMinor: 10_000n, date: '2024-05-20' },
        { kind: 'credit', amountMinor: 1_000n, date: '2024-05-25' },
        { kind: 'interest', amountMinor: 2_495n, date: '2024-05-31' },
      ],
      // 2,234.56 + 25.10 + 25.00 − 100.00 − 10.00 + 24.95 = 2,199.61
      currentAmount: usd(219_961n),
    },
    offerSpanishTranslation: true,
    delivery: { method: 'mail' },
    ...overrides,
  };
}

function buildOk(input: ValidationNoticeInput) {
  const result = buildValidationNotice(input);
  if (!result.ok) throw new Error(`expected a notice, got ${result.code}: ${result.message}`);
  return result.value;
}

describe('REGF-VAL-PERIOD: the end date printed on the notice', () => {
  it('worked example: sent Monday 2024-06-03, assumed received 2024-06-10, ends 2024-07-10', () => {
    const notice = buildOk(buildInput());
    expect(notice.validationPeriod).toEqual({
      providedDate: '2024-06-03', assumedReceiptDate: '2024-06-10', minimumEndDate: '2024-07-10', endDate: '2024-07-10',
    });
    // Juneteenth (06-19) and Independence Day (07-04) fall inside the 30 days: calendar days, no extension.
    expect(notice.statements.disputeByDate).toBe(
      'Call or write to us by July 10, 2024, to dispute all or part of the debt. If you do not, we will assume that our information is correct.');
  });

  it('a holiday in the five-day receipt window moves the end date a day (Juneteenth 2024-06-19)', () => {
    // The day before, of and after the window that contains the holiday.
    expect(buildOk(buildInput({ providedDate: '2024-06-13' })).validationPeriod.endDate).toBe('2024-07-21');
    expect(buildOk(buildInput({ providedDate: '2024-06-14' })).validationPeriod).toMatchObject({ assumedReceiptDate: '2024-06-24', endDate: '2024-07-24' });
    expect(buildOk(buildInput({ providedDate: '2024-06-17' })).validationPeriod.endDate).toBe('2024-07-25');
  });

  it('takes the date from computeValidationPeriodEnd, including stricter policy options', () => {
    const options = { receiptBusinessDays: 7, periodDays: 35 };
    const notice = buildOk(buildInput({ providedDate: '2024-11-04', validationPeriodOptions: options }));
    expect(notice.validationPeriod.endDate).toBe(computeValidationPeriodEnd('2024-11-04', options).endDate);
    expect(buildOk(buildInput({ providedDate: '2024-11-04' })).validationPeriod.endDate).toBe('2024-12-12'); // RULES.md check example
  });

  it('a collector may print a later end date, never an earlier one', () => {
    const later = buildOk(buildInput({ extendedEndDate: '2024-07-15' }));
    expect(later.validationPeriod).toMatchObject({ minimumEndDate: '2024-07-10', endDate: '2024-07-15' });
    expect(later.statements.disputeInWriting).toContain('If you write to us by July 15, 2024,');
    const earlier = buildValidationNotice(buildInput({ extendedEndDate: '2024-07-09' }));
    expect(earlier).toMatchObject({ ok: false, code: 'end_date_before_minimum', field: 'extendedEndDate' });
  });
});

describe('REGF-VAL-CONTENT: itemization (1006.34(c)(2)(vii)–(ix))', () => {
  it('totals interest, fees, payments and credits since the itemization date, in minor units', () => {
    const { itemization, statements } = buildOk(buildInput());
    expect(itemization).toEqual({
      itemizationDateKind: 'last_statement',
      itemizationDate: '2024-03-31',
      amountOnItemizationDate: usd(223_456n),
      interestSinceItemization: usd(5_005n),
      feesSinceItemization: usd(2_500n),
      paymentsSinceItemization: usd(10_000n),
      creditsSinceItemization: usd(1_000n),
      paymentsAndCreditsSinceItemization: usd(11_000n),
      currentAmount: usd(219_961n),
    });
    expect(statements.owedOnItemizationDate).toBe('As of March 31, 2024, you owed: $2,234.56');
    expect(statements.sinceItemizationHeading).toBe('Between March 31, 2024 and today:');
    expect(statements.interestCharged).toBe('You were charged this amount in interest: + $50.05');
    expect(statements.feesCharged).toBe('You were charged this amount in fees: + $25.00');
    expect(statements.paidOrCredited).toBe('You paid or were credited this amount toward the debt: – $110.00');
    expect(statements.totalNow).toBe('Total amount of the debt now: $2,199.61');
  });

  it('rejects an itemization that does not add up, naming both sides and the difference', () => {
    const result = buildValidationNotice(buildInput({
      itemization: { ...buildInput().itemization, currentAmount: usd(219_962n) },
    }));
    expect(result).toEqual({
      ok: false,
      code: 'itemization_mismatch',
      field: 'itemization.currentAmount',
      message: 'itemization does not add up: $2,234.56 on 2024-03-31 + interest $50.05 + fees $25.00 − payments $100.00 − credits $10.00'
        + ' = $2,199.61, but the current amount is $2,199.62 (difference $0.01)',
    });
  });

  it('a returned payment nets against payments; more returns than payments is an error', () => {
    const movements: ItemizationMovement[] = [
      { kind: 'payment', amountMinor: 5_000n, date: '2024-04-10' },
      { kind: 'payment_reversal', amountMinor: 5_000n, date: '2024-04-14' },
      { kind: 'payment', amountMinor: 5_000n, date: '2024-04-20' },
    ];
    const notice = buildOk(buildInput({ itemization: { ...buildInput().itemization, movements, currentAmount: usd(218_456n) } }));
    expect(notice.itemization.paymentsSinceItemization).toEqual(usd(5_000n));
    const tooManyReturns = buildValidationNotice(buildInput({
      itemization: { ...buildInput().itemization, movements: [{ kind: 'payment_reversal', amountMinor: 1n, date: '2024-04-14' }], currentAmount: usd(223_457n) },
    }));
    expect(tooManyReturns).toMatchObject({ ok: false, code: 'invalid_movement', field: 'itemization.movements' });
  });

  it('movements must fall after the itemization date and by the date the notice is provided', () => {
    const onItemizationDate = buildValidationNotice(buildInput({
      itemization: { ...buildInput().itemization, movements: [{ kind: 'fee', amountMinor: 100n, date: '2024-03-31' }], currentAmount: usd(223_556n) },
    }));
    expect(onItemizationDate).toMatchObject({ ok: false, code: 'invalid_movement', field: 'itemization.movements[0]' });
    const afterNotice = buildValidationNotice(buildInput({
      itemization: { ...buildInput().itemization, movements: [{ kind: 'fee', amountMinor: 100n, date: '2024-06-04' }], currentAmount: usd(223_556n) },
    }));
    expect(afterNotice).toMatchObject({ ok: false, code: 'invalid_movement' });
    const zero = buildValidationNotice(buildInput({
      itemization: { ...buildInput().itemization, movements: [{ kind: 'fee', amountMinor: 0n, date: '2024-04-04' }], currentAmount: usd(223_456n) },
    }));
    expect(zero).toMatchObject({ ok: false, code: 'invalid_movement' });
  });

  it('any itemization that adds up is accepted with exact totals; one minor unit off is rejected', () => {
    const movement = fc.record({
      kind: fc.constantFrom('interest', 'fee', 'payment', 'credit') as fc.Arbitrary<'interest' | 'fee' | 'payment' | 'credit'>,
      amountMinor: fc.bigInt({ min: 1n, max: 10n ** 15n }),
      day: fc.integer({ min: 1, max: 60 }),
    });
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 16n }), fc.array(movement, { maxLength: 12 }), fc.constantFrom(-1n, 1n), (start, drafts, offBy) => {
      const movements = drafts.map(({ kind, amountMinor, day }) => ({
        kind, amountMinor, date: new Date(Date.UTC(2024, 3, day)).toISOString().slice(0, 10),
      }));
      const sum = (kind: string) => movements.filter((candidate) => candidate.kind === kind).reduce((total, candidate) => total + candidate.amountMinor, 0n);
      const current = start + sum('interest') + sum('fee') - sum('payment') - sum('credit');
      fc.pre(current >= 1n);
      const itemization = { ...buildInput().itemization, amountOnItemizationDate: usd(start), movements, currentAmount: usd(current) };
      const notice = buildOk(buildInput({ itemization }));
      expect(notice.itemization.interestSinceItemization.amountMinor).toBe(sum('interest'));
      expect(notice.itemization.paymentsAndCreditsSinceItemization.amountMinor).toBe(sum('payment') + sum('credit'));
      const mismatch = buildValidationNotice(buildInput({ itemization: { ...itemization, currentAmount: usd(current + offBy) } }));
      expect(mismatch).toMatchObject({ ok: false, code: 'itemization_mismatch' });
    }), { numRuns: 200 });
  });

  it('rejects other currencies, unknown currencies, negative amounts and malformed dates', () => {
    const base = buildInput().itemization;
    expect(buildValidationNotice(buildInput({ itemization: { ...base, currentAmount: { amountMinor: 219_961n, currency: 'EUR' } } })))
      .toMatchObject({ ok: false, code: 'currency_mismatch' });
    expect(buildValidationNotice(buildInput({ itemization: { ...base, amountOnItemizationDate: { amountMinor: 1n, currency: 'XYZ' } } })))
      .toMatchObject({ ok: false, code: 'unknown_currency' });
    expect(buildValidationNotice(buildInput({ itemization: { ...base, amountOnItemizationDate: usd(-1n), movements: [], currentAmount: usd(-1n) } })))
      .toMatchObject({ ok: false, code: 'negative_amount' });
    expect(buildValidationNotice(buildInput({ providedDate: '2024-02-30' }))).toMatchObject({ ok: false, code: 'invalid_date', field: 'providedDate' });
    expect(buildValidationNotice(buildInput({ providedDate: '2024-03-01' }))).toMatchObject({ ok: false, code: 'invalid_date', field: 'itemization.itemizationDate' });
  });
});

describe('REGF-VAL-CONTENT: the fields of Model Form B-1', () => {
  it('carries the collector, consumer, creditors, account and the debt collector disclosure', () => {
    const notice = buildOk(buildInput());
    expect(notice.debtCollectorDisclosure).toBe(
      'Recoup Recovery LLC is a debt collector. We are trying to collect a debt that you owe to Example Bank, N.A. We will use any information you give us to help collect the debt.');
    expect(notice.debtCollector).toMatchObject({ name: 'Recoup Recovery LLC', telephone: '(217) 555-0100' });
    expect(notice.consumer.name).toBe('Jane Doe');
    expect(notice.currentCreditor).toBe('Example Bank, N.A.');
    expect(notice.itemizationDateCreditor).toBe('Example Bank, N.A.');
    expect(notice.accountNumber).toBe('****1234');
    expect(notice.statements.debtDescription).toBe('You had a credit card from Example Bank, N.A. with account number ****1234.');
    expect(notice.cfpbWebsite).toBe('www.cfpb.gov/debt-collection');
    expect(notice.statements.cfpbWebsite).toContain('Go to www.cfpb.gov/debt-collection to learn more about your rights under federal law.');
    expect(buildOk(buildInput({ showFullAccountNumber: true })).accountNumber).toBe('4111-1111-1111-1234');
  });

  it('has the tear-off response form with the dispute, original-creditor, payment and Spanish prompts', () => {
    const { responseForm } = buildOk(buildInput());
    expect(responseForm).toEqual({
      mailTo: { name: 'Recoup Recovery LLC', mailingAddress: buildInput().debtCollector.mailingAddress },
      consumer: buildInput().consumer,
      referenceNumber: 'RR-2024-0042',
      disputePrompt: 'I want to dispute the debt because I think:',
      disputeReasons: ['This is not my debt.', 'The amount is wrong.', 'Other (please describe on reverse or attach additional information).'],
      originalCreditorPrompt: 'I want you to send me the name and address of the original creditor.',
      enclosedAmountPrompt: { prompt: 'I enclosed this amount:', payableTo: 'Recoup Recovery LLC' },
      spanishPrompt: 'Quiero este formulario en español.',
    });
  });

  it('offers Spanish only when the collector does (1006.34(d)(3)(vi))', () => {
    const withSpanish = buildOk(buildInput());
    expect(withSpanish.statements.spanishOffer).toBe('Póngase en contacto con nosotros para solicitar una copia de este formulario en español.');
    expect(withSpanish.contentElements).toContain('spanish_language_offer');
    const without = buildOk(buildInput({ offerSpanishTranslation: false }));
    expect(without.statements.spanishOffer).toBeUndefined();
    expect(without.responseForm.spanishPrompt).toBeUndefined();
    expect(without.contentElements).not.toContain('spanish_language_offer');
  });

  it('states where disputes are accepted electronically, when they are', () => {
    const notice = buildOk(buildInput({ electronicResponse: { emailAddress: 'disputes@recoup.example', websiteAddress: 'recoup.example/respond' } }));
    expect(notice.statements.disputeInWriting).toMatch(/We accept disputes electronically at disputes@recoup\.example or recoup\.example\/respond\.$/);
    expect(notice.statements.originalCreditorRequest).toMatch(/We accept such requests electronically at disputes@recoup\.example or recoup\.example\/respond\.$/);
    expect(notice.contentElements).toContain('electronic_dispute_method');
    expect(buildOk(buildInput()).contentElements).not.toContain('electronic_dispute_method');
  });

  it('records electronic delivery, and requires its address', () => {
    expect(buildOk(buildInput({ delivery: { method: 'email', emailAddress: 'jane@example.com' } })).delivery)
      .toEqual({ method: 'email', emailAddress: 'jane@example.com' });
    expect(buildValidationNotice(buildInput({ delivery: { method: 'email', emailAddress: ' ' } })))
      .toMatchObject({ ok: false, code: 'missing_field', field: 'delivery.emailAddress' });
  });

  it('BK-AUTOSTAY: can leave out the payment request and keep everything else', () => {
    const notice = buildOk(buildInput({ omitPaymentRequest: { reason: 'bankruptcy' } }));
    expect(notice.statements.paymentOptions).toBeUndefined();
    expect(notice.responseForm.enclosedAmountPrompt).toBeUndefined();
    expect(notice.responseForm.disputeReasons).toHaveLength(3);
    expect(buildOk(buildInput()).statements.paymentOptions).toBe('Contact us about your payment options.');
  });

  it('requires the creditor on the itemization date for consumer-financial-product debt only (1006.34(c)(2)(iii))', () => {
    const { itemizationDateCreditor: _creditor, productDescription: _product, ...withoutCreditor } = buildInput();
    expect(buildValidationNotice({ ...withoutCreditor, consumerFinancialProduct: true }))
      .toMatchObject({ ok: false, code: 'missing_field', field: 'itemizationDateCreditor' });
    const medical = buildOk({ ...withoutCreditor, consumerFinancialProduct: false });
    expect(medical.contentElements).not.toContain('creditor_on_itemization_date');
    expect(medical.statements.debtDescription).toBeUndefined();
  });

  it('names the first missing field', () => {
    expect(buildValidationNotice(buildInput({ currentCreditor: '' }))).toMatchObject({ ok: false, code: 'missing_field', field: 'currentCreditor' });
    expect(buildValidationNotice(buildInput({ consumer: { name: 'Jane Doe', mailingAddress: { lines: [''], city: 'Peoria', state: 'IL', postalCode: '61602' } } })))
      .toMatchObject({ ok: false, code: 'missing_field', field: 'consumer.mailingAddress' });
  });

  it('lists every element the compliance gate requires of a validation notice', () => {
    // The required list of decideValidationInformation (validation-information.ts, 1006.34(c)(1)–(4)).
    const required = [
      'debt_collector_disclosure', 'collector_name_and_mailing_information', 'consumer_name_and_mailing_information',
      'creditor_on_itemization_date', 'account_number', 'current_creditor', 'itemization_date', 'amount_on_itemization_date',
      'itemization', 'current_amount', 'validation_end_date', 'assumed_valid_statement', 'dispute_rights',
      'original_creditor_rights', 'cfpb_website_reference', 'dispute_prompts', 'original_creditor_prompt',
    ];
    const { contentElements } = buildOk(buildInput());
    expect(required.filter((element) => !contentElements.includes(element as never))).toEqual([]);
  });
});
