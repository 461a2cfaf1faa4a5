import { describe, expect, it } from 'vitest';
import { listReferenceWindows, normalizeInvoiceKey, trailingDigitsKey } from './find-invoice-references.ts';

describe('normalizeInvoiceKey', () => {
  it('ignores case, blanks, dashes and the leading zeros of each number', () => {
    expect(['INV-000123', 'inv 123', 'INV000123', 'Inv_0123'].map(normalizeInvoiceKey)).toEqual(['INV123', 'INV123', 'INV123', 'INV123']);
    expect(normalizeInvoiceKey('2026-0815')).toBe('20260815'); // punctuation goes first: one number
    expect(normalizeInvoiceKey('000')).toBe('0');
  });
});

describe('trailingDigitsKey', () => {
  it('is the number of a prefixed invoice number, and null for one that is only digits or ends in letters', () => {
    expect(trailingDigitsKey('INV-000123')).toBe('123');
    expect(trailingDigitsKey('2026-0815')).toBeNull();
    expect(trailingDigitsKey('INV-12A')).toBeNull();
  });
});

describe('listReferenceWindows', () => {
  it('tries neighbouring words together, longest first, and not across a long gap', () => {
    const [first] = listReferenceWindows('INV - 000 123    and more');
    expect(first?.windows.map((window) => window.written)).toEqual(['INV - 000 123', 'INV - 000', 'INV']
      .filter((written) => /\d/.test(written)));
    expect(first?.windows[0]).toMatchObject({ key: 'INV123', digitsOnly: false, wordCount: 3 });
  });

  it('counts the digits of an all-number window as written, zeros included', () => {
    const windows = listReferenceWindows('Rg. 000123').flatMap((start) => start.windows);
    expect(windows.find((window) => window.digitsOnly)).toMatchObject({ written: '000123', key: '123', digitCount: 6 });
  });
});
