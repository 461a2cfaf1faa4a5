import type { PromiseStatus } from './decide-promise-outcomes.ts';

export type PromiseRecord = { takenBy: string; status: PromiseStatus; amountMinor: bigint; paidMinor: bigint; currency: string };

export type PromiseStatistics = {
  /** The specialist (actor who took the promises), or null for everyone. */
  takenBy: string | null;
  made: number;
  pending: number;
  kept: number;
  partiallyKept: number;
  broken: number;
  cancelled: number;
  /** kept / (kept + partially kept + broken), as a decimal string with 4 places ("0.6667"); null before any is resolved. */
  keptRate: string | null;
  /** Per currency: promised and paid on the resolved promises. */
  amounts: Array<{ currency: string; promisedMinor: bigint; paidMinor: bigint }>;
};

/** Rate with 4 decimals, rounded half-up, computed on integers. */
function formatRate(numerator: number, denominator: number): string | null {
  if (denominator === 0) return null;
  const scaled = (BigInt(numerator) * 20000n + BigInt(denominator)) / (2n * BigInt(denominator));
  const text = scaled.toString().padStart(5, '0');
  return `${text.slice(0, -4)}.${text.slice(-4)}`;
}

function summarize(takenBy: string | null, records: readonly PromiseRecord[]): PromiseStatistics {
  const count = (status: PromiseStatus) => records.filter((record) => record.status === status).length;
  const kept = count('kept');
  const partiallyKept = count('partially_kept');
  const broken = count('broken');
  const amounts = new Map<string, { currency: string; promisedMinor: bigint; paidMinor: bigint }>();
  for (const record of records) {
    if (record.status === 'pending' || record.status === 'cancelled') continue;
    const entry = amounts.get(record.currency) ?? { currency: record.currency, promisedMinor: 0n, paidMinor: 0n };
    entry.promisedMinor += record.amountMinor;
    entry.paidMinor += record.paidMinor;
    amounts.set(record.currency, entry);
  }
  return {
    takenBy, made: records.length, pending: count('pending'), kept, partiallyKept, broken, cancelled: count('cancelled'),
    keptRate: formatRate(kept, kept + partiallyKept + broken),
    amounts: [...amounts.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1)),
  };
}

/**
 * Kept-rate statistics per specialist (sorted by name) and overall. A partially kept promise is not kept.
 * @example computePromiseStatistics(records).overall.keptRate // "0.7500"
 */
export function computePromiseStatistics(records: readonly PromiseRecord[]): { overall: PromiseStatistics; bySpecialist: PromiseStatistics[] } {
  const groups = new Map<string, PromiseRecord[]>();
  for (const record of records) groups.set(record.takenBy, [...(groups.get(record.takenBy) ?? []), record]);
  return {
    overall: summarize(null, records),
    bySpecialist: [...groups.keys()].sort().map((takenBy) => summarize(takenBy, groups.get(takenBy)!)),
  };
}
