// The gate's edge: the JSON shape of RULES.md 0.1 and of one scenarios.json case, validated with zod and
// turned into normalised `ComplianceFacts`. Every object is strict, so an unknown (or misspelt) field is an
// error that names its path, e.g. `given.consumer.timezones[0]: unknown IANA time zone "America/Nowhere"`.
// RULES.md 0.6: facts that 0.1 files under `consumer` (optouts, consents, ...) may also sit beside it in
// `given`; both places are read and combined.
import { z } from 'zod';
import { isCalendarDate } from '../shared/calendar-date.ts';
import {
  contentElements, contentTags, dialers, historyChannels, historyOutcomes, lineTypes, numberUses, optOutMedia,
  personRoles, proposedChannels,
  type ComplianceFacts, type ConsentFacts, type ContentTag, type ConsumerFacts, type ConsumerFlags, type DebtFacts, type Dispute,
  type HistoryEntry, type InconvenientWindow, type OptOut, type ProposedAction, type ProposedChannel,
} from './compliance-facts.ts';
import { decisionKinds } from './compliance-decision.ts';
import { defaultCompliancePolicy, type CompliancePolicy } from './compliance-policy.ts';
import { buildFactsFromEvidence } from './build-facts-from-evidence.ts';
import { isKnownTimeZone } from './zone-clock.ts';

const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function isInstant(text: string): boolean {
  return instantPattern.test(text) && isCalendarDate(text.slice(0, 10)) && !Number.isNaN(Date.parse(text));
}

const text = z.string().min(1, { error: 'must not be empty' });
const instant = z.string().refine(isInstant, {
  error: (issue) => `unparseable timestamp ${JSON.stringify(issue.input)} (expected ISO 8601 with Z or an offset, e.g. 2024-06-12T12:30:00Z)`,
});
const calendarDate = z.string().refine(isCalendarDate, {
  error: (issue) => `not a calendar date ${JSON.stringify(issue.input)} (expected YYYY-MM-DD)`,
});
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'expected a local time HH:MM' });
const localDateTime = z.string().refine(
  (value) => /^\d{4}-\d{2}-\d{2}[ T]([01]\d|2[0-3]):[0-5]\d$/.test(value) && isCalendarDate(value.slice(0, 10)),
  { error: (issue) => `not a local date-time ${JSON.stringify(issue.input)} (expected "YYYY-MM-DD HH:MM")` },
);
const timeZone = z.string().refine(isKnownTimeZone, {
  error: (issue) => `unknown IANA time zone ${JSON.stringify(issue.input)}`,
});
const countryCode = z.string().regex(/^[A-Z]{2}$/, { error: 'expected an ISO 3166-1 alpha-2 country code such as "US"' });
const stateCode = z.string().regex(/^[A-Z]{2}$/, { error: 'expected a two-letter state code such as "NY"' });
const debtIds = z.array(text);
const nonNegativeInteger = z.number().int().nonnegative();

const timeZoneSources = z.strictObject({
  address: timeZone.optional(),
  phone_area_code: timeZone.optional(),
  stated: timeZone.optional(),
  geo: timeZone.optional(),
});

const weekdayNames = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const inconvenientWindow = z.strictObject({
  days: z.union([z.enum(['all', 'weekdays', 'weekends']), z.array(z.enum(weekdayNames))]),
  start_local: localTime,
  end_local: localTime,
  channels: z.array(z.enum(proposedChannels)).optional(),
  source_ts: instant.optional(),
  revoked_ts: instant.optional(),
});

const tcpaConsent = z.strictObject({
  given_ts: instant,
  source: z.string().optional(),
  revoked_ts: instant.nullable().optional(),
});

const emailConsent = z.strictObject({
  address: z.string().optional(),
  given_ts: instant,
  revoked_ts: instant.nullable().optional(),
});

const consents = z.strictObject({
  direct_prior_consent_calls: z.array(z.strictObject({
    given_ts: instant,
    scope_debt_ids: debtIds.optional(),
    until_ts: instant.optional(),
    revoked_ts: instant.nullable().optional(),
    given_to: z.enum(['debt_collector', 'creditor']).optional(),
  })).optional(),
  direct_prior_consent_time: z.array(z.strictObject({
    given_ts: instant,
    for_local: localDateTime,
    time_zone: timeZone.optional(),
    given_to: z.enum(['debt_collector', 'creditor']).optional(),
  })).optional(),
  tcpa_prior_express_consent: z.record(z.string(), tcpaConsent).optional(),
  email_consent: z.union([emailConsent, z.array(emailConsent)]).optional(),
  esign_consent: z.strictObject({ given_ts: instant, revoked_ts: instant.nullable().optional() }).optional(),
  sms_number_used_by_consumer: z.boolean().optional(),
  addresses_used_by_consumer: z.array(text).optional(),
});

const optOut = z.strictObject({
  // May be left out when `raw_text` says it ("pls dont text me anymore"): the gate reads the medium from the words.
  medium: z.enum(optOutMedia).optional(),
  scope: z.enum(['all_numbers', 'all_addresses', 'this_address']).optional(),
  address: z.string().optional(),
  number: z.string().optional(),
  ts: instant,
  raw_text: z.string().optional(),
  oral: z.boolean().optional(),
}).refine((entry) => entry.medium !== undefined || entry.raw_text !== undefined, {
  error: 'give `medium`, or `raw_text` to read it from', path: ['medium'],
});

const flags = z.strictObject({
  cease_written_ts: instant.nullable().optional(),
  cease_medium: z.enum(['mail', 'email', 'sms', 'portal', 'fax', 'in_person', 'courier']).optional(),
  cease_debt_ids: debtIds.optional(),
  refusal_to_pay_written_ts: instant.nullable().optional(),
  attorney: z.strictObject({
    name: z.string().nullable().optional(),
    address: z.string().nullable().optional(),
    notice_ts: instant,
    scope_debt_ids: debtIds.optional(),
    consented_direct_contact: z.boolean().optional(),
    letters_unanswered: nonNegativeInteger.optional(),
    failed_to_respond: z.boolean().optional(),
    court_permits_direct_contact: z.boolean().optional(),
  }).nullable().optional(),
  bankruptcy: z.strictObject({
    chapter: z.union([z.literal(7), z.literal(11), z.literal(12), z.literal(13)]).optional(),
    petition_ts: instant.optional(),
    case_status: z.enum(['open', 'closed', 'dismissed', 'discharged']).optional(),
    discharge_ts: instant.nullable().optional(),
    debtor: z.enum(['primary', 'joint']).optional(),
    codebtor_of: z.string().optional(),
    excluded_debt_ids: debtIds.optional(),
    prior_dismissed_within_1y: nonNegativeInteger.optional(),
  }).nullable().optional(),
  deceased: z.strictObject({
    date_of_death: calendarDate.optional(),
    personal_rep: z.strictObject({
      name: z.string().optional(),
      verified: z.boolean().optional(),
      address: z.string().optional(),
    }).nullable().optional(),
  }).nullable().optional(),
  scra: z.strictObject({
    active_duty_start: calendarDate.optional(),
    release_date: calendarDate.nullable().optional(),
    notice_ts: instant.nullable().optional(),
    orders_received: z.boolean().optional(),
    dmdc_active: z.boolean().optional(),
  }).nullable().optional(),
  uk_breathing_space: z.strictObject({
    start: calendarDate,
    end: calendarDate.nullable().optional(),
    type: z.enum(['standard', 'mental_health']).optional(),
  }).nullable().optional(),
  vulnerable: z.boolean().optional(),
  in_debt_advice: z.boolean().optional(),
  gdpr_objection: z.strictObject({ scope: z.enum(['marketing', 'collection', 'all']), ts: instant }).nullable().optional(),
  accuracy_contested: z.strictObject({ ts: instant, verified_ts: instant.nullable().optional() }).nullable().optional(),
});

// Fields RULES.md 0.6 lets a case put either under `consumer` or beside it in `given`.
const consumerLevelFields = {
  tz_sources: timeZoneSources.optional(),
  inconvenient_windows: z.array(inconvenientWindow).optional(),
  inconvenient_places: z.array(text).optional(),
  employer_prohibits_contact: z.boolean().optional(),
  work_email_addresses: z.array(text).optional(),
  work_numbers: z.array(text).optional(),
  consents: consents.optional(),
  optouts: z.array(optOut).optional(),
  flags: flags.optional(),
};

const consumer = z.strictObject({
  id: z.string().optional(),
  country: countryCode.nullable().optional(),
  state: stateCode.nullable().optional(),
  city: z.string().nullable().optional(),
  nation: z.enum(['england', 'wales', 'scotland', 'northern_ireland']).optional(),
  timezones: z.array(timeZone).optional(),
  postal_code: z.string().optional(),
  phone_numbers: z.array(text).optional(),
  ...consumerLevelFields,
});

const dispute = z.strictObject({
  received_ts: instant.optional(),
  sent_ts: instant.nullable().optional(),
  medium: z.enum(['mail', 'email', 'sms', 'portal', 'fax', 'response_form', 'courier', 'in_person', 'phone', 'oral']).optional(),
  written: z.boolean().optional(),
  content_hash: z.string().optional(),
  duplicative: z.boolean().optional(),
  response_sent_ts: instant.nullable().optional(),
});

const debt = z.strictObject({
  id: text,
  type: z.string().optional(),
  purpose: z.enum(['consumer', 'business']).optional(),
  creditor: z.string().optional(),
  original_creditor: z.string().optional(),
  account_state: z.string().optional(),
  sol: z.strictObject({
    state: z.string().optional(),
    start_date: calendarDate.optional(),
    years: z.number().positive().optional(),
    expired: z.boolean().optional(),
  }).optional(),
  sol_expired: z.boolean().optional(),
  sol_state: z.string().optional(),
  fcra_obsolescence_date: calendarDate.optional(),
  interest_rate_apr: z.number().nonnegative().optional(),
  apr: z.number().nonnegative().optional(),
  incurred_date: calendarDate.optional(),
  itemization_date: calendarDate.optional(),
  initial_communication_ts: instant.nullable().optional(),
  validation: z.strictObject({
    provided_ts: instant.nullable().optional(),
    method: z.string().optional(),
    assumed_receipt: calendarDate.optional(),
    end_date: calendarDate.optional(),
  }).optional(),
  disputes: z.array(dispute).optional(),
  oc_requests: z.array(dispute).optional(),
  oc_info_sent_ts: instant.nullable().optional(),
  verification_sent_ts: instant.nullable().optional(),
  credit_reporting: z.strictObject({ first_furnish_ts: instant.nullable().optional() }).optional(),
  uk_limitation_expired: z.boolean().optional(),
  uk_prescribed: z.boolean().optional(),
  customer_stated_SB_refusal: z.boolean().optional(),
  settled_or_transferred_ts: instant.nullable().optional(),
});

const historyEntry = z.strictObject({
  ts_utc: instant,
  channel: z.enum(historyChannels),
  direction: z.enum(['outbound', 'inbound']),
  outcome: z.enum(historyOutcomes).optional(),
  debt_ids: debtIds.optional(),
  person: z.enum(personRoles).optional(),
  third_party_id: z.string().optional(),
  address_or_number: z.string().optional(),
  dialer: z.enum(dialers).optional(),
  to_number_type: z.enum(numberUses).optional(),
  content_tags: z.array(z.enum(contentTags)).optional(),
  template: z.string().optional(),
  raw_text: z.string().optional(),
  text: z.string().optional(),
  note: z.string().optional(),
  made_under_direct_prior_consent: z.boolean().optional(),
  in_response_to_debtor_request: z.boolean().optional(),
  truly_unable_to_reach: z.boolean().optional(),
  purpose: z.enum(['collection', 'location']).optional(),
});

const proposedAction = z.strictObject({
  channel: z.enum(proposedChannels),
  scheduled_ts_utc: instant,
  debt_ids: debtIds.optional(),
  dialer: z.enum(dialers).optional(),
  to: z.string().optional(),
  to_number_type: z.enum(numberUses).optional(),
  number_type: z.enum(lineTypes).optional(),
  template: z.string().optional(),
  template_id: z.string().optional(),
  template_has_optout_notice: z.boolean().optional(),
  content_tags: z.array(z.enum(contentTags)).optional(),
  content_elements: z.array(z.enum(contentElements)).optional(),
  is_first_communication: z.boolean().optional(),
  is_first_written_notice: z.boolean().optional(),
  is_first_written_after_time_barred: z.boolean().optional(),
  is_single_reply_to_consumer_initiated: z.boolean().optional(),
  in_response_to_debtor_request: z.boolean().optional(),
  made_under_direct_prior_consent: z.boolean().optional(),
  court_permission: z.boolean().optional(),
  email_safe_harbor_met: z.boolean().optional(),
  recipient: z.enum(personRoles).optional(),
  addressee: z.enum([...personRoles, 'decedent']).optional(),
  third_party_id: z.string().optional(),
  recipient_identity_verified: z.boolean().optional(),
  purpose: z.enum(['collection', 'location', 'non_collection']).optional(),
  location_recontact_reason: z.enum(['requested', 'earlier_answer_wrong']).optional(),
  validation_end_date: calendarDate.optional(),
  place: z.string().optional(),
  request_received_ts: instant.optional(),
  objection_scope: z.enum(['marketing', 'collection', 'all']).optional(),
  cpa: z.strictObject({
    per_agreement: z.boolean().optional(),
    explained_to_customer: z.boolean().optional(),
    unsuccessful_attempts: nonNegativeInteger.optional(),
    part_payment: z.boolean().optional(),
  }).optional(),
});

const reassignedNumberResult = z.strictObject({
  number: text,
  query_ts: instant,
  disconnected_date: calendarDate.nullable().optional(),
  reassigned: z.boolean().optional(),
});

const given = z.strictObject({
  now_utc: instant,
  consumer,
  history: z.array(historyEntry).nullable().optional(),
  debt: debt.optional(),
  debts: z.array(debt).optional(),
  rnd_result: z.union([reassignedNumberResult, z.array(reassignedNumberResult)]).optional(),
  dmdc_result: z.strictObject({ active: z.boolean(), query_ts: instant }).optional(),
  organization: z.strictObject({ role: z.enum(['debt_collector', 'first_party_creditor']) }).optional(),
  ...consumerLevelFields,
});

const expected = z.strictObject({
  decision: z.enum(decisionKinds),
  reason_ids: z.array(z.string()).optional(),
  allow_after_utc: instant.optional(),
  required_disclosures: z.array(z.string()).optional(),
  notes: z.string().optional(),
  route_to: z.string().optional(),
  fix: z.string().optional(),
  follow_up: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
  computed: z.record(z.string(), z.string()).optional(),
  resume_condition: z.string().optional(),
  required_action: z.string().optional(),
  required_actions: z.array(z.string()).optional(),
  next_step: z.string().optional(),
  partial: z.boolean().optional(),
});

/** One case: the shape of an element of scenarios.json (`expected` optional), or a bare gate input. */
export const complianceCaseSchema = z.strictObject({
  id: z.string().optional(),
  title: z.string().optional(),
  rules_exercised: z.array(z.string()).optional(),
  notes: z.string().optional(),
  given,
  proposed_action: proposedAction,
  expected: expected.optional(),
});

export const scenarioFileSchema = z.strictObject({
  schema_version: z.string().optional(),
  conventions: z.record(z.string(), z.unknown()).optional(),
  count: nonNegativeInteger.optional(),
  scenarios: z.array(z.unknown()),
});

export type ComplianceCaseInput = z.infer<typeof complianceCaseSchema>;
export type ExpectedOutcome = z.infer<typeof expected>;

export type ComplianceCase = {
  id: string | undefined;
  title: string | undefined;
  facts: ComplianceFacts;
  expected: ExpectedOutcome | undefined;
};

export type InputProblem = { path: string; message: string };

export type BuildResult<T> = { ok: true; value: T } | { ok: false; problems: InputProblem[] };

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let formatted = '';
  for (const segment of path) {
    if (typeof segment === 'number') formatted += `[${segment}]`;
    else formatted += formatted === '' ? String(segment) : `.${String(segment)}`;
  }
  return formatted === '' ? '(case)' : formatted;
}

/** Turns zod issues into one problem per field, each naming the field's path. */
export function buildInputProblems(issues: ReadonlyArray<z.core.$ZodIssue>, prefix: ReadonlyArray<PropertyKey> = []): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push({ path: formatPath([...path, key]), message: 'unknown field' });
    } else if (issue.code === 'invalid_type' && issue.input === undefined) {
      problems.push({ path: formatPath(path), message: 'required field is missing' });
    } else if (issue.code === 'invalid_union') {
      problems.push({ path: formatPath(path), message: 'does not match any accepted shape' });
    } else {
      problems.push({ path: formatPath(path), message: issue.message });
    }
  }
  return problems;
}

const toMilliseconds = (value: string): number => Date.parse(value);
const optionalMilliseconds = (value: string | null | undefined): number | undefined =>
  value === null || value === undefined ? undefined : Date.parse(value);

const weekdaysOf = (days: z.infer<typeof inconvenientWindow>['days']): Set<number> => {
  if (days === 'all') return new Set([0, 1, 2, 3, 4, 5, 6]);
  if (days === 'weekdays') return new Set([1, 2, 3, 4, 5]);
  if (days === 'weekends') return new Set([0, 6]);
  return new Set(days.map((day) => weekdayNames.indexOf(day)));
};

const minuteOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

type ConsumerLevel = {
  tz_sources?: z.infer<typeof timeZoneSources> | undefined;
  inconvenient_windows?: Array<z.infer<typeof inconvenientWindow>> | undefined;
  inconvenient_places?: string[] | undefined;
  employer_prohibits_contact?: boolean | undefined;
  work_email_addresses?: string[] | undefined;
  work_numbers?: string[] | undefined;
  consents?: z.infer<typeof consents> | undefined;
  optouts?: Array<z.infer<typeof optOut>> | undefined;
  flags?: z.infer<typeof flags> | undefined;
};

function buildConsents(parts: Array<z.infer<typeof consents> | undefined>): ConsentFacts {
  const result: ConsentFacts = {
    directToCalls: [], directToTime: [], tcpa: [], email: [], esignGivenMs: undefined,
    smsNumberUsedByConsumer: undefined, addressesUsedByConsumer: [],
  };
  for (const part of parts) {
    if (part === undefined) continue;
    for (const consent of part.direct_prior_consent_calls ?? []) {
      result.directToCalls.push({
        givenMs: toMilliseconds(consent.given_ts),
        debtIds: consent.scope_debt_ids,
        untilMs: optionalMilliseconds(consent.until_ts),
        revokedMs: optionalMilliseconds(consent.revoked_ts),
        // 1006.14(b)(3)(i): consent given to the creditor is not given directly to the collector.
        direct: consent.given_to !== 'creditor',
      });
    }
    for (const consent of part.direct_prior_consent_time ?? []) {
      result.directToTime.push({
        givenMs: toMilliseconds(consent.given_ts),
        localDateTime: consent.for_local.replace('T', ' '),
        timeZone: consent.time_zone,
        direct: consent.given_to !== 'creditor',
      });
    }
    for (const [number, consent] of Object.entries(part.tcpa_prior_express_consent ?? {})) {
      result.tcpa.push({ number, givenMs: toMilliseconds(consent.given_ts), source: consent.source, revokedMs: optionalMilliseconds(consent.revoked_ts) });
    }
    const emailConsents = part.email_consent === undefined ? [] : Array.isArray(part.email_consent) ? part.email_consent : [part.email_consent];
    for (const consent of emailConsents) {
      result.email.push({ address: consent.address, givenMs: toMilliseconds(consent.given_ts), revokedMs: optionalMilliseconds(consent.revoked_ts) });
    }
    if (part.esign_consent !== undefined && (part.esign_consent.revoked_ts ?? null) === null) {
      result.esignGivenMs = toMilliseconds(part.esign_consent.given_ts);
    }
    if (part.sms_number_used_by_consumer !== undefined) {
      result.smsNumberUsedByConsumer = (result.smsNumberUsedByConsumer ?? true) && part.sms_number_used_by_consumer;
    }
    result.addressesUsedByConsumer.push(...(part.addresses_used_by_consumer ?? []));
  }
  return result;
}

function buildFlags(parts: Array<z.infer<typeof flags> | undefined>): ConsumerFlags {
  const result: ConsumerFlags = {
    ceaseWrittenMs: undefined, ceaseDebtIds: undefined, ceaseSource: undefined, attorney: undefined, bankruptcy: undefined,
    deceased: undefined, servicemember: undefined, breathingSpace: undefined, vulnerable: false, inDebtAdvice: false,
    gdprObjection: undefined, accuracyContested: undefined, textSignals: [],
  };
  const earliest = (left: number | undefined, right: number | undefined): number | undefined =>
    left === undefined ? right : right === undefined ? left : Math.min(left, right);
  for (const part of parts) {
    if (part === undefined) continue;
    // REGF-CEASE: a written refusal to pay triggers 1006.6(c) just as a written request to stop does.
    const cease = earliest(optionalMilliseconds(part.cease_written_ts), optionalMilliseconds(part.refusal_to_pay_written_ts));
    if (cease !== undefined) {
      result.ceaseWrittenMs = earliest(result.ceaseWrittenMs, cease);
      result.ceaseSource = 'recorded';
    }
    if (part.cease_debt_ids !== undefined) result.ceaseDebtIds = [...(result.ceaseDebtIds ?? []), ...part.cease_debt_ids];
    if (part.attorney) {
      result.attorney = {
        name: part.attorney.name ?? undefined,
        address: part.attorney.address ?? undefined,
        noticeMs: toMilliseconds(part.attorney.notice_ts),
        debtIds: part.attorney.scope_debt_ids,
        consentedDirectContact: part.attorney.consented_direct_contact ?? false,
        lettersUnanswered: part.attorney.letters_unanswered ?? 0,
        failedToRespond: part.attorney.failed_to_respond ?? false,
        courtPermitsDirectContact: part.attorney.court_permits_direct_contact ?? false,
        source: 'recorded',
      };
    }
    if (part.bankruptcy) {
      result.bankruptcy = {
        chapter: part.bankruptcy.chapter,
        petitionMs: optionalMilliseconds(part.bankruptcy.petition_ts),
        caseStatus: part.bankruptcy.case_status,
        dischargeMs: optionalMilliseconds(part.bankruptcy.discharge_ts),
        excludedDebtIds: part.bankruptcy.excluded_debt_ids ?? [],
        priorCasesDismissedWithinYear: part.bankruptcy.prior_dismissed_within_1y ?? 0,
        source: 'recorded',
      };
    }
    if (part.deceased) {
      const representative = part.deceased.personal_rep;
      result.deceased = {
        dateOfDeath: part.deceased.date_of_death,
        personalRepresentative: representative ? { name: representative.name, verified: representative.verified ?? false } : undefined,
      };
    }
    if (part.scra) {
      result.servicemember = {
        activeDutyStart: part.scra.active_duty_start,
        releaseDate: part.scra.release_date ?? undefined,
        noticeMs: optionalMilliseconds(part.scra.notice_ts),
        ordersReceived: part.scra.orders_received,
        activeByDmdc: part.scra.dmdc_active,
      };
    }
    if (part.uk_breathing_space) {
      result.breathingSpace = { start: part.uk_breathing_space.start, end: part.uk_breathing_space.end ?? undefined, type: part.uk_breathing_space.type };
    }
    result.vulnerable ||= part.vulnerable ?? false;
    result.inDebtAdvice ||= part.in_debt_advice ?? false;
    if (part.gdpr_objection) result.gdprObjection = { scope: part.gdpr_objection.scope, sinceMs: toMilliseconds(part.gdpr_objection.ts) };
    if (part.accuracy_contested) {
      result.accuracyContested = { sinceMs: toMilliseconds(part.accuracy_contested.ts), verifiedMs: optionalMilliseconds(part.accuracy_contested.verified_ts) };
    }
  }
  return result;
}

function buildOptOuts(parts: Array<Array<z.infer<typeof optOut>> | undefined>): OptOut[] {
  const result: OptOut[] = [];
  for (const part of parts) {
    for (const entry of part ?? []) {
      const mediumWide = entry.scope === 'all_numbers' || entry.scope === 'all_addresses';
      result.push({
        medium: entry.medium ?? 'unstated',
        address: mediumWide ? undefined : entry.address ?? entry.number,
        effectiveMs: toMilliseconds(entry.ts),
        rawText: entry.raw_text,
        oral: entry.oral,
        source: 'recorded',
      });
    }
  }
  return result;
}

function buildConsumer(raw: z.infer<typeof consumer>, beside: ConsumerLevel): ConsumerFacts {
  const sources = { ...(beside.tz_sources ?? {}), ...(raw.tz_sources ?? {}) };
  // REGF-TIME-MULTITZ: the candidates are the union of every source; the primary zone (0.4) is the one
  // the consumer stated, else the address zone, else the first listed.
  const primary = sources.stated ?? sources.address;
  const zones = [...(primary === undefined ? [] : [primary]), ...(raw.timezones ?? []), ...Object.values(sources)];
  const windows: InconvenientWindow[] = [...(raw.inconvenient_windows ?? []), ...(beside.inconvenient_windows ?? [])].map((window) => ({
    weekdays: weekdaysOf(window.days),
    startMinute: minuteOf(window.start_local),
    endMinute: minuteOf(window.end_local),
    channels: window.channels === undefined ? undefined : new Set<ProposedChannel>(window.channels),
    sinceMs: optionalMilliseconds(window.source_ts),
    revokedMs: optionalMilliseconds(window.revoked_ts),
  }));
  return {
    // The fields most rules read come first, so they share the object's first cache lines.
    country: raw.country ?? undefined,
    state: raw.state ?? undefined,
    timeZones: [...new Set(zones.filter((zone): zone is string => zone !== undefined))],
    flags: buildFlags([raw.flags, beside.flags]),
    consents: buildConsents([raw.consents, beside.consents]),
    optOuts: buildOptOuts([raw.optouts, beside.optouts]),
    inconvenientWindows: windows,
    city: raw.city ?? undefined,
    id: raw.id,
    nation: raw.nation,
    timeZoneSources: sources,
    postalCode: raw.postal_code,
    phoneNumbers: raw.phone_numbers ?? [],
    inconvenientPlaces: [...(raw.inconvenient_places ?? []), ...(beside.inconvenient_places ?? [])],
    employerProhibitsContact: (raw.employer_prohibits_contact ?? false) || (beside.employer_prohibits_contact ?? false),
    workEmailAddresses: [...(raw.work_email_addresses ?? []), ...(beside.work_email_addresses ?? [])],
    workNumbers: [...(raw.work_numbers ?? []), ...(beside.work_numbers ?? [])],
  };
}

const writtenDisputeMedia = new Set(['mail', 'email', 'sms', 'portal', 'fax', 'response_form', 'courier', 'in_person']);

function buildDisputes(entries: Array<z.infer<typeof dispute>>, kind: Dispute['kind']): Dispute[] {
  const result: Dispute[] = [];
  for (const entry of entries) {
    const submitted = optionalMilliseconds(entry.sent_ts) ?? optionalMilliseconds(entry.received_ts);
    // A dispute with no date at all cannot be placed outside the validation period: treat it as timely.
    result.push({
      submittedMs: submitted ?? Number.NEGATIVE_INFINITY,
      receivedMs: optionalMilliseconds(entry.received_ts),
      // 1006.38 comment 38-1: writing includes mail, the response form, electronic media and in-person
      // delivery; an oral dispute does not pause collection. Unknown medium: the strictest reading is written.
      written: entry.written ?? (entry.medium === undefined || writtenDisputeMedia.has(entry.medium)),
      duplicative: entry.duplicative ?? false,
      responseSentMs: optionalMilliseconds(entry.response_sent_ts),
      kind,
    });
  }
  return result;
}

function addYears(date: string, years: number): string | undefined {
  if (!Number.isInteger(years)) return undefined;
  const year = Number(date.slice(0, 4)) + years;
  const candidate = `${String(year).padStart(4, '0')}${date.slice(4)}`;
  // 29 February plus whole years lands on 28 February when the target year has no leap day.
  return isCalendarDate(candidate) ? candidate : `${String(year).padStart(4, '0')}-02-28`;
}

function buildDebt(raw: z.infer<typeof debt>): DebtFacts {
  const solExpiryDate = raw.sol?.start_date !== undefined && raw.sol.years !== undefined ? addYears(raw.sol.start_date, raw.sol.years) : undefined;
  return {
    id: raw.id,
    type: raw.type,
    accountState: raw.account_state,
    purpose: raw.purpose ?? 'consumer',
    solExpired: raw.sol?.expired ?? raw.sol_expired,
    solExpiryDate,
    solState: raw.sol?.state ?? raw.sol_state,
    fcraObsolescenceDate: raw.fcra_obsolescence_date,
    aprPercent: raw.interest_rate_apr ?? raw.apr,
    incurredDate: raw.incurred_date,
    initialCommunicationMs: optionalMilliseconds(raw.initial_communication_ts),
    validation: {
      providedMs: optionalMilliseconds(raw.validation?.provided_ts),
      assumedReceiptDate: raw.validation?.assumed_receipt,
      endDate: raw.validation?.end_date,
      onFile: raw.validation !== undefined,
    },
    disputes: [...buildDisputes(raw.disputes ?? [], 'dispute'), ...buildDisputes(raw.oc_requests ?? [], 'original_creditor_request')],
    verificationSentMs: optionalMilliseconds(raw.verification_sent_ts),
    originalCreditorInformationSentMs: optionalMilliseconds(raw.oc_info_sent_ts),
    ukLimitationExpired: raw.uk_limitation_expired,
    ukPrescribed: raw.uk_prescribed,
    customerStatedStatuteBarredRefusal: raw.customer_stated_SB_refusal,
    settledOrTransferredMs: optionalMilliseconds(raw.settled_or_transferred_ts),
  };
}

// History entries without tags share one empty list: a long history then costs one object per entry.
const noContentTags: ContentTag[] = [];

function buildHistoryEntry(raw: z.infer<typeof historyEntry>): HistoryEntry {
  // The fields every frequency rule reads come first, so they share the object's first cache line.
  return {
    atMs: toMilliseconds(raw.ts_utc),
    direction: raw.direction,
    channel: raw.channel,
    outcome: raw.outcome,
    person: raw.person ?? 'consumer',
    debtIds: raw.debt_ids,
    thirdPartyId: raw.third_party_id,
    address: raw.address_or_number,
    dialer: raw.dialer,
    numberUse: raw.to_number_type,
    contentTags: raw.content_tags ?? noContentTags,
    text: raw.raw_text ?? raw.text,
    madeUnderDirectPriorConsent: raw.made_under_direct_prior_consent,
    inResponseToDebtorRequest: raw.in_response_to_debtor_request,
    trulyUnableToReach: raw.truly_unable_to_reach ?? false,
    purpose: raw.purpose,
  };
}

function buildProposedAction(raw: z.infer<typeof proposedAction>, allDebtIds: string[]): ProposedAction {
  const numberUse = raw.to_number_type;
  // The fields most rules read come first, so they share the object's first cache lines.
  return {
    channel: raw.channel,
    scheduledMs: toMilliseconds(raw.scheduled_ts_utc),
    debtIds: raw.debt_ids ?? allDebtIds,
    // The addressee "decedent" is the deceased consumer.
    recipient: raw.recipient ?? (raw.addressee === undefined || raw.addressee === 'decedent' ? 'consumer' : raw.addressee),
    purpose: raw.purpose ?? 'collection',
    template: raw.template ?? raw.template_id,
    contentTags: raw.content_tags ?? [],
    dialer: raw.dialer ?? 'manual',
    courtPermission: raw.court_permission ?? false,
    isFirstCommunication: raw.is_first_communication ?? false,
    isSingleReplyToConsumerInitiated: raw.is_single_reply_to_consumer_initiated ?? false,
    inResponseToDebtorRequest: raw.in_response_to_debtor_request ?? false,
    madeUnderDirectPriorConsent: raw.made_under_direct_prior_consent,
    templateHasOptOutNotice: raw.template_has_optout_notice,
    to: raw.to,
    numberUse,
    // TCPA: an unknown line type is read as wireless, where consent is needed for every autodialed call.
    lineType: raw.number_type ?? (numberUse === 'home' ? 'residential' : 'unknown'),
    contentElements: raw.content_elements,
    isFirstWrittenNotice: raw.is_first_written_notice ?? false,
    isFirstWrittenAfterTimeBarred: raw.is_first_written_after_time_barred ?? false,
    emailSafeHarborMet: raw.email_safe_harbor_met,
    thirdPartyId: raw.third_party_id,
    recipientIdentityVerified: raw.recipient_identity_verified,
    locationRecontactReason: raw.location_recontact_reason,
    printedValidationEndDate: raw.validation_end_date,
    place: raw.place,
    requestReceivedMs: optionalMilliseconds(raw.request_received_ts),
    objectionScope: raw.objection_scope,
    continuousPaymentAuthority: raw.cpa === undefined ? undefined : {
      perAgreement: raw.cpa.per_agreement,
      explained: raw.cpa.explained_to_customer,
      unsuccessfulAttempts: raw.cpa.unsuccessful_attempts ?? 0,
      partPayment: raw.cpa.part_payment ?? false,
    },
  };
}

/** Builds the facts from a validated case. */
export function buildComplianceFacts(input: ComplianceCaseInput): ComplianceFacts {
  const { given: facts } = input;
  const debts = [...(facts.debt === undefined ? [] : [facts.debt]), ...(facts.debts ?? [])].map(buildDebt);
  const reassigned = facts.rnd_result === undefined ? [] : Array.isArray(facts.rnd_result) ? facts.rnd_result : [facts.rnd_result];
  return {
    nowMs: toMilliseconds(facts.now_utc),
    consumer: buildConsumer(facts.consumer, facts),
    debts,
    history: facts.history === undefined || facts.history === null ? null : facts.history.map(buildHistoryEntry),
    action: buildProposedAction(input.proposed_action, debts.map((entry) => entry.id)),
    reassignedNumberQueries: reassigned.map((result) => ({
      number: result.number,
      queriedMs: toMilliseconds(result.query_ts),
      disconnectedDate: result.disconnected_date ?? undefined,
      reassigned: result.reassigned,
    })),
    militaryStatusQuery: facts.dmdc_result === undefined ? undefined : { active: facts.dmdc_result.active, queriedMs: toMilliseconds(facts.dmdc_result.query_ts) },
    organizationRole: facts.organization?.role ?? 'debt_collector',
  };
}

/**
 * Validates one case (an element of scenarios.json, or `{ given, proposed_action }`) and builds its facts,
 * prepared for the gate under the policy (history sorted, zones derived, inbound text interpreted).
 * Problems name the field path, e.g. `given.consumer.timezones[0]: unknown IANA time zone "America/Nowhere"`.
 */
export function buildComplianceCase(
  json: unknown,
  pathPrefix: ReadonlyArray<PropertyKey> = [],
  policy: CompliancePolicy = defaultCompliancePolicy,
): BuildResult<ComplianceCase> {
  const parsed = complianceCaseSchema.safeParse(json);
  if (!parsed.success) return { ok: false, problems: buildInputProblems(parsed.error.issues, pathPrefix) };
  const problems: InputProblem[] = [];
  const { given: facts } = parsed.data;
  if (facts.debt === undefined && (facts.debts === undefined || facts.debts.length === 0)) {
    problems.push({ path: formatPath([...pathPrefix, 'given', 'debt']), message: 'required field is missing (give `debt` or `debts`)' });
  }
  const debtIdsGiven = new Set([...(facts.debt === undefined ? [] : [facts.debt.id]), ...(facts.debts ?? []).map((entry) => entry.id)]);
  (parsed.data.proposed_action.debt_ids ?? []).forEach((id, index) => {
    if (!debtIdsGiven.has(id)) {
      problems.push({ path: formatPath([...pathPrefix, 'proposed_action', 'debt_ids', index]), message: `unknown debt "${id}" (not among the given debts)` });
    }
  });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      id: parsed.data.id,
      title: parsed.data.title,
      facts: buildFactsFromEvidence(buildComplianceFacts(parsed.data), policy),
      expected: parsed.data.expected,
    },
  };
}
