// The gate as a whole: decision precedence (RULES.md 0.2–0.3), allow_after as the earliest instant at which
// every time rule passes, and failing closed when facts are missing.
import { describe, expect, it } from 'vitest';
import { dailyCalls, decideCase } from '../../../test/fixtures/compliance/build-case.ts';

describe('decision precedence and the allow_after instant', () => {
  it('combines time rules: the earliest instant passes the 7-in-7 count and the opening hour together', () => {
    const decision = decideCase({ at: '2024-06-09T23:30:00Z', history: dailyCalls('2024-06-03', 7) });
    // 19:30 EDT on 9 June is within hours but the count is full; 10 June has room from midnight, open at 08:00.
    expect(decision.reason_ids).toEqual(['REGF-CALL-7IN7']);
    expect(decision.allow_after_utc).toBe('2024-06-10T12:00:00Z');
  });

  it('lists the reasons of every failing time rule, not only the first', () => {
    const decision = decideCase({ at: '2024-06-10T02:00:00Z', history: dailyCalls('2024-06-03', 7) });
    expect(decision.reason_ids).toEqual(['REGF-TIME-8TO9', 'REGF-CALL-7IN7']);
  });

  it('re-checks every other rule at the allow_after instant', () => {
    // The validation notice falls due on 8 June (five days after 3 June). At 07:00 EDT on 8 June the call is
    // only early; at 08:00 the same day it would still be in time.
    const debt = { initial_communication_ts: '2024-06-03T15:00:00Z' };
    expect(decideCase({ at: '2024-06-08T11:00:00Z', debt }).allow_after_utc).toBe('2024-06-08T12:00:00Z');
    // At 23:00 EDT on 8 June the next opening is 9 June, past the due date: block, not allow_after.
    const late = decideCase({ at: '2024-06-09T03:00:00Z', debt });
    expect(late.decision).toBe('block');
    expect(late.reason_ids).toEqual(['REGF-TIME-8TO9', 'REGF-VAL-TIMING']);
  });

  it('lets block win over review and review over allow_after', () => {
    const attorneyUnanswered = { attorney: { name: 'J. Doe', address: '1 Main St', notice_ts: '2024-04-01T14:00:00Z', letters_unanswered: 2 } };
    expect(decideCase({ at: '2024-06-12T11:00:00Z', flags: attorneyUnanswered }).decision).toBe('review');
    expect(decideCase({ at: '2024-06-12T11:00:00Z', flags: { ...attorneyUnanswered, cease_written_ts: '2024-06-10T17:00:00Z' } }).decision).toBe('block');
  });
});

describe('fails closed where facts are missing (issue #3)', () => {
  it('answers review when no time zone can be known, and derives one from the address when it can', () => {
    expect(decideCase({ consumer: { timezones: [], state: 'NY' } }).decision).toBe('allow');
    const unknown = decideCase({ consumer: { timezones: [], country: undefined, state: undefined } });
    expect(unknown.decision).toBe('review');
    expect(unknown.reason_ids).toEqual(['GATE-UNKNOWN-JURISDICTION', 'GATE-NO-TIME-ZONE']);
  });

  it('answers review for an unknown jurisdiction, including a US consumer without a state', () => {
    expect(decideCase({ consumer: { country: 'BR', timezones: ['America/Sao_Paulo'] } }).reason_ids).toEqual(['GATE-UNKNOWN-JURISDICTION']);
    expect(decideCase({ consumer: { state: null } }).reason_ids).toEqual(['GATE-UNKNOWN-JURISDICTION']);
  });

  it('answers review when the history cannot be read', () => {
    expect(decideCase({ history: null }).reason_ids).toEqual(['GATE-HISTORY-UNAVAILABLE']);
  });

  it('never allows a contact whose only problem is missing facts', () => {
    for (const overrides of [{ history: null }, { consumer: { country: undefined } }, { consumer: { timezones: [], state: undefined, country: undefined } }]) {
      expect(decideCase(overrides).decision).toBe('review');
    }
  });
});

describe('the allow_after re-check', () => {
  it('reuses only families that never read the instant (their source mentions neither atMs nor nowMs)', async () => {
    const { readFileSync } = await import('node:fs');
    const { instantFreeFamilies } = await import('./decide-compliance.ts');
    expect(instantFreeFamilies.size).toBeGreaterThan(0);
    for (const family of instantFreeFamilies.keys()) {
      const file = family.name.replace(/^decide/, '').replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
      const source = readFileSync(new URL(`./${file}.ts`, import.meta.url), 'utf8');
      expect(source, file).not.toMatch(/atMs|nowMs|Date\.now/);
    }
  });

  it('keeps the requirements of those families at the later instant', () => {
    const decision = decideCase({ at: '2024-06-12T11:00:00Z', consumer: { state: 'PA' }, action: { channel: 'sms', template_has_optout_notice: true } });
    expect(decision.decision).toBe('allow_after');
    expect(decision.required_disclosures).toEqual(['OPTOUT_NOTICE', 'MM_SUBSEQUENT']);
  });
});
