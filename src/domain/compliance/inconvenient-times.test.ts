import { describe, expect, it } from 'vitest';
import { buildCompliancePolicy } from './compliance-policy.ts';
import { decideCase } from '../../../test/fixtures/compliance/build-case.ts';

const callAt = (at: string, consumer: Record<string, unknown> = {}) => decideCase({ at, consumer });

describe('REGF-TIME-8TO9: 08:00:00 ≤ local < 21:00:00 (1006.6(b)(1)(i), RULES.md 0.5)', () => {
  it.each([
    ['2024-06-12T11:59:59Z', '07:59:59', 'allow_after'],
    ['2024-06-12T12:00:00Z', '08:00:00', 'allow'],
    ['2024-06-13T00:59:59Z', '20:59:59', 'allow'],
    ['2024-06-13T01:00:00Z', '21:00:00', 'allow_after'],
  ])('never calls before 08:00 or from 21:00 debtor-local time: %s (%s EDT) is %s', (at, _local, decision) => {
    expect(callAt(at).decision).toBe(decision);
  });

  it('names the earliest instant: 08:00 the same morning before opening, 08:00 the next morning after closing', () => {
    expect(callAt('2024-06-12T11:59:59Z').allow_after_utc).toBe('2024-06-12T12:00:00Z');
    expect(callAt('2024-06-13T01:00:00Z').allow_after_utc).toBe('2024-06-13T12:00:00Z');
  });

  it('explains the failure with the local time in the zone that fails', () => {
    expect(callAt('2024-06-12T11:30:00Z').reasons[0]?.explanation)
      .toBe("Calls are allowed only 08:00–21:00 at the consumer's location; it is 07:30 in America/New_York.");
  });

  it('opens at 08:00 EDT (12:00Z) on the spring-forward day 2024-03-10, not at 08:00 EST', () => {
    expect(callAt('2024-03-10T11:59:00Z').decision).toBe('allow_after');
    expect(callAt('2024-03-10T11:59:00Z').allow_after_utc).toBe('2024-03-10T12:00:00Z');
    expect(callAt('2024-03-10T12:00:00Z').decision).toBe('allow');
    // The day before, still EST: 08:00 is 13:00Z.
    expect(callAt('2024-03-09T12:30:00Z').allow_after_utc).toBe('2024-03-09T13:00:00Z');
  });

  it('opens at 08:00 EST (13:00Z) on the fall-back day 2024-11-03 and closes at 21:00 EST (02:00Z)', () => {
    expect(callAt('2024-11-03T12:30:00Z').allow_after_utc).toBe('2024-11-03T13:00:00Z');
    expect(callAt('2024-11-04T01:59:00Z').decision).toBe('allow');
    expect(callAt('2024-11-04T02:00:00Z').decision).toBe('allow_after');
  });

  it('keeps Arizona on MST in summer: 07:30 in Phoenix while it is 08:30 in Denver', () => {
    const phoenix = { state: 'AZ', timezones: ['America/Phoenix'] };
    expect(decideCase({ at: '2024-07-01T14:30:00Z', consumer: phoenix }).allow_after_utc).toBe('2024-07-01T15:00:00Z');
    expect(decideCase({ at: '2024-07-01T14:30:00Z', consumer: { state: 'CO', timezones: ['America/Denver'] } }).decision).toBe('allow');
  });

  it('treats Hawaii as UTC-10 all year', () => {
    const hawaii = { state: 'HI', timezones: ['Pacific/Honolulu'] };
    expect(decideCase({ at: '2024-01-15T17:59:00Z', consumer: hawaii }).allow_after_utc).toBe('2024-01-15T18:00:00Z');
    expect(decideCase({ at: '2024-07-15T18:00:00Z', consumer: hawaii }).decision).toBe('allow');
  });

  it('tests the send time of queued emails and texts, not the open time', () => {
    const email = decideCase({ at: '2024-01-16T08:00:00Z', consumer: { state: 'IL', timezones: ['America/Chicago'] }, action: { channel: 'email', template_has_optout_notice: true } });
    expect(email.decision).toBe('allow_after');
    expect(email.allow_after_utc).toBe('2024-01-16T14:00:00Z');
  });

  it('does not time letters (mail is not an electronic or telephone contact)', () => {
    expect(decideCase({ at: '2024-06-12T03:00:00Z', action: { channel: 'letter' } }).decision).toBe('allow');
  });

  it('lets a policy stop calls starting close to 21:00, never later than the law', () => {
    const { policy } = buildCompliancePolicy([{ lastCallStartBufferMinutes: 10 }]);
    expect(decideCase({ at: '2024-06-13T00:49:00Z' }, policy).decision).toBe('allow');
    expect(decideCase({ at: '2024-06-13T00:50:00Z' }, policy).decision).toBe('allow_after');
    const { policy: looser } = buildCompliancePolicy([{ contactWindowEndMinute: 22 * 60 }]);
    expect(decideCase({ at: '2024-06-13T01:30:00Z' }, looser).decision).toBe('allow_after');
  });
});

describe('REGF-TIME-MULTITZ: convenient in every candidate zone (comment 6(b)(1)(i))', () => {
  const both = { state: 'CA', timezones: ['America/New_York', 'America/Los_Angeles'] };

  it('blocks 18:30 Pacific because it is 21:30 Eastern, and opens at 08:00 Pacific', () => {
    const decision = decideCase({ at: '2024-06-13T01:30:00Z', consumer: both });
    expect(decision.reason_ids).toEqual(['REGF-TIME-MULTITZ']);
    expect(decision.allow_after_utc).toBe('2024-06-13T15:00:00Z');
    expect(decision.reasons[0]?.explanation).toContain('21:30 in America/New_York');
  });

  it('blocks 08:30 Eastern because it is 05:30 Pacific', () => {
    expect(decideCase({ at: '2024-06-12T12:30:00Z', consumer: both }).allow_after_utc).toBe('2024-06-12T15:00:00Z');
  });

  it('counts zones given as sources (address, phone area code) as candidates too', () => {
    const decision = decideCase({ at: '2024-06-13T01:30:00Z', consumer: { state: 'CA', timezones: ['America/Los_Angeles'], tz_sources: { phone_area_code: 'America/New_York' } } });
    expect(decision.reason_ids).toEqual(['REGF-TIME-MULTITZ']);
  });

  it('answers review when no instant is convenient in every zone at once', () => {
    const decision = decideCase({ consumer: { timezones: ['UTC', 'Etc/GMT-8', 'Etc/GMT+8'] } });
    expect(decision.decision).toBe('review');
    expect(decision.reason_ids).toEqual(['REGF-TIME-MULTITZ']);
  });
});

describe('REGF-TIME-CONSUMER: times the consumer called inconvenient', () => {
  const notBeforeTen = [{ days: 'all', start_local: '00:00', end_local: '10:00', source_ts: '2024-06-01T15:00:00Z' }];

  it('waits until the end of the designated window (09:59 no, 10:00 yes)', () => {
    expect(decideCase({ at: '2024-06-12T13:59:00Z', consumer: { inconvenient_windows: notBeforeTen } }).allow_after_utc).toBe('2024-06-12T14:00:00Z');
    expect(decideCase({ at: '2024-06-12T14:00:00Z', consumer: { inconvenient_windows: notBeforeTen } }).decision).toBe('allow');
  });

  it('handles a window that runs past midnight (22:00–09:00 "I work nights") on the days named', () => {
    const nights = [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start_local: '18:00', end_local: '09:00' }];
    // Wednesday 19:00 EDT: inside, until Thursday 09:00.
    const decision = decideCase({ at: '2024-06-12T23:00:00Z', consumer: { inconvenient_windows: nights } });
    expect(decision.reason_ids).toEqual(['REGF-TIME-CONSUMER']);
    expect(decision.allow_after_utc).toBe('2024-06-13T13:00:00Z');
    // Saturday 19:00 EDT: not a designated day.
    expect(decideCase({ at: '2024-06-15T23:00:00Z', consumer: { inconvenient_windows: nights } }).decision).toBe('allow');
  });

  it('applies a channel-scoped designation only to that channel', () => {
    const noCallsMornings = [{ days: 'all', start_local: '08:00', end_local: '12:00', channels: ['call'] }];
    expect(decideCase({ at: '2024-06-12T13:00:00Z', consumer: { inconvenient_windows: noCallsMornings } }).decision).toBe('allow_after');
    expect(decideCase({ at: '2024-06-12T13:00:00Z', consumer: { state: 'PA', inconvenient_windows: noCallsMornings }, action: { channel: 'email', template_has_optout_notice: true } }).decision)
      .toBe('allow_with_requirements');
  });

  it('stops applying once the consumer revokes it', () => {
    const revoked = [{ ...notBeforeTen[0], revoked_ts: '2024-06-05T15:00:00Z' }];
    expect(decideCase({ at: '2024-06-12T13:00:00Z', consumer: { inconvenient_windows: revoked } }).decision).toBe('allow');
  });
});

describe('REGF-TIME-8TO9 exceptions (1006.6(b)(4), comment 6(b)(1)-2)', () => {
  const consent = (givenTo: string) => ({ direct_prior_consent_time: [{ given_ts: '2024-06-12T21:00:00Z', for_local: '2024-06-13 07:15', given_to: givenTo }] });

  it('allows the call at the time the consumer asked for directly (07:15), within the policy tolerance', () => {
    expect(decideCase({ at: '2024-06-13T11:15:00Z', given: { consents: consent('debt_collector') } }).decision).toBe('allow');
    expect(decideCase({ at: '2024-06-13T11:30:00Z', given: { consents: consent('debt_collector') } }).decision).toBe('allow');
    expect(decideCase({ at: '2024-06-13T11:31:00Z', given: { consents: consent('debt_collector') } }).decision).toBe('allow_after');
  });

  it('moves an earlier call to the consented time rather than to 08:00', () => {
    expect(decideCase({ at: '2024-06-13T11:00:00Z', given: { consents: consent('debt_collector') } }).allow_after_utc).toBe('2024-06-13T11:15:00Z');
  });

  it('does not treat consent given to the creditor as direct consent', () => {
    expect(decideCase({ at: '2024-06-13T11:15:00Z', given: { consents: consent('creditor') } }).decision).toBe('allow_after');
  });

  it('allows one reply in the same medium to a consumer-initiated message, but not a second', () => {
    const inbound = { ts_utc: '2024-06-13T03:30:00Z', channel: 'email', direction: 'inbound', outcome: 'delivered', debt_ids: ['D1'] };
    const reply = { channel: 'email', template_has_optout_notice: true, is_single_reply_to_consumer_initiated: true };
    const pennsylvania = { state: 'PA' };
    expect(decideCase({ at: '2024-06-13T03:31:00Z', consumer: pennsylvania, history: [inbound], action: reply }).decision).toBe('allow_with_requirements');
    const afterReply = [inbound, { ts_utc: '2024-06-13T03:31:00Z', channel: 'email', direction: 'outbound', outcome: 'delivered', debt_ids: ['D1'] }];
    expect(decideCase({ at: '2024-06-13T03:45:00Z', consumer: pennsylvania, history: afterReply, action: reply }).decision).toBe('allow_after');
    // Claimed but unsupported by the history: no exception.
    expect(decideCase({ at: '2024-06-13T03:31:00Z', consumer: pennsylvania, history: [], action: reply }).decision).toBe('allow_after');
  });

  it('lets a court\'s express permission override the time rule', () => {
    expect(decideCase({ at: '2024-06-12T11:00:00Z', action: { court_permission: true } }).decision).toBe('allow');
  });
});
