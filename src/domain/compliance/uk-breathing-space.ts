// UK-BREATHING-SPACE: The Debt Respite Scheme (Breathing Space Moratorium and Mental Health Crisis
// Moratorium) (England and Wales) Regulations 2020, SI 2020/1311. Confidence M/verify (the exact permitted
// communications). During a standard breathing space (up to 60 days) or a mental-health-crisis breathing
// space (crisis treatment plus 30 days; no end date until the scheme's provider gives one), creditors must
// not contact the debtor to request payment or take enforcement action. A hard stop (0.3 step 1).
import { computeDayNumber } from '../shared/calendar-date.ts';
import {
  addReason, computeEarliestDayNumber, computeLatestDayNumber, isCollectionActivity, type DecisionContext,
} from './decision-context.ts';

export function decideUkBreathingSpace(context: DecisionContext): void {
  const space = context.facts.consumer.flags.breathingSpace;
  if (space === undefined || context.jurisdiction !== 'united_kingdom') return;
  // A payment the customer volunteers may be accepted; asking for one, or enforcing, may not.
  if (!isCollectionActivity(context)) return;
  // In force from the start date through the day before the end date, on any calendar the customer may be on.
  const started = computeLatestDayNumber(context.clocks, context.atMs) >= computeDayNumber(space.start);
  const ended = space.end !== undefined && computeEarliestDayNumber(context.clocks, context.atMs) >= computeDayNumber(space.end);
  if (!started || ended) return;
  const kind = space.type === 'mental_health' ? 'mental health crisis breathing space' : 'breathing space';
  addReason(context, 'UK-BREATHING-SPACE', 'block',
    `The customer has been in a ${kind} since ${space.start}${space.end === undefined ? '' : ` until ${space.end}`}, during which creditors may not contact them to request payment or take enforcement action.`);
}
