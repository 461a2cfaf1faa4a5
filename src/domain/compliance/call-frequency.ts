// REGF-CALL-7IN7, REGF-CALL-7AFTERCONV and REGF-CALL-EXCLUDED: 12 CFR 1006.14(b)(2)(i)(A)–(B), (b)(3).
// A collector is presumed to harass if it places telephone calls to a particular person about a particular
// debt more than 7 times within 7 consecutive days, or within 7 consecutive days after a telephone
// conversation with that person about that debt (the conversation date is day 1). Texts are not calls.
// Excluded from both counts: calls within 7 days of prior consent given directly to the collector, calls
// not connected to the dialed number, and calls to the consumer's attorney, the creditor and the others of
// 1006.6(d)(1)(ii)–(vi). Days are the consumer's local calendar days (RULES.md 0.4), never UTC dates.
import { factPresence, type DirectConsentToCalls, type PersonRole } from './compliance-facts.ts';
import {
  addReason, addTimeConstraint, computePrimaryDayNumber, computeWindowFloorMs, countEntriesFrom, findEntryAt, formatDayNumber, hasFacts, isAboutDebt, telephoneChannels,
  type DecisionContext,
} from './decision-context.ts';
import { computeCountInWindow, computeEarliestAfterQuietDays, computeEarliestWithRoom } from './frequency-window.ts';
import {
  encodeHistoryChannel, encodeHistoryOutcome, encodePersonRole, findDebtBit, findFirstPositionFrom, historyMarks,
} from './history-columns.ts';

// 1006.14(b)(3)(iii): calls to these persons are excluded from the counts.
const excludedPersons: ReadonlySet<PersonRole> = new Set(['attorney', 'creditor', 'creditor_attorney', 'collector_attorney', 'consumer_reporting_agency']);

const noCalls: number[] = [];
const callCode = encodeHistoryChannel('call');
const voicemailCode = encodeHistoryChannel('voicemail');
const notConnectedCode = encodeHistoryOutcome('not_connected');
const conversationCode = encodeHistoryOutcome('conversation');

/** The entry reached the person (for a third party, the same one when both sides name them). */
function isSamePerson(context: DecisionContext, index: number, personCode: number, person: PersonRole, thirdPartyId: string | undefined): boolean {
  if (context.columns.person[index] !== personCode) return false;
  if (person !== 'third_party' || thirdPartyId === undefined) return true;
  const entryThirdParty = findEntryAt(context, index).thirdPartyId;
  return entryThirdParty === undefined || entryThirdParty === thirdPartyId;
}

/** The entry concerns the debt: by its column bit, or (for a debt the columns do not know) by the entry itself. */
function isEntryAboutDebt(context: DecisionContext, index: number, debtBit: number, debtId: string): boolean {
  return debtBit !== 0 ? (context.columns.debtMask[index]! & debtBit) !== 0 : isAboutDebt(findEntryAt(context, index), debtId);
}

/** A direct consent covers a call about `debtId` placed at `atMs` (consent date = day 1, primary-zone calendar). */
function isCoveredByDirectConsent(consent: DirectConsentToCalls, context: DecisionContext, debtId: string, atMs: number): boolean {
  if (!consent.direct) return false;
  if (consent.debtIds !== undefined && !consent.debtIds.includes(debtId)) return false;
  if (consent.givenMs > atMs) return false;
  if (consent.revokedMs !== undefined && consent.revokedMs <= atMs) return false;
  if (consent.untilMs !== undefined && consent.untilMs < atMs) return false;
  return computePrimaryDayNumber(context, atMs) <= computePrimaryDayNumber(context, consent.givenMs) + context.policy.directConsentCallDays - 1;
}

function isCoveredByAnyDirectConsent(context: DecisionContext, debtId: string, atMs: number): boolean {
  for (const consent of context.facts.consumer.consents.directToCalls) {
    if (isCoveredByDirectConsent(consent, context, debtId, atMs)) return true;
  }
  return false;
}

/** The indexes of history calls that count toward the 7-in-7 presumption for `debtId`. */
export function findCountedCalls(context: DecisionContext, debtId: string, person: PersonRole, thirdPartyId: string | undefined): number[] {
  const counted: number[] = [];
  const { atMs, channel, outcome, marks } = context.columns;
  const floorMs = computeWindowFloorMs(context.atMs, 7);
  const debtBit = findDebtBit(context.columns, debtId);
  const personCode = encodePersonRole(person);
  const consents = hasFacts(context, factPresence.directConsentToCalls);
  for (let index = findFirstPositionFrom(context.columns, floorMs); index < atMs.length; index += 1) {
    if (atMs[index]! < floorMs || (marks[index]! & historyMarks.inbound) !== 0) continue;
    if (channel[index] !== callCode && channel[index] !== voicemailCode) continue;
    // 1006.14(b)(3)(ii): a call that did not connect to the dialed number (busy, network failure) is excluded;
    // an unanswered ring did connect and counts.
    if (outcome[index] === notConnectedCode) continue;
    if (!isEntryAboutDebt(context, index, debtBit, debtId) || !isSamePerson(context, index, personCode, person, thirdPartyId)) continue;
    // 1006.14(b)(3)(i): calls within 7 consecutive days of direct prior consent are excluded, unless the entry
    // itself says it was not made under that consent.
    if (consents && (marks[index]! & historyMarks.notUnderDirectConsent) === 0 && isCoveredByAnyDirectConsent(context, debtId, atMs[index]!)) continue;
    counted.push(index);
  }
  return counted;
}

/** The index of the latest telephone conversation with the person about the debt (either side calling). */
function findLatestConversation(context: DecisionContext, debtId: string, person: PersonRole, thirdPartyId: string | undefined): number | undefined {
  let latest: number | undefined;
  const { atMs, channel, outcome } = context.columns;
  // A conversation older than the quiet period cannot hold a call now or later.
  const floorMs = computeWindowFloorMs(context.atMs, context.policy.conversationQuietDays);
  const debtBit = findDebtBit(context.columns, debtId);
  const personCode = encodePersonRole(person);
  for (let index = findFirstPositionFrom(context.columns, floorMs); index < atMs.length; index += 1) {
    // A voicemail, even a limited-content message, is not a conversation.
    if (atMs[index]! < floorMs || outcome[index] !== conversationCode || channel[index] !== callCode) continue;
    if (!isEntryAboutDebt(context, index, debtBit, debtId) || !isSamePerson(context, index, personCode, person, thirdPartyId)) continue;
    if (latest === undefined || atMs[index]! > atMs[latest]!) latest = index;
  }
  return latest;
}

/** REGF-CALL-7IN7 and REGF-CALL-7AFTERCONV for a proposed telephone call (a ringless voicemail is one too). */
export function decideCallFrequency(context: DecisionContext): void {
  const { action } = context.facts;
  if (!context.regulationFApplies || !telephoneChannels.has(action.channel) || !context.historyAvailable) return;
  // Calls to the consumer's attorney, the creditor and the like are excluded (1006.14(b)(3)(iii)).
  if (excludedPersons.has(action.recipient)) return;
  const { callsPerSevenDaysMax, conversationQuietDays } = context.policy;
  // The proposed call itself is excluded when placed under direct consent for the debt (unless it says otherwise).
  const underConsent = action.madeUnderDirectPriorConsent !== false && hasFacts(context, factPresence.directConsentToCalls);

  for (const debtId of action.debtIds) {
    const excludedNow = underConsent && isCoveredByAnyDirectConsent(context, debtId, context.atMs);
    // Fewer entries of any kind within reach of the window than the limit: the count cannot exceed it.
    const counted = countEntriesFrom(context, computeWindowFloorMs(context.atMs, 7)) < callsPerSevenDaysMax
      ? noCalls
      : findCountedCalls(context, debtId, action.recipient, action.thirdPartyId);
    const count = counted.length < callsPerSevenDaysMax ? counted.length : computeCountInWindow(context, counted, context.atMs, 7);
    const failsNow = !excludedNow && count + 1 > callsPerSevenDaysMax;
    // Passing now without a consent exclusion means passing at every later instant (the history does not grow),
    // so only a failing count, or one excused by a consent that will lapse, constrains allow_after.
    if (failsNow || (excludedNow && counted.length >= callsPerSevenDaysMax)) {
      addTimeConstraint(context, 'REGF-CALL-7IN7', (fromMs) =>
        (underConsent && isCoveredByAnyDirectConsent(context, debtId, fromMs) ? fromMs : computeEarliestWithRoom(context, counted, fromMs, 7, callsPerSevenDaysMax)));
    }
    if (failsNow) {
      const day = computePrimaryDayNumber(context, context.atMs);
      addReason(context, 'REGF-CALL-7IN7', 'allow_after',
        `More than ${callsPerSevenDaysMax} calls in 7 consecutive days about one debt is presumed harassment; debt ${debtId} already has ${count} counted calls on ${formatDayNumber(day - 6)} to ${formatDayNumber(day)} (consumer's local calendar).`);
    }

    const conversation = findLatestConversation(context, debtId, action.recipient, action.thirdPartyId);
    if (conversation === undefined) continue;
    const quietUntil = computeEarliestAfterQuietDays(context, conversation, context.atMs, conversationQuietDays);
    if (quietUntil <= context.atMs) continue;
    addTimeConstraint(context, 'REGF-CALL-7AFTERCONV', (fromMs) =>
      (underConsent && isCoveredByAnyDirectConsent(context, debtId, fromMs) ? fromMs : computeEarliestAfterQuietDays(context, conversation, fromMs, conversationQuietDays)));
    if (excludedNow) continue;
    const conversationDay = computePrimaryDayNumber(context, context.columns.atMs[conversation]!);
    addReason(context, 'REGF-CALL-7AFTERCONV', 'allow_after',
      `After a telephone conversation about debt ${debtId} on ${formatDayNumber(conversationDay)} (day 1), the next call may be placed on ${formatDayNumber(conversationDay + conversationQuietDays)} (day ${conversationQuietDays + 1}) at the earliest.`);
  }
}
