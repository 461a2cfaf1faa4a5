import { describe, expect, it } from 'vitest';
import { formatMoney, minorToDecimal, parseAmountToMinor } from '../web/src/shared/money.ts';

// The browser moves the decimal point as text: amounts stay exact beyond 2^53 minor units, and what a
// user types becomes minor units without passing through a float.
describe('web money formatting', () => {
  it('formats minor-unit strings exactly, in the currency\'s scale', () => {
    expect(formatMoney('123456', 'USD')).toBe('$1,234.56');
    expect(formatMoney('5', 'USD')).toBe('$0.05');
    expect(formatMoney('-250', 'GBP')).toBe('-£2.50');
    expect(formatMoney('1500', 'JPY')).toBe('¥1,500');
    expect(formatMoney('1234', 'KWD')).toBe('KWD\u00a01.234');
    // 2^53 + 1 cents: a float would print ...992.00
    expect(formatMoney('9007199254740993', 'USD')).toBe('$90,071,992,547,409.93');
    expect(formatMoney(null, 'USD')).toBe('—');
  });

  it('moves the decimal point as text', () => {
    expect(minorToDecimal('0', 'USD')).toBe('0.00');
    expect(minorToDecimal('007', 'USD')).toBe('0.07');
    expect(minorToDecimal('-1', 'KWD')).toBe('-0.001');
  });

  it('reads what a user types, refusing more decimals than the currency has', () => {
    expect(parseAmountToMinor('1,234.5', 'USD')).toBe('123450');
    expect(parseAmountToMinor(' $100 ', 'USD')).toBe('10000');
    expect(parseAmountToMinor('0.10', 'USD')).toBe('10');
    expect(parseAmountToMinor('12.345', 'USD')).toBeNull();
    expect(parseAmountToMinor('12.345', 'KWD')).toBe('12345');
    expect(parseAmountToMinor('100', 'JPY')).toBe('100');
    expect(parseAmountToMinor('1.5', 'JPY')).toBeNull();
    expect(parseAmountToMinor('-5', 'USD')).toBeNull();
    expect(parseAmountToMinor('abc', 'USD')).toBeNull();
    expect(parseAmountToMinor('90071992547409.93', 'USD')).toBe('9007199254740993');
  });
});
