import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { deriveCandidateTimeZones } from './derive-candidate-time-zones.ts';

// RULES.md §0.5: the permitted window opens at 08:00 local; these helpers turn a local wall-clock time in a
// candidate zone into the UTC instant the engine compares against.
function toUtc(localDateTime: string, zone: string): string {
  const local = DateTime.fromISO(localDateTime, { zone });
  expect(local.isValid, `${localDateTime} in ${zone}: ${local.invalidExplanation ?? ''}`).toBe(true);
  return local.toUTC().toISO({ suppressMilliseconds: true }) ?? '';
}

function zonesOf(input: Parameters<typeof deriveCandidateTimeZones>[0]): string[] {
  return deriveCandidateTimeZones(input).timeZones;
}

describe('REGF-TIME-8TO9 / §0.5: zones without daylight saving time', () => {
  it('Arizona (no DST): 08:00 in Phoenix is 15:00Z in July and in January', () => {
    const [zone] = zonesOf({ postalAddress: { country: 'US', state: 'AZ', postalCode: '85004' } });
    expect(zone).toBe('America/Phoenix');
    expect(toUtc('2024-07-15T08:00', zone as string)).toBe('2024-07-15T15:00:00Z');
    expect(toUtc('2024-01-15T08:00', zone as string)).toBe('2024-01-15T15:00:00Z');
  });

  it('Arizona and Mountain time differ by an hour in summer only', () => {
    expect(toUtc('2024-07-15T08:00', 'America/Denver')).toBe('2024-07-15T14:00:00Z');
    expect(toUtc('2024-01-15T08:00', 'America/Denver')).toBe('2024-01-15T15:00:00Z');
  });

  it('Hawaii (no DST): 08:00 in Honolulu is 18:00Z all year', () => {
    expect(zonesOf({ postalAddress: { country: 'US', state: 'HI' } })).toEqual(['Pacific/Honolulu']);
    expect(zonesOf({ phoneNumbers: ['(808) 555-0134'] })).toEqual(['Pacific/Honolulu']);
    expect(toUtc('2024-07-15T08:00', 'Pacific/Honolulu')).toBe('2024-07-15T18:00:00Z');
    expect(toUtc('2024-01-15T08:00', 'Pacific/Honolulu')).toBe('2024-01-15T18:00:00Z');
  });

  it('the Navajo Nation keeps DST inside Arizona, so a Navajo ZIP gives both Mountain clocks', () => {
    // 86515 Window Rock: the ZIP table gives Mountain time with DST, the state gives Arizona time.
    const result = deriveCandidateTimeZones({ postalAddress: { country: 'US', state: 'AZ', postalCode: '86515' } });
    expect(result.timeZones).toEqual(['America/Denver', 'America/Phoenix']);
    expect(result.sources.map((source) => source.source)).toEqual(['postal_code', 'state']);
  });
});

describe('REGF-TIME-8TO9 edge case: DST change days in New York', () => {
  const zone = 'America/New_York';

  it('spring forward (2024-03-10): 08:00 local is 13:00Z the day before, 12:00Z on the day and after', () => {
    expect(zonesOf({ postalAddress: { country: 'US', state: 'NY', postalCode: '10001' } })).toEqual([zone]);
    expect(toUtc('2024-03-09T08:00', zone)).toBe('2024-03-09T13:00:00Z');
    expect(toUtc('2024-03-10T08:00', zone)).toBe('2024-03-10T12:00:00Z');
    expect(toUtc('2024-03-11T08:00', zone)).toBe('2024-03-11T12:00:00Z');
    // 21:00 closes the window at 01:00Z the next day once DST is in force.
    expect(toUtc('2024-03-10T21:00', zone)).toBe('2024-03-11T01:00:00Z');
  });

  it('spring forward: 02:30 does not exist on 2024-03-10; luxon moves it forward to 03:30 EDT', () => {
    const local = DateTime.fromISO('2024-03-10T02:30', { zone });
    expect(local.toISO()).toBe('2024-03-10T03:30:00.000-04:00');
  });

  it('fall back (2024-11-03): 08:00 local is 12:00Z the day before, 13:00Z on the day and after', () => {
    expect(toUtc('2024-11-02T08:00', zone)).toBe('2024-11-02T12:00:00Z');
    expect(toUtc('2024-11-03T08:00', zone)).toBe('2024-11-03T13:00:00Z');
    expect(toUtc('2024-11-04T08:00', zone)).toBe('2024-11-04T13:00:00Z');
    expect(toUtc('2024-11-03T21:00', zone)).toBe('2024-11-04T02:00:00Z');
  });

  it('fall back: 01:30 happens twice on 2024-11-03 (05:30Z EDT and 06:30Z EST); luxon reads it as EST', () => {
    const inZone = (instant: string) => DateTime.fromISO(instant).setZone(zone).toFormat('HH:mm ZZZZ');
    expect(inZone('2024-11-03T05:30:00Z')).toBe('01:30 EDT');
    expect(inZone('2024-11-03T06:30:00Z')).toBe('01:30 EST');
    expect(toUtc('2024-11-03T01:30', zone)).toBe('2024-11-03T06:30:00Z');
  });
});

describe('REGF-TIME-MULTITZ: the postal address', () => {
  it('a multi-zone state without a ZIP gives all its zones', () => {
    expect(zonesOf({ postalAddress: { country: 'US', state: 'TX' } })).toEqual(['America/Chicago', 'America/Denver']);
    expect(zonesOf({ postalAddress: { country: 'US', state: 'FL' } })).toEqual(['America/New_York', 'America/Chicago']);
    expect(zonesOf({ postalAddress: { country: 'US', state: 'IN' } })).toEqual(['America/Indiana/Indianapolis', 'America/Chicago']);
    expect(zonesOf({ postalAddress: { country: 'US', state: 'OR' } })).toEqual(['America/Los_Angeles', 'America/Boise']);
    expect(zonesOf({ postalAddress: { country: 'US', state: 'ID' } })).toEqual(['America/Boise', 'America/Los_Angeles']);
    expect(zonesOf({ postalAddress: { country: 'US', state: 'AK' } })).toEqual(['America/Anchorage', 'America/Adak']);
  });

  it('a known ZIP narrows a multi-zone state to its own zone', () => {
    // 75201 Dallas (Central), 79901 El Paso (Mountain), 32501 Pensacola (Central), 33101 Miami (Eastern).
    expect(zonesOf({ postalAddress: { country: 'US', state: 'TX', postalCode: '75201' } })).toEqual(['America/Chicago']);
    expect(zonesOf({ postalAddress: { country: 'US', state: 'TX', postalCode: '79901-1234' } })).toEqual(['America/Denver']);
    expect(zonesOf({ postalAddress: { country: 'US', state: 'FL', postalCode: '32501' } })).toEqual(['America/Chicago']);
    expect(zonesOf({ postalAddress: { country: 'US', state: 'FL', postalCode: '33101' } })).toEqual(['America/New_York']);
  });

  it('a ZIP in a prefix that straddles a zone line keeps both zones, whatever the ZIP table says', () => {
    // The ZIP table gives Eastern for Evansville IN and Bowling Green KY, both of which are Central.
    expect(zonesOf({ postalAddress: { country: 'US', state: 'IN', postalCode: '47713' } }))
      .toEqual(['America/Indiana/Indianapolis', 'America/Chicago']);
    expect(zonesOf({ postalAddress: { country: 'US', state: 'KY', postalCode: '42101' } }))
      .toEqual(['America/Kentucky/Louisville', 'America/Chicago']);
    expect(zonesOf({ postalAddress: { country: 'US', state: 'OR', postalCode: '97914' } }))
      .toEqual(['America/Los_Angeles', 'America/Boise']);
    expect(zonesOf({ postalAddress: { country: 'US', state: 'AK', postalCode: '99546' } }))
      .toEqual(['America/Anchorage', 'America/Adak']);
  });

  it('falls back to the state when the ZIP is unknown or malformed, and says so', () => {
    const unknownZip = deriveCandidateTimeZones({ postalAddress: { country: 'US', state: 'PR', postalCode: '00901' } });
    expect(unknownZip.timeZones).toEqual(['America/Puerto_Rico']);
    expect(unknownZip.problems).toEqual([expect.objectContaining({ source: 'postal_code', value: '00901' })]);
    const malformed = deriveCandidateTimeZones({ postalAddress: { country: 'US', state: 'TN', postalCode: 'ABCDE' } });
    expect(malformed.timeZones).toEqual(['America/New_York', 'America/Chicago']);
    expect(malformed.problems[0]?.message).toContain('"ABCDE" is not a US ZIP code');
  });

  it('a ZIP from another state than the address keeps both (conflicting information)', () => {
    const result = deriveCandidateTimeZones({ postalAddress: { country: 'US', state: 'CA', postalCode: '10001' } });
    expect(result.timeZones).toEqual(['America/New_York', 'America/Los_Angeles']);
  });

  it('a US address with neither state nor ZIP gives every US zone, Hawaii and Alaska included', () => {
    const zones = zonesOf({ postalAddress: { country: 'USA' } });
    expect(zones).toContain('America/New_York');
    expect(zones).toContain('Pacific/Honolulu');
    expect(zones).toContain('America/Anchorage');
    expect(zones).toContain('America/Phoenix');
  });

  it('other countries: by region where it matters, otherwise every zone of the country', () => {
    expect(zonesOf({ postalAddress: { country: 'GB', postalCode: 'SW1A 1AA' } })).toEqual(['Europe/London']);
    expect(zonesOf({ postalAddress: { country: 'ie' } })).toEqual(['Europe/Dublin']);
    expect(zonesOf({ postalAddress: { country: 'DE' } })).toEqual(['Europe/Berlin']);
    expect(zonesOf({ postalAddress: { country: 'ES' } })).toEqual(['Europe/Madrid', 'Africa/Ceuta', 'Atlantic/Canary']);
    expect(zonesOf({ postalAddress: { country: 'CA', state: 'ON' } })).toEqual(['America/Toronto', 'America/Winnipeg', 'America/Atikokan']);
    expect(zonesOf({ postalAddress: { country: 'CA', state: 'CA-SK' } })).toEqual(['America/Regina', 'America/Edmonton']);
    expect(zonesOf({ postalAddress: { country: 'CA', postalCode: 'M5V 3L9' } })).toEqual(['America/Toronto']);
    expect(zonesOf({ postalAddress: { country: 'AU', state: 'QLD' } })).toEqual(['Australia/Brisbane']);
    expect(zonesOf({ postalAddress: { country: 'MX', state: 'ROO' } })).toEqual(['America/Cancun']);
    expect(zonesOf({ postalAddress: { country: 'AU' } })).toHaveLength(10);
  });

  it('rejects a country it has no table for, naming it', () => {
    const result = deriveCandidateTimeZones({ postalAddress: { country: 'Atlantis' } });
    expect(result.unknown).toBe(true);
    expect(result.problems[0]?.message).toContain('"Atlantis"');
  });
});

describe('REGF-TIME-MULTITZ: phone numbers', () => {
  it('gives the area code zone of US numbers', () => {
    expect(zonesOf({ phoneNumbers: ['+12125550143'] })).toEqual(['America/New_York']);
    expect(zonesOf({ phoneNumbers: ['602-555-0143'] })).toEqual(['America/Phoenix']);
    expect(zonesOf({ phoneNumbers: ['808 555 0143'] })).toEqual(['Pacific/Honolulu']);
    expect(zonesOf({ phoneNumbers: ['+1 (907) 555-0143'] })).toEqual(['America/Anchorage', 'America/Adak']);
  });

  it('gives Canadian and territory area codes their zones', () => {
    expect(zonesOf({ phoneNumbers: ['+1 416 555 0143'] })).toEqual(['America/Toronto']);
    expect(zonesOf({ phoneNumbers: ['+1 787 555 0143'] })).toEqual(['America/Puerto_Rico']);
  });

  it('gives no zone for toll-free numbers, and says why', () => {
    const result = deriveCandidateTimeZones({ phoneNumbers: ['1-800-555-0143', '+1 833 555 0143'] });
    expect(result.unknown).toBe(true);
    expect(result.problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('area code 800'),
      expect.stringContaining('area code 833'),
    ]);
  });

  it('a geographic area code newer than the table gives every zone of its country, and says so', () => {
    // 273 is valid in libphonenumber-js metadata for Canada but not (yet) in the table.
    const result = deriveCandidateTimeZones({ phoneNumbers: ['+1 273 234 5678'] });
    expect(result.timeZones).toContain('America/Toronto');
    expect(result.timeZones).toContain('America/Vancouver');
    expect(result.problems[0]?.message).toContain('area code 273');
  });

  it('gives other countries their zones, and other NANP countries theirs', () => {
    expect(zonesOf({ phoneNumbers: ['+44 20 7123 4567'] })).toEqual(['Europe/London']);
    expect(zonesOf({ phoneNumbers: ['+61 2 9374 4000'] })).toHaveLength(10);
    expect(zonesOf({ phoneNumbers: ['+1 876 555 0143'] })).toEqual(['America/Jamaica']);
  });

  it('reports a number that cannot be a phone number', () => {
    const result = deriveCandidateTimeZones({ phoneNumbers: ['555-0143'] });
    expect(result.timeZones).toEqual([]);
    expect(result.problems[0]?.message).toBe('"555-0143" is not a possible phone number');
  });
});

describe('REGF-TIME-MULTITZ: what the consumer stated', () => {
  it('accepts an IANA zone', () => {
    const result = deriveCandidateTimeZones({ statedTimeZone: 'America/Chicago' });
    expect(result.sources).toEqual([{ source: 'stated', value: 'America/Chicago', timeZones: ['America/Chicago'] }]);
  });

  it('accepts the names people use, and fixes the case of IANA names', () => {
    expect(zonesOf({ statedTimeZone: 'Eastern Time' })).toEqual(['America/New_York']);
    expect(zonesOf({ statedTimeZone: 'PST' })).toEqual(['America/Los_Angeles']);
    expect(zonesOf({ statedTimeZone: 'MST' })).toEqual(['America/Denver', 'America/Phoenix']);
    expect(zonesOf({ statedTimeZone: 'america/new_york' })).toEqual(['America/New_York']);
  });

  it('rejects an invalid stated zone with a message naming it', () => {
    const result = deriveCandidateTimeZones({ statedTimeZone: 'Mars/Olympus_Mons' });
    expect(result.timeZones).toEqual([]);
    expect(result.unknown).toBe(true);
    expect(result.problems).toEqual([{
      source: 'stated',
      value: 'Mars/Olympus_Mons',
      message: 'stated time zone "Mars/Olympus_Mons" is not an IANA time zone such as America/New_York',
    }]);
  });
});

describe('REGF-TIME-MULTITZ: conflicting evidence is unioned', () => {
  it('a New York address and a California phone give both zones, each with its source', () => {
    const result = deriveCandidateTimeZones({
      postalAddress: { country: 'US', state: 'NY', postalCode: '10001' },
      phoneNumbers: ['+1 415 555 0143'],
    });
    expect(result).toEqual({
      timeZones: ['America/New_York', 'America/Los_Angeles'],
      sources: [
        { source: 'postal_code', value: '10001', timeZones: ['America/New_York'] },
        { source: 'phone', value: '+14155550143', timeZones: ['America/Los_Angeles'] },
      ],
      unknown: false,
      problems: [],
    });
    // Scenario S09: at 18:30 PT (01:30Z) it is 21:30 in New York, outside the window in one candidate zone.
    expect(DateTime.fromISO('2024-06-13T01:30:00Z').setZone('America/New_York').toFormat('HH:mm')).toBe('21:30');
  });

  it('deduplicates zones named by several sources', () => {
    const result = deriveCandidateTimeZones({
      postalAddress: { country: 'US', state: 'NY' },
      phoneNumbers: ['+1 212 555 0143', '+1 718 555 0143'],
      statedTimeZone: 'America/New_York',
    });
    expect(result.timeZones).toEqual(['America/New_York']);
    expect(result.sources).toHaveLength(4);
  });

  it('no evidence at all is unknown', () => {
    expect(deriveCandidateTimeZones({})).toEqual({ timeZones: [], sources: [], unknown: true, problems: [] });
  });
});
