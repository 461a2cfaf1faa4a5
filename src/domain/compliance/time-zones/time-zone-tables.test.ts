import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { canadianPostalLetterTimeZones, countryTimeZones, regionTimeZones } from './country-time-zones.ts';
import { isValidTimeZone } from './is-valid-time-zone.ts';
import { nanpAreaCodeGroups, nanpAreaCodeTimeZones } from './nanp-area-code-time-zones.ts';
import { usStateTimeZones, usTimeZones, usZipBoundaryTimeZones } from './us-state-time-zones.ts';

const fiftyStatesAndDistrict = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA',
  'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR',
  'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
];
const euMembers = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];

describe('isValidTimeZone', () => {
  it('accepts IANA names and backward links, rejects offsets and inventions', () => {
    expect(isValidTimeZone('America/Phoenix')).toBe(true);
    expect(isValidTimeZone('US/Eastern')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('+05:00')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('America/New York')).toBe(false);
  });
});

describe('time-zone tables (REGF-TIME-MULTITZ data)', () => {
  it('every zone in every table is a valid IANA zone on this runtime', () => {
    const allZones = new Set([
      ...Object.values(usStateTimeZones).flat(),
      ...usTimeZones,
      ...Object.values(usZipBoundaryTimeZones).flat(),
      ...nanpAreaCodeGroups.flatMap((group) => group.timeZones),
      ...Object.values(countryTimeZones).flat(),
      ...Object.values(regionTimeZones).flatMap((regions) => Object.values(regions).flat()),
      ...Object.values(canadianPostalLetterTimeZones).flat(),
    ]);
    const invalid = [...allZones].filter((zone) => !isValidTimeZone(zone));
    expect(invalid).toEqual([]);
  });

  it('covers the fifty states, DC and the inhabited territories', () => {
    for (const state of [...fiftyStatesAndDistrict, 'PR', 'VI', 'GU', 'MP', 'AS']) {
      expect(usStateTimeZones[state], state).toBeDefined();
    }
  });

  it('covers the EU members, the UK and the countries next to the US', () => {
    for (const country of [...euMembers, 'GB', 'US', 'CA', 'MX', 'AU']) {
      expect(countryTimeZones[country], country).toBeDefined();
    }
  });

  it('every Canadian province and territory and every Australian state has its zones', () => {
    expect(Object.keys(regionTimeZones.CA ?? {}).sort()).toEqual(['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT']);
    expect(Object.keys(regionTimeZones.AU ?? {}).sort()).toEqual(['ACT', 'NSW', 'NT', 'QLD', 'SA', 'TAS', 'VIC', 'WA']);
    expect(Object.keys(regionTimeZones.MX ?? {})).toHaveLength(32);
  });

  it('area codes are well-formed NANP codes, each listed once', () => {
    const codes = nanpAreaCodeGroups.flatMap((group) => group.areaCodes);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      // NXX: first digit 2–9; N11 codes are service codes; N9X is reserved for expansion.
      expect(code, code).toMatch(/^[2-9]\d\d$/);
      expect(code.slice(1), code).not.toBe('11');
      expect(code.charAt(1), code).not.toBe('9');
    }
    expect(nanpAreaCodeTimeZones.size).toBe(codes.length);
  });

  it('every US state, DC and Canadian province has at least one area code', () => {
    const regions = new Set(nanpAreaCodeGroups.flatMap((group) => group.region.split(', ')));
    for (const state of fiftyStatesAndDistrict) expect(regions.has(state), state).toBe(true);
    for (const province of ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT']) {
      expect(regions.has(province), province).toBe(true);
    }
  });

  it('a state area code only names zones its state uses', () => {
    for (const group of nanpAreaCodeGroups.filter((candidate) => candidate.country === 'US')) {
      const stateZones = usStateTimeZones[group.region] ?? [];
      for (const zone of group.timeZones) {
        // 928 (Navajo Nation keeps DST) is the one documented exception.
        if (group.region === 'AZ' && zone === 'America/Denver') continue;
        expect(stateZones, `${group.region} ${group.areaCodes.join(',')} ${zone}`).toContain(zone);
      }
    }
  });

  it('has no toll-free or non-geographic codes', () => {
    for (const code of ['800', '833', '844', '855', '866', '877', '888', '500', '521', '533', '600', '622', '700', '900']) {
      expect(nanpAreaCodeTimeZones.has(code), code).toBe(false);
    }
  });

  it('agrees with libphonenumber-js about which country each area code belongs to', () => {
    // libphonenumber-js reports US territories as their own regions; every other code must be US or CA.
    const territories = new Set(['PR', 'VI', 'GU', 'MP', 'AS']);
    const disagreements: string[] = [];
    for (const group of nanpAreaCodeGroups) {
      for (const code of group.areaCodes) {
        const parsed = parsePhoneNumberFromString(`+1${code}2345678`);
        const expected = territories.has(group.region) ? group.region : group.country;
        if (parsed?.country !== undefined && parsed.country !== expected) disagreements.push(`${code}: ${parsed.country} ≠ ${expected}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
