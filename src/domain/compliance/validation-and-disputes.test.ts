// REGF-VAL-TIMING, REGF-VAL-CONTENT, REGF-VAL-PERIOD, REGF-DISPUTE-PAUSE, REGF-OVERSHADOW, REGF-DISPUTE-CR,
// REGF-PASSIVE-CR.
import { describe, expect, it } from 'vitest';
import { buildCompliancePolicy } from './compliance-policy.ts';
import { decideCase } from '../../../test/fixtures/compliance/build-case.ts';

const illinois = { state: 'IL', timezones: ['America/Chicago'] };
// Validation information mailed Monday 3 June 2024: receipt assumed 10 June, period ends 10 July.
const validation = { provided_ts: '2024-06-03T14:00:00Z' };

describe('REGF-VAL-PERIOD and REGF-VAL-CONTENT on a validation notice', () => {
  it('requires the computed end date on the notice and refuses an earlier printed one', () => {
    const notice = { channel: 'letter', template: 'validation_notice_B1' };
    expect(decideCase({ at: '2024-11-04T16:00:00Z', consumer: illinois, action: notice }).required_disclosures).toEqual(['VALIDATION_END_DATE=2024-12-12']);
    expect(decideCase({ at: '2024-11-04T16:00:00Z', consumer: illinois, action: { ...notice, validation_end_date: '2024-12-11' } }).reason_ids).toEqual(['REGF-VAL-PERIOD']);
    expect(decideCase({ at: '2024-11-04T16:00:00Z', consumer: illinois, action: { ...notice, validation_end_date: '2024-12-20' } }).required_disclosures).toEqual(['VALIDATION_END_DATE=2024-12-20']);
  });

  it('dates the notice by the later of the consumer\'s and the collector\'s calendars', () => {
    // 23:30 CDT on Thursday 13 June is already Friday 14 June in New York (the collector's zone).
    // From Thursday: Fri 14, Mon 17, Tue 18, (Juneteenth), Thu 20, Fri 21; from Friday: … Mon 24.
    const notice = { channel: 'letter', template: 'validation_notice_B1' };
    expect(decideCase({ at: '2024-06-14T04:30:00Z', consumer: illinois, action: notice }).computed?.assumed_receipt).toBe('2024-06-21');
    const { policy } = buildCompliancePolicy([{ collectorTimeZone: 'America/New_York' }]);
    expect(decideCase({ at: '2024-06-14T04:30:00Z', consumer: illinois, action: notice }, policy).computed?.assumed_receipt).toBe('2024-06-24');
  });

  it('blocks a notice that lacks required 1006.34(c) content, when its content is stated', () => {
    const decision = decideCase({ consumer: illinois, action: { channel: 'letter', template: 'validation_notice_custom', content_elements: ['debt_collector_disclosure', 'current_amount'] } });
    expect(decision.reason_ids).toEqual(['REGF-VAL-CONTENT']);
  });
});

describe('REGF-VAL-TIMING: validation information within five days after the initial communication', () => {
  it('gives the due date with the first communication', () => {
    expect(decideCase({ action: { is_first_communication: true } }).computed?.validation_notice_due_by_local_date).toBe('2024-06-17');
  });

  it('blocks further collection once the due date has passed without a notice', () => {
    const debt = { initial_communication_ts: '2024-06-03T15:00:00Z' };
    expect(decideCase({ at: '2024-06-08T15:00:00Z', debt }).decision).toBe('allow');
    expect(decideCase({ at: '2024-06-09T15:00:00Z', debt }).reason_ids).toEqual(['REGF-VAL-TIMING']);
    expect(decideCase({ at: '2024-06-09T15:00:00Z', debt, action: { channel: 'letter', template: 'validation_notice_B1' } }).decision).toBe('allow_with_requirements');
  });
});

describe('REGF-DISPUTE-PAUSE: a written dispute inside the validation period pauses collection (1006.38(c))', () => {
  const dispute = (sentTs: string, extra: Record<string, unknown> = {}) => ({ validation, disputes: [{ sent_ts: sentTs, received_ts: sentTs, medium: 'mail', written: true, ...extra }] });

  it('pauses on a dispute sent on the end date itself, not on one sent the day after', () => {
    expect(decideCase({ at: '2024-07-15T15:00:00Z', consumer: illinois, debt: dispute('2024-07-10T22:00:00Z') }).reason_ids).toEqual(['REGF-DISPUTE-PAUSE']);
    expect(decideCase({ at: '2024-07-15T15:00:00Z', consumer: illinois, debt: dispute('2024-07-11T15:00:00Z') }).decision).toBe('allow');
  });

  it('counts a dispute as timely if it is inside the period on the collector\'s calendar', () => {
    // 00:30 on 11 July in Chicago is still 10 July in Los Angeles (the collector's zone).
    const late = dispute('2024-07-11T05:30:00Z');
    expect(decideCase({ at: '2024-07-15T15:00:00Z', consumer: illinois, debt: late }).decision).toBe('allow');
    const { policy } = buildCompliancePolicy([{ collectorTimeZone: 'America/Los_Angeles' }]);
    expect(decideCase({ at: '2024-07-15T15:00:00Z', consumer: illinois, debt: late }, policy).decision).toBe('block');
  });

  it('does not pause on an oral dispute, and resumes once verification is sent', () => {
    expect(decideCase({ at: '2024-06-20T15:00:00Z', consumer: illinois, debt: dispute('2024-06-18T15:00:00Z', { written: false, medium: 'phone' }) }).decision).toBe('allow');
    const answered = { ...dispute('2024-06-18T15:00:00Z'), verification_sent_ts: '2024-06-19T15:00:00Z' };
    expect(decideCase({ at: '2024-06-20T15:00:00Z', consumer: illinois, debt: answered }).decision).toBe('allow');
  });

  it('still allows the verification itself and pauses furnishing', () => {
    const debt = dispute('2024-06-18T15:00:00Z');
    expect(decideCase({ at: '2024-06-20T15:00:00Z', consumer: illinois, debt, action: { channel: 'letter', template: 'verification' } }).decision).toBe('allow');
    expect(decideCase({ at: '2024-06-20T15:00:00Z', consumer: illinois, debt, action: { channel: 'furnish_cra' } }).reason_ids).toContain('REGF-DISPUTE-PAUSE');
  });

  it('treats a written dispute with no validation period on file as timely (fail closed)', () => {
    expect(decideCase({ consumer: illinois, debt: { disputes: [{ received_ts: '2024-06-10T15:00:00Z', medium: 'email' }] } }).reason_ids).toEqual(['REGF-DISPUTE-PAUSE']);
  });

  it('never lets the stated end date cut the computed period short', () => {
    const early = { validation: { ...validation, end_date: '2024-07-05' }, disputes: [{ sent_ts: '2024-07-08T15:00:00Z', written: true }] };
    expect(decideCase({ at: '2024-07-15T15:00:00Z', consumer: illinois, debt: early }).reason_ids).toEqual(['REGF-DISPUTE-PAUSE']);
  });
});

describe('REGF-OVERSHADOW (1006.38(b))', () => {
  it('blocks a shorter deadline during the period and lets it go after the end date', () => {
    const letter = { channel: 'letter', content_tags: ['deadline_shorter_than_END'] };
    expect(decideCase({ at: '2024-07-10T15:00:00Z', consumer: illinois, debt: { validation }, action: letter }).reason_ids).toEqual(['REGF-OVERSHADOW']);
    expect(decideCase({ at: '2024-07-11T15:00:00Z', consumer: illinois, debt: { validation }, action: letter }).decision).toBe('allow');
  });
});

describe('REGF-PASSIVE-CR and REGF-DISPUTE-CR (1006.30(a), FCRA 623(a)(3))', () => {
  const letter = { ts_utc: '2024-06-03T14:00:00Z', channel: 'letter', direction: 'outbound', outcome: 'delivered', debt_ids: ['D1'] };
  const furnish = { channel: 'furnish_cra' };

  it('waits 14 days after a letter (local midnight, as furnishing is not a contact), or not at all after speaking', () => {
    expect(decideCase({ at: '2024-06-16T15:00:00Z', consumer: illinois, history: [letter], action: furnish }).allow_after_utc).toBe('2024-06-17T05:00:00Z');
    expect(decideCase({ at: '2024-06-17T05:00:00Z', consumer: illinois, history: [letter], action: furnish }).decision).toBe('allow');
    const spoke = [{ ts_utc: '2024-06-05T15:00:00Z', channel: 'call', direction: 'inbound', outcome: 'conversation', debt_ids: ['D1'] }];
    expect(decideCase({ at: '2024-06-06T15:00:00Z', consumer: illinois, history: spoke, action: furnish }).decision).toBe('allow');
  });

  it('does not count a limited-content voicemail as speaking about the debt', () => {
    const voicemail = [{ ts_utc: '2024-06-05T15:00:00Z', channel: 'voicemail', direction: 'outbound', outcome: 'voicemail_lcm', debt_ids: ['D1'] }];
    expect(decideCase({ consumer: illinois, history: voicemail, action: furnish }).reason_ids).toEqual(['REGF-PASSIVE-CR']);
  });

  it('blocks after a returned letter until a new message has gone 14 days unreturned', () => {
    const returned = { ts_utc: '2024-06-12T14:00:00Z', channel: 'letter', direction: 'inbound', outcome: 'undeliverable', debt_ids: ['D1'] };
    expect(decideCase({ at: '2024-06-18T15:00:00Z', consumer: illinois, history: [letter, returned], action: furnish }).decision).toBe('block');
    const second = { ...letter, ts_utc: '2024-06-14T14:00:00Z' };
    expect(decideCase({ at: '2024-06-18T15:00:00Z', consumer: illinois, history: [letter, returned, second], action: furnish }).allow_after_utc).toBe('2024-06-28T05:00:00Z');
  });

  it('requires the disputed code once the consumer disputed, orally or in writing', () => {
    const spoke = [{ ts_utc: '2024-05-05T15:00:00Z', channel: 'call', direction: 'inbound', outcome: 'conversation', debt_ids: ['D1'] }];
    const debt = { validation, disputes: [{ received_ts: '2024-07-19T15:00:00Z', medium: 'phone', written: false }] };
    const decision = decideCase({ at: '2024-07-20T15:00:00Z', consumer: illinois, history: spoke, debt, action: furnish });
    expect(decision.decision).toBe('allow_with_requirements');
    expect(decision.required_disclosures).toEqual(['FURNISH_AS_DISPUTED']);
  });
});
