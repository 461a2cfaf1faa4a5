// REGF-3P: 12 CFR 1006.6(d)(1)–(5); FDCPA 1692c(b); the expanded "consumer" of 1006.6(a).
// A collector may communicate about the debt only with the consumer (including a spouse, the parent of a
// minor, a guardian, the estate's representative or a confirmed successor in interest), the consumer's
// attorney, a consumer reporting agency, the creditor and the attorneys of the creditor or collector. Debt
// details on the phone only after right-party verification. For email and text, the bona-fide-error safe
// harbor of 1006.6(d)(3)–(5) needs an address or number the consumer used or the creditor supplied with
// notice: where the case says it is not met, a person must look before anything is sent.
import type { PersonRole } from './compliance-facts.ts';
import { addReason, findTextSignals, isContact, type DecisionContext } from './decision-context.ts';
import { isSameAddress } from './medium-opt-outs.ts';

const debtContentTags = new Set(['debt_details', 'balance', 'payment_demand', 'payment_link']);
const verifiedRecipients: ReadonlySet<PersonRole> = new Set(['attorney', 'creditor', 'creditor_attorney', 'collector_attorney', 'consumer_reporting_agency']);

export function decideThirdPartyDisclosure(context: DecisionContext): void {
  const { action, consumer } = context.facts;
  if (!context.regulationFApplies || !isContact(action.channel)) return;
  const talksAboutDebt = action.purpose !== 'location' && action.template !== 'optout_confirmation';
  const wrongPerson = findTextSignals(context, ['wrong_person']).find((signal) =>
    signal.address === undefined || action.to === undefined || isSameAddress(signal.address, action.to));
  if (wrongPerson !== undefined && talksAboutDebt) {
    addReason(context, 'REGF-3P', 'review',
      `A reply from ${wrongPerson.address ?? 'this consumer\'s contact point'} says it reached the wrong person ("${wrongPerson.evidence}"); confirm the number or address before sending anything about the debt.`);
  }
  if (action.recipient === 'third_party' && talksAboutDebt) {
    addReason(context, 'REGF-3P', 'block',
      'The recipient is a third party, and the collector may not communicate with a third party about the debt (only location information may be sought, REGF-LOCATION).');
    return;
  }
  if (action.channel === 'call_disclosure' && action.recipientIdentityVerified !== true && !verifiedRecipients.has(action.recipient) &&
    action.contentTags.some((tag) => debtContentTags.has(tag))) {
    addReason(context, 'REGF-3P', 'block',
      'Debt details may be given on the phone only after the person has been verified as the consumer (right-party verification), which has not happened.');
    return;
  }
  if (action.channel === 'email' && action.emailSafeHarborMet === false) {
    addReason(context, 'REGF-3P', 'review',
      'This email address does not meet the 1006.6(d)(3)–(4) procedures (the consumer has not used it and the creditor did not supply it with notice), so someone else may read it; confirm the address first.');
    return;
  }
  if (action.channel === 'sms' && consumer.consents.smsNumberUsedByConsumer === false) {
    addReason(context, 'REGF-3P', 'review',
      'This number does not meet the 1006.6(d)(5) procedures for texts (not used by the consumer, not checked against the reassigned-numbers database); confirm it first.');
  }
}
