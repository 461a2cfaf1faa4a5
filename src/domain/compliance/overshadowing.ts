// REGF-OVERSHADOW: 12 CFR 1006.38(b); FDCPA 1692g(b).
// During the validation period no collection communication may overshadow, or be inconsistent with, the
// consumer's rights to dispute and to ask for the original creditor: no deadline shorter than the period's
// end, no threat of action before it, no "pay immediately or else", no pressure to waive rights, no
// statement that disputes must be made by phone. Which template says what is a matter of tags (policy).
import { computeDayNumber } from '../shared/calendar-date.ts';
import type { ContentTag } from './compliance-facts.ts';
import { addReason, computeEarliestDayNumber, isContact, type DecisionContext } from './decision-context.ts';
import { computeGoverningValidationEnd } from './validation-information.ts';

const overshadowingTags: ReadonlyMap<ContentTag, string> = new Map([
  ['deadline_shorter_than_END', 'a payment deadline before the validation period ends'],
  ['threat_of_suit_before_END', 'a threat of suit before the validation period ends'],
  ['pay_immediately_or_else', 'a demand to pay immediately or face consequences'],
  ['pressure_to_waive_rights', 'pressure to give up the right to dispute'],
  ['dispute_by_phone_only', 'a statement that disputes must be made by phone'],
  ['threat_implied', 'an implied threat of further action'],
]);

export function decideOvershadowing(context: DecisionContext): void {
  const { action } = context.facts;
  if (!context.regulationFApplies || !isContact(action.channel)) return;
  const found = action.contentTags.filter((tag) => overshadowingTags.has(tag));
  if (found.length === 0) return;
  const atDay = computeEarliestDayNumber(context.clocks, context.atMs);
  for (const debt of context.debts) {
    const end = computeGoverningValidationEnd(context, debt);
    // With no validation period on file the consumer may still be inside one: the strictest reading applies.
    if (end !== undefined && atDay > computeDayNumber(end)) continue;
    const period = end === undefined ? 'while the validation period may still be running' : `before the validation period ends on ${end}`;
    addReason(context, 'REGF-OVERSHADOW', 'block',
      `The message carries ${found.map((tag) => overshadowingTags.get(tag)).join(' and ')} ${period}, which overshadows the consumer's right to dispute debt ${debt.id}.`);
    return;
  }
}
