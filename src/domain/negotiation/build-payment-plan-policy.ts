import type { PaymentPlanFrequency } from './compute-installment-due-date.ts';

/** The limits a payment plan must stay within, for one creditor and one role. */
export type PaymentPlanPolicy = {
  /** The currency `minimumInstallmentMinor` is counted in. */
  currency: string;
  /** No installment may be smaller than this. */
  minimumInstallmentMinor: bigint;
  /** The last installment falls due at most this many months after the start date. */
  maximumTermMonths: number;
  /** Optionally also a cap on the number of installments, per frequency. */
  maximumInstallments?: Partial<Record<PaymentPlanFrequency, number>> | undefined;
  /** The down payment is at least this share of the principal ("10" = 10 %; "0" = none required). */
  minimumDownPaymentPercent: string;
  /** When set, no plan may charge a higher APR. */
  maximumAprPercent?: string | undefined;
};

/**
 * Payment-plan policies as data. Four layers, each overriding the one before it field by field:
 * 1. `defaults` — the tenant's policy;
 * 2. `roles[role]` — what a role may grant anywhere (a supervisor may allow longer terms);
 * 3. `creditors[creditorId].defaults` — the creditor's own policy, which beats the tenant's roles;
 * 4. `creditors[creditorId].roles[role]` — the creditor's policy for that role, the most specific.
 */
export type PaymentPlanPolicies = {
  defaults: PaymentPlanPolicy;
  roles?: Record<string, Partial<PaymentPlanPolicy>>;
  creditors?: Record<string, { defaults?: Partial<PaymentPlanPolicy>; roles?: Record<string, Partial<PaymentPlanPolicy>> }>;
};

/** Whose plan it is and who offers it: the keys that pick the policy layers. */
export type PaymentPlanPolicyScope = { creditorId: string; role: string };

/**
 * The policy that applies to one creditor and one role, the layers merged in override order.
 * A layer that leaves a field out (or sets it to undefined) keeps the value from the layers before.
 * @example buildPaymentPlanPolicy({ defaults, roles: { supervisor: { maximumTermMonths: 24 } } }, { creditorId: 'cred_1', role: 'supervisor' })
 */
export function buildPaymentPlanPolicy(policies: PaymentPlanPolicies, scope: PaymentPlanPolicyScope): PaymentPlanPolicy {
  const creditor = own(policies.creditors, scope.creditorId);
  const layers = [own(policies.roles, scope.role), creditor?.defaults, own(creditor?.roles, scope.role)];
  let policy: PaymentPlanPolicy = { ...policies.defaults };
  for (const layer of layers) {
    if (layer === undefined) continue;
    const defined = Object.fromEntries(Object.entries(layer).filter(([, value]) => value !== undefined));
    policy = { ...policy, ...defined };
  }
  return policy;
}

/** record[key] only when it is the record's own entry (a role named "constructor" is not Object's). */
function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
