// NYC-DCWP: 6 RCNY 5-76 to 5-77; NYC Admin. Code 20-488 et seq. RULES.md confidence L/verify: behind a
// feature flag (`newYorkCityRulesEnabled`, off by default) with a configurable effective date (reported as
// 2026-09-01). When on: at most 3 contacts or attempts in any 7-day period per account across all channels,
// and email, text or social-media outreach only with written, revocable opt-in consent.
import { computeDayNumber } from '../shared/calendar-date.ts';
import {
  addReason, addTimeConstraint, computeLatestDayNumber, electronicChannels, findEntryAt, isAboutDebt, isContact, type DecisionContext,
} from './decision-context.ts';
import { computeCountInWindow, computeEarliestWithRoom } from './frequency-window.ts';

const counted = new Set(['call', 'voicemail', 'sms', 'email', 'social_dm', 'letter', 'in_person']);

function isNewYorkCity(city: string | undefined): boolean {
  if (city === undefined) return false;
  const name = city.trim().toLowerCase().replace(/\./g, '');
  return ['nyc', 'new york', 'new york city', 'manhattan', 'brooklyn', 'bronx', 'the bronx', 'queens', 'staten island'].includes(name);
}

export function decideNewYorkCityRules(context: DecisionContext): void {
  const { action, consumer } = context.facts;
  const { policy } = context;
  if (!policy.newYorkCityRulesEnabled || context.jurisdiction !== 'united_states' || consumer.state !== 'NY' || !isNewYorkCity(consumer.city)) return;
  if (!isContact(action.channel) || computeLatestDayNumber(context.clocks, context.atMs) < computeDayNumber(policy.newYorkCityRulesEffectiveDate)) return;
  if (electronicChannels.has(action.channel) && action.template !== 'optout_confirmation') {
    const optedIn = consumer.consents.esignGivenMs !== undefined || consumer.consents.email.some((consent) => consent.revokedMs === undefined);
    if (!optedIn) {
      addReason(context, 'NYC-DCWP', 'block', 'New York City rules require the consumer\'s written opt-in before email, text or social-media outreach, and none is on file.');
    }
  }
  if (!context.historyAvailable) return;
  for (const debtId of action.debtIds) {
    const indexes: number[] = [];
    // Positions in the time-ordered history columns, as the window counting expects.
    for (let index = 0; index < context.columns.atMs.length; index += 1) {
      const entry = findEntryAt(context, index);
      if (entry.direction === 'outbound' && counted.has(entry.channel) && isAboutDebt(entry, debtId)) indexes.push(index);
    }
    const countMax = policy.newYorkCityContactsPerSevenDaysMax;
    const count = computeCountInWindow(context, indexes, context.atMs, 7);
    if (count + 1 > countMax) {
      addTimeConstraint(context, 'NYC-DCWP', (fromMs) => computeEarliestWithRoom(context, indexes, fromMs, 7, countMax));
      addReason(context, 'NYC-DCWP', 'allow_after', `New York City rules allow ${countMax} contacts per account in 7 days across all channels; account ${debtId} already has ${count}.`);
    }
  }
}
