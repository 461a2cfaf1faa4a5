import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { buildPaymentPlanSchedule, type PaymentPlanInterest, type PaymentPlanSchedule, type PaymentPlanTerms } from './build-payment-plan-schedule.ts';
import type { PaymentPlanFrequency } from './compute-installment-due-date.ts';

const terms = (extra: Partial<PaymentPlanTerms> = {}): PaymentPlanTerms => ({
  principalMinor: 120000n, currency: 'USD', installments: 12, frequency: 'monthly', startDate: '2026-01-15',
  interest: { method: 'amortized', aprPercent: '9.5' }, ...extra,
});

function schedule(extra: Partial<PaymentPlanTerms> = {}): PaymentPlanSchedule {
  const result = buildPaymentPlanSchedule(terms(extra));
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value;
}

const table = (plan: PaymentPlanSchedule) =>
  plan.installments.map((row) => [row.number, row.dueDate, row.paymentMinor, row.interestMinor, row.principalMinor, row.remainingMinor]);

const perYear: Record<PaymentPlanFrequency, bigint> = { weekly: 52n, biweekly: 26n, monthly: 12n };

/** "12.5" → [125n, 10n]: an APR as an exact fraction, parsed without the code under test. */
function aprFraction(text: string): [bigint, bigint] {
  const [whole = '0', fraction = ''] = text.split('.');
  return [BigInt(whole + fraction), 10n ** BigInt(fraction.length)];
}

/** numerator / denominator rounded half-up, for non-negative values, on integers only. */
const halfUp = (numerator: bigint, denominator: bigint) => (2n * numerator + denominator) / (2n * denominator);

/** An independent due date: luxon's month arithmetic (clamps to month end, counts from the start). */
function expectedDueDate(start: string, frequency: PaymentPlanFrequency, number: number): string {
  const date = DateTime.fromISO(start, { zone: 'utc' });
  const next = frequency === 'monthly' ? date.plus({ months: number }) : date.plus({ days: (frequency === 'weekly' ? 7 : 14) * number });
  return next.toISODate()!;
}

const aprText = (maximumPercent: number) => fc.integer({ min: 0, max: 6 }).chain((decimals) =>
  fc.integer({ min: 0, max: maximumPercent * 10 ** decimals }).map((units) => {
    const digits = String(units).padStart(decimals + 1, '0');
    return decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  }));

const calendarDate = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

const interestTerms = (maximumPercent: number): fc.Arbitrary<PaymentPlanInterest> => fc.oneof(
  fc.constant({ method: 'none' as const }),
  aprText(maximumPercent).map((aprPercent) => ({ method: 'simple' as const, aprPercent })),
  aprText(maximumPercent).map((aprPercent) => ({ method: 'amortized' as const, aprPercent })),
);

/** Terms in the range collections plans live in: up to 120 installments, APR ≤ 36 %, ≥ 20.00 per installment. */
const realisticTerms: fc.Arbitrary<PaymentPlanTerms> = fc.record({
  installments: fc.integer({ min: 1, max: 120 }),
  perInstallmentMinor: fc.bigInt({ min: 2000n, max: 10n ** 9n }),
  downPaymentShare: fc.option(fc.integer({ min: 1, max: 99 }), { nil: undefined }),
  frequency: fc.constantFrom<PaymentPlanFrequency>('weekly', 'biweekly', 'monthly'),
  startDate: calendarDate,
  currency: fc.constantFrom('USD', 'EUR', 'JPY', 'KWD'),
  interest: interestTerms(36),
}).map(({ installments, perInstallmentMinor, downPaymentShare, ...rest }) => {
  const financedMinor = perInstallmentMinor * BigInt(installments);
  const downPaymentMinor = downPaymentShare === undefined ? undefined : (financedMinor * BigInt(downPaymentShare)) / 100n + 1n;
  return { ...rest, installments, principalMinor: financedMinor + (downPaymentMinor ?? 0n), downPaymentMinor };
});

/** Anything valid, extremes included: some of these are refused, the rest must still be exact. */
const anyTerms: fc.Arbitrary<PaymentPlanTerms> = fc.record({
  principalMinor: fc.oneof(fc.bigInt({ min: 1n, max: 10_000n }), fc.bigInt({ min: 1n, max: 10n ** 18n })),
  downPaymentPermille: fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
  installments: fc.oneof(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 1, max: 400 })),
  frequency: fc.constantFrom<PaymentPlanFrequency>('weekly', 'biweekly', 'monthly'),
  startDate: calendarDate,
  currency: fc.constantFrom('USD', 'JPY', 'KWD'),
  interest: interestTerms(100),
}).map(({ downPaymentPermille, ...rest }) => {
  const downPaymentMinor = downPaymentPermille === undefined ? undefined : (rest.principalMinor * BigInt(downPaymentPermille)) / 1000n;
  return { ...rest, downPaymentMinor: downPaymentMinor === 0n ? undefined : downPaymentMinor };
});

/** Every invariant of a schedule, checked against the terms without reusing the code under test. */
function expectExactSchedule(input: PaymentPlanTerms, plan: PaymentPlanSchedule) {
  const downPaymentMinor = input.downPaymentMinor ?? 0n;
  const financedMinor = input.principalMinor - downPaymentMinor;
  const rows = plan.installments;
  expect(rows).toHaveLength(input.installments);
  expect(plan.financedMinor).toBe(financedMinor);
  expect(plan.downPayment).toEqual(downPaymentMinor > 0n ? { dueDate: input.startDate, amountMinor: downPaymentMinor } : undefined);

  // Principal parts plus the down payment are the principal, exactly.
  expect(rows.reduce((sum, row) => sum + row.principalMinor, 0n) + downPaymentMinor).toBe(input.principalMinor);
  // Each payment is its principal plus its interest; the totals add up.
  expect(rows.filter((row) => row.paymentMinor !== row.principalMinor + row.interestMinor)).toEqual([]);
  const interestMinor = rows.reduce((sum, row) => sum + row.interestMinor, 0n);
  expect(plan.totals).toEqual({ paymentsMinor: input.principalMinor + interestMinor, interestMinor, principalMinor: input.principalMinor });
  expect(rows.reduce((sum, row) => sum + row.paymentMinor, 0n) + downPaymentMinor).toBe(plan.totals.paymentsMinor);

  // The balance steps down by each principal part, never goes negative, and ends at exactly zero; every
  // part is positive or zero. (Compared as whole arrays: one expect per row is slow over 400 rows.)
  let balanceMinor = financedMinor;
  const expectedRemaining = rows.map((row) => (balanceMinor -= row.principalMinor));
  expect(rows.map((row) => row.remainingMinor)).toEqual(expectedRemaining);
  expect(rows.at(-1)!.remainingMinor).toBe(0n);
  expect(rows.filter((row) => row.remainingMinor < 0n || row.paymentMinor <= 0n || row.principalMinor < 0n || row.interestMinor < 0n)).toEqual([]);

  // Due dates follow the calendar rule and strictly increase after the start.
  expect(rows.map((row) => row.dueDate)).toEqual(rows.map((row) => expectedDueDate(input.startDate, input.frequency, row.number)));
  expect(rows.every((row, index) => row.dueDate > (index === 0 ? input.startDate : rows[index - 1]!.dueDate))).toBe(true);

  const method = input.interest.method;
  const [aprNumerator, aprDenominator] = method === 'none' ? [0n, 1n] : aprFraction(input.interest.aprPercent);
  const rateDenominator = aprDenominator * 100n * perYear[input.frequency];
  if (method === 'none' || aprNumerator === 0n) {
    // An equal split: parts differ by at most one minor unit, the extra units on the first installments.
    const n = BigInt(input.installments);
    expect(interestMinor).toBe(0n);
    expect(rows.map((row) => row.paymentMinor)).toEqual(rows.map((_row, index) => financedMinor / n + (BigInt(index) < financedMinor % n ? 1n : 0n)));
  } else if (method === 'simple') {
    // Interest = financed × APR × years, rounded half-up once; payments differ by at most one unit.
    expect(interestMinor).toBe(halfUp(financedMinor * aprNumerator * BigInt(input.installments), rateDenominator));
    const payments = rows.map((row) => row.paymentMinor);
    expect(payments[0]! - payments.at(-1)!).toBeLessThanOrEqual(1n);
    expect(payments.every((payment, index) => index === 0 || payment <= payments[index - 1]!)).toBe(true);
  } else {
    // Each interest is the half-up rounded balance × rate; every payment but the last is the same.
    const balancesBefore = [financedMinor, ...rows.slice(0, -1).map((row) => row.remainingMinor)];
    expect(rows.map((row) => row.interestMinor)).toEqual(balancesBefore.map((before) => halfUp(before * aprNumerator, rateDenominator)));
    expect(rows.slice(0, -1).every((row) => row.paymentMinor === rows[0]!.paymentMinor)).toBe(true);
  }
}

describe('buildPaymentPlanSchedule', () => {
  it('worked example: 1,200.00 USD over 12 monthly installments at 9.5 % APR, checked by hand', () => {
    // r = 0.095 / 12 = 0.0079166…; (1 + r)^12 = 1.0992475840810…
    // payment = 1200 × r × 1.0992475840810 / 0.0992475840810 = 105.2202141… → 105.22 (half-up).
    // Interest each month is the balance × r, half-up: 1200.00 × r = 9.50; 1104.28 × r = 8.7422… → 8.74; …
    // 104.40 × r = 0.8265 → 0.83. The last payment is the balance left plus its interest: 104.40 + 0.83 = 105.23.
    const plan = schedule();
    expect(table(plan)).toEqual([
      [1, '2026-02-15', 10522n, 950n, 9572n, 110428n],
      [2, '2026-03-15', 10522n, 874n, 9648n, 100780n],
      [3, '2026-04-15', 10522n, 798n, 9724n, 91056n],
      [4, '2026-05-15', 10522n, 721n, 9801n, 81255n],
      [5, '2026-06-15', 10522n, 643n, 9879n, 71376n],
      [6, '2026-07-15', 10522n, 565n, 9957n, 61419n],
      [7, '2026-08-15', 10522n, 486n, 10036n, 51383n],
      [8, '2026-09-15', 10522n, 407n, 10115n, 41268n],
      [9, '2026-10-15', 10522n, 327n, 10195n, 31073n],
      [10, '2026-11-15', 10522n, 246n, 10276n, 20797n],
      [11, '2026-12-15', 10522n, 165n, 10357n, 10440n],
      [12, '2027-01-15', 10523n, 83n, 10440n, 0n],
    ]);
    expect(plan.totals).toEqual({ paymentsMinor: 126265n, interestMinor: 6265n, principalMinor: 120000n });
    expect(plan.interest).toEqual({ method: 'amortized', aprPercent: '9.5' });
  });

  it('with no interest splits the financed amount equally, the extra cents on the first installments', () => {
    const plan = schedule({ principalMinor: 100000n, installments: 3, interest: { method: 'none' } });
    expect(plan.installments.map((row) => row.paymentMinor)).toEqual([33334n, 33333n, 33333n]);
    expect(plan.installments.map((row) => row.remainingMinor)).toEqual([66666n, 33333n, 0n]);
    expect(schedule({ principalMinor: 1001n, installments: 4, interest: { method: 'none' } }).installments.map((row) => row.paymentMinor))
      .toEqual([251n, 250n, 250n, 250n]);
  });

  it('takes the down payment on the start date and spreads only the rest', () => {
    const plan = schedule({ principalMinor: 120000n, downPaymentMinor: 10000n, installments: 4, interest: { method: 'none' } });
    expect(plan.downPayment).toEqual({ dueDate: '2026-01-15', amountMinor: 10000n });
    expect(plan.financedMinor).toBe(110000n);
    expect(plan.installments.map((row) => row.paymentMinor)).toEqual([27500n, 27500n, 27500n, 27500n]);
    expect(plan.totals).toEqual({ paymentsMinor: 120000n, interestMinor: 0n, principalMinor: 120000n });
  });

  it('simple interest is rounded once for the whole term and spread like the principal', () => {
    // 1,000.00 × 10 % × 3/12 year = 25.00 interest; 1,025.00 / 3 = 341.67, 341.67, 341.66.
    const plan = schedule({ principalMinor: 100000n, installments: 3, interest: { method: 'simple', aprPercent: '10' } });
    expect(table(plan).map((row) => row.slice(2))).toEqual([
      [34167n, 834n, 33333n, 66667n],
      [34167n, 833n, 33334n, 33333n],
      [34166n, 833n, 33333n, 0n],
    ]);
    // 999.99 × 7 % × 5/52 year = 6.7307… → 6.73 (half-up, once).
    expect(schedule({ principalMinor: 99999n, installments: 5, frequency: 'weekly', interest: { method: 'simple', aprPercent: '7' } }).totals.interestMinor).toBe(673n);
  });

  it('an APR of zero is an equal split, amortized or simple', () => {
    const equal = table(schedule({ interest: { method: 'none' } }));
    expect(table(schedule({ interest: { method: 'amortized', aprPercent: '0' } }))).toEqual(equal);
    expect(table(schedule({ interest: { method: 'simple', aprPercent: '0.000' } }))).toEqual(equal);
    expect(equal.every((row) => row[2] === 10000n)).toBe(true);
  });

  it('rounds interest half-up: a balance × rate of exactly x.5 goes up', () => {
    // 12 % APR monthly is 1 % a month: 1,234.50 × 1 % = 12.345 → 12.35.
    const plan = schedule({ principalMinor: 123450n, installments: 2, interest: { method: 'amortized', aprPercent: '12' } });
    expect(plan.installments[0]!.interestMinor).toBe(1235n);
  });

  it('monthly dates keep the start day, clamped to month end, counted from the start (01-31 → 02-28 → 03-31)', () => {
    const dates = (startDate: string, frequency: PaymentPlanFrequency, installments = 4) =>
      schedule({ startDate, frequency, installments, interest: { method: 'none' } }).installments.map((row) => row.dueDate);
    expect(dates('2026-12-31', 'monthly')).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
    expect(dates('2027-12-31', 'monthly', 3)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31']);
    expect(dates('2026-01-30', 'monthly', 2)).toEqual(['2026-02-28', '2026-03-30']);
    expect(dates('2026-12-25', 'weekly', 2)).toEqual(['2027-01-01', '2027-01-08']);
    expect(dates('2028-02-15', 'biweekly', 2)).toEqual(['2028-02-29', '2028-03-14']);
  });

  it('works in currencies with 0 and 3 decimals (the minor unit is the yen, the fils)', () => {
    // Yen: interest 791.67 → 792, 529.86 → 530, 265.98 → 266; the last pays 33,598 + 266.
    const yen = schedule({ currency: 'JPY', principalMinor: 100000n, installments: 3, interest: { method: 'amortized', aprPercent: '9.5' } });
    expect(yen.installments.map((row) => row.paymentMinor)).toEqual([33862n, 33862n, 33864n]);
    const fils = schedule({ currency: 'KWD', principalMinor: 1000n, installments: 3, interest: { method: 'none' } });
    expect(fils.installments.map((row) => row.paymentMinor)).toEqual([334n, 333n, 333n]);
  });

  it('refuses invalid terms, naming the field', () => {
    const refusal = (extra: Partial<PaymentPlanTerms>): { ok?: true; code?: string; field?: string | undefined } => {
      const result = buildPaymentPlanSchedule(terms(extra));
      return result.ok ? { ok: true } : { code: result.code, field: result.field };
    };
    expect(refusal({ currency: 'XYZ' })).toEqual({ code: 'invalid_currency', field: 'currency' });
    expect(refusal({ principalMinor: 0n })).toEqual({ code: 'invalid_amount', field: 'principalMinor' });
    expect(refusal({ principalMinor: -5n })).toEqual({ code: 'invalid_amount', field: 'principalMinor' });
    expect(refusal({ principalMinor: 10n ** 18n + 1n })).toEqual({ code: 'amount_too_large', field: 'principalMinor' });
    expect(refusal({ downPaymentMinor: 0n })).toEqual({ code: 'invalid_down_payment', field: 'downPaymentMinor' });
    expect(refusal({ downPaymentMinor: 120000n })).toEqual({ code: 'invalid_down_payment', field: 'downPaymentMinor' });
    expect(refusal({ downPaymentMinor: 119999n, installments: 1 }).ok).toBe(true);
    expect(refusal({ installments: 0 })).toEqual({ code: 'invalid_installments', field: 'installments' });
    expect(refusal({ installments: 2.5 })).toEqual({ code: 'invalid_installments', field: 'installments' });
    expect(refusal({ installments: 1001 })).toEqual({ code: 'invalid_installments', field: 'installments' });
    expect(refusal({ installments: 1 }).ok).toBe(true);
    expect(refusal({ frequency: 'daily' as PaymentPlanFrequency })).toEqual({ code: 'invalid_frequency', field: 'frequency' });
    expect(refusal({ startDate: '2026-02-29' })).toEqual({ code: 'invalid_date', field: 'startDate' });
    expect(refusal({ startDate: '15/01/2026' })).toEqual({ code: 'invalid_date', field: 'startDate' });
    expect(refusal({ interest: { method: 'compound' } as unknown as PaymentPlanInterest })).toEqual({ code: 'invalid_interest_method', field: 'interest.method' });
    for (const aprPercent of ['100.000001', '-1', '1e1', '9,5', '', '9.1234567', 'abc']) {
      expect(refusal({ interest: { method: 'amortized', aprPercent } }), aprPercent).toEqual({ code: 'invalid_apr', field: 'interest.aprPercent' });
    }
    expect(refusal({ interest: { method: 'amortized', aprPercent: '100' } }).ok).toBe(true);
    expect(refusal({ interest: { method: 'simple', aprPercent: '0.000001' } }).ok).toBe(true);
  });

  it('refuses an amount too small for the number of installments', () => {
    // 0.11 in 12 equal parts would leave an installment of 0.00.
    expect(buildPaymentPlanSchedule(terms({ principalMinor: 11n, interest: { method: 'none' } })))
      .toMatchObject({ ok: false, code: 'amount_too_small_for_installments', field: 'installments' });
    expect(buildPaymentPlanSchedule(terms({ principalMinor: 12n, interest: { method: 'none' } })).ok).toBe(true);
    // 0.05 at 1 % APR over 12 months: the annuity payment 0.0041… rounds to nothing.
    expect(buildPaymentPlanSchedule(terms({ principalMinor: 5n, interest: { method: 'amortized', aprPercent: '1' } })))
      .toMatchObject({ ok: false, code: 'amount_too_small_for_installments' });
  });

  it('refuses amortized terms where the rounding compounds into a balloon or an early payoff', () => {
    // 0.06 at 1 % over 12 months: the payment 0.0050… rounds up to 0.01 and repays the balance by month 6.
    expect(buildPaymentPlanSchedule(terms({ principalMinor: 6n, interest: { method: 'amortized', aprPercent: '1' } })))
      .toMatchObject({ ok: false, code: 'rounding_unstable', field: 'installments' });
    // 30 years at 100 % APR: each payment is almost all interest and a cent of rounding grows 8 %+ a month.
    expect(buildPaymentPlanSchedule(terms({ principalMinor: 10n ** 12n, installments: 360, interest: { method: 'amortized', aprPercent: '99.999981' } })))
      .toMatchObject({ ok: false, code: 'rounding_unstable' });
  });

  it('property: realistic terms always give an exact schedule', () => {
    fc.assert(fc.property(realisticTerms, (input) => {
      const result = buildPaymentPlanSchedule(input);
      if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
      expectExactSchedule(input, result.value);
    }), { numRuns: 400 });
  });

  it('property: any valid terms give an exact schedule or a refusal for size or rounding, never anything else', () => {
    fc.assert(fc.property(anyTerms, (input) => {
      const result = buildPaymentPlanSchedule(input);
      if (result.ok) expectExactSchedule(input, result.value);
      else expect(['amount_too_small_for_installments', 'rounding_unstable']).toContain(result.code);
    }), { numRuns: 300 });
  });

  it('property: a no-interest plan fails only when there are more installments than minor units', () => {
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 2000n }), fc.integer({ min: 1, max: 1000 }), (principalMinor, installments) => {
      const result = buildPaymentPlanSchedule(terms({ principalMinor, installments, interest: { method: 'none' } }));
      expect(result.ok).toBe(principalMinor >= BigInt(installments));
    }));
  });
});
