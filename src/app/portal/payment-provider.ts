import { createHash } from 'node:crypto';

/**
 * Takes money from the debtor (card, bank) before the book posts it. A real provider (Stripe, Adyen, GoCardless)
 * is an adapter with this shape; the embedded setup uses the built-in test provider below.
 */
export type PaymentProvider = {
  readonly name: string;
  charge(input: { amountMinor: bigint; currency: string; idempotencyKey: string; method: PortalPaymentMethod }): Promise<ChargeResult>;
};

export type PortalPaymentMethod = { kind: 'card'; cardNumber: string } | { kind: 'bank'; accountNumber: string };
export type ChargeResult = { ok: true; providerReference: string } | { ok: false; code: 'payment_declined'; message: string };

/**
 * The test provider: no money moves. Like the test modes of card processors, card 4000 0000 0000 0002 is
 * declined and every other number is approved; the reference is derived from the idempotency key, so a
 * retried charge is the same charge.
 */
export const builtInTestPaymentProvider: PaymentProvider = {
  name: 'test',
  async charge(input) {
    const number = input.method.kind === 'card' ? input.method.cardNumber.replace(/\D/g, '') : input.method.accountNumber;
    if (number === '4000000000000002') return { ok: false, code: 'payment_declined', message: 'the card was declined (test card 4000 0000 0000 0002)' };
    return { ok: true, providerReference: `test_${createHash('sha256').update(input.idempotencyKey).digest('hex').slice(0, 24)}` };
  },
};
