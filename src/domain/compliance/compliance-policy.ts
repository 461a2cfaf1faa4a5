// Thresholds are data (issue #3): hours, caps and windows live here, not in the rules. The defaults are the
// law's numbers (or, where RULES.md says a number is policy, a conservative choice that is named as such).
// A tenant or a state overlay may only make a threshold stricter: `buildCompliancePolicy` merges overlays by
// keeping the stricter value of every field and reports each loosening it refused.

export type DayCounting =
  /** RULES.md 0.4 default: the consumer's local calendar in the primary zone. */
  | 'consumer_primary_zone'
  /** `strict_multi_calendar`: the limits must hold under every candidate zone's calendar. */
  | 'every_candidate_zone'
  /** `strict_rolling_168h`: a rolling window of whole 24-hour periods, the most conservative. */
  | 'rolling_168_hours';

export type CompliancePolicy = {
  /** REGF-TIME-8TO9 / 0.5: allowed iff startMinute ≤ local minute < endMinute. Law: 480 (08:00) to 1260 (21:00). */
  contactWindowStartMinute: number;
  contactWindowEndMinute: number;
  /** 0.5 buffer: no call or voicemail started within this many minutes of the window's end (e.g. 10 -> 20:50). */
  lastCallStartBufferMinutes: number;
  /** UK-CONC-7.9-CONTACT: engine policy hours (CONC sets a reasonableness standard, not hours). */
  ukContactWindowStartMinute: number;
  ukContactWindowEndMinute: number;
  ukAvoidSundays: boolean;
  ukAvoidBankHolidays: boolean;
  dayCounting: DayCounting;
  /** REGF-CALL-7IN7: more than this many calls in 7 consecutive days is presumed harassment. */
  callsPerSevenDaysMax: number;
  /** REGF-CALL-7AFTERCONV: days (the conversation date is day 1) before the next call. */
  conversationQuietDays: number;
  /** REGF-CALL-EXCLUDED: days (consent date is day 1) for which calls under direct consent are excluded. */
  directConsentCallDays: number;
  /** REGF-TIME-8TO9 exception: minutes after a consumer-requested time within which the call is covered. */
  directConsentTimeToleranceMinutes: number;
  /** Comment 6(b)(1)-2 and 1006.14(h)(2): minutes after a consumer-initiated message within which one reply counts as a reply. */
  singleReplyWindowMinutes: number;
  /** MA-CALL-2IN7: days back in which an inbound message must show the consumer asked to be contacted. */
  debtorRequestEvidenceDays: number;
  massachusettsPersonalPerSevenDaysMax: number;
  massachusettsOtherPerThirtyDaysMax: number;
  /** REGF-HARASS-GENERAL: policy caps, per debt, on unsolicited messages (RULES.md: "numbers are policy"). */
  smsPerDayMax: number;
  smsPerSevenDaysMax: number;
  emailPerDayMax: number;
  emailPerSevenDaysMax: number;
  touchesPerSevenDaysMax: number;
  /** REGF-PASSIVE-CR: consecutive days to wait for a notice of undeliverability. */
  passiveReportingWaitDays: number;
  /** REGF-VAL-PERIOD. */
  validationReceiptBusinessDays: number;
  validationPeriodDays: number;
  /** REGF-VAL-TIMING: days after the initial communication by which validation information is due. */
  validationInformationDueDays: number;
  /** TCPA-PRERECORDED-RESIDENTIAL: exempt prerecorded calls per 30 days without consent. */
  prerecordedResidentialPerThirtyDaysMax: number;
  /** REGF-TBD-NOSUE edge: suits within this many days of the limitation date go to legal review. */
  timeBarredSuitMarginDays: number;
  /** REGF-ATTY edge: representation on one debt is treated as knowledge for every debt (conservative). */
  attorneyRepresentationCoversAllDebts: boolean;
  /** TCPA-REVOKE edge: treat a text STOP as a request to stop manual calls to that number too. */
  smsStopAlsoStopsManualCalls: boolean;
  /** TCPA-REASSIGNED: require a Reassigned Numbers Database query this recent before an autodialed call; null = not required. */
  reassignedNumbersQueryMaxAgeDays: number | null;
  /** The collector's zone: disputes are timely, and validation dates computed, in the consumer's or this zone (RULES.md REGF-DISPUTE-PAUSE). */
  collectorTimeZone: string | null;
  /** UK-CONC-7.3-FORBEAR: outbound contacts per 7 days for a vulnerable customer or one in debt advice. */
  ukVulnerableContactsPerSevenDaysMax: number;
  /** UK-CONC-7.6-CPA: unsuccessful continuous-payment-authority attempts after which no further attempt is made. */
  cpaUnsuccessfulAttemptsMax: number;
  /** NYC-DCWP (L/verify): off unless switched on; then 3 contacts per 7 days across channels from the effective date. */
  newYorkCityRulesEnabled: boolean;
  newYorkCityRulesEffectiveDate: string;
  newYorkCityContactsPerSevenDaysMax: number;
  /** Free-text intents from inbound messages are acted on at or above this classifier confidence, reviewed below it. */
  textIntentConfidenceMin: number;
};

export const defaultCompliancePolicy: CompliancePolicy = Object.freeze({
  contactWindowStartMinute: 8 * 60,
  contactWindowEndMinute: 21 * 60,
  lastCallStartBufferMinutes: 0,
  ukContactWindowStartMinute: 8 * 60,
  ukContactWindowEndMinute: 21 * 60,
  ukAvoidSundays: true,
  ukAvoidBankHolidays: true,
  dayCounting: 'consumer_primary_zone',
  callsPerSevenDaysMax: 7,
  conversationQuietDays: 7,
  directConsentCallDays: 7,
  directConsentTimeToleranceMinutes: 15,
  singleReplyWindowMinutes: 60,
  debtorRequestEvidenceDays: 7,
  massachusettsPersonalPerSevenDaysMax: 2,
  massachusettsOtherPerThirtyDaysMax: 2,
  smsPerDayMax: 1,
  smsPerSevenDaysMax: 3,
  emailPerDayMax: 1,
  emailPerSevenDaysMax: 7,
  touchesPerSevenDaysMax: 14,
  passiveReportingWaitDays: 14,
  validationReceiptBusinessDays: 5,
  validationPeriodDays: 30,
  validationInformationDueDays: 5,
  prerecordedResidentialPerThirtyDaysMax: 3,
  timeBarredSuitMarginDays: 30,
  attorneyRepresentationCoversAllDebts: true,
  smsStopAlsoStopsManualCalls: false,
  reassignedNumbersQueryMaxAgeDays: null,
  collectorTimeZone: null,
  ukVulnerableContactsPerSevenDaysMax: 1,
  cpaUnsuccessfulAttemptsMax: 2,
  newYorkCityRulesEnabled: false,
  newYorkCityRulesEffectiveDate: '2026-09-01',
  newYorkCityContactsPerSevenDaysMax: 3,
  textIntentConfidenceMin: 0.5,
});

export type CompliancePolicyOverlay = Partial<CompliancePolicy>;

type Strictness = 'higher' | 'lower' | 'true' | 'day_counting' | 'nullable_lower' | 'set_once' | 'earlier_date';

// Which direction is stricter for each threshold.
const strictness: { [K in keyof CompliancePolicy]: Strictness } = {
  contactWindowStartMinute: 'higher',
  contactWindowEndMinute: 'lower',
  lastCallStartBufferMinutes: 'higher',
  ukContactWindowStartMinute: 'higher',
  ukContactWindowEndMinute: 'lower',
  ukAvoidSundays: 'true',
  ukAvoidBankHolidays: 'true',
  dayCounting: 'day_counting',
  callsPerSevenDaysMax: 'lower',
  conversationQuietDays: 'higher',
  directConsentCallDays: 'lower',
  directConsentTimeToleranceMinutes: 'lower',
  singleReplyWindowMinutes: 'lower',
  debtorRequestEvidenceDays: 'lower',
  massachusettsPersonalPerSevenDaysMax: 'lower',
  massachusettsOtherPerThirtyDaysMax: 'lower',
  smsPerDayMax: 'lower',
  smsPerSevenDaysMax: 'lower',
  emailPerDayMax: 'lower',
  emailPerSevenDaysMax: 'lower',
  touchesPerSevenDaysMax: 'lower',
  passiveReportingWaitDays: 'higher',
  validationReceiptBusinessDays: 'higher',
  validationPeriodDays: 'higher',
  validationInformationDueDays: 'lower',
  prerecordedResidentialPerThirtyDaysMax: 'lower',
  timeBarredSuitMarginDays: 'higher',
  attorneyRepresentationCoversAllDebts: 'true',
  smsStopAlsoStopsManualCalls: 'true',
  reassignedNumbersQueryMaxAgeDays: 'nullable_lower',
  collectorTimeZone: 'set_once',
  ukVulnerableContactsPerSevenDaysMax: 'lower',
  cpaUnsuccessfulAttemptsMax: 'lower',
  newYorkCityRulesEnabled: 'true',
  newYorkCityRulesEffectiveDate: 'earlier_date',
  newYorkCityContactsPerSevenDaysMax: 'lower',
  textIntentConfidenceMin: 'lower',
};

const dayCountingOrder: DayCounting[] = ['consumer_primary_zone', 'every_candidate_zone', 'rolling_168_hours'];

export type PolicyLoosening = { field: keyof CompliancePolicy; kept: unknown; refused: unknown };

function pickStricter(kind: Strictness, current: unknown, proposed: unknown): unknown {
  switch (kind) {
    case 'higher': return Math.max(current as number, proposed as number);
    case 'lower': return Math.min(current as number, proposed as number);
    case 'true': return (current as boolean) || (proposed as boolean);
    case 'day_counting':
      return dayCountingOrder[Math.max(dayCountingOrder.indexOf(current as DayCounting), dayCountingOrder.indexOf(proposed as DayCounting))];
    case 'nullable_lower':
      if (current === null) return proposed;
      if (proposed === null) return current;
      return Math.min(current as number, proposed as number);
    case 'set_once': return current ?? proposed;
    case 'earlier_date': return (proposed as string) < (current as string) ? proposed : current;
  }
}

/**
 * Merges overlays (tenant, state, campaign) onto a base policy, keeping the stricter value of every field,
 * so no overlay can make the gate looser than the law. Returns the policy and the loosenings it refused.
 * @example buildCompliancePolicy([{ contactWindowEndMinute: 20 * 60 }]).policy.contactWindowEndMinute // 1200
 */
export function buildCompliancePolicy(
  overlays: CompliancePolicyOverlay[],
  base: CompliancePolicy = defaultCompliancePolicy,
): { policy: CompliancePolicy; refusedLoosenings: PolicyLoosening[] } {
  const merged: Record<string, unknown> = { ...base };
  const refusedLoosenings: PolicyLoosening[] = [];
  for (const overlay of overlays) {
    for (const [field, value] of Object.entries(overlay) as Array<[keyof CompliancePolicy, unknown]>) {
      if (value === undefined) continue;
      const kind = strictness[field];
      if (kind === undefined) throw new RangeError(`unknown policy field "${String(field)}"`);
      const kept = pickStricter(kind, merged[field], value);
      if (kept !== value) refusedLoosenings.push({ field, kept, refused: value });
      merged[field] = kept;
    }
  }
  return { policy: Object.freeze(merged as CompliancePolicy), refusedLoosenings };
}
