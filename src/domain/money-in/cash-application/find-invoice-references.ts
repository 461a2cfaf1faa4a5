// Finds invoice numbers in what a payer wrote. People write "INV-000123", "inv 123", "INV000123",
// "Rechnung INV-131 und INV-132" or "Rg. 2026-0815": the text is cut into letter/digit words, neighbouring
// words are tried together (longest first), and both sides are compared by a key that ignores case,
// spaces, dashes and other punctuation and the leading zeros of each run of digits.

/** "INV-000123" → "INV123"; "inv 0123" → "INV123"; "2026-0815" → "20260815" (punctuation goes first). */
export function normalizeInvoiceKey(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, ''));
}

/** The trailing digits of an invoice number with a non-digit part ("INV-000123" → "123"), else null. */
export function trailingDigitsKey(invoiceNumber: string): string | null {
  const compact = invoiceNumber.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const match = /^(.*[A-Z].*?)(\d+)$/.exec(compact);
  if (match === null) return null;
  return (match[2] ?? '').replace(/^0+(?=\d)/, '');
}

export type ReferenceWindow = {
  /** The words as the payer wrote them, joined by their separators. */
  written: string;
  key: string;
  /** Only digits (the window is all-number words); `digitCount` counts them as written, zeros included. */
  digitsOnly: boolean;
  digitCount: number;
};

type Word = { text: string; start: number; end: number };

/** The longest window of neighbouring words tried as one number ("INV 2026 0042" is three words). */
export const referenceWindowWordsMax = 4;

/**
 * Candidate windows of a text, longest first from each word: the caller keeps the first that names an
 * invoice and skips the words it covered (`wordCount`), so "INV-2026-0042" is not also read as "INV-2026".
 */
export function listReferenceWindows(text: string): Array<{ startWord: number; windows: Array<ReferenceWindow & { wordCount: number }> }> {
  const words: Word[] = [];
  for (const match of text.toUpperCase().matchAll(/[A-Z0-9]+/g)) words.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  const result: Array<{ startWord: number; windows: Array<ReferenceWindow & { wordCount: number }> }> = [];
  for (let start = 0; start < words.length; start++) {
    const windows: Array<ReferenceWindow & { wordCount: number }> = [];
    let end = start;
    // Words join across up to three separator characters ("INV-000123", "INV - 123", "2026/0815"), not across more.
    while (end + 1 < words.length && end - start + 1 < referenceWindowWordsMax && (words[end + 1]?.start ?? 0) - (words[end]?.end ?? 0) <= 3) end++;
    for (let last = end; last >= start; last--) {
      const slice = words.slice(start, last + 1);
      const joined = slice.map((word) => word.text).join('');
      if (!/\d/.test(joined)) continue;
      const digitsOnly = /^\d+$/.test(joined);
      windows.push({
        written: text.slice(slice[0]?.start ?? 0, slice[slice.length - 1]?.end ?? 0),
        key: normalizeInvoiceKey(joined),
        digitsOnly,
        digitCount: digitsOnly ? joined.length : 0,
        wordCount: slice.length,
      });
    }
    result.push({ startWord: start, windows });
  }
  return result;
}
