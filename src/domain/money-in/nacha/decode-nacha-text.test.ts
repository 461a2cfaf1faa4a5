import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeNachaText } from './decode-nacha-text.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../../test/fixtures/nacha/${name}`, import.meta.url));

describe('decodeNachaText', () => {
  it('reads UTF-8 bytes as UTF-8, so a two-byte letter is one character', () => {
    const decoded = decodeNachaText(fixture('extended-ascii.ach'));
    expect(decoded.encoding).toBe('utf-8');
    const line = decoded.text.split('\n')[14] ?? '';
    expect(line).toContain('Aużtin');
    expect(Array.from(line)).toHaveLength(94);
  });

  it('reads bytes that are not UTF-8 as Windows-1252, one character per byte', () => {
    const decoded = decodeNachaText(fixture('nonascii.ach'));
    expect(decoded.encoding).toBe('windows-1252');
    const line = decoded.text.split('\n')[2] ?? '';
    expect(line).toContain('Receiver¦Acc Name');
    expect(line).toHaveLength(94);
  });

  it('maps the Windows-1252 letters that Latin-1 lacks', () => {
    expect(decodeNachaText(new Uint8Array([0x80, 0x8a, 0x9f])).text).toBe('€ŠŸ');
  });
});
