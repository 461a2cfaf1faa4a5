// The contact history as columns (typed arrays), built once when facts are prepared, for the frequency rules'
// hot loops. A decision on a 50-attempt history then reads a few contiguous arrays instead of fifty objects
// spread over the heap, which is most of the cost of counting (issue #3 §8: ≥ 200,000 decisions/s).
// Columns are in time order (oldest first): a rule finds the start of its window by bisection and reads only
// the entries inside it. Positions in the columns are not history indexes; `entryIndex` maps one to the other.
// Codes are indexes into the vocabularies of compliance-facts.ts; `debtMask` has bit i set when the entry
// concerns the i-th debt of the facts (an entry that names no debt concerns every debt).
import {
  historyChannels, historyOutcomes, numberUses, personRoles,
  type DebtFacts, type HistoryChannel, type HistoryEntry, type HistoryOutcome, type NumberUse, type PersonRole,
} from './compliance-facts.ts';

/** Bits of `HistoryColumns.marks`. */
export const historyMarks = {
  inbound: 1,
  inResponseToDebtorRequest: 2,
  trulyUnableToReach: 4,
  notUnderDirectConsent: 8,
  locationPurpose: 16,
} as const;

export type HistoryColumns = {
  /** Instants in ascending order. */
  atMs: Float64Array;
  /** The history index of the entry at each position. */
  entryIndex: Int32Array;
  channel: Uint8Array;
  outcome: Uint8Array;
  person: Uint8Array;
  numberUse: Uint8Array;
  marks: Uint8Array;
  debtMask: Uint32Array;
  /** Bit of each debt id in `debtMask` (at most 31 debts get a bit of their own). */
  debtBits: ReadonlyMap<string, number>;
};

const debtBitsMax = 31;
const unknownCode = 255;

function buildCodes<T extends string>(values: readonly T[]): ReadonlyMap<T, number> {
  return new Map(values.map((value, index) => [value, index]));
}

const channelCodes = buildCodes(historyChannels);
const outcomeCodes = buildCodes(historyOutcomes);
const personCodes = buildCodes(personRoles);
const numberUseCodes = buildCodes(numberUses);

export function encodeHistoryChannel(channel: HistoryChannel): number {
  return channelCodes.get(channel)!;
}

export function encodeHistoryOutcome(outcome: HistoryOutcome): number {
  return outcomeCodes.get(outcome)!;
}

export function encodePersonRole(person: PersonRole): number {
  return personCodes.get(person)!;
}

export function encodeNumberUse(use: NumberUse | undefined): number {
  return use === undefined ? unknownCode : numberUseCodes.get(use)!;
}

export const noOutcomeCode = unknownCode;

/**
 * Builds the columns of a history. Debts beyond the 31st share the last bit with every entry that names any of
 * them, so counts for those debts can only come out higher (stricter), never lower.
 */
export function buildHistoryColumns(history: HistoryEntry[], debts: DebtFacts[]): HistoryColumns {
  const debtBits = new Map<string, number>();
  debts.forEach((debt, index) => debtBits.set(debt.id, 2 ** Math.min(index, debtBitsMax - 1)));
  const length = history.length;
  // One buffer for every column: a decision then touches one contiguous block of memory, not eight.
  const buffer = new ArrayBuffer(length * (8 + 4 + 4 + 5));
  const columns: HistoryColumns = {
    atMs: new Float64Array(buffer, 0, length),
    entryIndex: new Int32Array(buffer, length * 8, length),
    debtMask: new Uint32Array(buffer, length * 12, length),
    channel: new Uint8Array(buffer, length * 16, length),
    outcome: new Uint8Array(buffer, length * 17, length),
    person: new Uint8Array(buffer, length * 18, length),
    numberUse: new Uint8Array(buffer, length * 19, length),
    marks: new Uint8Array(buffer, length * 20, length),
    debtBits,
  };
  const order = Array.from({ length }, (_, index) => index).sort((left, right) => history[left]!.atMs - history[right]!.atMs);
  for (let index = 0; index < length; index += 1) {
    const entry = history[order[index]!]!;
    columns.entryIndex[index] = order[index]!;
    columns.atMs[index] = entry.atMs;
    columns.channel[index] = encodeHistoryChannel(entry.channel);
    columns.outcome[index] = entry.outcome === undefined ? unknownCode : encodeHistoryOutcome(entry.outcome);
    columns.person[index] = encodePersonRole(entry.person);
    columns.numberUse[index] = encodeNumberUse(entry.numberUse);
    columns.marks[index] =
      (entry.direction === 'inbound' ? historyMarks.inbound : 0) |
      (entry.inResponseToDebtorRequest === true ? historyMarks.inResponseToDebtorRequest : 0) |
      (entry.trulyUnableToReach ? historyMarks.trulyUnableToReach : 0) |
      (entry.madeUnderDirectPriorConsent === false ? historyMarks.notUnderDirectConsent : 0) |
      (entry.purpose === 'location' ? historyMarks.locationPurpose : 0);
    let mask = 0;
    if (entry.debtIds === undefined) {
      mask = 0xffffffff;
    } else {
      for (const id of entry.debtIds) {
        // A debt the facts do not list still concerns the entry; it takes no bit of the listed debts.
        const bit = debtBits.get(id);
        if (bit !== undefined) mask |= bit;
      }
    }
    columns.debtMask[index] = mask >>> 0;
  }
  return columns;
}

/** The first position at or after `floorMs` (bisection over the time-ordered instants). */
export function findFirstPositionFrom(columns: HistoryColumns, floorMs: number): number {
  const { atMs } = columns;
  let low = 0;
  let high = atMs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (atMs[middle]! < floorMs) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The mask bit of a debt (0 when the facts do not list it: no entry then counts for it by mask). */
export function findDebtBit(columns: HistoryColumns, debtId: string): number {
  return columns.debtBits.get(debtId) ?? 0;
}
