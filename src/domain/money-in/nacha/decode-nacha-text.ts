// NACHA files are meant to be ASCII, yet names arrive in UTF-8 from some originators and in Windows-1252
// from others. Bytes that are valid UTF-8 are read as UTF-8; anything else as Windows-1252, where every
// byte is one character. Either way each character keeps its place, so positions stay right.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

// Windows-1252 differs from Latin-1 in 0x80-0x9F. Node's TextDecoder('windows-1252') decodes those bytes as
// Latin-1 C1 controls, so the table is spelled out (WHATWG Encoding, index-windows-1252). The five bytes it
// leaves undefined stay C1 controls, which parseNachaFile refuses in text fields.
const windows1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte >= 0x80 && byte <= 0x9f ? windows1252High[byte - 0x80] : String.fromCharCode(byte);
  return text;
}

/**
 * The text of a NACHA file from its bytes, and which encoding was used.
 * @example decodeNachaText(new Uint8Array([0x41, 0xa6])) // { text: 'A¦', encoding: 'windows-1252' }
 */
export function decodeNachaText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    // The fatal decoder throws on the first byte that is not UTF-8: that is the answer, not a failure.
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}
