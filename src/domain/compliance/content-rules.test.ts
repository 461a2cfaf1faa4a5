// RULES.md 0.3 step 5: disclosures, limited-content messages, identity, third parties.
import { describe, expect, it } from 'vitest';
import { decideCase } from '../../../test/fixtures/compliance/build-case.ts';

const pennsylvania = { state: 'PA' };

describe('REGF-ELEC-OPTOUT-NOTICE (1006.6(e)) and REGF-MINI-MIRANDA (1006.18(e))', () => {
  it('blocks an electronic message whose template lacks the opt-out notice', () => {
    expect(decideCase({ consumer: pennsylvania, action: { channel: 'sms', template_has_optout_notice: false } }).reason_ids).toEqual(['REGF-ELEC-OPTOUT-NOTICE']);
  });

  it('requires the opt-out notice and the subsequent disclosure on texts and emails', () => {
    const decision = decideCase({ consumer: pennsylvania, action: { channel: 'sms', template_has_optout_notice: true } });
    expect(decision.required_disclosures).toEqual(['OPTOUT_NOTICE', 'MM_SUBSEQUENT']);
  });

  it('requires the opt-out notice even when the template does not say whether it has one', () => {
    expect(decideCase({ consumer: pennsylvania, action: { channel: 'email' } }).required_disclosures).toContain('OPTOUT_NOTICE');
  });

  it('requires the initial disclosure on a first communication of any kind, and nothing extra on an ordinary call or letter', () => {
    expect(decideCase({ action: { is_first_communication: true } }).required_disclosures).toEqual(['MM_INITIAL']);
    expect(decideCase({ action: { channel: 'letter', is_first_communication: true } }).required_disclosures).toEqual(['MM_INITIAL']);
    expect(decideCase({ action: { channel: 'letter' } }).decision).toBe('allow');
    expect(decideCase({}).decision).toBe('allow');
  });
});

describe('REGF-LCM: limited-content voicemail (1006.2(j))', () => {
  const required = ['neutral_business_name', 'request_reply', 'natural_person_name', 'reply_phone'];

  it('allows the required items with the optional ones, and nothing else', () => {
    expect(decideCase({ action: { channel: 'voicemail', content_elements: [...required, 'salutation', 'suggested_reply_times'] } }).decision).toBe('allow');
    expect(decideCase({ action: { channel: 'voicemail', content_elements: [...required, 'mini_miranda'] } }).reason_ids).toEqual(['REGF-LCM']);
    expect(decideCase({ action: { channel: 'voicemail', content_elements: required.slice(1) } }).reason_ids).toEqual(['REGF-LCM']);
  });

  it('blocks a voicemail whose content is not stated', () => {
    expect(decideCase({ action: { channel: 'voicemail' } }).reason_ids).toEqual(['REGF-LCM']);
  });
});

describe('REGF-CALL-IDENTITY (1006.14(g))', () => {
  it('blocks a call with a blank or spoofed caller ID or a script without the caller\'s and company\'s names', () => {
    expect(decideCase({ action: { content_tags: ['caller_id_blank_or_spoofed'] } }).reason_ids).toEqual(['REGF-CALL-IDENTITY']);
    expect(decideCase({ action: { content_elements: ['caller_name'] } }).reason_ids).toEqual(['REGF-CALL-IDENTITY']);
    expect(decideCase({ action: { content_elements: ['caller_name', 'business_name'] } }).decision).toBe('allow');
  });
});

describe('REGF-3P and REGF-LOCATION (1006.6(d), 1006.10)', () => {
  it('blocks talking about the debt with a third party, but allows one location inquiry without mentioning it', () => {
    expect(decideCase({ action: { recipient: 'third_party' } }).reason_ids).toEqual(['REGF-3P']);
    expect(decideCase({ action: { recipient: 'third_party', purpose: 'location' } }).decision).toBe('allow');
    expect(decideCase({ action: { recipient: 'third_party', purpose: 'location', content_tags: ['debt_mention'] } }).reason_ids).toEqual(['REGF-LOCATION']);
  });

  it('does not contact the same third party twice for location unless asked or the answer was wrong', () => {
    const history = [{ ts_utc: '2024-06-01T15:00:00Z', channel: 'call', direction: 'outbound', outcome: 'third_party_conversation', person: 'third_party', third_party_id: 'neighbour-1', purpose: 'location' }];
    const again = { recipient: 'third_party', third_party_id: 'neighbour-1', purpose: 'location' };
    expect(decideCase({ history, action: again }).reason_ids).toEqual(['REGF-LOCATION']);
    expect(decideCase({ history, action: { ...again, location_recontact_reason: 'requested' } }).decision).toBe('allow');
  });

  it('gives debt details on the phone only after right-party verification', () => {
    expect(decideCase({ action: { channel: 'call_disclosure', content_tags: ['debt_details'], recipient_identity_verified: false } }).reason_ids).toEqual(['REGF-3P']);
    expect(decideCase({ action: { channel: 'call_disclosure', content_tags: ['debt_details'], recipient_identity_verified: true } }).decision).toBe('allow');
  });
});
