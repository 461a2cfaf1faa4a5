// The compliance gate: a pure function of (proposed action, consumer, debts, history, now, policy) to a
// decision with every reason (RULES.md 0.2–0.3). Rule families run in the catalogue's order (hard stops,
// channel permission, time and place, frequency, content) and every failure is collected; the strongest
// effect decides: block, then review, then allow_after, then allow_with_requirements, then allow.
// allow_after is the earliest instant at which every time rule passes, found as a fixpoint of the time
// rules' "earliest from" functions and then re-checked by running the whole gate again at that instant,
// so non-time rules must still pass there (0.2).
import { computeFactPresence, type ComplianceFacts, type ProposedChannel } from './compliance-facts.ts';
import { defaultCompliancePolicy, type CompliancePolicy } from './compliance-policy.ts';
import type { ComplianceDecision, DecisionKind, Reason } from './compliance-decision.ts';
import type { RuleId } from './rule-catalogue.ts';
import {
  addReason, dataSubjectChannels, formatInstant, isContact, isTimedContact, millisecondsPerDay, millisecondsPerMinute,
  type DecisionContext, type Jurisdiction,
} from './decision-context.ts';
import { decideAttorneyRepresentation } from './attorney-representation.ts';
import { decideBankruptcy } from './bankruptcy.ts';
import { buildFactsFromEvidence } from './build-facts-from-evidence.ts';
import { buildHistoryColumns } from './history-columns.ts';
import { decideCaliforniaRosenthal } from './california-rosenthal.ts';
import { decideCallFrequency } from './call-frequency.ts';
import { decideCallIdentity } from './call-identity.ts';
import { decideCeaseCommunication } from './cease-communication.ts';
import { decideCreditReporting } from './credit-reporting.ts';
import { decideDeceasedConsumer } from './deceased-consumer.ts';
import { decideDisputePause } from './dispute-pause.ts';
import { decideElectronicOptOutNotice } from './electronic-opt-out-notice.ts';
import { decideGdprDataSubjectRights } from './gdpr-data-subject-rights.ts';
import { decideHarassmentCaps } from './harassment-caps.ts';
import { decideInconvenientPlaces } from './inconvenient-places.ts';
import { decideInconvenientTimes } from './inconvenient-times.ts';
import { decideLimitedContentMessage } from './limited-content-message.ts';
import { decideLocationInformation } from './location-information.ts';
import { decideMailAndSocialMedia } from './mail-and-social-media.ts';
import { decideMassachusettsCallFrequency } from './massachusetts-call-frequency.ts';
import { decideMediumOptOuts } from './medium-opt-outs.ts';
import { decideMiniMiranda } from './mini-miranda.ts';
import { decideNewYorkCityRules } from './new-york-city-rules.ts';
import { decideNewYorkDebtCollection } from './new-york-debt-collection.ts';
import { decideOvershadowing } from './overshadowing.ts';
import { decideRegulationFScope } from './regulation-f-scope.ts';
import { decideServicemembers } from './servicemembers.ts';
import { decideTcpaConsent } from './tcpa-consent.ts';
import { decideThirdPartyDisclosure } from './third-party-disclosure.ts';
import { decideTimeBarredDebt } from './time-barred-debt.ts';
import { decideUkBreathingSpace } from './uk-breathing-space.ts';
import { decideUkContactWithCustomers } from './uk-contact-with-customers.ts';
import { decideUkContinuousPaymentAuthority } from './uk-continuous-payment-authority.ts';
import { decideUkForbearance } from './uk-forbearance.ts';
import { decideUkStatuteBarredDebts } from './uk-statute-barred-debts.ts';
import { decideValidationInformation } from './validation-information.ts';
import { buildZoneClock, type ZoneClock } from './zone-clock.ts';

type RuleFamily = (context: DecisionContext) => void;

// RULES.md 0.3, in order. Each family reads the context and adds reasons, requirements and time constraints.
const ruleFamilies: RuleFamily[] = [
  // 1. Hard stops.
  decideBankruptcy, decideUkBreathingSpace, decideCeaseCommunication, decideAttorneyRepresentation, decideDeceasedConsumer,
  decideDisputePause, decideServicemembers,
  // 2. Channel permission.
  decideMediumOptOuts, decideTcpaConsent, decideInconvenientPlaces, decideMailAndSocialMedia, decideNewYorkDebtCollection,
  // 3. Time and place.
  decideInconvenientTimes, decideUkContactWithCustomers,
  // 4. Frequency.
  decideCallFrequency, decideMassachusettsCallFrequency, decideNewYorkCityRules, decideHarassmentCaps, decideUkForbearance,
  // 5. Content.
  decideElectronicOptOutNotice, decideMiniMiranda, decideLimitedContentMessage, decideCallIdentity, decideThirdPartyDisclosure,
  decideLocationInformation, decideValidationInformation, decideOvershadowing, decideTimeBarredDebt, decideCaliforniaRosenthal,
  decideCreditReporting, decideUkStatuteBarredDebts, decideUkContinuousPaymentAuthority, decideGdprDataSubjectRights,
];

// Families whose only instant-dependent outcomes are the time constraints they register (hours, designated
// windows, day counts). At the allow_after instant those constraints hold by construction (the fixpoint),
// so the re-check skips them; every other family runs again there (0.2: non-time rules must still pass).
// The property test "names an allow_after instant at which the same action is then allowed" runs the whole
// gate at that instant and keeps this list honest.
const timeConstraintFamilies: ReadonlySet<RuleFamily> = new Set([
  decideInconvenientTimes, decideUkContactWithCustomers, decideCallFrequency, decideMassachusettsCallFrequency, decideHarassmentCaps,
]);

// Families that never read the instant (their files mention neither `atMs` nor `nowMs`; a test keeps it so):
// what they require at the proposed instant they require at any other, so the re-check reuses it.
export const instantFreeFamilies: ReadonlyMap<RuleFamily, RuleId> = new Map<RuleFamily, RuleId>([
  [decideCaliforniaRosenthal, 'CA-ROSENTHAL'], [decideCallIdentity, 'REGF-CALL-IDENTITY'], [decideDeceasedConsumer, 'REGF-DECEASED'],
  [decideElectronicOptOutNotice, 'REGF-ELEC-OPTOUT-NOTICE'], [decideInconvenientPlaces, 'REGF-PLACE'], [decideLimitedContentMessage, 'REGF-LCM'],
  [decideLocationInformation, 'REGF-LOCATION'], [decideMailAndSocialMedia, 'REGF-MAIL-SOCIAL'], [decideMiniMiranda, 'REGF-MINI-MIRANDA'],
  [decideUkContinuousPaymentAuthority, 'UK-CONC-7.6-CPA'], [decideUkStatuteBarredDebts, 'UK-CONC-7.15-SB'],
]);
const instantFreeRuleIds: ReadonlySet<RuleId> = new Set(instantFreeFamilies.values());

// Where each family can apply at all. Every family still checks its own conditions; this only spares the gate
// calling, for a US phone call, the families that answer UK customers, data-subject requests or furnishing.
const ukOnly: Jurisdiction[] = ['united_kingdom'];
const familyScopes = new Map<RuleFamily, { jurisdictions?: Jurisdiction[]; channels?: ProposedChannel[] }>([
  [decideUkBreathingSpace, { jurisdictions: ukOnly }],
  [decideUkContactWithCustomers, { jurisdictions: ukOnly }],
  [decideUkForbearance, { jurisdictions: ukOnly }],
  [decideUkStatuteBarredDebts, { jurisdictions: ukOnly }],
  [decideUkContinuousPaymentAuthority, { jurisdictions: ukOnly, channels: ['cpa_payment'] }],
  [decideTcpaConsent, { jurisdictions: ['united_states'], channels: ['call', 'voicemail', 'sms'] }],
  [decideCallFrequency, { channels: ['call', 'voicemail'] }],
  [decideMassachusettsCallFrequency, { jurisdictions: ['united_states'], channels: ['call', 'voicemail', 'sms'] }],
  [decideLimitedContentMessage, { channels: ['voicemail'] }],
  [decideCallIdentity, { channels: ['call', 'voicemail'] }],
  [decideElectronicOptOutNotice, { channels: ['sms', 'email', 'social_dm', 'social_connection_request'] }],
  [decideNewYorkDebtCollection, { jurisdictions: ['united_states'], channels: ['email'] }],
  [decideMailAndSocialMedia, { channels: ['letter', 'postcard', 'social_public_post', 'social_connection_request'] }],
  [decideCaliforniaRosenthal, { jurisdictions: ['united_states'], channels: ['letter', 'email', 'sms', 'social_dm'] }],
  [decideCreditReporting, { channels: ['furnish_cra'] }],
]);

// Family lists per jurisdiction and channel, for the decision at the proposed instant and for the re-check.
const selectedFamilies = new Map<Jurisdiction, Map<ProposedChannel, { decide: RuleFamily[]; recheck: RuleFamily[] }>>();

function filterFamilies(jurisdiction: Jurisdiction, channel: ProposedChannel, recheck: boolean): RuleFamily[] {
  return ruleFamilies.filter((decideFamily) => {
    if (recheck && (timeConstraintFamilies.has(decideFamily) || instantFreeFamilies.has(decideFamily))) return false;
    const scope = familyScopes.get(decideFamily);
    if (scope === undefined) return true;
    return (scope.jurisdictions === undefined || scope.jurisdictions.includes(jurisdiction)) &&
      (scope.channels === undefined || scope.channels.includes(channel));
  });
}

/** The families that can apply to this jurisdiction and channel, in catalogue order (computed once per pair). */
function selectFamilies(jurisdiction: Jurisdiction, channel: ProposedChannel): { decide: RuleFamily[]; recheck: RuleFamily[] } {
  let byChannel = selectedFamilies.get(jurisdiction);
  if (byChannel === undefined) {
    byChannel = new Map();
    selectedFamilies.set(jurisdiction, byChannel);
  }
  let families = byChannel.get(channel);
  if (families === undefined) {
    families = { decide: filterFamilies(jurisdiction, channel, false), recheck: filterFamilies(jurisdiction, channel, true) };
    byChannel.set(channel, families);
  }
  return families;
}

const usStates = new Set([
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD', 'MA', 'MI',
  'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT',
  'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'DC', 'PR', 'GU', 'VI', 'AS', 'MP',
]);
// EU member states and the EEA states that apply the GDPR.
const gdprCountries = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT',
  'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO',
]);

// With no zone known, counting days on the two extreme calendars (UTC-12 and UTC+14) is the strictest reading.
const extremeZones = ['Etc/GMT+12', 'Pacific/Kiritimati'];
const horizonDays = 400;
const fixpointRoundsMax = 64;

function decideJurisdiction(facts: ComplianceFacts): Jurisdiction {
  const { country, state } = facts.consumer;
  if (country === 'US') return state !== undefined && usStates.has(state) ? 'united_states' : 'unknown';
  if (country === 'GB') return 'united_kingdom';
  if (country !== undefined && gdprCountries.has(country)) return 'european_union';
  return 'unknown';
}

/** What a decision derives from the facts alone, shared by the evaluation at the proposed instant and the re-check. */
type FactsDerivations = Pick<DecisionContext, 'clocks' | 'calendarClocks' | 'jurisdiction' | 'regulationFApplies' | 'debts' | 'history' | 'columns' | 'presence' | 'historyAvailable'> & {
  families: { decide: RuleFamily[]; recheck: RuleFamily[] };
};

function buildFactsDerivations(facts: ComplianceFacts, policy: CompliancePolicy): FactsDerivations {
  const clocks = facts.timeZoneClocks ?? facts.consumer.timeZones.map(buildZoneClock);
  const calendarClocks: ZoneClock[] = clocks.length === 0
    ? extremeZones.map(buildZoneClock)
    : policy.dayCounting === 'every_candidate_zone' ? clocks : [clocks[0]!];
  const jurisdiction = decideJurisdiction(facts);
  const debtIds = facts.action.debtIds;
  const debts = facts.debts.filter((debt) => debtIds.includes(debt.id));
  return {
    clocks,
    calendarClocks,
    jurisdiction,
    regulationFApplies: jurisdiction === 'united_states' && decideRegulationFScope(debts),
    debts,
    history: facts.history ?? [],
    columns: facts.historyColumns ?? buildHistoryColumns(facts.history ?? [], facts.debts),
    presence: facts.presence ?? computeFactPresence(facts),
    historyAvailable: facts.history !== null,
    families: selectFamilies(jurisdiction, facts.action.channel),
  };
}

function buildContext(facts: ComplianceFacts, policy: CompliancePolicy, derived: FactsDerivations, atMs: number, recheck: boolean): DecisionContext {
  return {
    facts,
    policy,
    atMs,
    clocks: derived.clocks,
    calendarClocks: derived.calendarClocks,
    jurisdiction: derived.jurisdiction,
    regulationFApplies: derived.regulationFApplies,
    debts: derived.debts,
    history: derived.history,
    columns: derived.columns,
    presence: derived.presence,
    historyAvailable: derived.historyAvailable,
    reasons: [],
    requirements: [],
    requiredActions: [],
    computed: {},
    timeConstraints: [],
    recheck,
  };
}

/** The engine's own fail-closed answers: facts without which no rule can be trusted to pass. */
function decideMissingFacts(context: DecisionContext): void {
  const { action, consumer } = context.facts;
  const dataSubjectRequest = dataSubjectChannels.has(action.channel);
  if (context.jurisdiction === 'unknown' && !dataSubjectRequest) {
    const where = consumer.country === undefined
      ? 'the consumer\'s country is not known'
      : consumer.country === 'US' ? `the consumer's US state is ${consumer.state === undefined ? 'not known' : `"${consumer.state}", which is not a US state or territory`}` : `no rules are catalogued for ${consumer.country}`;
    addReason(context, 'GATE-UNKNOWN-JURISDICTION', 'review', `The gate cannot tell which rules apply because ${where}.`);
  }
  if (context.jurisdiction === 'european_union' && !dataSubjectRequest && action.channel !== 'furnish_cra') {
    addReason(context, 'GATE-UNKNOWN-JURISDICTION', 'review',
      `Only data-subject rights are catalogued for ${consumer.country}; contact and collection rules there need a specialist.`);
  }
  if (context.clocks.length === 0 && isTimedContact(action.channel)) {
    addReason(context, 'GATE-NO-TIME-ZONE', 'review', 'No time zone is known for the consumer, so no contact time can be shown to be convenient; add an address, phone area code or stated zone.');
  }
  if (!context.historyAvailable && (isContact(action.channel) || action.channel === 'furnish_cra')) {
    addReason(context, 'GATE-HISTORY-UNAVAILABLE', 'review', 'The contact history could not be read, so frequency and credit-reporting limits cannot be checked.');
  }
}

function evaluate(facts: ComplianceFacts, policy: CompliancePolicy, derived: FactsDerivations, atMs: number, recheck: boolean): DecisionContext {
  const context = buildContext(facts, policy, derived, atMs, recheck);
  decideMissingFacts(context);
  for (const decideFamily of recheck ? derived.families.recheck : derived.families.decide) decideFamily(context);
  return context;
}

function decideKind(reasons: Reason[], hasRequirements: boolean): DecisionKind {
  if (reasons.some((reason) => reason.effect === 'block')) return 'block';
  if (reasons.some((reason) => reason.effect === 'review')) return 'review';
  if (reasons.some((reason) => reason.effect === 'allow_after')) return 'allow_after';
  return hasRequirements ? 'allow_with_requirements' : 'allow';
}

/** The earliest instant at or after `fromMs` that every time constraint accepts, on a whole minute; +Infinity if none within the horizon. */
function computeEarliestAllowedInstant(context: DecisionContext, fromMs: number): number {
  let instant = Math.ceil(fromMs / millisecondsPerMinute) * millisecondsPerMinute;
  const horizon = fromMs + horizonDays * millisecondsPerDay;
  for (let round = 0; round < fixpointRoundsMax; round += 1) {
    let moved = false;
    for (const constraint of context.timeConstraints) {
      const earliest = constraint.computeEarliestFrom(instant);
      if (earliest > instant) {
        instant = Math.ceil(earliest / millisecondsPerMinute) * millisecondsPerMinute;
        moved = true;
      }
      if (instant > horizon) return Number.POSITIVE_INFINITY;
    }
    if (!moved) return instant;
  }
  return Number.POSITIVE_INFINITY;
}

function buildDecision(context: DecisionContext, decision: DecisionKind, allowAfterMs: number | undefined, reasons: Reason[], later?: DecisionContext): ComplianceDecision {
  const proceeds = decision === 'allow_with_requirements' || decision === 'allow_after';
  if (later === undefined) {
    return { decision, reasons, allowAfterMs, requirements: proceeds ? context.requirements : [], requiredActions: context.requiredActions, computed: context.computed };
  }
  // At the allow_after instant: what the instant-free families required at the proposed instant, and what
  // every other family requires at the new one.
  const requirements = context.requirements.filter((requirement) => instantFreeRuleIds.has(requirement.ruleId));
  for (const requirement of later.requirements) {
    if (!requirements.some((kept) => kept.disclosure === requirement.disclosure)) requirements.push(requirement);
  }
  return {
    decision,
    reasons,
    allowAfterMs,
    requirements: proceeds ? requirements : [],
    requiredActions: [...context.requiredActions.filter((action) => instantFreeRuleIds.has(action.ruleId)), ...later.requiredActions],
    computed: later.computed,
  };
}

/**
 * Decides whether the proposed action may proceed. Pure: `now` and every fact come in as parameters.
 *
 * @example
 * const decision = decideCompliance(buildComplianceCase(json).value.facts);
 * decision.decision // 'allow_after'
 * decision.allowAfterMs // earliest instant at which every time rule passes
 */
export function decideCompliance(givenFacts: ComplianceFacts, policy: CompliancePolicy = defaultCompliancePolicy): ComplianceDecision {
  // Zones from the address and phone numbers when none were given; intents from inbound free text.
  const facts = buildFactsFromEvidence(givenFacts, policy);
  // The action happens at its scheduled instant, or now if that is already past.
  const atMs = Math.max(facts.action.scheduledMs, facts.nowMs);
  const derived = buildFactsDerivations(facts, policy);
  const context = evaluate(facts, policy, derived, atMs, false);
  const kind = decideKind(context.reasons, context.requirements.length > 0 || context.requiredActions.length > 0);
  if (kind !== 'allow_after') return buildDecision(context, kind, undefined, context.reasons);

  const allowAfterMs = computeEarliestAllowedInstant(context, atMs);
  if (allowAfterMs === Number.POSITIVE_INFINITY) {
    const reasons: Reason[] = [...context.reasons, {
      ruleId: 'GATE-NO-ALLOWED-TIME', effect: 'review',
      explanation: `No instant within ${horizonDays} days satisfies every time rule together; a specialist must plan this contact.`,
    }];
    return buildDecision(context, 'review', undefined, reasons);
  }
  // 0.2: non-time rules must still pass at that instant, and the time rules must really pass there.
  const later = evaluate(facts, policy, derived, allowAfterMs, true);
  const laterKind = decideKind(later.reasons, later.requirements.length > 0);
  if (laterKind === 'allow' || laterKind === 'allow_with_requirements') {
    return buildDecision(context, 'allow_after', allowAfterMs, context.reasons, later);
  }
  const laterReasons = later.reasons.filter((reason) => !context.reasons.some((earlier) => earlier.ruleId === reason.ruleId && earlier.explanation === reason.explanation));
  if (laterKind === 'allow_after') {
    // A time rule outside the constraint families disagrees with the instant: fail closed rather than name a wrong one.
    return buildDecision(context, 'review', undefined, [...context.reasons, ...laterReasons, {
      ruleId: 'GATE-NO-ALLOWED-TIME', effect: 'review',
      explanation: `The time rules could not agree on an instant (checked ${formatInstant(allowAfterMs)}); a specialist must plan this contact.`,
    }]);
  }
  const reasons = [...context.reasons, ...laterReasons.map((reason) => ({
    ...reason,
    explanation: `At ${formatInstant(allowAfterMs)}, when the time rules would pass: ${reason.explanation}`,
  }))];
  return buildDecision(context, laterKind, undefined, reasons);
}
