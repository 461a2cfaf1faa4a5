// Amounts travel as strings of integer minor units ("123456" USD is 1,234.56). The browser never turns
// them into floats: it moves the decimal point as text and lets Intl format the decimal string.

const scales: Record<string, number> = { JPY: 0, KRW: 0, KWD: 3, BHD: 3, JOD: 3, OMR: 3, TND: 3 };

export function currencyScale(currency: string): number {
  return scales[currency] ?? 2;
}

/** "123456", "USD" → "1234.56" (exact). */
export function minorToDecimal(amountMinor: string, currency: string): string {
  const scale = currencyScale(currency);
  const negative = amountMinor.startsWith('-');
  const digits = (negative ? amountMinor.slice(1) : amountMinor).replace(/^0+(?=\d)/, '');
  if (scale === 0) return `${negative ? '-' : ''}${digits}`;
  const padded = digits.padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
}

/** "123456", "USD" → "$1,234.56" in the user's locale. */
export function formatMoney(amountMinor: string | number | bigint | null | undefined, currency: string | null | undefined, locale?: string): string {
  if (amountMinor === null || amountMinor === undefined || !currency) return '—';
  const decimal = minorToDecimal(String(amountMinor), currency);
  const format = new Intl.NumberFormat(locale ?? 'en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: currencyScale(currency),
    maximumFractionDigits: currencyScale(currency),
  });
  // Intl formats decimal strings exactly (ECMA-402 "Intl.NumberFormat v3"); the cast is for lib typings.
  return format.format(decimal as unknown as number);
}

/**
 * What the user typed ("1,234.5", "1234", "12.34") → minor units as a string, or null when it is not
 * an amount in that currency (too many decimals, letters, negative).
 */
export function parseAmountToMinor(input: string, currency: string): string | null {
  const cleaned = input.trim().replace(/[,\s]/g, '').replace(/^[$£€]/, '');
  const scale = currencyScale(currency);
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (match === null) return null;
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > scale) return null;
  const minor = `${whole}${fraction.padEnd(scale, '0')}`.replace(/^0+(?=\d)/, '');
  return minor;
}
