// RULES.md §0.5: every conversion uses the IANA tz database, so a zone Recoup stores or compares must be
// an IANA name the runtime's tz data knows ("America/Phoenix"), never an offset ("-07:00") or a guess.
import { IANAZone } from 'luxon';

const zoneNamePattern = /^[A-Za-z][A-Za-z0-9_+\-]*(?:\/[A-Za-z0-9_+\-]+)*$/;

/**
 * True when `name` is an IANA time-zone name known to the runtime (through `Intl`, which luxon uses).
 * Matching is case-insensitive, as in `Intl`; backward-compatible links such as "US/Eastern" are accepted.
 *
 * @example
 * isValidTimeZone('America/Phoenix') // true
 * isValidTimeZone('Mars/Olympus_Mons') // false
 * isValidTimeZone('+05:00') // false: an offset is not a zone
 */
export function isValidTimeZone(name: string): boolean {
  return zoneNamePattern.test(name) && IANAZone.isValidZone(name);
}
