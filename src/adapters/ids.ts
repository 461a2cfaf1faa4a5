import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/** A prefixed, time-ordered id such as `inv_01jf…` (48-bit milliseconds + 80 random bits). */
export function newId(prefix: string, now: number = Date.now()): string {
  let time = '';
  let ms = now;
  for (let i = 0; i < 10; i++) {
    time = alphabet[ms % 32] + time;
    ms = Math.floor(ms / 32);
  }
  const bytes = randomBytes(16);
  let random = '';
  for (let i = 0; i < 16; i++) random += alphabet[bytes[i]! % 32];
  return `${prefix}_${time}${random}`;
}
