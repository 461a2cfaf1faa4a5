import { describe, expect, it } from 'vitest';
import { decideCase, outboundCall } from '../../../test/fixtures/compliance/build-case.ts';

const massachusetts = { state: 'MA' };
const text = (ts: string, extra: Record<string, unknown> = {}) => ({ ts_utc: ts, channel: 'sms', direction: 'outbound', outcome: 'delivered', debt_ids: ['D1'], ...extra });

describe('MA-CALL-2IN7: 2 initiated calls or texts per debt in 7 days to personal numbers (940 CMR 7.04(1)(f))', () => {
  it('allows a second initiated call in 7 days and holds the third until the first leaves the window', () => {
    const one = [outboundCall('2024-06-05T14:00:00Z')];
    expect(decideCase({ at: '2024-06-07T14:00:00Z', consumer: massachusetts, history: one }).decision).toBe('allow');
    const two = [...one, outboundCall('2024-06-06T14:00:00Z')];
    const third = decideCase({ at: '2024-06-07T14:00:00Z', consumer: massachusetts, history: two });
    expect(third.reason_ids).toEqual(['MA-CALL-2IN7']);
    // Window [D-6, D]: 5 June leaves it on 12 June.
    expect(third.allow_after_utc).toBe('2024-06-12T12:00:00Z');
    expect(decideCase({ at: '2024-06-11T14:00:00Z', consumer: massachusetts, history: two }).decision).toBe('allow_after');
    expect(decideCase({ at: '2024-06-12T14:00:00Z', consumer: massachusetts, history: two }).decision).toBe('allow');
  });

  it('counts texts and calls together, unlike Reg F', () => {
    const history = [outboundCall('2024-06-05T14:00:00Z'), text('2024-06-06T14:00:00Z')];
    expect(decideCase({ at: '2024-06-07T14:00:00Z', consumer: massachusetts, history }).decision).toBe('allow_after');
    expect(decideCase({ at: '2024-06-07T14:00:00Z', consumer: massachusetts, history, action: { channel: 'sms', template_has_optout_notice: true } }).reason_ids)
      .toContain('MA-CALL-2IN7');
  });

  it('counts unanswered calls (Armata) but not those where the caller was truly unable to reach the debtor', () => {
    const history = [outboundCall('2024-06-05T14:00:00Z'), outboundCall('2024-06-06T14:00:00Z', { truly_unable_to_reach: true })];
    expect(decideCase({ at: '2024-06-07T14:00:00Z', consumer: massachusetts, history }).decision).toBe('allow');
  });

  it('does not count a call answering the debtor\'s own request, shown by an unanswered inbound message', () => {
    const history = [outboundCall('2024-06-05T14:00:00Z'), outboundCall('2024-06-06T14:00:00Z'),
      { ts_utc: '2024-06-06T22:00:00Z', channel: 'voicemail', direction: 'inbound', outcome: 'voicemail_other', debt_ids: ['D1'] }];
    expect(decideCase({ at: '2024-06-07T14:00:00Z', consumer: massachusetts, history, action: { in_response_to_debtor_request: true } }).decision).toBe('allow');
    // Without the inbound message the claim is unsupported: the call counts as initiated.
    expect(decideCase({ at: '2024-06-07T14:00:00Z', consumer: massachusetts, history: history.slice(0, 2), action: { in_response_to_debtor_request: true } }).decision)
      .toBe('allow_after');
  });

  it('allows 2 per 30 days to a work number, counted apart from personal numbers', () => {
    const work = [outboundCall('2024-05-20T15:00:00Z', { to_number_type: 'work' }), outboundCall('2024-06-03T15:00:00Z', { to_number_type: 'work' })];
    const decision = decideCase({ at: '2024-06-10T15:00:00Z', consumer: massachusetts, history: work, action: { to_number_type: 'work' } });
    expect(decision.allow_after_utc).toBe('2024-06-19T12:00:00Z');
    expect(decideCase({ at: '2024-06-10T15:00:00Z', consumer: massachusetts, history: work }).decision).toBe('allow');
  });

  it('does not apply outside Massachusetts', () => {
    const history = [outboundCall('2024-06-05T14:00:00Z'), outboundCall('2024-06-06T14:00:00Z')];
    expect(decideCase({ at: '2024-06-07T14:00:00Z', history }).decision).toBe('allow');
  });
});
