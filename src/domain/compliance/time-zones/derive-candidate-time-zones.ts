// REGF-TIME-MULTITZ (Reg F comment 6(b)(1)(i)): with conflicting or ambiguous location information the
// collector complies only at times convenient in ALL the places the information suggests, so the candidate
// zones are the union of what the postal address, every phone number and the consumer's own statement say.
// RULES.md §0.5: zones are IANA names, so DST (and its absence in Arizona and Hawaii) comes from tz data.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { IANAZone } from 'luxon';
import { lookup as lookupZipTimeZone } from 'zipcode-to-timezone';
import { canadianPostalLetterTimeZones, countryTimeZones, regionTimeZones } from './country-time-zones.ts';
import { isValidTimeZone } from './is-valid-time-zone.ts';
import { nanpAreaCodeTimeZones } from './nanp-area-code-time-zones.ts';
import { usStateTimeZones, usTimeZones, usZipBoundaryTimeZones } from './us-state-time-zones.ts';

export type TimeZoneSourceKind = 'postal_code' | 'state' | 'country' | 'phone' | 'stated';

/** One piece of location evidence and the zones it suggests. */
export type TimeZoneSource = { source: TimeZoneSourceKind; value: string; timeZones: string[] };

/** Evidence that could not be used, with a message a person can act on. */
export type TimeZoneProblem = { source: TimeZoneSourceKind; value: string; message: string };

export type CandidateTimeZonesInput = {
  /** `country` is ISO 3166-1 alpha-2 ("US"); `state` a USPS code or ISO 3166-2 region ("ON", "NSW", "CA-ON"). */
  postalAddress?: { country: string; state?: string; postalCode?: string };
  /** E.164 ("+12125551234") or US national format ("(212) 555-1234"). */
  phoneNumbers?: string[];
  /** What the consumer said: an IANA zone, or a common US name ("Eastern", "PST"). */
  statedTimeZone?: string;
};

export type CandidateTimeZones = {
  /** Union of every source's zones, deduplicated, in source order; all valid IANA names. */
  timeZones: string[];
  sources: TimeZoneSource[];
  /** True when no evidence gave a zone: the caller applies its no-information policy (REGF-TIME-MULTITZ). */
  unknown: boolean;
  /** Inputs that were rejected or gave no zone (an invalid stated zone, a toll-free number, …). */
  problems: TimeZoneProblem[];
};

// Countries libphonenumber-js reports for +1 numbers whose area codes are in the NANP table.
const nanpTableCountries = new Set(['US', 'CA', 'PR', 'VI', 'GU', 'MP', 'AS']);
// US territories can appear as a country code or as a USPS state code of a US address.
const usPostalCountries = new Set(['US', 'PR', 'VI', 'GU', 'MP', 'AS']);

const countryAliases: Readonly<Record<string, string>> = {
  USA: 'US', 'UNITED STATES': 'US', 'UNITED STATES OF AMERICA': 'US',
  UK: 'GB', 'UNITED KINGDOM': 'GB', 'GREAT BRITAIN': 'GB',
  CAN: 'CA', CANADA: 'CA', MEX: 'MX', MEXICO: 'MX', AUS: 'AU', AUSTRALIA: 'AU',
};

// What people say when asked for their time zone. "MST" and "AST" are ambiguous, so they give every match.
const spokenTimeZones: Readonly<Record<string, readonly string[]>> = {
  eastern: ['America/New_York'], et: ['America/New_York'], est: ['America/New_York'], edt: ['America/New_York'],
  central: ['America/Chicago'], ct: ['America/Chicago'], cst: ['America/Chicago'], cdt: ['America/Chicago'],
  mountain: ['America/Denver'], mt: ['America/Denver'], mdt: ['America/Denver'],
  mst: ['America/Denver', 'America/Phoenix'], arizona: ['America/Phoenix'],
  pacific: ['America/Los_Angeles'], pt: ['America/Los_Angeles'], pst: ['America/Los_Angeles'], pdt: ['America/Los_Angeles'],
  alaska: ['America/Anchorage'], akst: ['America/Anchorage'], akdt: ['America/Anchorage'],
  hawaii: ['Pacific/Honolulu'], hst: ['Pacific/Honolulu'],
  atlantic: ['America/Puerto_Rico', 'America/Halifax'], ast: ['America/Puerto_Rico', 'America/Halifax'],
};

// Deprecated tz links the ZIP library still returns, mapped to their canonical zone.
const canonicalZoneOf: Readonly<Record<string, string>> = { 'America/Shiprock': 'America/Denver' };

// Two instants a year apart from DST changes in both hemispheres: zones with the same offsets at both keep
// the same clock for our purpose (America/Kentucky/Louisville and America/New_York, for instance).
const januaryReferenceMillis = Date.UTC(2024, 0, 15, 12);
const julyReferenceMillis = Date.UTC(2024, 6, 15, 12);

/**
 * Derives every time zone the consumer might be in, from the postal address (US ZIP and state, Canadian
 * postal code and province, other countries and their regions), each phone number (US and Canadian area
 * codes, other countries) and the zone the consumer stated. Pure: the tables and libraries are data.
 *
 * A US ZIP is preferred to the state when the ZIP table knows it; when the ZIP's zone is not one the state
 * uses (a typo, or the Navajo Nation's DST inside Arizona) the state's zones are kept as well.
 *
 * @example
 * deriveCandidateTimeZones({ postalAddress: { country: 'US', state: 'NY', postalCode: '10001' }, phoneNumbers: ['+1 415 555 0100'] })
 * // { timeZones: ['America/New_York', 'America/Los_Angeles'], unknown: false, sources: [...], problems: [] }
 */
export function deriveCandidateTimeZones(input: CandidateTimeZonesInput): CandidateTimeZones {
  const sources: TimeZoneSource[] = [];
  const problems: TimeZoneProblem[] = [];
  if (input.postalAddress !== undefined) deriveAddressSources(input.postalAddress, sources, problems);
  for (const phoneNumber of input.phoneNumbers ?? []) derivePhoneSource(phoneNumber, sources, problems);
  if (input.statedTimeZone !== undefined && input.statedTimeZone.trim() !== '') {
    deriveStatedSource(input.statedTimeZone, sources, problems);
  }
  const timeZones = [...new Set(sources.flatMap((source) => source.timeZones))];
  return { timeZones, sources, unknown: timeZones.length === 0, problems };
}

function deriveAddressSources(
  address: NonNullable<CandidateTimeZonesInput['postalAddress']>,
  sources: TimeZoneSource[],
  problems: TimeZoneProblem[],
): void {
  const country = normaliseCountry(address.country);
  if (country === undefined) {
    problems.push({ source: 'country', value: address.country, message: `country "${address.country}" is not an ISO 3166-1 alpha-2 code Recoup has time zones for` });
    return;
  }
  const region = normaliseRegion(address.state, country);
  const postalCode = address.postalCode?.trim() ?? '';
  if (usPostalCountries.has(country)) {
    deriveUsAddressSources(country, region ?? (country === 'US' ? undefined : country), postalCode, sources, problems);
    return;
  }
  const regionTable = regionTimeZones[country];
  if (regionTable !== undefined && region !== undefined) {
    const zones = regionTable[region];
    if (zones !== undefined) {
      pushSource(sources, problems, 'state', `${country}-${region}`, zones);
      return;
    }
    problems.push({ source: 'state', value: address.state ?? '', message: `"${address.state}" is not a region of ${country} Recoup knows; using every zone of the country` });
  }
  if (country === 'CA' && region === undefined && /^[A-Za-z]\d[A-Za-z]/.test(postalCode)) {
    // Canada Post: the first letter of the postal code names the province or territory.
    const zones = canadianPostalLetterTimeZones[postalCode.charAt(0).toUpperCase()];
    if (zones !== undefined) {
      pushSource(sources, problems, 'postal_code', postalCode.toUpperCase(), zones);
      return;
    }
  }
  pushSource(sources, problems, 'country', country, countryTimeZones[country] ?? []);
}

function deriveUsAddressSources(
  country: string,
  state: string | undefined,
  postalCode: string,
  sources: TimeZoneSource[],
  problems: TimeZoneProblem[],
): void {
  let zipZones: string[] | undefined;
  let zip: string | undefined;
  if (postalCode !== '') {
    const match = /^(\d{5})(?:[-\s]?\d{4})?$/.exec(postalCode);
    if (match === null) {
      problems.push({ source: 'postal_code', value: postalCode, message: `"${postalCode}" is not a US ZIP code (5 digits, or ZIP+4)` });
    } else {
      zip = match[1] as string;
      const libraryZone = lookupZipTimeZone(zip);
      if (libraryZone === null) {
        problems.push({ source: 'postal_code', value: zip, message: `ZIP ${zip} is not in the ZIP time-zone table; using the state or country instead` });
      } else {
        zipZones = [
          canonicalZoneOf[libraryZone] ?? libraryZone,
          ...(usZipBoundaryTimeZones[zip] ?? []),
          ...(usZipBoundaryTimeZones[zip.slice(0, 3)] ?? []),
        ];
      }
    }
  }
  let stateZones: readonly string[] | undefined;
  if (state !== undefined) {
    stateZones = usStateTimeZones[state];
    if (stateZones === undefined) {
      problems.push({ source: 'state', value: state, message: `"${state}" is not a US state, district or territory code` });
    }
  }
  if (zipZones !== undefined && zip !== undefined) {
    pushSource(sources, problems, 'postal_code', zip, zipZones);
    const zipAgreesWithState = stateZones === undefined
      || zipZones.every((zipZone) => stateZones.some((stateZone) => isSameClock(zipZone, stateZone)));
    // A ZIP whose zone the state does not use is conflicting information: keep both (REGF-TIME-MULTITZ).
    if (!zipAgreesWithState && stateZones !== undefined && state !== undefined) pushSource(sources, problems, 'state', state, stateZones);
    return;
  }
  if (stateZones !== undefined && state !== undefined) {
    pushSource(sources, problems, 'state', state, stateZones);
    return;
  }
  pushSource(sources, problems, 'country', country, country === 'US' ? usTimeZones : countryTimeZones[country] ?? []);
}

function derivePhoneSource(phoneNumber: string, sources: TimeZoneSource[], problems: TimeZoneProblem[]): void {
  // National numbers without a country prefix are read as US numbers, the usual case in US collections.
  const parsed = parsePhoneNumberFromString(phoneNumber, 'US');
  if (parsed === undefined || !parsed.isPossible()) {
    problems.push({ source: 'phone', value: phoneNumber, message: `"${phoneNumber}" is not a possible phone number` });
    return;
  }
  const e164 = parsed.number;
  if (parsed.countryCallingCode === '1' && (parsed.country === undefined || nanpTableCountries.has(parsed.country))) {
    const areaCode = parsed.nationalNumber.slice(0, 3);
    const zones = nanpAreaCodeTimeZones.get(areaCode);
    if (zones !== undefined) {
      pushSource(sources, problems, 'phone', e164, zones);
      return;
    }
    const type = parsed.getType();
    const country = parsed.country;
    if (country !== undefined && (type === 'FIXED_LINE' || type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE')) {
      // A geographic code newer than the table (a fresh overlay): the whole country is the honest answer.
      problems.push({ source: 'phone', value: e164, message: `area code ${areaCode} of ${e164} is not in the area-code table yet; using every zone of ${country}` });
      pushSource(sources, problems, 'phone', e164, countryTimeZones[country] ?? []);
      return;
    }
    problems.push({ source: 'phone', value: e164, message: `area code ${areaCode} of ${e164} is toll-free or non-geographic: no zone from this number` });
    return;
  }
  const zones = parsed.country === undefined ? undefined : countryTimeZones[parsed.country];
  if (zones === undefined) {
    problems.push({ source: 'phone', value: e164, message: `no time-zone table for the country of ${e164} (${parsed.country ?? `+${parsed.countryCallingCode}`})` });
    return;
  }
  pushSource(sources, problems, 'phone', e164, zones);
}

function deriveStatedSource(stated: string, sources: TimeZoneSource[], problems: TimeZoneProblem[]): void {
  const trimmed = stated.trim();
  const spokenKey = trimmed.toLowerCase().replace(/\b(standard|daylight)\b/g, '').replace(/\btime\b/g, '').replace(/[\s.()]+/g, '');
  const spoken = spokenTimeZones[spokenKey];
  if (spoken !== undefined) {
    pushSource(sources, problems, 'stated', trimmed, spoken);
    return;
  }
  if (!isValidTimeZone(trimmed)) {
    problems.push({ source: 'stated', value: trimmed, message: `stated time zone "${trimmed}" is not an IANA time zone such as America/New_York` });
    return;
  }
  pushSource(sources, problems, 'stated', trimmed, [normaliseZoneCase(trimmed)]);
}

function pushSource(
  sources: TimeZoneSource[],
  problems: TimeZoneProblem[],
  source: TimeZoneSourceKind,
  value: string,
  zones: readonly string[],
): void {
  const valid: string[] = [];
  for (const zone of zones) {
    // A table zone this runtime's tz data lacks (an old ICU) is reported, not used.
    if (isValidTimeZone(zone)) valid.push(zone);
    else problems.push({ source, value, message: `time zone ${zone} (for ${value}) is unknown to this runtime's time-zone data` });
  }
  if (valid.length > 0) sources.push({ source, value, timeZones: [...new Set(valid)] });
}

function normaliseCountry(country: string): string | undefined {
  const upper = country.trim().toUpperCase();
  const code = countryAliases[upper] ?? upper;
  return countryTimeZones[code] !== undefined ? code : undefined;
}

function normaliseRegion(state: string | undefined, country: string): string | undefined {
  if (state === undefined) return undefined;
  const upper = state.trim().toUpperCase();
  if (upper === '') return undefined;
  // ISO 3166-2 codes carry the country: "CA-ON", "AU-NSW".
  return upper.startsWith(`${country}-`) ? upper.slice(country.length + 1) : upper;
}

// Intl matches zone names case-insensitively; keep the runtime's spelling when it only differs in case
// (it may otherwise return an older alias, such as Asia/Calcutta for Asia/Kolkata, which we do not want).
function normaliseZoneCase(zone: string): string {
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
}

function isSameClock(first: string, second: string): boolean {
  if (first === second) return true;
  const firstZone = IANAZone.create(first);
  const secondZone = IANAZone.create(second);
  return firstZone.offset(januaryReferenceMillis) === secondZone.offset(januaryReferenceMillis)
    && firstZone.offset(julyReferenceMillis) === secondZone.offset(julyReferenceMillis);
}
