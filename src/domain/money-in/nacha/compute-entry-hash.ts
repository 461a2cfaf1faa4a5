// NACHA Entry Hash: the sum of the 8-digit Receiving DFI Identifications (routing numbers without their
// check digit) of every entry in the batch or file, keeping the 10 rightmost digits of the sum.
const hashModulus = 10_000_000_000;

/**
 * Adds one entry's Receiving DFI Identification to a running entry hash (both below 10^10).
 * @example addToEntryHash(addToEntryHash(0, '23138010'), '12104288') // 35242298
 */
export function addToEntryHash(entryHash: number, receivingDfiIdentification: string): number {
  return (entryHash + Number(receivingDfiIdentification)) % hashModulus;
}

/** The entry hash of a list of 8-digit Receiving DFI Identifications. */
export function computeEntryHash(receivingDfiIdentifications: Iterable<string>): number {
  let entryHash = 0;
  for (const identification of receivingDfiIdentifications) entryHash = addToEntryHash(entryHash, identification);
  return entryHash;
}

/** Sums entry hashes (of batches, for the file control), keeping 10 digits. */
export function sumEntryHashes(entryHashes: Iterable<number>): number {
  let total = 0;
  for (const entryHash of entryHashes) total = (total + entryHash) % hashModulus;
  return total;
}
