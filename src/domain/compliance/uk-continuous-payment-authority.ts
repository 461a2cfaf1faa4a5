// UK-CONC-7.6-CPA: FCA CONC 7.6 (exercise of continuous payment authority). A CPA may be used only as
// explained to the customer and in line with the agreement; changing its use needs an explanation and the
// customer's consent; after a policy number of unsuccessful attempts no further attempt is made, and part
// payments by CPA need the customer's agreement (the high-cost short-term credit limits; verify numbering).
import { addReason, type DecisionContext } from './decision-context.ts';

export function decideUkContinuousPaymentAuthority(context: DecisionContext): void {
  const { action } = context.facts;
  if (context.jurisdiction !== 'united_kingdom' || action.channel !== 'cpa_payment') return;
  const authority = action.continuousPaymentAuthority;
  if (authority === undefined) {
    addReason(context, 'UK-CONC-7.6-CPA', 'review', 'A continuous payment authority may be used only as agreed and explained; the attempt states neither, so a person must check it.');
    return;
  }
  if (authority.perAgreement !== true) {
    addReason(context, 'UK-CONC-7.6-CPA', 'block', 'This CPA attempt is not in line with the agreement\'s terms (or that is not shown).');
  }
  if (authority.explained !== true) {
    addReason(context, 'UK-CONC-7.6-CPA', 'block', 'The customer has not been told how the CPA will be used (or that is not shown).');
  }
  const attemptsMax = context.policy.cpaUnsuccessfulAttemptsMax;
  if (authority.unsuccessfulAttempts >= attemptsMax) {
    addReason(context, 'UK-CONC-7.6-CPA', 'block', `${authority.unsuccessfulAttempts} CPA attempts have already failed; after ${attemptsMax} no further attempt is made.`);
  }
  if (authority.partPayment) {
    addReason(context, 'UK-CONC-7.6-CPA', 'review', 'A part payment by CPA needs the customer\'s agreement to that amount; a person must confirm it.');
  }
}
