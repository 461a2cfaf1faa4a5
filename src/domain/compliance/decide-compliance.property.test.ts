// Properties over random consumers, histories and instants (fast-check): the invariants issue #3 names.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildZoneClock } from './zone-clock.ts';
import { decideCase, outboundCall } from '../../../test/fixtures/compliance/build-case.ts';

const zones = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu', 'America/Puerto_Rico'];
const minute = 60_000;
// 2024, which holds both US DST changes; instants on whole minutes.
const start2024 = Date.parse('2024-01-01T00:00:00Z');
const instant = fc.integer({ min: 0, max: 366 * 24 * 60 - 1 }).map((minutes) => start2024 + minutes * minute);
const iso = (milliseconds: number): string => new Date(milliseconds).toISOString();

const localMinute = (zone: string, milliseconds: number): number => buildZoneClock(zone).computeLocalMillisecondOfDay(milliseconds) / minute;
const isInsideWindowEverywhere = (candidateZones: string[], milliseconds: number): boolean =>
  candidateZones.every((zone) => localMinute(zone, milliseconds) >= 8 * 60 && localMinute(zone, milliseconds) < 21 * 60);

const historyEntry = (before: number) => fc.record({
  offsetMinutes: fc.integer({ min: 1, max: 30 * 24 * 60 }),
  channel: fc.constantFrom('call', 'call', 'call', 'voicemail', 'sms', 'email'),
  direction: fc.constantFrom('outbound', 'outbound', 'outbound', 'inbound'),
  outcome: fc.constantFrom('no_answer', 'no_answer', 'not_connected', 'voicemail_lcm', 'conversation', 'delivered'),
  debt: fc.constantFrom(['D1'], ['D2'], ['D1', 'D2']),
}).map((entry) => ({
  ts_utc: iso(before - entry.offsetMinutes * minute), channel: entry.channel, direction: entry.direction, outcome: entry.outcome, debt_ids: entry.debt,
}));

const scenario = instant.chain((at) => fc.record({
  at: fc.constant(at),
  zones: fc.uniqueArray(fc.constantFrom(...zones), { minLength: 1, maxLength: 3 }),
  channel: fc.constantFrom('call', 'voicemail', 'sms', 'email'),
  history: fc.array(historyEntry(at), { maxLength: 50 }),
}));

const actionFor = (channel: string): Record<string, unknown> => channel === 'voicemail'
  ? { channel, content_elements: ['neutral_business_name', 'request_reply', 'natural_person_name', 'reply_phone'] }
  : channel === 'call' ? { channel } : { channel, template_has_optout_notice: true };

const debts = { debt: undefined, debts: [{ id: 'D1' }, { id: 'D2' }] };

describe('properties of the gate', () => {
  it('never allows a contact outside 08:00–21:00 in any candidate zone, and allow_after always names an instant inside it', () => {
    fc.assert(fc.property(scenario, ({ at, zones: candidateZones, channel, history }) => {
      const decision = decideCase({ at: iso(at), consumer: { state: 'PA', timezones: candidateZones }, history, given: debts, action: actionFor(channel) } as never);
      if (decision.decision === 'allow' || decision.decision === 'allow_with_requirements') {
        expect(isInsideWindowEverywhere(candidateZones, at)).toBe(true);
      }
      if (decision.decision === 'allow_after') {
        const after = Date.parse(decision.allow_after_utc!);
        expect(after).toBeGreaterThan(at);
        expect(isInsideWindowEverywhere(candidateZones, after)).toBe(true);
      }
    }), { numRuns: 300 });
  });

  it('names an allow_after instant at which the same action is then allowed', () => {
    fc.assert(fc.property(scenario, ({ at, zones: candidateZones, channel, history }) => {
      const overrides = { consumer: { state: 'PA', timezones: candidateZones }, history, given: debts, action: actionFor(channel) };
      const decision = decideCase({ at: iso(at), ...overrides } as never);
      if (decision.decision !== 'allow_after') return;
      const later = decideCase({ ...overrides, at: decision.allow_after_utc! } as never);
      expect(['allow', 'allow_with_requirements']).toContain(later.decision);
    }), { numRuns: 200 });
  });

  it('never lets 7 consecutive local days hold more than 7 allowed calls about one debt', () => {
    const attempts = fc.record({
      zone: fc.constantFrom(...zones),
      first: instant,
      gapsMinutes: fc.array(fc.integer({ min: 1, max: 36 * 60 }), { minLength: 10, maxLength: 45 }),
      outcomes: fc.array(fc.constantFrom('no_answer', 'no_answer', 'voicemail_lcm', 'not_connected', 'conversation'), { minLength: 45, maxLength: 45 }),
      followAllowAfter: fc.boolean(),
    });
    fc.assert(fc.property(attempts, ({ zone, first, gapsMinutes, outcomes, followAllowAfter }) => {
      const history: Array<Record<string, unknown>> = [];
      let at = first;
      gapsMinutes.forEach((gap, index) => {
        at += gap * minute;
        const decision = decideCase({ at: iso(at), consumer: { state: 'PA', timezones: [zone] }, history: [...history] });
        let placedAt: number | undefined;
        if (decision.decision === 'allow') placedAt = at;
        else if (decision.decision === 'allow_after' && followAllowAfter) placedAt = Date.parse(decision.allow_after_utc!);
        if (placedAt === undefined) return;
        history.push(outboundCall(iso(placedAt), { outcome: outcomes[index] }));
        at = Math.max(at, placedAt);
      });
      // Every window of 7 consecutive local days, counting the calls that count (not those never connected).
      const clock = buildZoneClock(zone);
      const counted = history.filter((entry) => entry.outcome !== 'not_connected').map((entry) => clock.computeLocalDayNumber(Date.parse(entry.ts_utc as string)));
      for (const windowEnd of counted) {
        expect(counted.filter((value) => value > windowEnd - 7 && value <= windowEnd).length).toBeLessThanOrEqual(7);
      }
      // And after a conversation no call is placed on its local days 2–7.
      history.forEach((entry, index) => {
        if (entry.outcome !== 'conversation') return;
        const conversationDay = clock.computeLocalDayNumber(Date.parse(entry.ts_utc as string));
        for (const later of history.slice(index + 1)) {
          const laterDay = clock.computeLocalDayNumber(Date.parse(later.ts_utc as string));
          expect(laterDay === conversationDay ? false : laterDay < conversationDay + 7).toBe(false);
        }
      });
    }), { numRuns: 120 });
  });

  it('lets bankruptcy, a written cease, an attorney and a death always win over any allow', () => {
    const hardStop = fc.constantFrom(
      { bankruptcy: { chapter: 7, petition_ts: '2023-12-01T00:00:00Z', case_status: 'open' } },
      { bankruptcy: { chapter: 13, petition_ts: '2023-12-01T00:00:00Z', case_status: 'discharged', discharge_ts: '2023-12-20T00:00:00Z' } },
      { cease_written_ts: '2023-12-01T00:00:00Z' },
      { refusal_to_pay_written_ts: '2023-12-01T00:00:00Z' },
      { attorney: { name: 'J. Doe, Esq.', address: '1 Main St', notice_ts: '2023-12-01T00:00:00Z' } },
      { deceased: { date_of_death: '2023-11-20', personal_rep: { name: 'R. Roe', verified: true } } },
    );
    fc.assert(fc.property(scenario, hardStop, fc.constantFrom('call', 'voicemail', 'sms', 'email', 'letter', 'in_person'), ({ at, zones: candidateZones, history }, flags, channel) => {
      const decision = decideCase({ at: iso(at), consumer: { state: 'PA', timezones: candidateZones }, history, flags, given: debts, action: actionFor(channel) } as never);
      expect(['block', 'review']).toContain(decision.decision);
      expect(decision.allow_after_utc).toBeUndefined();
    }), { numRuns: 300 });
  });

  it('decides the same way every time for the same facts (pure)', () => {
    fc.assert(fc.property(scenario, ({ at, zones: candidateZones, channel, history }) => {
      const overrides = { at: iso(at), consumer: { state: 'PA', timezones: candidateZones }, history, given: debts, action: actionFor(channel) } as never;
      expect(decideCase(overrides)).toEqual(decideCase(overrides));
    }), { numRuns: 50 });
  });
});
