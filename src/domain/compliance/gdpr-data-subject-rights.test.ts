import { describe, expect, it } from 'vitest';
import { computeDayNumber } from '../shared/calendar-date.ts';
import { computeDataSubjectResponseDue } from './gdpr-data-subject-rights.ts';
import { decideCase } from '../../../test/fixtures/compliance/build-case.ts';

const france = { country: 'FR', state: null, timezones: ['Europe/Paris'] };

describe('GDPR Art. 12(3) deadline (one month, Reg 1182/71)', () => {
  it.each([
    ['2024-01-31', '2024-02-29'], // no 31 February: last day of the month
    ['2024-06-12', '2024-07-12'],
    ['2024-08-16', '2024-09-16'], // 16 September is a Monday
    ['2024-05-15', '2024-06-17'], // 15 June 2024 is a Saturday: next working day
  ])('a request received %s is due %s', (received, due) => {
    expect(computeDataSubjectResponseDue(computeDayNumber(received), undefined)).toBe(due);
  });

  it('moves a UK deadline past a bank holiday', () => {
    // Received 26 April 2024: due 26 May is a Sunday, 27 May the spring bank holiday.
    expect(computeDataSubjectResponseDue(computeDayNumber('2024-04-26'), 'england')).toBe('2024-05-28');
  });
});

describe('GDPR-ACCESS-15, GDPR-ERASURE-17, GDPR-OBJECT-21, GDPR-RESTRICT-18', () => {
  it('answers an access request with a due date and does not pause collection', () => {
    const decision = decideCase({ at: '2024-06-12T10:00:00Z', consumer: france, action: { channel: 'access_request' } });
    expect(decision.decision).toBe('allow_with_requirements');
    expect(decision.required_actions.map((action) => action.action)).toEqual(['provide_copy_and_processing_information', 'respond_to_data_subject']);
  });

  it('erases partially while the claim is alive and fully once the debt is paid', () => {
    const alive = decideCase({ at: '2024-06-12T10:00:00Z', consumer: france, action: { channel: 'erasure_request' } });
    expect(alive.required_actions.map((action) => action.action)).toContain('retain_claim_necessary_data');
    const paid = decideCase({ at: '2024-06-12T10:00:00Z', consumer: france, debt: { account_state: 'paid' }, action: { channel: 'erasure_request' } });
    expect(paid.required_actions.map((action) => action.action)).toContain('erase_personal_data');
  });

  it('stops marketing on objection and sends an objection to collection to review', () => {
    expect(decideCase({ at: '2024-06-12T10:00:00Z', consumer: france, action: { channel: 'objection', objection_scope: 'marketing' } }).decision).toBe('allow_with_requirements');
    expect(decideCase({ at: '2024-06-12T10:00:00Z', consumer: france, action: { channel: 'objection' } }).decision).toBe('review');
  });

  it('restricts outbound campaigns and data sharing while accuracy is contested (UK customer)', () => {
    const uk = { country: 'GB', state: null, timezones: ['Europe/London'] };
    const flags = { accuracy_contested: { ts: '2024-06-01T10:00:00Z' } };
    expect(decideCase({ at: '2024-06-12T10:00:00Z', consumer: uk, flags }).reason_ids).toEqual(['GDPR-RESTRICT-18']);
    expect(decideCase({ at: '2024-06-12T10:00:00Z', consumer: uk, flags: { accuracy_contested: { ts: '2024-06-01T10:00:00Z', verified_ts: '2024-06-05T10:00:00Z' } } }).decision).toBe('allow');
  });

  it('locks US compliance records for three years after the last contact on an erasure request (REGF-RECORDS)', () => {
    const history = [{ ts_utc: '2024-06-01T15:00:00Z', channel: 'call', direction: 'outbound', outcome: 'no_answer', debt_ids: ['D1'] }];
    const decision = decideCase({ history, action: { channel: 'erasure_request' } });
    expect(decision.required_actions[0]).toMatchObject({ action: 'retain_compliance_records', rule_id: 'REGF-RECORDS', due_date: '2027-06-12' });
  });
});
