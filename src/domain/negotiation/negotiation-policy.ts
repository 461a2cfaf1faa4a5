// A creditor's negotiation policy per role, as data: the payment-plan bounds (see build-payment-plan-policy.ts),
// the settlement authority, the grace given to promises and plans, and the returned-payment fee.
import type { PaymentPlanPolicy } from './build-payment-plan-policy.ts';

export type NegotiationPolicy = PaymentPlanPolicy & {
  /** The largest discount off the balance this role may grant on its own ("30" = 30 %); above it a supervisor approves. */
  settlementMaxDiscountPercent: string;
  /** A settlement paid by a short plan has at most this many installments. */
  settlementMaxInstallments: number;
  /** Days after the promised date on which a payment still keeps the promise. */
  promiseGraceDays: number;
  /** Days after an installment's due date on which paying is still on time. */
  planGraceDays: number;
  /** A plan breaks when this many installments have been missed. */
  missedInstallmentsToBreak: number;
  /** Charged (a `fee` ledger entry) when a payment comes back with one of `returnedPaymentFeeCodes`; 0: never. */
  returnedPaymentFeeMinor: bigint;
  returnedPaymentFeeCodes: readonly string[];
};

/** One stored layer: a field left undefined inherits from the layers before it. */
export type NegotiationPolicyLayer = { creditorId: string; role: string } & Partial<NegotiationPolicy>;

/**
 * What applies where nobody configured anything: modest limits a supervisor would recognise. The minimum
 * installment is 2,500 minor units of the plan's currency unless a layer sets one with its currency.
 * Returned-payment fee: none by default (many US states cap or forbid it; a creditor turns it on).
 */
export const defaultNegotiationPolicy: NegotiationPolicy = {
  currency: 'USD',
  minimumInstallmentMinor: 2500n,
  maximumTermMonths: 24,
  minimumDownPaymentPercent: '0',
  maximumAprPercent: undefined,
  settlementMaxDiscountPercent: '20',
  settlementMaxInstallments: 6,
  promiseGraceDays: 3,
  planGraceDays: 5,
  missedInstallmentsToBreak: 2,
  returnedPaymentFeeMinor: 0n,
  returnedPaymentFeeCodes: ['R01', 'R09'],
};

/**
 * Built-in role defaults, applied over `defaultNegotiationPolicy` before any stored layer: a supervisor
 * approves what a specialist may not (a settlement authority of 40 %, plans up to 36 months); an admin
 * has full authority. Stored layers override these like any other field.
 */
export const defaultRolePolicies: Readonly<Record<string, Partial<NegotiationPolicy>>> = {
  supervisor: { settlementMaxDiscountPercent: '40', maximumTermMonths: 36, settlementMaxInstallments: 12 },
  admin: { settlementMaxDiscountPercent: '100', maximumTermMonths: 60, settlementMaxInstallments: 24 },
};

/** Layer order, least specific first: the tenant's ('*','*'), ('*', role), (creditor, '*'), (creditor, role). */
const specificity = (layer: { creditorId: string; role: string }) => (layer.creditorId === '*' ? 0 : 2) + (layer.role === '*' ? 0 : 1);

/**
 * The policy for one creditor and role: the built-in defaults (and built-in role defaults), then every
 * matching stored layer from the least to the most specific, field by field. `currency` (the plan's) is the
 * currency of the built-in minimum installment (25.00 in it, or 2,500 minor units of a currency without cents).
 * @example buildNegotiationPolicy(layers, { creditorId: 'cred_1', role: 'specialist' }).settlementMaxDiscountPercent
 */
export function buildNegotiationPolicy(layers: readonly NegotiationPolicyLayer[], scope: { creditorId: string; role: string; currency?: string }): NegotiationPolicy {
  const matching = layers
    .filter((layer) => (layer.creditorId === '*' || layer.creditorId === scope.creditorId) && (layer.role === '*' || layer.role === scope.role))
    .sort((left, right) => specificity(left) - specificity(right));
  // The built-in minimum installment counts in the currency asked about (a stored minimum names its own).
  let policy: NegotiationPolicy = { ...defaultNegotiationPolicy, currency: scope.currency ?? defaultNegotiationPolicy.currency, ...(Object.hasOwn(defaultRolePolicies, scope.role) ? defaultRolePolicies[scope.role] : {}) };
  for (const layer of matching) {
    const { creditorId: _creditorId, role: _role, ...fields } = layer;
    const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== null));
    policy = { ...policy, ...defined };
  }
  return policy;
}
