// Local wall-clock arithmetic for one IANA time zone, fast enough for the gate's hot loop.
//
// RULES.md 0.5: every conversion uses the IANA database through Intl, so DST is handled per zone.
// Asking Intl for an offset costs microseconds; the gate asks for hundreds per decision (every history
// entry in every candidate zone). Offsets only change at transitions, and no zone has two transitions in
// one hour, so the offset is memoised per UTC hour: either one offset for the whole hour, or the exact
// transition instant (found by bisection to the second) with the offsets before and after it.
// The memo is a pure cache of a pure function (same zone and instant, same answer).

const millisecondsPerHour = 3_600_000;
const millisecondsPerDay = 86_400_000;
const millisecondsPerMinute = 60_000;
const memoisedHoursMax = 500_000;

export type ZoneClock = {
  zone: string;
  /** Offset of local time from UTC at `epochMilliseconds` (local = UTC + offset), in milliseconds. */
  computeOffset: (epochMilliseconds: number) => number;
  /** Local calendar day number (days since 1970-01-01) at the instant. */
  computeLocalDayNumber: (epochMilliseconds: number) => number;
  /** Milliseconds since local midnight at the instant. */
  computeLocalMillisecondOfDay: (epochMilliseconds: number) => number;
  /**
   * The earliest instant at which the local clock reads `minuteOfDay` (0–1440) on `dayNumber` or later.
   * In a spring-forward gap that is the transition instant; in a fall-back overlap, the first occurrence.
   */
  computeInstantOfLocalTime: (dayNumber: number, minuteOfDay: number) => number;
};

type HourOffsets = number | { transition: number; before: number; after: number };

function buildIntlOffsetReader(zone: string): (epochMilliseconds: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    era: 'short',
  });
  return (epochMilliseconds) => {
    const wholeSecond = Math.floor(epochMilliseconds / 1000) * 1000;
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let beforeCommonEra = false;
    for (const part of format.formatToParts(wholeSecond)) {
      switch (part.type) {
        case 'year': year = Number(part.value); break;
        case 'month': month = Number(part.value); break;
        case 'day': day = Number(part.value); break;
        case 'hour': hour = Number(part.value); break;
        case 'minute': minute = Number(part.value); break;
        case 'second': second = Number(part.value); break;
        case 'era': beforeCommonEra = part.value.startsWith('B'); break;
        default: break;
      }
    }
    const fullYear = beforeCommonEra ? 1 - year : year;
    const date = new Date(0);
    date.setUTCFullYear(fullYear, month - 1, day);
    date.setUTCHours(hour, minute, second, 0);
    return date.getTime() - wholeSecond;
  };
}

/** True when Intl knows `zone` as a time zone (an IANA name such as `America/Chicago`). */
export function isKnownTimeZone(zone: string): boolean {
  if (zone.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const clocks = new Map<string, ZoneClock>();

/**
 * The clock of an IANA zone (memoised per zone). Throws a `RangeError` for an unknown zone.
 * @example buildZoneClock('America/New_York').computeOffset(Date.parse('2024-06-12T12:00:00Z')) // -14_400_000
 */
export function buildZoneClock(zone: string): ZoneClock {
  const existing = clocks.get(zone);
  if (existing !== undefined) return existing;
  if (!isKnownTimeZone(zone)) throw new RangeError(`unknown IANA time zone "${zone}"`);
  const readOffset = buildIntlOffsetReader(zone);
  let hours = new Map<number, HourOffsets>();

  const computeHourOffsets = (hourIndex: number): HourOffsets => {
    const start = hourIndex * millisecondsPerHour;
    const before = readOffset(start);
    const after = readOffset(start + millisecondsPerHour);
    if (before === after) return before;
    // One transition inside the hour: bisect to the second at which the new offset starts.
    let low = start;
    let high = start + millisecondsPerHour;
    while (high - low > 1000) {
      const middle = Math.floor((low + high) / 2000) * 1000;
      if (middle <= low) break;
      if (readOffset(middle) === before) low = middle;
      else high = middle;
    }
    return { transition: high, before, after };
  };

  const computeOffset = (epochMilliseconds: number): number => {
    const hourIndex = Math.floor(epochMilliseconds / millisecondsPerHour);
    let offsets = hours.get(hourIndex);
    if (offsets === undefined) {
      if (hours.size >= memoisedHoursMax) hours = new Map();
      offsets = computeHourOffsets(hourIndex);
      hours.set(hourIndex, offsets);
    }
    if (typeof offsets === 'number') return offsets;
    return epochMilliseconds < offsets.transition ? offsets.before : offsets.after;
  };

  const computeInstantOfLocalTime = (dayNumber: number, minuteOfDay: number): number => {
    const wall = dayNumber * millisecondsPerDay + minuteOfDay * millisecondsPerMinute;
    const offsetEarlier = computeOffset(wall - millisecondsPerDay);
    const offsetLater = computeOffset(wall + millisecondsPerDay);
    const candidates: number[] = [];
    for (const offset of [offsetEarlier, offsetLater]) {
      const instant = wall - offset;
      if (computeOffset(instant) === offset) candidates.push(instant);
    }
    if (candidates.length > 0) return Math.min(...candidates);
    // The wall time does not exist (spring forward): the first instant after it is the transition.
    let low = wall - Math.max(offsetEarlier, offsetLater);
    let high = wall - Math.min(offsetEarlier, offsetLater);
    while (high - low > 1000) {
      const middle = Math.floor((low + high) / 2000) * 1000;
      if (middle <= low) break;
      if (middle + computeOffset(middle) < wall) low = middle;
      else high = middle;
    }
    return high;
  };

  const clock: ZoneClock = {
    zone,
    computeOffset,
    computeLocalDayNumber: (epochMilliseconds) =>
      Math.floor((epochMilliseconds + computeOffset(epochMilliseconds)) / millisecondsPerDay),
    computeLocalMillisecondOfDay: (epochMilliseconds) => {
      const local = epochMilliseconds + computeOffset(epochMilliseconds);
      return local - Math.floor(local / millisecondsPerDay) * millisecondsPerDay;
    },
    computeInstantOfLocalTime,
  };
  clocks.set(zone, clock);
  return clock;
}
