// REGF-TBD-NOSUE, STATE-TBD-DISCLOSURE, CA-ROSENTHAL, NY-23NYCRR1 (1.3), SCRA-INT-6PCT, SCRA-LEGAL.
import { describe, expect, it } from 'vitest';
import { decideCase } from '../../../test/fixtures/compliance/build-case.ts';

describe('REGF-TBD-NOSUE: no suit or threat of suit on a time-barred debt (1006.26(b))', () => {
  it('blocks suits and threats on a time-barred debt and sends an unknown limitation status to legal review', () => {
    expect(decideCase({ debt: { sol_expired: true }, action: { channel: 'letter', content_tags: ['threat_or_implication_of_suit'] } }).reason_ids).toEqual(['REGF-TBD-NOSUE']);
    expect(decideCase({ debt: { sol_expired: true }, action: { channel: 'file_suit' } }).reason_ids).toContain('REGF-TBD-NOSUE');
    expect(decideCase({ debt: { sol_expired: undefined }, action: { channel: 'letter', content_tags: ['threat_or_implication_of_suit'] } }).decision).toBe('review');
  });

  it('computes expiry from the limitation start and years, and reviews suits within 30 days of it', () => {
    const sol = { sol_expired: undefined, sol: { state: 'NY', start_date: '2021-06-20', years: 3 } };
    const dmdc = { dmdc_result: { active: false, query_ts: '2024-06-10T00:00:00Z' } };
    expect(decideCase({ debt: sol, given: dmdc, action: { channel: 'file_suit' } }).decision).toBe('review');
    expect(decideCase({ at: '2024-06-21T15:00:00Z', debt: sol, given: dmdc, action: { channel: 'file_suit' } }).reason_ids).toEqual(['REGF-TBD-NOSUE']);
  });
});

describe('STATE-TBD-DISCLOSURE and CA-ROSENTHAL', () => {
  const california = { state: 'CA', timezones: ['America/Los_Angeles'] };

  it('chooses the California notice by FCRA obsolescence', () => {
    const letter = { channel: 'letter', is_first_written_after_time_barred: true };
    expect(decideCase({ consumer: california, debt: { sol_expired: true, fcra_obsolescence_date: '2026-01-01' }, action: letter }).required_disclosures)
      .toEqual(['STATE_TBD_NOTICE_CA(may_report)']);
    expect(decideCase({ consumer: california, debt: { sol_expired: true, fcra_obsolescence_date: '2024-01-01' }, action: letter }).required_disclosures)
      .toEqual(['STATE_TBD_NOTICE_CA(no_report)']);
    expect(decideCase({ consumer: california, debt: { sol_expired: true }, action: letter }).decision).toBe('review');
  });

  it('adds the 1812.700 notice to the first written notice to a California debtor', () => {
    expect(decideCase({ consumer: california, action: { channel: 'letter', is_first_written_notice: true } }).required_disclosures).toEqual(['CA_1812_700_NOTICE']);
  });

  it('requires the New York 1.3 notice before taking payment on a debt that may be time-barred', () => {
    expect(decideCase({ debt: { sol_expired: true }, action: { channel: 'accept_payment_phone' } }).required_disclosures).toEqual(['NY_1_3_NOTICE_SAME_MEDIUM']);
    expect(decideCase({ debt: { sol_expired: false }, action: { channel: 'accept_payment_phone' } }).decision).toBe('allow');
  });

  it('requires the state notice in written communications to Texas consumers', () => {
    expect(decideCase({ consumer: { state: 'TX', timezones: ['America/Chicago'] }, debt: { sol_expired: true }, action: { channel: 'letter' } }).required_disclosures)
      .toEqual(['STATE_TBD_NOTICE_TX']);
  });
});

describe('SCRA-INT-6PCT and SCRA-LEGAL (50 USC 3937, 3931)', () => {
  const serving = { active_duty_start: '2024-01-15', release_date: null, notice_ts: '2024-06-01T14:00:00Z', orders_received: true };

  it('blocks a balance with interest above 6% and requires the recomputed balance otherwise', () => {
    const debt = { incurred_date: '2022-05-01', apr: 24.99 };
    expect(decideCase({ flags: { scra: serving }, debt, action: { channel: 'letter', content_tags: ['balance_includes_interest_above_6pct'] } }).reason_ids).toEqual(['SCRA-INT-6PCT']);
    expect(decideCase({ flags: { scra: serving }, debt, action: { channel: 'letter' } }).required_disclosures).toEqual(['BALANCE_RECOMPUTED_SCRA_6PCT_2024-01-15_TO_ONGOING']);
  });

  it('does not cover debt incurred during service, nor debt already at 6% or less', () => {
    expect(decideCase({ flags: { scra: serving }, debt: { incurred_date: '2024-02-01', apr: 24.99 }, action: { channel: 'letter' } }).decision).toBe('allow');
    expect(decideCase({ flags: { scra: serving }, debt: { incurred_date: '2022-05-01', apr: 5.5 }, action: { channel: 'letter' } }).decision).toBe('allow');
  });

  it('sends a notice later than 180 days after release to review', () => {
    const late = { active_duty_start: '2022-09-01', release_date: '2023-01-14', notice_ts: '2024-06-12T13:00:00Z' };
    expect(decideCase({ flags: { scra: late }, debt: { incurred_date: '2021-03-01', apr: 21 }, action: { channel: 'letter' } }).decision).toBe('review');
  });

  it('blocks legal action without a DMDC check, and while the consumer serves', () => {
    expect(decideCase({ action: { channel: 'file_suit' } }).reason_ids).toEqual(['SCRA-LEGAL']);
    expect(decideCase({ given: { dmdc_result: { active: false, query_ts: '2024-06-10T00:00:00Z' } }, action: { channel: 'file_suit' } }).decision).toBe('allow');
    expect(decideCase({ flags: { scra: serving }, given: { dmdc_result: { active: true, query_ts: '2024-06-10T00:00:00Z' } }, action: { channel: 'default_judgment' } }).reason_ids).toContain('SCRA-LEGAL');
  });
});
