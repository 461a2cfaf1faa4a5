import { formatDecimal } from '../money/money.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import { parsePercent } from './plan-decimal.ts';

export type SettlementAuthority = {
  discountMinor: bigint;
  /** The discount as a share of the balance, rounded half-up to 2 decimals for people ("33.33"); decisions use the exact fraction. */
  discountPercent: string;
  /** True when the discount is at most the role's authority: the specialist may agree it alone. */
  withinAuthority: boolean;
  /** Why, in a sentence that names the bound. */
  reason: string;
};

/**
 * Whether a role may settle `balanceMinor` for `settlementMinor` on its own. The discount (balance −
 * settlement) is compared exactly with `maxDiscountPercent` of the balance (cross-multiplied on integers):
 * at the bound is within authority, a minor unit more needs a supervisor's approval.
 *
 * @example decideSettlementAuthority(100000n, 70000n, '30', 'USD') // within authority: a 30 % discount
 */
export function decideSettlementAuthority(balanceMinor: bigint, settlementMinor: bigint, maxDiscountPercent: string, currency: string):
  Result<SettlementAuthority, 'invalid_amount' | 'invalid_policy'> {
  if (balanceMinor <= 0n) return fail('invalid_amount', 'there is no open balance to settle', 'account');
  if (settlementMinor <= 0n) return fail('invalid_amount', 'the settlement amount must be greater than zero', 'amount');
  if (settlementMinor >= balanceMinor) {
    return fail('invalid_amount', `a settlement is less than the balance of ${formatDecimal(balanceMinor, currency)} ${currency}; take a payment or a plan instead`, 'amount');
  }
  const authority = parsePercent(maxDiscountPercent);
  if (authority === null) return fail('invalid_policy', `the settlement authority "${maxDiscountPercent}" is not a percentage`, 'settlementMaxDiscountPercent');
  const discountMinor = balanceMinor - settlementMinor;
  // discount / balance ≤ numerator / (100 × denominator)
  const withinAuthority = discountMinor * 100n * authority.denominator <= balanceMinor * authority.numerator;
  // Half-up to hundredths of a percent: discount × 10000 / balance.
  const hundredths = (discountMinor * 20000n + balanceMinor) / (2n * balanceMinor);
  const discountPercent = `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
  const reason = withinAuthority
    ? `a discount of ${discountPercent} % is within the role's settlement authority of ${authority.text} %`
    : `a discount of ${discountPercent} % is above the role's settlement authority of ${authority.text} %: a supervisor must approve it`;
  return ok({ discountMinor, discountPercent, withinAuthority, reason });
}
