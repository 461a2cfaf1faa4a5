// RULES.md 0.3 step 1 and 6.10: bankruptcy, cease, attorney, deceased routing, breathing space and the
// dispute pause override every allow.
import { describe, expect, it } from 'vitest';
import { decideCase } from '../../../test/fixtures/compliance/build-case.ts';

describe('BK-AUTOSTAY, BK-DISCHARGE, BK-CODEBTOR (11 USC 362, 524, 1301)', () => {
  const open = { chapter: 7, petition_ts: '2024-06-11T18:00:00Z', case_status: 'open' };

  it('stops every act to collect once the petition is filed: calls, letters, furnishing and suits', () => {
    for (const channel of ['call', 'letter', 'furnish_cra', 'file_suit']) {
      expect(decideCase({ flags: { bankruptcy: open }, action: { channel } }).reason_ids).toContain('BK-AUTOSTAY');
      expect(decideCase({ flags: { bankruptcy: open }, action: { channel } }).decision).toBe('block');
    }
  });

  it('blocks a discharged debt for good', () => {
    const discharged = { chapter: 7, petition_ts: '2023-01-10T18:00:00Z', case_status: 'discharged', discharge_ts: '2023-05-01T00:00:00Z' };
    expect(decideCase({ flags: { bankruptcy: discharged } }).reason_ids).toEqual(['BK-DISCHARGE']);
  });

  it('protects co-signers in Chapter 13 but not in Chapter 7', () => {
    expect(decideCase({ flags: { bankruptcy: { ...open, chapter: 13 } }, action: { recipient: 'codebtor' } }).reason_ids).toEqual(['BK-CODEBTOR']);
    expect(decideCase({ flags: { bankruptcy: open }, action: { recipient: 'codebtor' } }).decision).toBe('allow');
  });

  it('sends repeat filings, dismissals and closures to review, never resuming by itself', () => {
    const repeat = { chapter: 13, petition_ts: '2024-05-08T14:00:00Z', case_status: 'open', prior_dismissed_within_1y: 1 };
    expect(decideCase({ flags: { bankruptcy: repeat } }).decision).toBe('review');
    // Day 29 after the petition the stay still holds.
    expect(decideCase({ at: '2024-06-06T15:00:00Z', flags: { bankruptcy: repeat } }).decision).toBe('block');
    expect(decideCase({ flags: { bankruptcy: { ...repeat, prior_dismissed_within_1y: 2 } } }).decision).toBe('review');
    expect(decideCase({ flags: { bankruptcy: { ...open, case_status: 'dismissed' } } }).decision).toBe('review');
  });

  it('leaves a debt incurred after the petition outside the stay', () => {
    expect(decideCase({ flags: { bankruptcy: open }, debt: { incurred_date: '2024-06-12' } }).decision).toBe('allow');
  });
});

describe('REGF-CEASE: written refusal or cease request (1006.6(c))', () => {
  const cease = { cease_written_ts: '2024-06-10T17:00:00Z' };

  it('blocks calls, emails and letters about the debt after a written cease', () => {
    for (const channel of ['call', 'email', 'letter']) expect(decideCase({ flags: cease, action: { channel } }).reason_ids).toContain('REGF-CEASE');
  });

  it('still allows the three 1006.6(c)(2) notices and verification of a timely dispute', () => {
    for (const template of ['cease_exception_terminate', 'cease_exception_may_invoke', 'cease_exception_will_invoke', 'verification']) {
      expect(decideCase({ flags: cease, action: { channel: 'letter', template } }).decision).toBe('allow');
    }
  });

  it('treats a written refusal to pay like a request to stop', () => {
    expect(decideCase({ flags: { refusal_to_pay_written_ts: '2024-06-10T17:00:00Z' } }).reason_ids).toEqual(['REGF-CEASE']);
  });

  it('sends a reply to a later consumer-initiated inquiry to review', () => {
    const history = [{ ts_utc: '2024-06-12T14:50:00Z', channel: 'call', direction: 'inbound', outcome: 'conversation', debt_ids: ['D1'] }];
    expect(decideCase({ flags: cease, history, action: { in_response_to_debtor_request: true } }).decision).toBe('review');
  });

  it('does not stop furnishing or litigation, which follow their own rules', () => {
    const history = [{ ts_utc: '2024-05-01T14:00:00Z', channel: 'call', direction: 'outbound', outcome: 'conversation', debt_ids: ['D1'] }];
    expect(decideCase({ flags: cease, history, action: { channel: 'furnish_cra' } }).reason_ids).not.toContain('REGF-CEASE');
  });
});

describe('REGF-ATTY: represented consumer (1006.6(b)(2))', () => {
  const attorney = { name: 'J. Doe, Esq.', address: '1 Main St', notice_ts: '2024-06-01T14:00:00Z', scope_debt_ids: ['D1'] };

  it('blocks contact with the consumer and allows it with the attorney', () => {
    expect(decideCase({ flags: { attorney } }).reason_ids).toEqual(['REGF-ATTY']);
    expect(decideCase({ flags: { attorney }, action: { recipient: 'attorney' } }).decision).toBe('allow');
  });

  it('allows contact when the attorney consents or a court permits it', () => {
    expect(decideCase({ flags: { attorney: { ...attorney, consented_direct_contact: true } } }).decision).toBe('allow');
    expect(decideCase({ flags: { attorney }, action: { court_permission: true } }).decision).toBe('allow');
  });

  it('treats representation on another debt as knowledge for all debts by default (conservative policy)', () => {
    const other = { ...attorney, scope_debt_ids: ['D9'] };
    expect(decideCase({ flags: { attorney: other } }).reason_ids).toEqual(['REGF-ATTY']);
  });

  it('sends an unanswering attorney, or a missing name or address, to review', () => {
    expect(decideCase({ flags: { attorney: { ...attorney, letters_unanswered: 3 } } }).decision).toBe('review');
    expect(decideCase({ flags: { attorney: { ...attorney, address: null } } }).decision).toBe('review');
  });
});

describe('REGF-DECEASED (1006.6(a)(1), (a)(4))', () => {
  const deceased = { date_of_death: '2024-05-20', personal_rep: { name: 'R. Roe', verified: true } };

  it('blocks outreach to the decedent and allows the verified personal representative with a no-liability requirement', () => {
    expect(decideCase({ flags: { deceased } }).reason_ids).toEqual(['REGF-DECEASED']);
    const toRepresentative = decideCase({ flags: { deceased }, action: { recipient: 'personal_rep' } });
    expect(toRepresentative.decision).toBe('allow_with_requirements');
    expect(toRepresentative.required_disclosures).toEqual(['NO_PERSONAL_LIABILITY_IMPLIED']);
  });

  it('sends an unverified representative or surviving spouse to review', () => {
    expect(decideCase({ flags: { deceased: { ...deceased, personal_rep: { name: 'R. Roe', verified: false } } }, action: { recipient: 'personal_rep' } }).decision).toBe('review');
    expect(decideCase({ flags: { deceased }, action: { recipient: 'spouse' } }).decision).toBe('review');
    expect(decideCase({ flags: { deceased }, action: { recipient: 'spouse', recipient_identity_verified: true } }).decision).toBe('allow_with_requirements');
  });

  it('allows a third party only to be asked for location information', () => {
    expect(decideCase({ flags: { deceased }, action: { recipient: 'third_party' } }).decision).toBe('block');
    expect(decideCase({ flags: { deceased }, action: { recipient: 'third_party', purpose: 'location' } }).decision).toBe('allow');
  });
});

describe('UK-BREATHING-SPACE (SI 2020/1311)', () => {
  const uk = { country: 'GB', state: null, timezones: ['Europe/London'] };

  it('blocks collection contact from the start date until the day before the end date', () => {
    const space = { start: '2024-06-01', end: '2024-07-31', type: 'standard' };
    expect(decideCase({ at: '2024-06-12T10:00:00Z', consumer: uk, flags: { uk_breathing_space: space } }).reason_ids).toEqual(['UK-BREATHING-SPACE']);
    expect(decideCase({ at: '2024-05-31T10:00:00Z', consumer: uk, flags: { uk_breathing_space: space } }).decision).toBe('allow');
    expect(decideCase({ at: '2024-07-31T10:00:00Z', consumer: uk, flags: { uk_breathing_space: space } }).decision).toBe('allow');
  });
});

describe('hard stops win over every allow (RULES.md 6.10)', () => {
  it('blocks even an otherwise perfect contact, and lists every failing rule', () => {
    const flags = {
      cease_written_ts: '2024-06-10T17:00:00Z',
      attorney: { name: 'J. Doe', address: '1 Main St', notice_ts: '2024-06-01T14:00:00Z' },
      bankruptcy: { chapter: 7, petition_ts: '2024-06-11T18:00:00Z', case_status: 'open' },
    };
    const decision = decideCase({ at: '2024-06-12T11:00:00Z', flags });
    expect(decision.decision).toBe('block');
    expect(decision.reason_ids).toEqual(expect.arrayContaining(['BK-AUTOSTAY', 'REGF-CEASE', 'REGF-ATTY', 'REGF-TIME-8TO9']));
    expect(decision.allow_after_utc).toBeUndefined();
  });
});
