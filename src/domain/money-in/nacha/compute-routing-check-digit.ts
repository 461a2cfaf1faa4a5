// ABA routing numbers: 8 digits identify the bank, the 9th is a check digit. The weighted sum
// 3·d1 + 7·d2 + 1·d3 + 3·d4 + 7·d5 + 1·d6 + 3·d7 + 7·d8 + 1·d9 is a multiple of 10.
const weights = [3, 7, 1, 3, 7, 1, 3, 7] as const;

/**
 * The check digit of an 8-digit routing prefix, or null when `routingPrefix` is not 8 digits.
 * @example computeRoutingCheckDigit('23138010') // '4' (routing number 231380104)
 */
export function computeRoutingCheckDigit(routingPrefix: string): string | null {
  if (!/^\d{8}$/.test(routingPrefix)) return null;
  let sum = 0;
  for (let index = 0; index < 8; index += 1) sum += Number(routingPrefix[index]) * (weights[index] ?? 0);
  return String((10 - (sum % 10)) % 10);
}

/** Whether `routingNumber` is 9 digits whose last digit is the check digit of the first 8. */
export function isValidRoutingNumber(routingNumber: string): boolean {
  return /^\d{9}$/.test(routingNumber) && computeRoutingCheckDigit(routingNumber.slice(0, 8)) === routingNumber[8];
}
