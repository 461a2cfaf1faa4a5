import { describe, expect, it } from 'vitest';
import { buildPaymentPlanSchedule, type PaymentPlanSchedule, type PaymentPlanTerms } from './build-payment-plan-schedule.ts';
import { buildPaymentPlanPolicy, type PaymentPlanPolicies, type PaymentPlanPolicy } from './build-payment-plan-policy.ts';
import { decidePlanWithinPolicy } from './decide-plan-within-policy.ts';

const defaults: PaymentPlanPolicy = {
  currency: 'USD', minimumInstallmentMinor: 5000n, maximumTermMonths: 12, minimumDownPaymentPercent: '10', maximumAprPercent: '18',
};

function plan(extra: Partial<PaymentPlanTerms> = {}): PaymentPlanSchedule {
  const result = buildPaymentPlanSchedule({
    principalMinor: 120000n, currency: 'USD', installments: 12, frequency: 'monthly', startDate: '2026-01-15',
    downPaymentMinor: 12000n, interest: { method: 'none' }, ...extra,
  });
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

const codes = (schedule: PaymentPlanSchedule, policies: PaymentPlanPolicies = { defaults }, role = 'specialist', creditorId = 'cred_1') =>
  decidePlanWithinPolicy(schedule, policies, { creditorId, role }).map((violation) => violation.code);

describe('decidePlanWithinPolicy', () => {
  it('accepts a plan at every limit exactly', () => {
    // 1,080.00 financed over 12 months is 90.00 each; down payment exactly 10 %; last due 12 months on.
    expect(decidePlanWithinPolicy(plan(), { defaults }, { creditorId: 'cred_1', role: 'specialist' })).toEqual([]);
    expect(codes(plan({ downPaymentMinor: undefined, principalMinor: 60000n, installments: 12 }), { defaults: { ...defaults, minimumDownPaymentPercent: '0' } })).toEqual([]);
  });

  it('flags an installment below the minimum, naming the smallest (one cent under, and at the minimum)', () => {
    // 600.00 + 10 % down: 540.00 / 12 = 45.00 each, under 50.00.
    const small = decidePlanWithinPolicy(plan({ principalMinor: 60000n, downPaymentMinor: 6000n }), { defaults }, { creditorId: 'cred_1', role: 'specialist' });
    expect(small).toEqual([{ code: 'installment_below_minimum', field: 'installments',
      message: 'installment 1 of 45.00 USD is below the minimum installment of 50.00 USD' }]);
    // 599.99 financed over 12: eleven installments of 50.00 and one of 49.99 (the extra cents go first).
    const oneCentShort = decidePlanWithinPolicy(plan({ principalMinor: 59999n + 6667n, downPaymentMinor: 6667n }), { defaults }, { creditorId: 'cred_1', role: 'specialist' });
    expect(oneCentShort.map((violation) => violation.message)).toEqual(['installment 12 of 49.99 USD is below the minimum installment of 50.00 USD']);
    expect(codes(plan({ principalMinor: 60000n + 6667n, downPaymentMinor: 6667n }))).toEqual([]);
  });

  it('counts the term from the start date to the last due date, in months', () => {
    const weekly = (installments: number) => plan({ principalMinor: 400000n, downPaymentMinor: 40000n, frequency: 'weekly', installments });
    // 52 weekly installments from 2026-01-15 end 2027-01-14, inside 12 months; 53 end 2027-01-21, outside.
    expect(weekly(52).installments.at(-1)!.dueDate).toBe('2027-01-14');
    expect(codes(weekly(52))).toEqual([]);
    expect(decidePlanWithinPolicy(weekly(53), { defaults }, { creditorId: 'cred_1', role: 'specialist' })).toEqual([{ code: 'term_too_long', field: 'installments',
      message: 'the last installment is due 2027-01-21, after the maximum term of 12 months (2027-01-15)' }]);
    expect(codes(plan({ installments: 13, principalMinor: 130000n, downPaymentMinor: 13000n }))).toEqual(['term_too_long']);
  });

  it('caps the number of installments per frequency when the policy says so', () => {
    const policies = { defaults: { ...defaults, maximumInstallments: { biweekly: 20 } } };
    const biweekly = (installments: number) => plan({ frequency: 'biweekly', installments });
    expect(codes(biweekly(20), policies)).toEqual([]);
    expect(codes(biweekly(21), policies)).toEqual(['term_too_long']);
    expect(codes(plan({ frequency: 'weekly', installments: 21 }), policies)).toEqual([]);
  });

  it('compares the down payment share exactly, and shows the minimum rounded up', () => {
    // 10 % of 1,200.00 is 120.00: 119.99 is short by a cent.
    const short = decidePlanWithinPolicy(plan({ downPaymentMinor: 11999n }), { defaults }, { creditorId: 'cred_1', role: 'specialist' });
    expect(short).toEqual([{ code: 'down_payment_too_small', field: 'downPaymentMinor',
      message: 'the down payment of 119.99 USD is below the minimum of 10 % of the principal (120.00 USD)' }]);
    // 12.5 % of 1,000.01 is 125.00125: 125.00 is short, 125.01 is enough.
    const policies = { defaults: { ...defaults, minimumDownPaymentPercent: '12.5', minimumInstallmentMinor: 0n } };
    expect(decidePlanWithinPolicy(plan({ principalMinor: 100001n, downPaymentMinor: 12500n }), policies, { creditorId: 'c', role: 'r' })[0]!.message)
      .toContain('(125.01 USD)');
    expect(codes(plan({ principalMinor: 100001n, downPaymentMinor: 12501n }), policies)).toEqual([]);
    expect(codes(plan({ downPaymentMinor: undefined }))).toEqual(['down_payment_too_small']);
  });

  it('flags an APR above the maximum, not one at it', () => {
    expect(codes(plan({ interest: { method: 'amortized', aprPercent: '18' } }))).toEqual([]);
    expect(codes(plan({ interest: { method: 'simple', aprPercent: '18.000001' } }))).toEqual(['apr_above_maximum']);
    expect(codes(plan(), { defaults: { ...defaults, maximumAprPercent: '0' } })).toEqual([]);
  });

  it('reports every violation at once', () => {
    expect(codes(plan({ principalMinor: 60000n, downPaymentMinor: undefined, installments: 24, interest: { method: 'amortized', aprPercent: '25' } })))
      .toEqual(['installment_below_minimum', 'term_too_long', 'down_payment_too_small', 'apr_above_maximum']);
  });

  it('does not compare a minimum in another currency', () => {
    expect(codes(plan(), { defaults: { ...defaults, currency: 'EUR' } })).toEqual(['policy_currency_mismatch']);
  });

  it('applies the layers in order: tenant, tenant role, creditor, creditor role', () => {
    const policies: PaymentPlanPolicies = {
      defaults,
      roles: { supervisor: { maximumTermMonths: 24, minimumDownPaymentPercent: '5' } },
      creditors: {
        cred_strict: { defaults: { maximumTermMonths: 6 }, roles: { supervisor: { maximumTermMonths: 9, maximumAprPercent: undefined } } },
      },
    };
    expect(buildPaymentPlanPolicy(policies, { creditorId: 'cred_other', role: 'specialist' })).toEqual(defaults);
    expect(buildPaymentPlanPolicy(policies, { creditorId: 'cred_other', role: 'supervisor' })).toMatchObject({ maximumTermMonths: 24, minimumDownPaymentPercent: '5' });
    expect(buildPaymentPlanPolicy(policies, { creditorId: 'cred_strict', role: 'specialist' })).toMatchObject({ maximumTermMonths: 6, minimumDownPaymentPercent: '10' });
    // The creditor's supervisor layer wins over the creditor's own default; an undefined field keeps the earlier value.
    expect(buildPaymentPlanPolicy(policies, { creditorId: 'cred_strict', role: 'supervisor' }))
      .toEqual({ ...defaults, maximumTermMonths: 9, minimumDownPaymentPercent: '5' });
    // A role or creditor named like an Object property is just unknown.
    expect(buildPaymentPlanPolicy(policies, { creditorId: 'constructor', role: '__proto__' })).toEqual(defaults);

    const eighteenMonths = plan({ installments: 18, principalMinor: 180000n, downPaymentMinor: 18000n });
    expect(codes(eighteenMonths, policies, 'specialist')).toEqual(['term_too_long']);
    expect(codes(eighteenMonths, policies, 'supervisor')).toEqual([]);
    expect(codes(eighteenMonths, policies, 'supervisor', 'cred_strict')).toEqual(['term_too_long']);
  });
});
