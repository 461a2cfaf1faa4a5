import { describe, expect, it } from 'vitest';
import { buildCompliancePolicy } from './compliance-policy.ts';
import { decideCase } from '../../../test/fixtures/compliance/build-case.ts';

const pennsylvania = { state: 'PA' };
const sms = { channel: 'sms', template_has_optout_notice: true };
const sentText = (ts: string, extra: Record<string, unknown> = {}) => ({ ts_utc: ts, channel: 'sms', direction: 'outbound', outcome: 'delivered', debt_ids: ['D1'], ...extra });

describe('REGF-HARASS-GENERAL: policy caps on unsolicited messages (1006.14(a), comment 14(a)-1)', () => {
  it('allows one unsolicited text a day per debt and moves a second to the next local morning', () => {
    const history = [sentText('2024-06-12T13:00:00Z')];
    const decision = decideCase({ at: '2024-06-12T18:00:00Z', consumer: pennsylvania, history, action: sms });
    expect(decision.reason_ids).toEqual(['REGF-HARASS-GENERAL']);
    expect(decision.allow_after_utc).toBe('2024-06-13T12:00:00Z');
  });

  it('caps texts at 3 in 7 days', () => {
    const history = [sentText('2024-06-08T13:00:00Z'), sentText('2024-06-10T13:00:00Z'), sentText('2024-06-11T13:00:00Z')];
    const decision = decideCase({ at: '2024-06-12T18:00:00Z', consumer: pennsylvania, history, action: sms });
    expect(decision.allow_after_utc).toBe('2024-06-15T12:00:00Z');
  });

  it('does not count a reply to the consumer\'s own text as unsolicited', () => {
    const history = [{ ts_utc: '2024-06-12T12:58:00Z', channel: 'sms', direction: 'inbound', debt_ids: ['D1'] }, sentText('2024-06-12T13:00:00Z')];
    expect(decideCase({ at: '2024-06-12T18:00:00Z', consumer: pennsylvania, history, action: sms }).decision).toBe('allow_with_requirements');
  });

  it('takes its numbers from the policy, which may only tighten them', () => {
    const history = [sentText('2024-06-10T13:00:00Z'), sentText('2024-06-11T13:00:00Z')];
    const { policy, refusedLoosenings } = buildCompliancePolicy([{ smsPerSevenDaysMax: 2 }, { smsPerSevenDaysMax: 5 }]);
    expect(refusedLoosenings).toEqual([{ field: 'smsPerSevenDaysMax', kept: 2, refused: 5 }]);
    expect(decideCase({ at: '2024-06-12T18:00:00Z', consumer: pennsylvania, history, action: sms }, policy).decision).toBe('allow_after');
    expect(decideCase({ at: '2024-06-12T18:00:00Z', consumer: pennsylvania, history, action: sms }).decision).toBe('allow_with_requirements');
  });
});
