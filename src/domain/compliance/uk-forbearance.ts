// UK-CONC-7.3-FORBEAR: FCA CONC 7.3.4R (forbearance and due consideration); Consumer Duty (PRIN 2A);
// FG21/1 (vulnerable customers). Treat customers in arrears with forbearance; do not pressurise them;
// suspend or adjust contact when the customer is in debt advice or vulnerable. The engine reduces the
// cadence to a policy cap across all channels and sends any escalation to review.
import {
  addReason, addTimeConstraint, findEntryAt, isContact, legalActionChannels, type DecisionContext,
} from './decision-context.ts';
import { computeCountInWindow, computeEarliestWithRoom } from './frequency-window.ts';

export function decideUkForbearance(context: DecisionContext): void {
  if (context.jurisdiction !== 'united_kingdom') return;
  const { flags } = context.facts.consumer;
  if (!flags.vulnerable && !flags.inDebtAdvice) return;
  const { action } = context.facts;
  const why = flags.vulnerable ? 'vulnerable' : 'in debt advice';
  if (legalActionChannels.has(action.channel) || action.channel === 'cpa_payment' || action.contentTags.includes('threat_or_implication_of_suit')) {
    addReason(context, 'UK-CONC-7.3-FORBEAR', 'review', `The customer is ${why}, so any escalation needs a person's review for forbearance (CONC 7.3.4R).`);
    return;
  }
  if (!isContact(action.channel) || action.purpose === 'non_collection' || !context.historyAvailable) return;
  const countMax = context.policy.ukVulnerableContactsPerSevenDaysMax;
  const counted: number[] = [];
  // Positions in the time-ordered history columns, as the window counting expects.
  for (let index = 0; index < context.columns.atMs.length; index += 1) {
    const entry = findEntryAt(context, index);
    if (entry.direction === 'outbound' && entry.channel !== 'portal') counted.push(index);
  }
  const count = computeCountInWindow(context, counted, context.atMs, 7);
  if (count + 1 > countMax) {
    addTimeConstraint(context, 'UK-CONC-7.3-FORBEAR', (fromMs) => computeEarliestWithRoom(context, counted, fromMs, 7, countMax));
    addReason(context, 'UK-CONC-7.3-FORBEAR', 'allow_after',
      `The customer is ${why}, so contact is reduced to ${countMax} per 7 days, and ${count} ${count === 1 ? 'was' : 'were'} already made.`);
  }
}
