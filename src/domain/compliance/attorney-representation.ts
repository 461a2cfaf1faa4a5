// REGF-ATTY: 12 CFR 1006.6(b)(2); FDCPA 1692c(a)(2); Cal. Civ. Code 1788.14(c).
// Once the collector knows the consumer is represented by an attorney with respect to the debt, and knows
// or can readily find the attorney's name and address, it must not communicate with the consumer, unless
// the attorney consents to direct communication, the consumer gives direct prior consent, or a court
// permits it. "The attorney fails to respond within a reasonable period" is a judgement: review, never
// automatic. Location contacts with third parties stop too (1006.10(e)). A hard stop (0.3 step 1).
import { factPresence } from './compliance-facts.ts';
import { addReason, formatInstant, hasFacts, isContact, type DecisionContext } from './decision-context.ts';

export function decideAttorneyRepresentation(context: DecisionContext): void {
  if (!hasFacts(context, factPresence.flags)) return;
  const attorney = context.facts.consumer.flags.attorney;
  const { action } = context.facts;
  if (attorney === undefined || !isContact(action.channel)) return;
  if (attorney.noticeMs > context.atMs) return;
  // Route to the attorney: communicating with the consumer's attorney is what the rule asks for.
  if (action.recipient === 'attorney') return;
  if (attorney.consentedDirectContact || attorney.courtPermitsDirectContact || action.courtPermission) return;
  const covered = attorney.debtIds === undefined || context.policy.attorneyRepresentationCoversAllDebts
    ? action.debtIds
    : action.debtIds.filter((id) => attorney.debtIds!.includes(id));
  if (covered.length === 0) return;
  const since = formatInstant(attorney.noticeMs);
  const debts = covered.join(', ');
  if (attorney.source === 'inbound_text') {
    addReason(context, 'REGF-ATTY', 'review',
      `An inbound message says the consumer has a lawyer for debt ${debts}; a specialist must get the attorney's name and address before any contact.`);
    return;
  }
  if (attorney.name === undefined || attorney.address === undefined) {
    addReason(context, 'REGF-ATTY', 'review',
      `The consumer is represented for debt ${debts} (notice ${since}) but the attorney's ${attorney.name === undefined ? 'name' : 'address'} is not on file; a specialist must decide whether it can readily be found.`);
    return;
  }
  if (attorney.failedToRespond || attorney.lettersUnanswered > 0) {
    addReason(context, 'REGF-ATTY', 'review',
      `The consumer's attorney (${attorney.name}) has not answered${attorney.lettersUnanswered > 0 ? ` ${attorney.lettersUnanswered} letters` : ''}; whether that is a failure to respond within a reasonable period is a judgement, so contact the consumer only after review.`);
    return;
  }
  if (action.purpose === 'location' && action.recipient === 'third_party') {
    addReason(context, 'REGF-ATTY', 'block',
      `The collector knows the consumer is represented by ${attorney.name}, so it may not seek location information from third parties (1006.10(e)).`);
    return;
  }
  addReason(context, 'REGF-ATTY', 'block',
    `The consumer is represented by ${attorney.name} (${attorney.address}) for debt ${debts} since ${since}; communicate with the attorney, not the consumer.`);
}
