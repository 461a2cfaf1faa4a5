import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeRoutingCheckDigit, isValidRoutingNumber } from './compute-routing-check-digit.ts';

describe('computeRoutingCheckDigit', () => {
  it('weighs the eight digits 3, 7, 1 and completes the sum to a multiple of ten', () => {
    // 2·3 + 3·7 + 1·1 + 3·3 + 8·7 + 0·1 + 1·3 + 0·7 = 96, so the check digit is 4.
    expect(computeRoutingCheckDigit('23138010')).toBe('4');
    expect(computeRoutingCheckDigit('12104288')).toBe('2');
    expect(computeRoutingCheckDigit('03130001')).toBe('2');
    // A sum that is already a multiple of ten gives 0, not 10.
    expect(computeRoutingCheckDigit('00000000')).toBe('0');
  });

  it('answers null for anything but eight digits', () => {
    expect(computeRoutingCheckDigit('2313801')).toBeNull();
    expect(computeRoutingCheckDigit('2313801A')).toBeNull();
    expect(computeRoutingCheckDigit('231380104')).toBeNull();
  });
});

describe('isValidRoutingNumber', () => {
  it('accepts routing numbers from real files and refuses a wrong last digit', () => {
    expect(isValidRoutingNumber('231380104')).toBe(true);
    expect(isValidRoutingNumber('091400606')).toBe(true);
    expect(isValidRoutingNumber('231380105')).toBe(false);
    expect(isValidRoutingNumber('23138010')).toBe(false);
  });

  it('catches every change of a single digit, because 3, 7 and 1 are prime to 10', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{8}$/), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (prefix, index, shift) => {
      const routingNumber = prefix + computeRoutingCheckDigit(prefix);
      const digits = [...routingNumber];
      digits[index] = String((Number(digits[index]) + shift) % 10);
      expect(isValidRoutingNumber(routingNumber)).toBe(true);
      expect(isValidRoutingNumber(digits.join(''))).toBe(false);
    }));
  });
});
