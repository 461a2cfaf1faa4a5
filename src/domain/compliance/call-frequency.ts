// REGF-CALL-7IN7, REGF-CALL-7AFTERCONV and REGF-CALL-EXCLUDED: 12 CFR 1006.14(b)(2)(i)(A)–(B), (b)(3).
// A collector is presumed to harass if it places telephone calls to a particular person about a particular
// debt more than 7 times within 7 consecutive days, or within 7 consecutive days after a telephone
// conversation with that person about that debt (the conversation date is day 1). Texts are not calls.
// Excluded from both counts: calls within 7 days of prior consent given directly to the collector, calls
// not connected to the dialed number, and calls to the consumer's attorney, the creditor and the others of
// 1006.6(d)(1)(ii)–(vi). Days are the consumer's local calendar days (RULES.md 0.4), never UTC dates.
import type { DirectConsentToCalls, HistoryEntry, PersonRole } from './compliance-facts.ts';
import {
  addReason, addTimeConstraint, formatDayNumber, isAboutDebt, telephoneChannels, type DecisionContext,
} from './decision-context.ts';
import { computeCountInWindow, computeEarliestAfterQuietDays, computeEarliestWithRoom } from './frequency-window.ts';

// 1006.14(b)(3)(iii): calls to these persons are excluded from the counts.
const excludedPersons: ReadonlySet<PersonRole> = new Set(['attorney', 'creditor', 'creditor_attorney', 'collector_attorney', 'consumer_reporting_agency']);

function isSamePerson(entry: HistoryEntry, person: PersonRole, thirdPartyId: string | undefined): boolean {
  if (entry.person !== person) return false;
  return person !== 'third_party' || thirdPartyId === undefined || entry.thirdPartyId === undefined || entry.thirdPartyId === thirdPartyId;
}

/** A direct consent covers a call on local day `dayNumber` about `debtId` placed at `atMs` (consent date = day 1). */
function isCoveredByDirectConsent(
  consent: DirectConsentToCalls,
  context: DecisionContext,
  debtId: string,
  atMs: number,
  dayOf: (instantMs: number) => number,
): boolean {
  if (!consent.direct) return false;
  if (consent.debtIds !== undefined && !consent.debtIds.includes(debtId)) return false;
  if (consent.givenMs > atMs) return false;
  if (consent.revokedMs !== undefined && consent.revokedMs <= atMs) return false;
  if (consent.untilMs !== undefined && consent.untilMs < atMs) return false;
  return dayOf(atMs) <= dayOf(consent.givenMs) + context.policy.directConsentCallDays - 1;
}

/** The indexes of history calls that count toward the 7-in-7 presumption for `debtId`. */
export function findCountedCalls(context: DecisionContext, debtId: string, person: PersonRole, thirdPartyId: string | undefined): number[] {
  const counted: number[] = [];
  const consents = context.facts.consumer.consents.directToCalls;
  const primary = context.clocks[0];
  const dayOf = (instantMs: number): number => (primary === undefined ? Math.floor(instantMs / 86_400_000) : primary.computeLocalDayNumber(instantMs));
  context.history.forEach((entry, index) => {
    if (entry.direction !== 'outbound' || (entry.channel !== 'call' && entry.channel !== 'voicemail')) return;
    if (!isAboutDebt(entry, debtId) || !isSamePerson(entry, person, thirdPartyId)) return;
    // 1006.14(b)(3)(ii): a call that did not connect to the dialed number (busy, network failure) is excluded;
    // an unanswered ring did connect and counts.
    if (entry.outcome === 'not_connected') return;
    if (excludedPersons.has(entry.person)) return;
    // 1006.14(b)(3)(i): calls within 7 consecutive days of direct prior consent are excluded, unless the entry
    // itself says it was not made under that consent.
    if (entry.madeUnderDirectPriorConsent !== false && consents.some((consent) => isCoveredByDirectConsent(consent, context, debtId, entry.atMs, dayOf))) return;
    counted.push(index);
  });
  return counted;
}

/** The index of the latest telephone conversation with the person about the debt (either side calling). */
function findLatestConversation(context: DecisionContext, debtId: string, person: PersonRole, thirdPartyId: string | undefined): number | undefined {
  let latest: number | undefined;
  context.history.forEach((entry, index) => {
    // A voicemail, even a limited-content message, is not a conversation.
    if (entry.outcome !== 'conversation' || entry.channel !== 'call') return;
    if (!isAboutDebt(entry, debtId) || !isSamePerson(entry, person, thirdPartyId)) return;
    if (latest === undefined || entry.atMs > context.history[latest]!.atMs) latest = index;
  });
  return latest;
}

/** REGF-CALL-7IN7 and REGF-CALL-7AFTERCONV for a proposed telephone call (a ringless voicemail is one too). */
export function decideCallFrequency(context: DecisionContext): void {
  const { action } = context.facts;
  if (!context.regulationFApplies || !telephoneChannels.has(action.channel) || !context.historyAvailable) return;
  // Calls to the consumer's attorney, the creditor and the like are excluded (1006.14(b)(3)(iii)).
  if (excludedPersons.has(action.recipient)) return;
  const primary = context.clocks[0];
  const dayOf = (instantMs: number): number => (primary === undefined ? Math.floor(instantMs / 86_400_000) : primary.computeLocalDayNumber(instantMs));
  const { callsPerSevenDaysMax, conversationQuietDays } = context.policy;

  for (const debtId of action.debtIds) {
    // The proposed call itself is excluded when placed under direct consent for this debt.
    const consentCovers = (instantMs: number): boolean =>
      action.madeUnderDirectPriorConsent !== false &&
      context.facts.consumer.consents.directToCalls.some((consent) => isCoveredByDirectConsent(consent, context, debtId, instantMs, dayOf));
    const counted = findCountedCalls(context, debtId, action.recipient, action.thirdPartyId);
    addTimeConstraint(context, {
      ruleId: 'REGF-CALL-7IN7',
      computeEarliestFrom: (fromMs) => (consentCovers(fromMs) ? fromMs : computeEarliestWithRoom(context, counted, fromMs, 7, callsPerSevenDaysMax)),
    });
    if (!consentCovers(context.atMs)) {
      const count = computeCountInWindow(context, counted, context.atMs, 7);
      if (count + 1 > callsPerSevenDaysMax) {
        const day = dayOf(context.atMs);
        addReason(context, 'REGF-CALL-7IN7', 'allow_after',
          `More than ${callsPerSevenDaysMax} calls in 7 consecutive days about one debt is presumed harassment; debt ${debtId} already has ${count} counted calls on ${formatDayNumber(day - 6)} to ${formatDayNumber(day)} (consumer's local calendar).`);
      }
    }

    const conversation = findLatestConversation(context, debtId, action.recipient, action.thirdPartyId);
    if (conversation === undefined) continue;
    addTimeConstraint(context, {
      ruleId: 'REGF-CALL-7AFTERCONV',
      computeEarliestFrom: (fromMs) => (consentCovers(fromMs) ? fromMs : computeEarliestAfterQuietDays(context, conversation, fromMs, conversationQuietDays)),
    });
    if (!consentCovers(context.atMs) && computeEarliestAfterQuietDays(context, conversation, context.atMs, conversationQuietDays) > context.atMs) {
      const conversationDay = dayOf(context.history[conversation]!.atMs);
      addReason(context, 'REGF-CALL-7AFTERCONV', 'allow_after',
        `After a telephone conversation about debt ${debtId} on ${formatDayNumber(conversationDay)} (day 1), the next call may be placed on ${formatDayNumber(conversationDay + conversationQuietDays)} (day ${conversationQuietDays + 1}) at the earliest.`);
    }
  }
}
