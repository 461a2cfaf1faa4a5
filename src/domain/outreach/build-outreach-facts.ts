// The gate's facts for an intended contact, built from what the book keeps about a debtor (contact points,
// opt-outs, flags, disputes, validation notices, contact history). Used at queue time by the daily cycle and
// again at send time by the dispatcher, so both ask the gate the same question about the same facts.
// Unknowns stay unknown: the gate reads them strictly (docs/compliance.md, "fails closed").
import type {
  AttorneyFlag, BankruptcyFlag, ComplianceFacts, ConsumerFlags, DebtFacts, Dispute, HistoryChannel, HistoryEntry, HistoryOutcome,
  OptOut, OptOutMedium, ProposedAction, ProposedChannel, TcpaConsent,
} from '../compliance/compliance-facts.ts';
import type { OutreachChannel } from './strategy-definition.ts';

export type GateContactPoint = {
  id: string;
  type: 'postal' | 'phone' | 'email';
  value: string;
  candidateTimeZones: readonly string[];
  lineType: 'mobile' | 'landline' | 'voip' | 'unknown' | null;
  /** contact_point.consent: `{ tcpa_prior_express: { given_at, revoked_at?, source? }, email: { given_at } }`. */
  consent: Record<string, unknown>;
  optedOutMs: number | undefined;
  optOutScope: string | null;
  unusableMs: number | undefined;
  postalCode: string | undefined;
  verified: boolean;
  source: string;
};

export type GateOptOut = { contactPointId: string | null; medium: OptOutMedium; effectiveMs: number; rawText: string | undefined };
export type GateFlag = { kind: 'cease' | 'refusal_to_pay' | 'bankruptcy' | 'attorney' | 'deceased'; accountIds: readonly string[] | null; effectiveMs: number; endedMs: number | undefined; details: Record<string, unknown> };
export type GateDispute = {
  accountId: string | null; invoiceId: string | null; kind: 'dispute' | 'original_creditor_request'; written: boolean;
  submittedMs: number; receivedMs: number | undefined; status: 'open' | 'resolved' | 'withdrawn'; responseSentMs: number | undefined;
};
export type GateHistoryEntry = {
  atMs: number; channel: HistoryChannel; direction: 'outbound' | 'inbound'; outcome: HistoryOutcome | undefined;
  accountIds: readonly string[]; address: string | undefined; text: string | undefined;
};
export type GateAccount = {
  accountId: string;
  initialCommunicationMs: number | undefined;
  validationSentMs: number | undefined;
  validationEndDate: string | undefined;
};

export type DebtorGateSnapshot = {
  debtorId: string;
  debtPurpose: 'consumer' | 'commercial';
  country: string | undefined;
  region: string | undefined;
  statedTimeZone: string | undefined;
  contactPoints: GateContactPoint[];
  optOuts: GateOptOut[];
  flags: GateFlag[];
  disputes: GateDispute[];
  accounts: GateAccount[];
  /** Attempts and inbound messages (at least the last 30 days), oldest first. */
  history: GateHistoryEntry[];
};

export type IntendedContact = {
  channel: OutreachChannel;
  contactPoint: GateContactPoint | undefined;
  accountIds: readonly string[];
  template: string;
  /** When the message would go out (queue time: the cycle's instant; send time: now). */
  scheduledMs: number;
  printedValidationEndDate?: string | undefined;
};

const gateChannel: Record<OutreachChannel, ProposedChannel> = { email: 'email', sms: 'sms', letter: 'letter', call_task: 'call' };

const parseMs = (value: unknown): number | undefined => {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
};

function buildFlags(snapshot: DebtorGateSnapshot, nowMs: number): ConsumerFlags {
  const flags: ConsumerFlags = {
    ceaseWrittenMs: undefined, ceaseDebtIds: undefined, ceaseSource: undefined, attorney: undefined, bankruptcy: undefined,
    deceased: undefined, servicemember: undefined, breathingSpace: undefined, vulnerable: false, inDebtAdvice: false,
    gdprObjection: undefined, accuracyContested: undefined, textSignals: [],
  };
  for (const flag of snapshot.flags) {
    if (flag.effectiveMs > nowMs || (flag.endedMs !== undefined && flag.endedMs <= nowMs)) continue;
    const details = flag.details;
    if (flag.kind === 'cease' || flag.kind === 'refusal_to_pay') {
      flags.ceaseWrittenMs = Math.min(flags.ceaseWrittenMs ?? flag.effectiveMs, flag.effectiveMs);
      flags.ceaseSource = 'recorded';
      if (flag.accountIds !== null) flags.ceaseDebtIds = [...(flags.ceaseDebtIds ?? []), ...flag.accountIds];
    } else if (flag.kind === 'bankruptcy') {
      const bankruptcy: BankruptcyFlag = {
        chapter: typeof details.chapter === 'number' ? details.chapter : undefined,
        petitionMs: parseMs(details.petition_at) ?? flag.effectiveMs,
        caseStatus: (['open', 'closed', 'dismissed', 'discharged'] as const).find((status) => status === details.case_status) ?? 'open',
        dischargeMs: parseMs(details.discharge_at),
        excludedDebtIds: [],
        priorCasesDismissedWithinYear: 0,
        source: 'recorded',
      };
      flags.bankruptcy = bankruptcy;
    } else if (flag.kind === 'attorney') {
      const attorney: AttorneyFlag = {
        name: typeof details.name === 'string' ? details.name : undefined,
        address: typeof details.address === 'string' ? details.address : undefined,
        noticeMs: flag.effectiveMs,
        debtIds: flag.accountIds === null ? undefined : [...flag.accountIds],
        consentedDirectContact: details.consented_direct_contact === true,
        lettersUnanswered: 0,
        failedToRespond: false,
        courtPermitsDirectContact: false,
        source: 'recorded',
      };
      flags.attorney = attorney;
    } else {
      flags.deceased = { dateOfDeath: typeof details.date_of_death === 'string' ? details.date_of_death : undefined, personalRepresentative: undefined };
    }
  }
  return flags;
}

function buildOptOuts(snapshot: DebtorGateSnapshot): OptOut[] {
  const byId = new Map(snapshot.contactPoints.map((point) => [point.id, point]));
  const optOuts: OptOut[] = snapshot.optOuts.map((optOut) => ({
    medium: optOut.medium,
    address: optOut.contactPointId === null ? undefined : byId.get(optOut.contactPointId)?.value,
    effectiveMs: optOut.effectiveMs,
    rawText: optOut.rawText,
    oral: undefined,
    source: 'recorded',
  }));
  // The book's own opt-out columns on a contact point (0001) count as well.
  for (const point of snapshot.contactPoints) {
    if (point.optedOutMs === undefined) continue;
    const scope = point.optOutScope;
    const medium: OptOutMedium = scope === 'call' || scope === 'sms' || scope === 'email' || scope === 'all' ? scope
      : point.type === 'email' ? 'email' : point.type === 'phone' ? 'all_electronic' : 'letter';
    optOuts.push({ medium, address: point.value, effectiveMs: point.optedOutMs, rawText: undefined, oral: undefined, source: 'recorded' });
  }
  return optOuts;
}

function buildDebts(snapshot: DebtorGateSnapshot): DebtFacts[] {
  return snapshot.accounts.map((account) => {
    const disputes: Dispute[] = snapshot.disputes
      .filter((dispute) => dispute.status !== 'withdrawn' && (dispute.accountId === null || dispute.accountId === account.accountId))
      .map((dispute) => ({
        submittedMs: dispute.submittedMs,
        receivedMs: dispute.receivedMs,
        written: dispute.written,
        duplicative: false,
        responseSentMs: dispute.responseSentMs,
        kind: dispute.kind,
      }));
    return {
      id: account.accountId,
      type: undefined,
      accountState: 'open',
      purpose: snapshot.debtPurpose === 'commercial' ? 'business' : 'consumer',
      solExpired: false,
      solExpiryDate: undefined,
      solState: undefined,
      fcraObsolescenceDate: undefined,
      aprPercent: undefined,
      incurredDate: undefined,
      initialCommunicationMs: account.initialCommunicationMs,
      validation: {
        providedMs: account.validationSentMs,
        assumedReceiptDate: undefined,
        endDate: account.validationEndDate,
        onFile: account.validationSentMs !== undefined,
      },
      disputes,
      verificationSentMs: undefined,
      originalCreditorInformationSentMs: undefined,
      ukLimitationExpired: undefined,
      ukPrescribed: undefined,
      customerStatedStatuteBarredRefusal: undefined,
      settledOrTransferredMs: undefined,
    };
  });
}

function buildHistory(snapshot: DebtorGateSnapshot): HistoryEntry[] {
  return snapshot.history.map((entry) => ({
    atMs: entry.atMs,
    channel: entry.channel,
    direction: entry.direction,
    outcome: entry.outcome,
    debtIds: entry.accountIds.length === 0 ? undefined : [...entry.accountIds],
    person: 'consumer',
    thirdPartyId: undefined,
    address: entry.address,
    dialer: entry.channel === 'sms' ? 'atds' : entry.channel === 'call' ? 'manual' : undefined,
    numberUse: undefined,
    contentTags: [],
    text: entry.text,
    madeUnderDirectPriorConsent: undefined,
    inResponseToDebtorRequest: undefined,
    trulyUnableToReach: false,
    purpose: 'collection',
  }));
}

/** Whether the debtor has had any outbound communication (or an initial communication on file). */
export function hasBeenContacted(snapshot: DebtorGateSnapshot): boolean {
  return snapshot.accounts.some((account) => account.initialCommunicationMs !== undefined) ||
    snapshot.history.some((entry) => entry.direction === 'outbound' && entry.outcome !== 'bounced' && entry.outcome !== 'undeliverable');
}

export function buildOutreachFacts(snapshot: DebtorGateSnapshot, contact: IntendedContact, nowMs: number): ComplianceFacts {
  const point = contact.contactPoint;
  const zones = new Set<string>();
  if (snapshot.statedTimeZone !== undefined) zones.add(snapshot.statedTimeZone);
  for (const candidate of snapshot.contactPoints) for (const zone of candidate.candidateTimeZones) zones.add(zone);
  const tcpa: TcpaConsent[] = [];
  const emailConsents: ComplianceFacts['consumer']['consents']['email'] = [];
  for (const candidate of snapshot.contactPoints) {
    const tcpaConsent = candidate.consent.tcpa_prior_express as Record<string, unknown> | undefined;
    const given = parseMs(tcpaConsent?.given_at);
    if (given !== undefined) tcpa.push({ number: candidate.value, givenMs: given, source: typeof tcpaConsent?.source === 'string' ? tcpaConsent.source : undefined, revokedMs: parseMs(tcpaConsent?.revoked_at) });
    const emailConsent = candidate.consent.email as Record<string, unknown> | undefined;
    const emailGiven = parseMs(emailConsent?.given_at);
    if (emailGiven !== undefined) emailConsents.push({ address: candidate.value, givenMs: emailGiven, revokedMs: parseMs(emailConsent?.revoked_at) });
  }
  const postal = snapshot.contactPoints.find((candidate) => candidate.type === 'postal');
  const channel = gateChannel[contact.channel];
  const firstCommunication = !hasBeenContacted(snapshot);
  const isValidation = contact.template.startsWith('validation_notice');
  const action: ProposedAction = {
    channel,
    scheduledMs: contact.scheduledMs,
    debtIds: [...contact.accountIds],
    dialer: contact.channel === 'sms' ? 'atds' : 'manual',
    to: point?.value,
    numberUse: point?.type === 'phone' ? (point.lineType === 'mobile' ? 'mobile' : point.lineType === 'landline' ? 'home' : undefined) : undefined,
    lineType: point?.lineType === 'mobile' ? 'wireless' : point?.lineType === 'landline' ? 'residential' : 'unknown',
    template: contact.template,
    // Every electronic template carries the opt-out notice: the renderer inserts it whenever the gate requires it.
    templateHasOptOutNotice: contact.channel === 'email' || contact.channel === 'sms' ? true : undefined,
    contentTags: ['balance', 'payment_demand', 'payment_link', 'debt_details'],
    contentElements: undefined,
    isFirstCommunication: firstCommunication,
    isFirstWrittenNotice: isValidation,
    isFirstWrittenAfterTimeBarred: false,
    isSingleReplyToConsumerInitiated: false,
    inResponseToDebtorRequest: false,
    madeUnderDirectPriorConsent: undefined,
    courtPermission: false,
    // 1006.6(d)(3)-(4): an address the creditor supplied (import) or the consumer gave (portal, stated) qualifies.
    emailSafeHarborMet: point?.type === 'email' ? point.source !== 'skip_trace' : undefined,
    recipient: 'consumer',
    thirdPartyId: undefined,
    recipientIdentityVerified: undefined,
    purpose: 'collection',
    locationRecontactReason: undefined,
    printedValidationEndDate: contact.printedValidationEndDate,
    place: undefined,
    requestReceivedMs: undefined,
    objectionScope: undefined,
    continuousPaymentAuthority: undefined,
  };
  return {
    nowMs,
    consumer: {
      country: snapshot.country,
      state: snapshot.country === 'US' || snapshot.country === 'CA' ? snapshot.region : undefined,
      timeZones: [...zones],
      flags: buildFlags(snapshot, nowMs),
      consents: {
        directToCalls: [], directToTime: [], tcpa, email: emailConsents, esignGivenMs: undefined,
        smsNumberUsedByConsumer: undefined, addressesUsedByConsumer: [],
      },
      optOuts: buildOptOuts(snapshot),
      inconvenientWindows: [],
      city: undefined,
      id: snapshot.debtorId,
      nation: undefined,
      timeZoneSources: {},
      postalCode: postal?.postalCode,
      phoneNumbers: snapshot.contactPoints.filter((candidate) => candidate.type === 'phone').map((candidate) => candidate.value),
      inconvenientPlaces: [],
      employerProhibitsContact: false,
      workEmailAddresses: [],
      workNumbers: [],
    },
    debts: buildDebts(snapshot),
    history: buildHistory(snapshot),
    action,
    reassignedNumberQueries: [],
    militaryStatusQuery: undefined,
    organizationRole: 'debt_collector',
  };
}

const mediaOf: Record<OutreachChannel, readonly OptOutMedium[]> = {
  email: ['email', 'all_electronic', 'all'], sms: ['sms', 'all_electronic', 'all'], letter: ['letter', 'all'], call_task: ['call', 'all'],
};
const pointTypeOf: Record<OutreachChannel, GateContactPoint['type']> = { email: 'email', sms: 'phone', letter: 'postal', call_task: 'phone' };

/**
 * The first channel of a step with a usable contact point: right type, not marked unusable by feedback (a bounce,
 * a failed SMS, a returned letter), not opted out. SMS needs a mobile (or unknown-type) number.
 */
export function selectUsableChannel(
  channels: readonly OutreachChannel[],
  snapshot: DebtorGateSnapshot,
): { channel: OutreachChannel; contactPoint: GateContactPoint } | undefined {
  for (const channel of channels) {
    const media = mediaOf[channel];
    const mediumWide = snapshot.optOuts.some((optOut) => optOut.contactPointId === null && media.includes(optOut.medium));
    if (mediumWide) continue;
    const point = snapshot.contactPoints.find((candidate) =>
      candidate.type === pointTypeOf[channel] && candidate.unusableMs === undefined && candidate.optedOutMs === undefined &&
      !(channel === 'sms' && candidate.lineType === 'landline') &&
      !snapshot.optOuts.some((optOut) => optOut.contactPointId === candidate.id && media.includes(optOut.medium)));
    if (point !== undefined) return { channel, contactPoint: point };
  }
  return undefined;
}
