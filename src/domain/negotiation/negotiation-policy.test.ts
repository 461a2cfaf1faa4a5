import { describe, expect, it } from 'vitest';
import { buildNegotiationPolicy, defaultNegotiationPolicy } from './negotiation-policy.ts';

describe('buildNegotiationPolicy', () => {
  it('applies layers from the tenant default to the creditor-and-role layer, field by field', () => {
    const layers = [
      { creditorId: 'cred_1', role: 'specialist', settlementMaxDiscountPercent: '15' },
      { creditorId: '*', role: '*', promiseGraceDays: 5, settlementMaxDiscountPercent: '25' },
      { creditorId: 'cred_1', role: '*', planGraceDays: 10, promiseGraceDays: 1 },
      { creditorId: '*', role: 'specialist', promiseGraceDays: 2, maximumTermMonths: 12 },
      { creditorId: 'cred_2', role: '*', planGraceDays: 99 },
    ];
    const policy = buildNegotiationPolicy(layers, { creditorId: 'cred_1', role: 'specialist' });
    expect(policy).toMatchObject({ settlementMaxDiscountPercent: '15', promiseGraceDays: 1, planGraceDays: 10, maximumTermMonths: 12 });
    expect(buildNegotiationPolicy(layers, { creditorId: 'cred_3', role: 'specialist' })).toMatchObject({ settlementMaxDiscountPercent: '25', promiseGraceDays: 2, planGraceDays: defaultNegotiationPolicy.planGraceDays });
  });

  it('gives supervisors more settlement authority than specialists unless a layer says otherwise', () => {
    expect(buildNegotiationPolicy([], { creditorId: 'c', role: 'specialist' }).settlementMaxDiscountPercent).toBe('20');
    expect(buildNegotiationPolicy([], { creditorId: 'c', role: 'supervisor' }).settlementMaxDiscountPercent).toBe('40');
    expect(buildNegotiationPolicy([{ creditorId: '*', role: '*', settlementMaxDiscountPercent: '10' }], { creditorId: 'c', role: 'supervisor' }).settlementMaxDiscountPercent).toBe('10');
    expect(buildNegotiationPolicy([], { creditorId: 'c', role: 'constructor' }).settlementMaxDiscountPercent).toBe('20');
  });
});

describe('the built-in minimum installment', () => {
  it('counts in the plan currency unless a layer sets a minimum with its currency', () => {
    expect(buildNegotiationPolicy([], { creditorId: 'c', role: 'specialist', currency: 'CAD' })).toMatchObject({ currency: 'CAD', minimumInstallmentMinor: 2500n });
    expect(buildNegotiationPolicy([{ creditorId: '*', role: '*', currency: 'USD', minimumInstallmentMinor: 5000n }], { creditorId: 'c', role: 'specialist', currency: 'CAD' }))
      .toMatchObject({ currency: 'USD', minimumInstallmentMinor: 5000n });
  });
});
