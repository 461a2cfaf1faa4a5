import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { currencyScale, formatAmount, formatDecimal, isKnownCurrency, parseAmount } from './money.ts';

describe('money', () => {
  it('knows each currency scale: USD 2, JPY 0, KWD 3', () => {
    expect(currencyScale('USD')).toBe(2);
    expect(currencyScale('JPY')).toBe(0);
    expect(currencyScale('KWD')).toBe(3);
  });

  it('rejects codes that are not ISO 4217 currencies', () => {
    expect(isKnownCurrency('USD')).toBe(true);
    expect(isKnownCurrency('XYZ')).toBe(false);
    expect(isKnownCurrency('usd')).toBe(false);
  });

  it('parses amounts exactly, with or without decimals', () => {
    expect(parseAmount('55.94', 'USD')).toEqual({ ok: true, value: 5594n });
    expect(parseAmount('61', 'USD')).toEqual({ ok: true, value: 6100n });
    expect(parseAmount('0.1', 'USD')).toEqual({ ok: true, value: 10n });
    expect(parseAmount('1,234.50', 'USD', { decimalSeparator: '.', thousandsSeparator: ',' })).toEqual({ ok: true, value: 123450n });
    expect(parseAmount('1.234,50', 'EUR', { decimalSeparator: ',', thousandsSeparator: '.' })).toEqual({ ok: true, value: 123450n });
    expect(parseAmount('1500', 'JPY')).toEqual({ ok: true, value: 1500n });
    expect(parseAmount('-12.30', 'USD')).toEqual({ ok: true, value: -1230n });
  });

  it('never rounds silently: too many decimals is an error', () => {
    expect(parseAmount('10.005', 'USD')).toMatchObject({ ok: false, code: 'too_many_decimals' });
    expect(parseAmount('10.5', 'JPY')).toMatchObject({ ok: false, code: 'too_many_decimals' });
    expect(parseAmount('10.500', 'USD')).toEqual({ ok: true, value: 1050n });
  });

  it('rejects malformed amounts', () => {
    for (const text of ['', 'abc', '12.3.4', '1e5', '12,34', '--5', '5-']) {
      expect(parseAmount(text, 'USD', { decimalSeparator: '.', thousandsSeparator: ',' }).ok, text).toBe(false);
    }
  });

  it('formats minor units back to the same decimal text (round trip, any amount)', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.constantFrom('USD', 'JPY', 'KWD'), (amount, currency) => {
      const parsed = parseAmount(formatDecimal(amount, currency), currency);
      expect(parsed).toEqual({ ok: true, value: amount });
    }));
    expect(formatAmount(123456789n, 'USD')).toBe('1,234,567.89');
    expect(formatAmount(-5n, 'USD')).toBe('-0.05');
  });
});
