import { fail, ok, type Result } from '../shared/result.ts';

/** An exact amount: integer minor units (cents for USD, yen for JPY, fils for KWD) and an ISO 4217 code. */
export type Money = { amountMinor: bigint; currency: string };

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));
const scaleCache = new Map<string, number>();

/** Whether `code` is an ISO 4217 currency code this runtime knows. */
export function isKnownCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && knownCurrencies.has(code);
}

/** Digits after the decimal point for a currency (USD 2, JPY 0, KWD 3), from the ICU data of ISO 4217. */
export function currencyScale(currency: string): number {
  const cached = scaleCache.get(currency);
  if (cached !== undefined) return cached;
  if (!isKnownCurrency(currency)) throw new Error(`invariant violated: unknown currency ${currency}`);
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  scaleCache.set(currency, digits);
  return digits;
}

export type DecimalFormat = { decimalSeparator: '.' | ','; thousandsSeparator?: '' | ',' | '.' | ' ' | "'" | undefined };

/**
 * Parses a decimal amount written by a person or a spreadsheet ("1,234.5", "1.234,50", "12") into exact
 * minor units, without ever going through a floating-point number. More decimals than the currency has
 * is an error, not a silent rounding.
 */
export function parseAmount(text: string, currency: string, format: DecimalFormat = { decimalSeparator: '.' }): Result<bigint, 'malformed_amount' | 'too_many_decimals'> {
  const scale = currencyScale(currency);
  let value = text.trim().replace(/^\$|^€|^£/, '').trim();
  if (value === '') return fail('malformed_amount', 'is empty');
  let negative = false;
  if (value.startsWith('-')) {
    negative = true;
    value = value.slice(1);
  } else if (value.startsWith('(') && value.endsWith(')')) {
    negative = true;
    value = value.slice(1, -1);
  }
  const thousands = format.thousandsSeparator ?? '';
  if (thousands !== '') {
    // Grouping must be in threes: "1,234" is fine, "12,34" is not (likely a wrong decimal separator).
    const [integerPart] = value.split(format.decimalSeparator);
    if (integerPart !== undefined && integerPart.includes(thousands)) {
      const groups = integerPart.split(thousands);
      if (groups.slice(1).some((group) => group.length !== 3) || groups[0] === '') {
        return fail('malformed_amount', `"${text}" has misplaced "${thousands}" thousands separators`);
      }
    }
    value = value.split(thousands).join('');
  }
  const parts = value.split(format.decimalSeparator);
  if (parts.length > 2) return fail('malformed_amount', `"${text}" is not a number`);
  const [whole = '', fraction = ''] = parts;
  if (!/^\d+$/.test(whole) && !(whole === '' && fraction !== '')) return fail('malformed_amount', `"${text}" is not a number`);
  if (fraction !== '' && !/^\d+$/.test(fraction)) return fail('malformed_amount', `"${text}" is not a number`);
  const significantFraction = fraction.replace(/0+$/, '');
  if (significantFraction.length > scale) {
    return fail('too_many_decimals', `"${text}" has more than ${scale} decimals for ${currency}`);
  }
  const minor = BigInt(whole === '' ? '0' : whole) * 10n ** BigInt(scale) + BigInt((fraction + '0'.repeat(scale)).slice(0, scale) || '0');
  return ok(negative ? -minor : minor);
}

/** "1234.50" style text of an amount in minor units: exact, for files and JSON-adjacent output. */
export function formatDecimal(amountMinor: bigint, currency: string): string {
  const scale = currencyScale(currency);
  const negative = amountMinor < 0n;
  const digits = (negative ? -amountMinor : amountMinor).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
}

/** "1,234.50" with thousands grouping, for tables people read. */
export function formatAmount(amountMinor: bigint, currency: string): string {
  const plain = formatDecimal(amountMinor, currency);
  const negative = plain.startsWith('-');
  const [whole = '', fraction] = (negative ? plain.slice(1) : plain).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`;
}

export const money = (amountMinor: bigint, currency: string): Money => ({ amountMinor, currency });
