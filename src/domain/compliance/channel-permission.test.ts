// RULES.md 0.3 step 2: medium opt-outs, TCPA consent, the workplace, social media and mail.
import { describe, expect, it } from 'vitest';
import { buildCompliancePolicy } from './compliance-policy.ts';
import { decideCase } from '../../../test/fixtures/compliance/build-case.ts';

const pennsylvania = { state: 'PA' };
const email = (to: string) => ({ channel: 'email', to, template_has_optout_notice: true });

describe('REGF-MEDIUM-OPTOUT and REGF-ELEC-OPTOUT-HONOR (1006.14(h), 1006.6(e))', () => {
  it('blocks a medium the consumer asked the collector not to use, orally or in writing', () => {
    const optouts = [{ medium: 'call', scope: 'all_numbers', ts: '2024-06-05T15:00:00Z', oral: true, raw_text: 'stop calling me' }];
    expect(decideCase({ given: { optouts } }).reason_ids).toEqual(['REGF-MEDIUM-OPTOUT']);
    expect(decideCase({ consumer: pennsylvania, given: { optouts }, action: email('c@example.com') }).decision).toBe('allow_with_requirements');
  });

  it('keeps an electronic opt-out to its address unless it was medium-wide', () => {
    const optouts = [{ medium: 'email', address: 'a@example.com', ts: '2024-06-01T15:00:00Z' }];
    expect(decideCase({ consumer: pennsylvania, given: { optouts }, action: email('A@Example.com') }).reason_ids)
      .toEqual(['REGF-MEDIUM-OPTOUT', 'REGF-ELEC-OPTOUT-HONOR']);
    expect(decideCase({ consumer: pennsylvania, given: { optouts }, action: email('b@example.com') }).decision).toBe('allow_with_requirements');
    const everyEmail = [{ medium: 'email', ts: '2024-06-01T15:00:00Z' }];
    expect(decideCase({ consumer: pennsylvania, given: { optouts: everyEmail }, action: email('b@example.com') }).decision).toBe('block');
  });

  it('allows exactly one confirmation with nothing else in it', () => {
    const optouts = [{ medium: 'sms', number: '+13125550100', ts: '2024-06-12T14:00:00Z', raw_text: 'STOP' }];
    const confirmation = { channel: 'sms', to: '(312) 555-0100', template: 'optout_confirmation', content_tags: ['confirmation_only'] };
    expect(decideCase({ given: { optouts }, action: confirmation }).decision).toBe('allow');
    const sent = [{ ts_utc: '2024-06-12T14:01:00Z', channel: 'sms', direction: 'outbound', outcome: 'delivered', address_or_number: '+13125550100' }];
    expect(decideCase({ given: { optouts }, history: sent, action: confirmation }).decision).toBe('block');
    expect(decideCase({ given: { optouts }, action: { ...confirmation, content_tags: ['confirmation_only', 'payment_link'] } }).decision).toBe('block');
  });

  it('does not turn a text STOP into a manual-call opt-out, unless the policy says so', () => {
    const optouts = [{ medium: 'sms', number: '+12125550123', ts: '2025-05-01T16:00:00Z', raw_text: 'STOP' }];
    const call = { to: '+12125550123' };
    expect(decideCase({ at: '2025-05-05T15:00:00Z', given: { optouts }, action: call }).decision).toBe('allow');
    const { policy } = buildCompliancePolicy([{ smsStopAlsoStopsManualCalls: true }]);
    expect(decideCase({ at: '2025-05-05T15:00:00Z', given: { optouts }, action: call }, policy).reason_ids).toEqual(['REGF-MEDIUM-OPTOUT']);
  });

  it('reads the opt-out whether it sits under consumer or beside it in given (RULES.md 0.6)', () => {
    const optouts = [{ medium: 'call', ts: '2024-06-05T15:00:00Z' }];
    expect(decideCase({ consumer: { optouts } }).reason_ids).toEqual(['REGF-MEDIUM-OPTOUT']);
  });
});

describe('TCPA-ATDS-CONSENT, TCPA-REVOKE, TCPA-REASSIGNED, TCPA-PRERECORDED-RESIDENTIAL', () => {
  const consents = { tcpa_prior_express_consent: { '+12125550123': { given_ts: '2023-01-10T00:00:00Z', source: 'credit application' } } };
  const robocall = { dialer: 'prerecorded', to: '+12125550123', number_type: 'wireless' };

  it('needs prior express consent for autodialed or prerecorded calls to a wireless or unknown number, not for manual ones', () => {
    expect(decideCase({ action: { dialer: 'atds', to: '+12125550199' } }).reason_ids).toEqual(['TCPA-ATDS-CONSENT']);
    expect(decideCase({ given: { consents }, action: robocall }).decision).toBe('allow');
    expect(decideCase({ action: { to: '+12125550199' } }).decision).toBe('allow');
  });

  it('honours a STOP (or any revocation) at once for robocalls and robotexts to that number', () => {
    const optouts = [{ medium: 'sms', number: '+12125550123', ts: '2025-05-01T16:00:00Z', raw_text: 'STOP' }];
    expect(decideCase({ at: '2025-05-05T15:00:00Z', given: { consents, optouts }, action: robocall }).reason_ids).toEqual(['TCPA-REVOKE']);
    expect(decideCase({ at: '2025-05-01T16:01:00Z', given: { consents, optouts }, action: robocall }).reason_ids).toEqual(['TCPA-REVOKE']);
  });

  it('treats consent as gone when the number was disconnected or reassigned after it was given', () => {
    const reassigned = { rnd_result: { number: '+12125550123', disconnected_date: '2023-08-15', query_ts: '2024-06-12T13:00:00Z' } };
    expect(decideCase({ given: { consents, ...reassigned }, action: robocall }).reason_ids).toEqual(['TCPA-REASSIGNED']);
    const before = { rnd_result: { number: '+12125550123', disconnected_date: '2022-08-15', query_ts: '2024-06-12T13:00:00Z' } };
    expect(decideCase({ given: { consents, ...before }, action: robocall }).decision).toBe('allow');
  });

  it('can require a fresh Reassigned Numbers Database query by policy', () => {
    const { policy } = buildCompliancePolicy([{ reassignedNumbersQueryMaxAgeDays: 30 }]);
    expect(decideCase({ given: { consents }, action: robocall }, policy).decision).toBe('review');
  });

  it('limits exempt prerecorded calls to a residential line without consent to 3 in 30 days, with an automated opt-out', () => {
    const residential = { dialer: 'prerecorded', to: '+12125550123', number_type: 'residential' };
    const first = decideCase({ action: residential });
    expect(first.decision).toBe('allow_with_requirements');
    expect(first.required_disclosures).toEqual(['AUTOMATED_OPT_OUT_MECHANISM']);
    const three = ['2024-05-20', '2024-05-28', '2024-06-05'].map((date) => ({ ts_utc: `${date}T15:00:00Z`, channel: 'call', direction: 'outbound', outcome: 'no_answer', dialer: 'prerecorded', debt_ids: ['D1'] }));
    expect(decideCase({ history: three, action: residential }).allow_after_utc).toBe('2024-06-19T12:00:00Z');
  });
});

describe('REGF-PLACE: workplace and employer email (1006.6(b)(3), 1006.22(f)(3))', () => {
  it('blocks a work number when the employer prohibits calls there or the consumer said so', () => {
    expect(decideCase({ consumer: { employer_prohibits_contact: true }, action: { to_number_type: 'work' } }).reason_ids).toEqual(['REGF-PLACE']);
    expect(decideCase({ consumer: { inconvenient_places: ['work'] }, action: { to_number_type: 'work' } }).reason_ids).toEqual(['REGF-PLACE']);
    expect(decideCase({ action: { to_number_type: 'work' } }).decision).toBe('allow');
  });

  it('blocks an employer-provided email address unless the consumer used it with the collector', () => {
    const consumer = { state: 'PA', work_email_addresses: ['jdoe@bigcorp.com'] };
    expect(decideCase({ consumer, action: email('jdoe@bigcorp.com') }).reason_ids).toEqual(['REGF-PLACE']);
    const used = [{ ts_utc: '2024-06-01T15:00:00Z', channel: 'email', direction: 'inbound', outcome: 'delivered', address_or_number: 'jdoe@bigcorp.com' }];
    expect(decideCase({ consumer, history: used, action: email('jdoe@bigcorp.com') }).decision).toBe('allow_with_requirements');
  });
});

describe('REGF-MAIL-SOCIAL (1006.22(f))', () => {
  it('blocks public social-media posts, postcards and revealing envelopes', () => {
    expect(decideCase({ action: { channel: 'social_public_post' } }).reason_ids).toEqual(['REGF-MAIL-SOCIAL']);
    expect(decideCase({ action: { channel: 'postcard' } }).reason_ids).toEqual(['REGF-MAIL-SOCIAL']);
    expect(decideCase({ action: { channel: 'letter', content_tags: ['envelope_reveals_debt_collection'] } }).reason_ids).toEqual(['REGF-MAIL-SOCIAL']);
    expect(decideCase({ action: { channel: 'social_connection_request' } }).reason_ids).toEqual(['REGF-MAIL-SOCIAL']);
  });
});

describe('NY-23NYCRR1: email to New York consumers only with consent to the address (1.6)', () => {
  it('blocks collection email without consent and allows it with consent to that address', () => {
    expect(decideCase({ action: email('c@example.com') }).reason_ids).toEqual(['NY-23NYCRR1']);
    const consents = { email_consent: { address: 'c@example.com', given_ts: '2024-06-01T00:00:00Z' } };
    expect(decideCase({ given: { consents }, action: email('c@example.com') }).decision).toBe('allow_with_requirements');
  });
});
