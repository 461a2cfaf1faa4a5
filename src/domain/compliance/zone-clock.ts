// Local wall-clock arithmetic for one IANA time zone, fast enough for the gate's hot loop.
//
// RULES.md 0.5: every conversion uses the IANA database through Intl, so DST is handled per zone.
// Asking Intl for an offset costs microseconds; the gate asks for hundreds per decision (every history
// entry in every candidate zone). Offsets only change at transitions, months apart, so each zone's offsets
// are worked out once per block of about 200 days: Intl is sampled every 6 hours and each change is
// bisected to the second. A lookup is then a check against the last segment used, or a short search.
// The memo is a pure cache of a pure function (same zone and instant, same answer).

const millisecondsPerDay = 86_400_000;
const millisecondsPerMinute = 60_000;
const blockMilliseconds = 2 ** 34; // about 198.8 days
const sampleMilliseconds = 6 * 3_600_000;
const memoisedBlocksMax = 4096;

export type ZoneClock = {
  readonly zone: string;
  /** Offset of local time from UTC at `epochMilliseconds` (local = UTC + offset), in milliseconds. */
  computeOffset(epochMilliseconds: number): number;
  /** Local calendar day number (days since 1970-01-01) at the instant. */
  computeLocalDayNumber(epochMilliseconds: number): number;
  /** Milliseconds since local midnight at the instant. */
  computeLocalMillisecondOfDay(epochMilliseconds: number): number;
  /**
   * The earliest instant at which the local clock reads `minuteOfDay` (0–1440) on `dayNumber` or later.
   * In a spring-forward gap that is the transition instant; in a fall-back overlap, the first occurrence.
   */
  computeInstantOfLocalTime(dayNumber: number, minuteOfDay: number): number;
};

/** The offsets of one block: segment i runs from starts[i] to starts[i + 1] (or the block's end). */
type BlockOffsets = { starts: number[]; offsets: number[]; end: number };

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

const knownZones = new Set<string>();

/** True when Intl knows `zone` as a time zone (an IANA name such as `America/Chicago`). */
export function isKnownTimeZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  if (zone.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  knownZones.add(zone);
  return true;
}

class IanaZoneClock implements ZoneClock {
  readonly zone: string;
  private readonly readOffset: (epochMilliseconds: number) => number;
  private blocks = new Map<number, BlockOffsets>();
  // The segment of the last lookup: most lookups of one decision fall in it.
  private segmentStart = Number.POSITIVE_INFINITY;
  private segmentEnd = Number.NEGATIVE_INFINITY;
  private segmentOffset = 0;

  constructor(zone: string) {
    this.zone = zone;
    this.readOffset = buildIntlOffsetReader(zone);
  }

  computeOffset(epochMilliseconds: number): number {
    if (epochMilliseconds >= this.segmentStart && epochMilliseconds < this.segmentEnd) return this.segmentOffset;
    return this.findSegmentOffset(epochMilliseconds);
  }

  computeLocalDayNumber(epochMilliseconds: number): number {
    return Math.floor((epochMilliseconds + this.computeOffset(epochMilliseconds)) / millisecondsPerDay);
  }

  computeLocalMillisecondOfDay(epochMilliseconds: number): number {
    const local = epochMilliseconds + this.computeOffset(epochMilliseconds);
    return local - Math.floor(local / millisecondsPerDay) * millisecondsPerDay;
  }

  computeInstantOfLocalTime(dayNumber: number, minuteOfDay: number): number {
    const wall = dayNumber * millisecondsPerDay + minuteOfDay * millisecondsPerMinute;
    const offsetEarlier = this.computeOffset(wall - millisecondsPerDay);
    const offsetLater = this.computeOffset(wall + millisecondsPerDay);
    // The offset a day either side bounds the answer: try both (the earlier wins in a fall-back overlap).
    const earlierCandidate = wall - offsetEarlier;
    const laterCandidate = wall - offsetLater;
    const earlierValid = this.computeOffset(earlierCandidate) === offsetEarlier;
    const laterValid = offsetLater !== offsetEarlier && this.computeOffset(laterCandidate) === offsetLater;
    if (earlierValid && laterValid) return Math.min(earlierCandidate, laterCandidate);
    if (earlierValid) return earlierCandidate;
    if (laterValid) return laterCandidate;
    // The wall time does not exist (spring forward): the first instant after it is the transition.
    let low = wall - Math.max(offsetEarlier, offsetLater);
    let high = wall - Math.min(offsetEarlier, offsetLater);
    while (high - low > 1000) {
      const middle = Math.floor((low + high) / 2000) * 1000;
      if (middle <= low) break;
      if (middle + this.computeOffset(middle) < wall) low = middle;
      else high = middle;
    }
    return high;
  }

  private findSegmentOffset(epochMilliseconds: number): number {
    const blockIndex = Math.floor(epochMilliseconds / blockMilliseconds);
    let block = this.blocks.get(blockIndex);
    if (block === undefined) {
      if (this.blocks.size >= memoisedBlocksMax) this.blocks = new Map();
      block = this.computeBlockOffsets(blockIndex * blockMilliseconds);
      this.blocks.set(blockIndex, block);
    }
    let index = block.starts.length - 1;
    while (index > 0 && block.starts[index]! > epochMilliseconds) index -= 1;
    this.segmentStart = block.starts[index]!;
    this.segmentEnd = index + 1 < block.starts.length ? block.starts[index + 1]! : block.end;
    this.segmentOffset = block.offsets[index]!;
    return this.segmentOffset;
  }

  private computeBlockOffsets(start: number): BlockOffsets {
    const end = start + blockMilliseconds;
    const starts = [start];
    const offsets = [this.readOffset(start)];
    let previous = offsets[0]!;
    for (let sample = start + sampleMilliseconds; sample < end + sampleMilliseconds; sample += sampleMilliseconds) {
      const at = Math.min(sample, end);
      const offset = this.readOffset(at);
      if (offset === previous) continue;
      // One transition between the samples (tz data never has two within six hours): bisect to the second.
      let low = at - sampleMilliseconds;
      let high = at;
      while (high - low > 1000) {
        const middle = Math.floor((low + high) / 2000) * 1000;
        if (middle <= low) break;
        if (this.readOffset(middle) === previous) low = middle;
        else high = middle;
      }
      if (high < end) {
        starts.push(high);
        offsets.push(offset);
      }
      previous = offset;
    }
    return { starts, offsets, end };
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
  const clock = new IanaZoneClock(zone);
  clocks.set(zone, clock);
  return clock;
}
