// Deterministic, pure hashes for assignment and keys (src/domain has no crypto): FNV-1a, 32 bits, and a
// 128-bit digest from four FNV-1a lanes with different offsets. Not for security; for spreading and naming.

/** FNV-1a 32-bit over the UTF-16 code units of `text`, as an unsigned integer. */
export function computeFnv1a32(text: string, offset = 0x811c9dc5): number {
  let hash = offset >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // Final avalanche (murmur3 fmix32) so near keys spread across buckets.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** A 128-bit digest of `text` as 32 lower-case hex digits. */
export function computeDigest128(text: string): string {
  const lanes = [0x811c9dc5, 0x050c5d1f, 0x2f4b5a9d, 0x6b8b4567];
  return lanes.map((offset, lane) => computeFnv1a32(`${lane}:${text}`, offset).toString(16).padStart(8, '0')).join('');
}
