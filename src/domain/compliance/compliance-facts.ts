import type { HistoryColumns } from './history-columns.ts';
import type { ZoneClock } from './zone-clock.ts';

// The facts the gate decides on (RULES.md 0.1), normalised: instants are epoch milliseconds (UTC), calendar
// dates stay `YYYY-MM-DD` beside the zone that gives them meaning, lists are never undefined.
// `buildComplianceCase` (input-schema.ts) builds these from the JSON shape of RULES.md 0.1 and scenarios.json.
// An absent fact is `undefined`; rules read an absent fact in the strictest way (issue #3, "fails closed").

export const proposedChannels = [
  // Contacts with a person.
  'call', 'voicemail', 'call_disclosure', 'sms', 'email', 'social_dm', 'social_connection_request', 'social_public_post',
  'letter', 'postcard', 'in_person',
  // Actions that are not contacts (RULES.md 0.6: no contact-hour window).
  'furnish_cra', 'accept_payment_phone', 'accept_payment_online', 'accept_payment_mail', 'accept_payment_in_person',
  'cpa_payment', 'file_suit', 'default_judgment', 'repossession', 'foreclosure', 'garnishment',
  'access_request', 'erasure_request', 'objection',
] as const;
export type ProposedChannel = (typeof proposedChannels)[number];

export const historyChannels = ['call', 'voicemail', 'sms', 'email', 'letter', 'postcard', 'social_dm', 'in_person', 'portal'] as const;
export type HistoryChannel = (typeof historyChannels)[number];

export const historyOutcomes = [
  'not_connected', 'no_answer', 'voicemail_lcm', 'voicemail_other', 'conversation', 'third_party_conversation',
  'delivered', 'bounced', 'undeliverable',
] as const;
export type HistoryOutcome = (typeof historyOutcomes)[number];

/** Who a contact reached or is meant for; the "consumer" roles of 1006.6(a) beside the others of 1006.6(d)(1). */
export const personRoles = [
  'consumer', 'spouse', 'parent_of_minor', 'guardian', 'personal_rep', 'successor_in_interest',
  'attorney', 'creditor', 'creditor_attorney', 'collector_attorney', 'consumer_reporting_agency',
  'codebtor', 'third_party',
] as const;
export type PersonRole = (typeof personRoles)[number];

export const dialers = ['manual', 'atds', 'prerecorded', 'artificial_voice'] as const;
export type Dialer = (typeof dialers)[number];

/** MA 940 CMR 7.04(1)(f) distinguishes personal numbers from other (for example work) numbers. */
export const numberUses = ['personal', 'home', 'mobile', 'work', 'other'] as const;
export type NumberUse = (typeof numberUses)[number];

/** TCPA line type. */
export const lineTypes = ['wireless', 'residential', 'business', 'unknown'] as const;
export type LineType = (typeof lineTypes)[number];

/**
 * Tags a template or script carries. A closed vocabulary: a misspelt tag is an input error, never a silent pass.
 */
export const contentTags = [
  'confirmation_only', // an opt-out confirmation and nothing else (1006.14(h)(2), 64.1200(a)(10))
  'not_collection', // a communication unrelated to collecting the debt (1006.38 comment)
  'payment_demand', 'payment_link', 'balance', 'debt_details',
  'debt_mention', // a location contact that mentions a debt (1006.10)
  'deadline_shorter_than_END', 'threat_of_suit_before_END', 'pay_immediately_or_else', 'pressure_to_waive_rights',
  'dispute_by_phone_only', 'threat_implied', // overshadowing (1006.38(b))
  'threat_or_implication_of_suit', // 1006.26(b), CONC 7.15
  'balance_includes_interest_above_6pct', // 50 USC 3937
  'envelope_reveals_debt_collection', // 1006.22(f)(2)
  'identifies_collector', // a social-media connection request that says who is asking
  'caller_id_blank_or_spoofed', // 1006.14(g)
  'automated_opt_out_mechanism', // 64.1200(b)(3)
  'marketing', // GDPR Art. 21(2)
  'misleading_contact', 'premium_rate_number', // CONC 7.9.2R, 7.9.5R
] as const;
export type ContentTag = (typeof contentTags)[number];

/** Elements of a voicemail, call script or validation notice (1006.2(j), 1006.14(g), 1006.34(c)). */
export const contentElements = [
  // Limited-content message, required (1006.2(j)(1)).
  'neutral_business_name', 'request_reply', 'natural_person_name', 'reply_phone', 'callback_number',
  // Limited-content message, optional (1006.2(j)(2)).
  'salutation', 'date_time', 'generic_account_statement', 'suggested_reply_times', 'any_representative_statement',
  // Anything else takes a voicemail out of the limited-content definition.
  'business_name_indicating_collection', 'debt_reference', 'state_required_disclosure', 'mini_miranda', 'balance', 'payment_link',
  // Call identity (1006.14(g)).
  'caller_name', 'business_name',
  // Validation information (1006.34(c)).
  'debt_collector_disclosure', 'collector_name_and_mailing_information', 'consumer_name_and_mailing_information',
  'creditor_on_itemization_date', 'account_number', 'current_creditor', 'itemization_date', 'amount_on_itemization_date',
  'itemization', 'current_amount', 'validation_end_date', 'assumed_valid_statement', 'dispute_rights',
  'original_creditor_rights', 'cfpb_website_reference', 'dispute_prompts', 'original_creditor_prompt',
  'electronic_dispute_method', 'spanish_language_offer', 'optout_notice',
] as const;
export type ContentElement = (typeof contentElements)[number];

export const optOutMedia = ['call', 'sms', 'email', 'social', 'letter', 'in_person', 'all_electronic', 'all'] as const;
export type OptOutMedium = (typeof optOutMedia)[number];

export type OptOut = {
  /** 'unstated': a recorded opt-out whose medium is read from its words (build-facts-from-evidence.ts). */
  medium: OptOutMedium | 'unstated';
  /** The number or address opted out; undefined for a medium-wide request. */
  address: string | undefined;
  effectiveMs: number;
  rawText: string | undefined;
  oral: boolean | undefined;
  /** Where the opt-out came from: recorded directly, or read from an inbound message's text. */
  source: 'recorded' | 'inbound_text';
};

export type InconvenientWindow = {
  /** Weekdays the window applies on (0 = Sunday … 6 = Saturday). */
  weekdays: ReadonlySet<number>;
  startMinute: number;
  /** End minute; at or before `startMinute` means the window runs past midnight. */
  endMinute: number;
  /** Channels the designation covers; undefined for every channel. */
  channels: ReadonlySet<ProposedChannel> | undefined;
  sinceMs: number | undefined;
  revokedMs: number | undefined;
};

export type DirectConsentToCalls = { givenMs: number; debtIds: string[] | undefined; untilMs: number | undefined; revokedMs: number | undefined; direct: boolean };
export type DirectConsentToTime = { givenMs: number; localDateTime: string; timeZone: string | undefined; direct: boolean };
export type TcpaConsent = { number: string; givenMs: number; source: string | undefined; revokedMs: number | undefined };
export type EmailConsent = { address: string | undefined; givenMs: number; revokedMs: number | undefined };

export type ConsentFacts = {
  directToCalls: DirectConsentToCalls[];
  directToTime: DirectConsentToTime[];
  tcpa: TcpaConsent[];
  email: EmailConsent[];
  esignGivenMs: number | undefined;
  smsNumberUsedByConsumer: boolean | undefined;
  /** Numbers and addresses the consumer used to communicate with the collector (1006.6(d)(3), 1006.22(f)(3)). */
  addressesUsedByConsumer: string[];
};

export type AttorneyFlag = {
  name: string | undefined;
  address: string | undefined;
  noticeMs: number;
  debtIds: string[] | undefined;
  consentedDirectContact: boolean;
  lettersUnanswered: number;
  failedToRespond: boolean;
  courtPermitsDirectContact: boolean;
  source: 'recorded' | 'inbound_text';
};

export type BankruptcyFlag = {
  chapter: number | undefined;
  petitionMs: number | undefined;
  caseStatus: 'open' | 'closed' | 'dismissed' | 'discharged' | undefined;
  dischargeMs: number | undefined;
  /** Debts the case does not reach (incurred after the petition or excepted), when known. */
  excludedDebtIds: string[];
  priorCasesDismissedWithinYear: number;
  source: 'recorded' | 'inbound_text';
};

export type DeceasedFlag = {
  dateOfDeath: string | undefined;
  personalRepresentative: { name: string | undefined; verified: boolean } | undefined;
};

export type ServicememberFlag = {
  activeDutyStart: string | undefined;
  releaseDate: string | undefined;
  noticeMs: number | undefined;
  ordersReceived: boolean | undefined;
  activeByDmdc: boolean | undefined;
};

export type ConsumerFlags = {
  ceaseWrittenMs: number | undefined;
  ceaseDebtIds: string[] | undefined;
  ceaseSource: 'recorded' | 'inbound_text' | undefined;
  attorney: AttorneyFlag | undefined;
  bankruptcy: BankruptcyFlag | undefined;
  deceased: DeceasedFlag | undefined;
  servicemember: ServicememberFlag | undefined;
  breathingSpace: { start: string; end: string | undefined; type: 'standard' | 'mental_health' | undefined } | undefined;
  vulnerable: boolean;
  inDebtAdvice: boolean;
  gdprObjection: { scope: 'marketing' | 'collection' | 'all'; sinceMs: number } | undefined;
  accuracyContested: { sinceMs: number; verifiedMs: number | undefined } | undefined;
  /** Free-text intents found in inbound messages that a person must look at (for example "I filed bankruptcy"). */
  textSignals: TextSignal[];
};

/** An intent read from inbound text too weakly to act on by itself: the affected actions go to review. */
export type TextSignal = { intent: string; confidence: number; evidence: string; atMs: number; written: boolean; address: string | undefined };

export type ConsumerFacts = {
  id: string | undefined;
  /** ISO 3166-1 alpha-2; undefined when not known. */
  country: string | undefined;
  /** US state or territory (two letters); undefined when not known or not applicable. */
  state: string | undefined;
  city: string | undefined;
  /** UK nation, for Scotland's prescription and the England-and-Wales breathing space. */
  nation: 'england' | 'wales' | 'scotland' | 'northern_ireland' | undefined;
  /** Every candidate zone, deduplicated; the primary zone (for day counting) first. */
  timeZones: string[];
  timeZoneSources: { address?: string; phone_area_code?: string; stated?: string; geo?: string };
  postalCode: string | undefined;
  phoneNumbers: string[];
  inconvenientWindows: InconvenientWindow[];
  inconvenientPlaces: string[];
  employerProhibitsContact: boolean;
  workEmailAddresses: string[];
  workNumbers: string[];
  consents: ConsentFacts;
  optOuts: OptOut[];
  flags: ConsumerFlags;
};

export type Dispute = {
  submittedMs: number;
  receivedMs: number | undefined;
  written: boolean;
  duplicative: boolean;
  responseSentMs: number | undefined;
  kind: 'dispute' | 'original_creditor_request';
};

export type DebtFacts = {
  id: string;
  type: string | undefined;
  /** Free text from the book (for example "open", "paid", "settled"); undefined when not stated. */
  accountState: string | undefined;
  /** 'business' debts are outside the FDCPA (1692a(5)); unknown is treated as consumer (REGF-SCOPE edge). */
  purpose: 'consumer' | 'business';
  /** Statute of limitations: true expired, false running, undefined unknown. */
  solExpired: boolean | undefined;
  solExpiryDate: string | undefined;
  solState: string | undefined;
  fcraObsolescenceDate: string | undefined;
  aprPercent: number | undefined;
  incurredDate: string | undefined;
  initialCommunicationMs: number | undefined;
  validation: { providedMs: number | undefined; assumedReceiptDate: string | undefined; endDate: string | undefined; onFile: boolean };
  disputes: Dispute[];
  verificationSentMs: number | undefined;
  originalCreditorInformationSentMs: number | undefined;
  ukLimitationExpired: boolean | undefined;
  ukPrescribed: boolean | undefined;
  customerStatedStatuteBarredRefusal: boolean | undefined;
  settledOrTransferredMs: number | undefined;
};

export type HistoryEntry = {
  atMs: number;
  channel: HistoryChannel;
  direction: 'outbound' | 'inbound';
  outcome: HistoryOutcome | undefined;
  /** Undefined when the entry does not say: it then counts for every debt (strictest reading). */
  debtIds: string[] | undefined;
  person: PersonRole;
  thirdPartyId: string | undefined;
  address: string | undefined;
  dialer: Dialer | undefined;
  numberUse: NumberUse | undefined;
  contentTags: ContentTag[];
  text: string | undefined;
  madeUnderDirectPriorConsent: boolean | undefined;
  inResponseToDebtorRequest: boolean | undefined;
  trulyUnableToReach: boolean;
  purpose: 'collection' | 'location' | undefined;
};

export type ProposedAction = {
  channel: ProposedChannel;
  scheduledMs: number;
  /** The debts the action concerns; an action that names none concerns every debt given. */
  debtIds: string[];
  dialer: Dialer;
  to: string | undefined;
  numberUse: NumberUse | undefined;
  lineType: LineType;
  template: string | undefined;
  templateHasOptOutNotice: boolean | undefined;
  contentTags: ContentTag[];
  /** Undefined when the script or voicemail content is not stated. */
  contentElements: ContentElement[] | undefined;
  isFirstCommunication: boolean;
  isFirstWrittenNotice: boolean;
  isFirstWrittenAfterTimeBarred: boolean;
  isSingleReplyToConsumerInitiated: boolean;
  inResponseToDebtorRequest: boolean;
  madeUnderDirectPriorConsent: boolean | undefined;
  courtPermission: boolean;
  emailSafeHarborMet: boolean | undefined;
  recipient: PersonRole;
  thirdPartyId: string | undefined;
  recipientIdentityVerified: boolean | undefined;
  purpose: 'collection' | 'location' | 'non_collection';
  locationRecontactReason: 'requested' | 'earlier_answer_wrong' | undefined;
  printedValidationEndDate: string | undefined;
  place: string | undefined;
  requestReceivedMs: number | undefined;
  objectionScope: 'marketing' | 'collection' | 'all' | undefined;
  continuousPaymentAuthority: { perAgreement: boolean | undefined; explained: boolean | undefined; unsuccessfulAttempts: number; partPayment: boolean } | undefined;
};

export type ReassignedNumberQuery = { number: string; queriedMs: number; disconnectedDate: string | undefined; reassigned: boolean | undefined };

export type ComplianceFacts = {
  nowMs: number;
  consumer: ConsumerFacts;
  debts: DebtFacts[];
  /** Null when the history could not be read: frequency rules then answer review (fail closed). */
  history: HistoryEntry[] | null;
  action: ProposedAction;
  reassignedNumberQueries: ReassignedNumberQuery[];
  militaryStatusQuery: { active: boolean; queriedMs: number } | undefined;
  organizationRole: 'debt_collector' | 'first_party_creditor';
  /**
   * Set by `buildFactsFromEvidence` once candidate zones are derived, inbound text is interpreted (with the
   * classifier confidence recorded here) and the history's columns are built. Facts without it are prepared
   * by the gate itself.
   */
  preparedWithTextConfidenceMin?: number;
  /** The history as typed-array columns for the frequency rules (history-columns.ts); set with the above. */
  historyColumns?: HistoryColumns;
  /** The clocks of `consumer.timeZones`, in the same order; set with the above. */
  timeZoneClocks?: ZoneClock[];
  /** Which optional facts are present at all (`factPresence` bits); set with the above. */
  presence?: number;
};

/**
 * Bits of `ComplianceFacts.presence`: whether any fact of a kind exists, so that a rule with nothing to look
 * at returns without reading the (absent) details. Computed by `computeFactPresence`.
 */
export const factPresence = {
  flags: 1,
  textSignals: 2,
  optOuts: 4,
  directConsentToTime: 8,
  directConsentToCalls: 16,
  inconvenientWindows: 32,
  workplace: 64,
  disputes: 128,
} as const;

export function computeFactPresence(facts: ComplianceFacts): number {
  const { consumer } = facts;
  const { flags } = consumer;
  const anyFlag = flags.ceaseWrittenMs !== undefined || flags.attorney !== undefined || flags.bankruptcy !== undefined ||
    flags.deceased !== undefined || flags.servicemember !== undefined || flags.breathingSpace !== undefined || flags.vulnerable ||
    flags.inDebtAdvice || flags.gdprObjection !== undefined || flags.accuracyContested !== undefined;
  return (anyFlag ? factPresence.flags : 0) |
    (flags.textSignals.length > 0 ? factPresence.textSignals : 0) |
    (consumer.optOuts.length > 0 ? factPresence.optOuts : 0) |
    (consumer.consents.directToTime.length > 0 ? factPresence.directConsentToTime : 0) |
    (consumer.consents.directToCalls.length > 0 ? factPresence.directConsentToCalls : 0) |
    (consumer.inconvenientWindows.length > 0 ? factPresence.inconvenientWindows : 0) |
    (consumer.inconvenientPlaces.length > 0 || consumer.workNumbers.length > 0 || consumer.workEmailAddresses.length > 0 || consumer.employerProhibitsContact
      ? factPresence.workplace : 0) |
    (facts.debts.some((debt) => debt.disputes.length > 0) ? factPresence.disputes : 0);
}
