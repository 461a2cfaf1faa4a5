// UK-CONC-7.9-CONTACT, UK-CONC-7.15-SB, UK-CONC-7.6-CPA, UK-CONC-7.3-FORBEAR and the bank holidays behind them.
import { describe, expect, it } from 'vitest';
import { computeDayNumber } from '../shared/calendar-date.ts';
import { decideCase } from '../../../test/fixtures/compliance/build-case.ts';
import { isUkBankHoliday } from './uk-bank-holidays.ts';

const uk = { country: 'GB', state: null, timezones: ['Europe/London'] };
const holiday = (date: string, nation?: 'england' | 'scotland' | 'northern_ireland') => isUkBankHoliday(computeDayNumber(date), nation);

describe('UK bank holidays', () => {
  it('knows the 2024 England and Wales dates, including Easter', () => {
    for (const date of ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26']) expect(holiday(date)).toBe(true);
    expect(holiday('2024-08-05')).toBe(false);
  });

  it('substitutes weekend holidays: Christmas on a Sunday moves to the Tuesday after Boxing Day Monday', () => {
    expect(holiday('2022-12-26')).toBe(true);
    expect(holiday('2022-12-27')).toBe(true);
    expect(holiday('2021-12-27')).toBe(true); // Christmas on Saturday
    expect(holiday('2021-12-28')).toBe(true); // Boxing Day on Sunday
  });

  it('uses the Scottish and Northern Irish lists for those nations', () => {
    expect(holiday('2024-08-05', 'scotland')).toBe(true);
    expect(holiday('2024-04-01', 'scotland')).toBe(false);
    expect(holiday('2024-03-18', 'northern_ireland')).toBe(true); // St Patrick's Day on a Sunday
  });
});

describe('UK-CONC-7.9-CONTACT (CONC 7.9.4R, 7.9.10R)', () => {
  it('contacts UK customers only 08:00–21:00 local time (engine policy), across BST', () => {
    const late = decideCase({ at: '2024-06-12T20:30:00Z', consumer: uk });
    expect(late.reason_ids).toEqual(['UK-CONC-7.9-CONTACT']);
    expect(late.allow_after_utc).toBe('2024-06-13T07:00:00Z');
    expect(decideCase({ at: '2024-01-10T08:00:00Z', consumer: uk }).decision).toBe('allow');
  });

  it('does not contact on a Sunday or a bank holiday by policy', () => {
    expect(decideCase({ at: '2024-06-16T10:00:00Z', consumer: uk }).allow_after_utc).toBe('2024-06-17T07:00:00Z');
    expect(decideCase({ at: '2024-05-27T10:00:00Z', consumer: uk }).allow_after_utc).toBe('2024-05-28T07:00:00Z');
  });

  it('gives debt details only to a verified customer', () => {
    const disclosure = { channel: 'call_disclosure', content_tags: ['debt_details'] };
    expect(decideCase({ at: '2024-06-12T10:00:00Z', consumer: uk, action: disclosure }).reason_ids).toEqual(['UK-CONC-7.9-CONTACT']);
    expect(decideCase({ at: '2024-06-12T10:00:00Z', consumer: uk, action: { ...disclosure, recipient_identity_verified: true } }).decision).toBe('allow');
  });

  it('honours the customer\'s request not to be contacted by a medium', () => {
    expect(decideCase({ at: '2024-06-12T10:00:00Z', consumer: uk, given: { optouts: [{ medium: 'call', ts: '2024-06-01T10:00:00Z' }] } }).reason_ids).toEqual(['UK-CONC-7.9-CONTACT']);
  });
});

describe('UK-CONC-7.15-SB, UK-CONC-7.6-CPA, UK-CONC-7.3-FORBEAR', () => {
  it('blocks payment demands after a statute-barred refusal, and everything on a prescribed Scottish debt', () => {
    const refused = { uk_limitation_expired: true, customer_stated_SB_refusal: true };
    expect(decideCase({ at: '2024-06-12T10:00:00Z', consumer: uk, debt: refused, action: { channel: 'letter', content_tags: ['payment_demand'] } }).reason_ids).toEqual(['UK-CONC-7.15-SB']);
    expect(decideCase({ at: '2024-06-12T10:00:00Z', consumer: uk, debt: refused, action: { channel: 'letter' } }).decision).toBe('review');
    expect(decideCase({ at: '2024-06-12T10:00:00Z', consumer: { ...uk, nation: 'scotland' }, debt: { uk_prescribed: true }, action: { channel: 'letter' } }).decision).toBe('block');
  });

  it('uses a continuous payment authority only as agreed and explained, and stops after failed attempts', () => {
    const cpa = (extra: Record<string, unknown>) => ({ channel: 'cpa_payment', cpa: { per_agreement: true, explained_to_customer: true, ...extra } });
    expect(decideCase({ at: '2024-06-12T10:00:00Z', consumer: uk, action: cpa({}) }).decision).toBe('allow');
    expect(decideCase({ at: '2024-06-12T10:00:00Z', consumer: uk, action: cpa({ unsuccessful_attempts: 2 }) }).reason_ids).toEqual(['UK-CONC-7.6-CPA']);
    expect(decideCase({ at: '2024-06-12T10:00:00Z', consumer: uk, action: cpa({ explained_to_customer: false }) }).decision).toBe('block');
  });

  it('reduces contact for a vulnerable customer and reviews any escalation', () => {
    const flags = { vulnerable: true };
    const contacted = [{ ts_utc: '2024-06-10T10:00:00Z', channel: 'call', direction: 'outbound', outcome: 'no_answer', debt_ids: ['D1'] }];
    expect(decideCase({ at: '2024-06-12T10:00:00Z', consumer: uk, flags, history: contacted }).allow_after_utc).toBe('2024-06-17T07:00:00Z');
    expect(decideCase({ at: '2024-06-12T10:00:00Z', consumer: uk, flags, action: { channel: 'file_suit' } }).decision).toBe('review');
  });
});
