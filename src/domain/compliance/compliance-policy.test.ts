import { describe, expect, it } from 'vitest';
import { buildCompliancePolicy, defaultCompliancePolicy } from './compliance-policy.ts';

describe('thresholds are data, and overlays may only be stricter', () => {
  it('keeps the law\'s numbers by default', () => {
    expect(defaultCompliancePolicy).toMatchObject({
      contactWindowStartMinute: 480, contactWindowEndMinute: 1260, callsPerSevenDaysMax: 7, conversationQuietDays: 7,
      massachusettsPersonalPerSevenDaysMax: 2, massachusettsOtherPerThirtyDaysMax: 2, passiveReportingWaitDays: 14,
      validationReceiptBusinessDays: 5, validationPeriodDays: 30, dayCounting: 'consumer_primary_zone',
    });
  });

  it('takes a tenant\'s or a state\'s stricter numbers and refuses looser ones, saying which', () => {
    const { policy, refusedLoosenings } = buildCompliancePolicy([
      { contactWindowStartMinute: 9 * 60, contactWindowEndMinute: 20 * 60, callsPerSevenDaysMax: 5 },
      { contactWindowStartMinute: 7 * 60, callsPerSevenDaysMax: 9, dayCounting: 'every_candidate_zone' },
      { dayCounting: 'consumer_primary_zone', passiveReportingWaitDays: 10 },
    ]);
    expect(policy).toMatchObject({ contactWindowStartMinute: 540, contactWindowEndMinute: 1200, callsPerSevenDaysMax: 5, dayCounting: 'every_candidate_zone', passiveReportingWaitDays: 14 });
    expect(refusedLoosenings.map((loosening) => loosening.field)).toEqual(['contactWindowStartMinute', 'callsPerSevenDaysMax', 'dayCounting', 'passiveReportingWaitDays']);
  });

  it('only lets a feature flag be switched on, and its effective date be brought forward', () => {
    const { policy } = buildCompliancePolicy([{ newYorkCityRulesEnabled: true, newYorkCityRulesEffectiveDate: '2025-01-01' }, { newYorkCityRulesEnabled: false, newYorkCityRulesEffectiveDate: '2027-01-01' }]);
    expect(policy.newYorkCityRulesEnabled).toBe(true);
    expect(policy.newYorkCityRulesEffectiveDate).toBe('2025-01-01');
  });

  it('refuses a field it does not know', () => {
    expect(() => buildCompliancePolicy([{ callsPerWeek: 3 } as never])).toThrow(/unknown policy field "callsPerWeek"/);
  });
});
