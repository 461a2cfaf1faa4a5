// NY-23NYCRR1: 23 NYCRR Part 1 (DFS), here 1.6 (electronic communications). Confidence M/verify.
// A collector may email a New York consumer only at an address the consumer agreed to be emailed at
// (1.6 as amended 2021-2022: consent to the specific address, and never an employer-provided address).
// The 1.3 time-barred notice before accepting payment is in time-barred-debt.ts with the other state notices.
import { addReason, type DecisionContext } from './decision-context.ts';
import { isSameAddress } from './medium-opt-outs.ts';

export function decideNewYorkDebtCollection(context: DecisionContext): void {
  const { action, consumer } = context.facts;
  if (context.jurisdiction !== 'united_states' || consumer.state !== 'NY' || action.channel !== 'email') return;
  if (action.template === 'optout_confirmation' || action.purpose === 'non_collection') return;
  const to = action.to;
  const consented = consumer.consents.email.some((consent) =>
    consent.givenMs <= context.atMs && (consent.revokedMs === undefined || consent.revokedMs > context.atMs) &&
    (consent.address === undefined || (to !== undefined && isSameAddress(consent.address, to)))) ||
    (to !== undefined && consumer.consents.addressesUsedByConsumer.some((address) => isSameAddress(address, to)));
  if (consented) return;
  addReason(context, 'NY-23NYCRR1', 'block',
    `New York (23 NYCRR 1.6) allows collection email only to an address the consumer agreed to receive it at, and no such consent is on file for ${to ?? 'this address'}.`);
}
