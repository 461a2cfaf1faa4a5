// Free text and location evidence turned into facts (REGF-MEDIUM-OPTOUT: natural-language requests are
// honoured generously; REGF-TIME-MULTITZ: candidate zones from every source).
import { describe, expect, it } from 'vitest';
import { decideCase } from '../../../test/fixtures/compliance/build-case.ts';

const pennsylvania = { state: 'PA' };
const inbound = (channel: string, text: string, ts = '2024-06-10T15:00:00Z', extra: Record<string, unknown> = {}) =>
  ({ ts_utc: ts, channel, direction: 'inbound', outcome: 'delivered', debt_ids: ['D1'], raw_text: text, ...extra });
const sms = { channel: 'sms', template_has_optout_notice: true };

describe('inbound free text (classified by src/domain/messages)', () => {
  it('treats "pls dont text me anymore" as an SMS opt-out, without any keyword', () => {
    const decision = decideCase({ consumer: pennsylvania, history: [inbound('sms', 'pls dont text me anymore')], action: sms });
    expect(decision.decision).toBe('block');
    expect(decision.reason_ids).toEqual(['REGF-MEDIUM-OPTOUT', 'REGF-ELEC-OPTOUT-HONOR']);
    // Calls stay allowed: the request named texts.
    expect(decideCase({ consumer: pennsylvania, history: [inbound('sms', 'pls dont text me anymore')] }).decision).toBe('allow');
  });

  it('reads the medium of a recorded opt-out from its words when the medium is not given', () => {
    const optouts = [{ ts: '2024-06-10T15:00:00Z', raw_text: 'pls dont text me anymore' }];
    expect(decideCase({ consumer: pennsylvania, given: { optouts }, action: sms }).decision).toBe('block');
    expect(decideCase({ consumer: pennsylvania, given: { optouts } }).decision).toBe('allow');
    // Words that say nothing recognisable: every medium (the strictest reading of a recorded opt-out).
    expect(decideCase({ consumer: pennsylvania, given: { optouts: [{ ts: '2024-06-10T15:00:00Z', raw_text: 'see ticket 4411' }] } }).decision).toBe('block');
  });

  it('makes a written refusal to pay a 1006.6(c) cease, but an oral one only a call opt-out', () => {
    const written = decideCase({ history: [inbound('email', 'I refuse to pay this. Stop contacting me.')], action: { channel: 'letter' } });
    expect(written.reason_ids).toContain('REGF-CEASE');
    const oral = decideCase({ history: [inbound('call', 'I refuse to pay this. Stop contacting me.', '2024-06-10T15:00:00Z', { outcome: 'conversation' })], action: { channel: 'letter' } });
    expect(oral.reason_ids).not.toContain('REGF-CEASE');
  });

  it('makes a written "not my debt" a dispute that pauses collection inside the validation period', () => {
    const debt = { validation: { provided_ts: '2024-06-03T14:00:00Z' } };
    expect(decideCase({ debt, history: [inbound('letter', 'this is not my debt, I dispute it')] }).reason_ids).toContain('REGF-DISPUTE-PAUSE');
  });

  it('sends collection to review when a message says the consumer has a lawyer or filed bankruptcy', () => {
    expect(decideCase({ history: [inbound('email', 'My attorney is John Smith, talk to him')] })).toMatchObject({ decision: 'review', reason_ids: ['REGF-ATTY'] });
    expect(decideCase({ history: [inbound('sms', 'I filed chapter 7 last week')] })).toMatchObject({ decision: 'review', reason_ids: ['BK-AUTOSTAY'] });
  });

  it('sends contacts to a number that answered "wrong number" to review', () => {
    const history = [inbound('sms', 'wrong number, who is this', '2024-06-10T15:00:00Z', { address_or_number: '+12125550100' })];
    expect(decideCase({ history, action: { to: '+1 212 555 0100' } }).reason_ids).toEqual(['REGF-3P']);
    expect(decideCase({ history, action: { to: '+12125550199' } }).decision).toBe('allow');
  });

  it('ignores text the collector sent, and hedged talk ("might have to file bankruptcy")', () => {
    expect(decideCase({ history: [inbound('sms', 'might have to file bankruptcy')] }).decision).toBe('allow');
    expect(decideCase({ history: [{ ...inbound('sms', 'STOP'), direction: 'outbound' }], action: sms, consumer: pennsylvania }).decision).toBe('allow_with_requirements');
  });
});

describe('candidate zones derived from the address and phone numbers when none are given', () => {
  it('uses the state\'s zone, and adds the phone area code\'s zone as a second candidate', () => {
    const decision = decideCase({ at: '2024-06-12T12:30:00Z', consumer: { timezones: undefined, state: 'NY', phone_numbers: ['+1 415 555 0100'] } });
    expect(decision.reason_ids).toEqual(['REGF-TIME-MULTITZ']);
    expect(decision.allow_after_utc).toBe('2024-06-12T15:00:00Z');
  });
});
