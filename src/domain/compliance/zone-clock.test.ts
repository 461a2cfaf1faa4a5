import { describe, expect, it } from 'vitest';
import { computeDayNumber } from '../shared/calendar-date.ts';
import { buildZoneClock, isKnownTimeZone } from './zone-clock.ts';

const at = (iso: string): number => Date.parse(iso);
const localTime = (zone: string, iso: string): string => {
  const millisecond = buildZoneClock(zone).computeLocalMillisecondOfDay(at(iso));
  return new Date(millisecond).toISOString().slice(11, 19);
};

describe('zone clock (RULES.md 0.5: IANA zones through Intl)', () => {
  it('reads local wall time and the local calendar day, not the UTC day', () => {
    expect(localTime('America/Los_Angeles', '2024-06-13T04:15:00Z')).toBe('21:15:00');
    expect(buildZoneClock('America/Los_Angeles').computeLocalDayNumber(at('2024-06-13T04:15:00Z'))).toBe(computeDayNumber('2024-06-12'));
  });

  it('follows New York across the spring-forward day 2024-03-10 (02:00 EST -> 03:00 EDT)', () => {
    const clock = buildZoneClock('America/New_York');
    expect(localTime('America/New_York', '2024-03-10T06:59:59Z')).toBe('01:59:59');
    expect(localTime('America/New_York', '2024-03-10T07:00:00Z')).toBe('03:00:00');
    const day = computeDayNumber('2024-03-10');
    expect(clock.computeInstantOfLocalTime(day, 8 * 60)).toBe(at('2024-03-10T12:00:00Z'));
    // 02:30 does not exist that day: the earliest instant at or after it is the jump to 03:00.
    expect(clock.computeInstantOfLocalTime(day, 150)).toBe(at('2024-03-10T07:00:00Z'));
  });

  it('follows New York across the fall-back day 2024-11-03 (02:00 EDT -> 01:00 EST), taking the first 01:30', () => {
    const clock = buildZoneClock('America/New_York');
    const day = computeDayNumber('2024-11-03');
    expect(clock.computeInstantOfLocalTime(day, 90)).toBe(at('2024-11-03T05:30:00Z'));
    expect(clock.computeInstantOfLocalTime(day, 8 * 60)).toBe(at('2024-11-03T13:00:00Z'));
    expect(localTime('America/New_York', '2024-11-03T06:30:00Z')).toBe('01:30:00');
  });

  it('keeps Arizona (America/Phoenix) on MST all summer while Denver moves to MDT', () => {
    expect(localTime('America/Phoenix', '2024-07-01T15:00:00Z')).toBe('08:00:00');
    expect(localTime('America/Denver', '2024-07-01T15:00:00Z')).toBe('09:00:00');
    expect(localTime('America/Phoenix', '2024-01-15T15:00:00Z')).toBe('08:00:00');
    expect(localTime('America/Denver', '2024-01-15T15:00:00Z')).toBe('08:00:00');
  });

  it('keeps Hawaii at UTC-10 all year', () => {
    expect(buildZoneClock('Pacific/Honolulu').computeOffset(at('2024-01-15T12:00:00Z'))).toBe(-10 * 3_600_000);
    expect(buildZoneClock('Pacific/Honolulu').computeOffset(at('2024-07-15T12:00:00Z'))).toBe(-10 * 3_600_000);
  });

  it('agrees with Intl minute by minute around both 2024 New York transitions', () => {
    const clock = buildZoneClock('America/New_York');
    const format = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    for (const start of ['2024-03-10T05:00:00Z', '2024-11-03T04:00:00Z']) {
      for (let minute = 0; minute < 240; minute += 1) {
        const instant = at(start) + minute * 60_000;
        const expected = format.format(instant);
        expect(new Date(clock.computeLocalMillisecondOfDay(instant)).toISOString().slice(11, 16)).toBe(expected);
      }
    }
  });

  it('refuses a zone that is not in the IANA database', () => {
    expect(isKnownTimeZone('America/Nowhere')).toBe(false);
    expect(() => buildZoneClock('America/Nowhere')).toThrow(/unknown IANA time zone "America\/Nowhere"/);
  });
});
