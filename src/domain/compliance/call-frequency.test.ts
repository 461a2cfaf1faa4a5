import { describe, expect, it } from 'vitest';
import { buildCompliancePolicy } from './compliance-policy.ts';
import { dailyCalls, decideCase, outboundCall } from '../../../test/fixtures/compliance/build-case.ts';

// New York consumer; calls at 10:00 EDT (14:00Z) on 3–9 June 2024 unless said otherwise.
describe('REGF-CALL-7IN7: at most 7 calls in 7 consecutive local days per person and debt (1006.14(b)(2)(i)(A))', () => {
  it('allows the 7th call in the window and holds the 8th until a window has room', () => {
    expect(decideCase({ at: '2024-06-09T14:00:00Z', history: dailyCalls('2024-06-03', 6) }).decision).toBe('allow');
    const eighth = decideCase({ at: '2024-06-09T18:00:00Z', history: dailyCalls('2024-06-03', 7) });
    expect(eighth.reason_ids).toEqual(['REGF-CALL-7IN7']);
    // 10 June: window 4–10 June holds 6 calls, so the 8th may go at 08:00 EDT.
    expect(eighth.allow_after_utc).toBe('2024-06-10T12:00:00Z');
  });

  it('drops a call out of the window on day 8 (the day before, of and after)', () => {
    const history = dailyCalls('2024-06-03', 1).concat(dailyCalls('2024-06-04', 6));
    // 9 June (window 3–9): 7 calls; 10 June (window 4–10): 6.
    expect(decideCase({ at: '2024-06-09T20:00:00Z', history }).decision).toBe('allow_after');
    expect(decideCase({ at: '2024-06-10T14:00:00Z', history }).decision).toBe('allow');
    expect(decideCase({ at: '2024-06-11T14:00:00Z', history }).decision).toBe('allow');
  });

  it('counts days on the consumer\'s local calendar, never in UTC: a 20:30 EDT call belongs to its local day', () => {
    // Six calls at 20:30 EDT on 3–8 June are 00:30Z on 4–9 June. In UTC dates the window 4–10 June would
    // hold all six; on the local calendar the 3 June call has left it by 10 June.
    const history = dailyCalls('2024-06-04', 6, '00:30:00').concat([outboundCall('2024-06-09T14:00:00Z')]);
    expect(decideCase({ at: '2024-06-09T20:00:00Z', history }).decision).toBe('allow_after');
    expect(decideCase({ at: '2024-06-10T14:00:00Z', history }).decision).toBe('allow');
  });

  it('treats a DST change day as one calendar date (fall back, 2024-11-03)', () => {
    const history = dailyCalls('2024-10-28', 6).concat([outboundCall('2024-11-03T05:30:00Z'), outboundCall('2024-11-03T06:30:00Z')]);
    // 01:30 EDT and 01:30 EST on 3 November are the same local date: 8 calls in 28 Oct–3 Nov.
    expect(decideCase({ at: '2024-11-03T15:00:00Z', history }).decision).toBe('allow_after');
  });

  it('counts unanswered calls and limited-content voicemails, but not calls that never connected', () => {
    const history = dailyCalls('2024-06-03', 6);
    const withVoicemail = [...history, { ts_utc: '2024-06-09T13:00:00Z', channel: 'voicemail', direction: 'outbound', outcome: 'voicemail_lcm', debt_ids: ['D1'] }];
    expect(decideCase({ at: '2024-06-09T16:00:00Z', history: withVoicemail }).decision).toBe('allow_after');
    const withBusy = [...history, outboundCall('2024-06-09T13:00:00Z', { outcome: 'not_connected' })];
    expect(decideCase({ at: '2024-06-09T16:00:00Z', history: withBusy }).decision).toBe('allow');
  });

  it('does not count the consumer\'s inbound calls, nor calls about another debt, nor texts', () => {
    const history = [
      ...dailyCalls('2024-06-03', 6),
      outboundCall('2024-06-09T13:00:00Z', { direction: 'inbound' }),
      outboundCall('2024-06-09T13:10:00Z', { debt_ids: ['D2'] }),
      { ts_utc: '2024-06-09T13:20:00Z', channel: 'sms', direction: 'outbound', outcome: 'delivered', debt_ids: ['D1'] },
    ];
    expect(decideCase({ at: '2024-06-09T16:00:00Z', history }).decision).toBe('allow');
  });

  it('counts a call about several debts toward each debt, and an entry naming no debt toward every debt', () => {
    const history = [...dailyCalls('2024-06-03', 6, '14:00:00', { debt_ids: ['D1', 'D2'] }), outboundCall('2024-06-09T13:00:00Z', { debt_ids: undefined })];
    const debts = [{ id: 'D1' }, { id: 'D2' }];
    const decision = decideCase({ at: '2024-06-09T16:00:00Z', history, given: { debt: undefined, debts }, action: { debt_ids: ['D2'] } });
    expect(decision.reason_ids).toEqual(['REGF-CALL-7IN7']);
  });

  it('counts per person: calls to a spouse are not calls to the consumer', () => {
    const history = dailyCalls('2024-06-03', 7, '14:00:00', { person: 'spouse' });
    expect(decideCase({ at: '2024-06-09T16:00:00Z', history }).decision).toBe('allow');
  });

  it('is stricter under the every-zone and rolling-168-hour policies (RULES.md 0.4)', () => {
    // Calls at 23:30 EDT (03:30Z) on 3–9 June; candidate zones New York and Los Angeles.
    const history = dailyCalls('2024-06-04', 7, '03:30:00');
    const consumer = { timezones: ['America/New_York', 'America/Los_Angeles'] };
    // 10 June 15:00 EDT (19:00Z). On the New York calendar the window 4–10 June holds 6 calls: allowed.
    expect(decideCase({ at: '2024-06-10T19:00:00Z', consumer, history }).decision).toBe('allow');
    // The rolling 168 hours still hold the call of 3 June 23:30 EDT until 10 June 23:30 EDT, when calling is
    // closed; the next opening in both zones is 08:00 PDT on 11 June.
    const { policy: rolling } = buildCompliancePolicy([{ dayCounting: 'rolling_168_hours' }]);
    const decision = decideCase({ at: '2024-06-10T19:00:00Z', consumer, history }, rolling);
    expect(decision.reason_ids).toEqual(['REGF-CALL-7IN7']);
    expect(decision.allow_after_utc).toBe('2024-06-11T15:00:00Z');
  });

  it('under the every-zone policy, the limit must hold on each candidate zone\'s calendar', () => {
    // Calls at 05:30Z on 4–10 June: 22:30 PDT on 3–9 June, but 01:30 EDT on 4–10 June.
    const history = dailyCalls('2024-06-04', 7, '05:30:00');
    const consumer = { state: 'CA', timezones: ['America/Los_Angeles', 'America/New_York'] };
    // Primary zone (Los Angeles): the window 4–10 June holds 6 calls.
    expect(decideCase({ at: '2024-06-10T19:00:00Z', consumer, history }).decision).toBe('allow');
    // New York's calendar holds 7 in 4–10 June, so the strict policy waits for 11 June (08:00 PDT, both open).
    const { policy: everyZone } = buildCompliancePolicy([{ dayCounting: 'every_candidate_zone' }]);
    const decision = decideCase({ at: '2024-06-10T19:00:00Z', consumer, history }, everyZone);
    expect(decision.reason_ids).toEqual(['REGF-CALL-7IN7']);
    expect(decision.allow_after_utc).toBe('2024-06-11T15:00:00Z');
  });
});

describe('REGF-CALL-7AFTERCONV: no call for 7 days after a conversation, its date being day 1 (1006.14(b)(2)(i)(B))', () => {
  const conversation = (ts: string, extra: Record<string, unknown> = {}) => outboundCall(ts, { outcome: 'conversation', ...extra });

  it('holds calls on days 2–7 and allows day 8 at 08:00 local', () => {
    const history = [conversation('2024-06-03T14:00:00Z')];
    const daySeven = decideCase({ at: '2024-06-09T14:00:00Z', history });
    expect(daySeven.reason_ids).toEqual(['REGF-CALL-7AFTERCONV']);
    expect(daySeven.allow_after_utc).toBe('2024-06-10T12:00:00Z');
    expect(decideCase({ at: '2024-06-10T12:00:00Z', history }).decision).toBe('allow');
  });

  it('dates a 20:50 local conversation by its local date, not the next UTC date', () => {
    // 20:50 EDT on 3 June is 00:50Z on 4 June: day 8 is 10 June local.
    const history = [conversation('2024-06-04T00:50:00Z')];
    expect(decideCase({ at: '2024-06-10T12:00:00Z', history }).decision).toBe('allow');
  });

  it('counts conversations the consumer started, and a multi-debt conversation for each debt', () => {
    const history = [conversation('2024-06-05T14:00:00Z', { direction: 'inbound', debt_ids: ['D1', 'D2'] })];
    const decision = decideCase({ at: '2024-06-07T14:00:00Z', history, given: { debt: undefined, debts: [{ id: 'D1' }, { id: 'D2' }] }, action: { debt_ids: ['D2'] } });
    expect(decision.reason_ids).toEqual(['REGF-CALL-7AFTERCONV']);
  });

  it('does not treat a voicemail as a conversation', () => {
    const history = [{ ts_utc: '2024-06-05T14:00:00Z', channel: 'voicemail', direction: 'outbound', outcome: 'voicemail_lcm', debt_ids: ['D1'] }];
    expect(decideCase({ at: '2024-06-07T14:00:00Z', history }).decision).toBe('allow');
  });

  it('limits calls only: an email during the 7 days is not held by this prong', () => {
    const history = [conversation('2024-06-05T14:00:00Z')];
    expect(decideCase({ at: '2024-06-07T14:00:00Z', consumer: { state: 'PA' }, history, action: { channel: 'email', template_has_optout_notice: true } }).decision)
      .toBe('allow_with_requirements');
  });
});

describe('REGF-CALL-EXCLUDED: calls excluded from both counts (1006.14(b)(3))', () => {
  const consent = (givenTs: string, givenTo = 'debt_collector') => ({ direct_prior_consent_calls: [{ given_ts: givenTs, scope_debt_ids: ['D1'], given_to: givenTo }] });

  it('excludes calls within 7 days of direct consent (consent date = day 1), and counts them from day 8', () => {
    const history = dailyCalls('2024-06-03', 7);
    // Consent on 3 June covers calls dated 3–9 June: none count, so an 8th call on 9 June is fine.
    expect(decideCase({ at: '2024-06-09T16:00:00Z', history, given: { consents: consent('2024-06-03T13:00:00Z') } }).decision).toBe('allow');
    // Consent on 2 June covers 2–8 June only: the 9 June call counts but alone is well under 7, and the
    // proposed call on 9 June is itself outside the consent, so 1 + 1 calls: allowed.
    expect(decideCase({ at: '2024-06-09T16:00:00Z', history, given: { consents: consent('2024-06-02T13:00:00Z') } }).decision).toBe('allow');
  });

  it('lets a call under direct consent go even right after a conversation', () => {
    const history = [outboundCall('2024-06-09T14:00:00Z', { outcome: 'conversation' })];
    expect(decideCase({ at: '2024-06-10T14:00:00Z', history, given: { consents: consent('2024-06-09T14:05:00Z') } }).decision).toBe('allow');
  });

  it('does not exclude calls made with consent given to the creditor', () => {
    const history = dailyCalls('2024-06-03', 7);
    expect(decideCase({ at: '2024-06-09T16:00:00Z', history, given: { consents: consent('2024-06-03T13:00:00Z', 'creditor') } }).decision).toBe('allow_after');
  });

  it('still applies the time-of-day rule to calls under consent', () => {
    expect(decideCase({ at: '2024-06-09T11:00:00Z', given: { consents: consent('2024-06-08T13:00:00Z') } }).reason_ids).toEqual(['REGF-TIME-8TO9']);
  });
});
