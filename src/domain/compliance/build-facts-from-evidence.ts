// Facts the gate reads from evidence rather than from fields: the candidate time zones when only an address
// or phone numbers are on file (REGF-TIME-MULTITZ: the union of every source), and what inbound free text
// asks of the collector (REGF-MEDIUM-OPTOUT: natural-language requests are honoured generously; REGF-CEASE,
// REGF-DISPUTE-PAUSE, REGF-ATTY and BK-AUTOSTAY start once the collector knows).
// How text becomes facts (confidence at or above the policy's minimum):
// - opt_out: a medium-wide opt-out of the medium named (or the one it came by), effective when received;
// - cease: in writing (text, email, letter, portal) a 1006.6(c) cease; said on a call, a call opt-out;
// - dispute, "already paid", a request for verification: a dispute, written or oral by channel;
// - attorney, bankruptcy: a flag that sends every collection contact to review until a person confirms it;
// - wrong_person: the address reached someone else; contacts to it go to review (REGF-3P).
// Weaker cues of those intents are kept as signals, which send the affected actions to review.
import { classifyInboundMessage, type InboundChannel } from '../messages/classify-inbound-message.ts';
import { computeFactPresence, type ComplianceFacts, type ConsumerFlags, type DebtFacts, type HistoryChannel, type OptOut, type OptOutMedium, type TextSignal } from './compliance-facts.ts';
import { buildHistoryColumns } from './history-columns.ts';
import { buildZoneClock } from './zone-clock.ts';
import type { CompliancePolicy } from './compliance-policy.ts';
import { deriveCandidateTimeZones } from './time-zones/derive-candidate-time-zones.ts';

const inboundChannels: Partial<Record<HistoryChannel, InboundChannel>> = {
  sms: 'sms', email: 'email', letter: 'letter', call: 'call', voicemail: 'call', portal: 'portal', social_dm: 'portal', in_person: 'call',
};
// 1006.6(c) comment 6(c)(1)-1: writing includes electronic messages; a call or a visit is oral.
const writtenChannels: ReadonlySet<HistoryChannel> = new Set(['sms', 'email', 'letter', 'portal', 'social_dm', 'postcard']);
const channelMedia: Partial<Record<HistoryChannel, OptOutMedium>> = { sms: 'sms', email: 'email', call: 'call', voicemail: 'call', social_dm: 'social' };

function deriveTimeZones(facts: ComplianceFacts): string[] {
  const { consumer } = facts;
  if (consumer.timeZones.length > 0) return consumer.timeZones;
  const hasAddress = consumer.country !== undefined && (consumer.state !== undefined || consumer.postalCode !== undefined);
  if (!hasAddress && consumer.phoneNumbers.length === 0) return [];
  const derived = deriveCandidateTimeZones({
    ...(consumer.country === undefined ? {} : {
      postalAddress: {
        country: consumer.country,
        ...(consumer.state === undefined ? {} : { state: consumer.state }),
        ...(consumer.postalCode === undefined ? {} : { postalCode: consumer.postalCode }),
      },
    }),
    phoneNumbers: consumer.phoneNumbers,
  });
  return derived.unknown ? [] : derived.timeZones;
}

type Interpreted = { optOuts: OptOut[]; flags: ConsumerFlags; debts: DebtFacts[] };

function interpretInboundText(facts: ComplianceFacts, policy: CompliancePolicy): Interpreted | undefined {
  const history = facts.history ?? [];
  let hasText = false;
  for (const optOut of facts.consumer.optOuts) if (optOut.medium === 'unstated') hasText = true;
  // Direction first: only inbound entries need their text read (fewer memory reads on long histories).
  for (const entry of history) if (entry.direction === 'inbound' && entry.text !== undefined) hasText = true;
  if (!hasText) return undefined;
  const optOuts: OptOut[] = [];
  const flags: ConsumerFlags = { ...facts.consumer.flags, textSignals: [...facts.consumer.flags.textSignals] };
  const debts = facts.debts.map((debt) => ({ ...debt, disputes: [...debt.disputes] }));
  const minimum = policy.textIntentConfidenceMin;

  // A recorded opt-out whose medium could not be filled in: read it from its own words.
  for (const optOut of facts.consumer.optOuts) {
    if (optOut.medium !== 'unstated' || optOut.rawText === undefined) {
      optOuts.push(optOut);
      continue;
    }
    const media = classifyInboundMessage(optOut.rawText).intents
      .filter((intent) => intent.intent === 'opt_out' && intent.confidence >= minimum && intent.medium !== undefined)
      .map((intent) => intent.medium as OptOutMedium);
    // Nothing recognisable: the strictest reading of a recorded opt-out is every medium.
    for (const medium of media.length > 0 ? media : ['all' as const]) optOuts.push({ ...optOut, medium });
  }

  for (const entry of history) {
    if (entry.direction !== 'inbound' || entry.text === undefined || entry.person !== 'consumer') continue;
    const written = writtenChannels.has(entry.channel);
    const channel = inboundChannels[entry.channel];
    const { intents } = classifyInboundMessage(entry.text, channel === undefined ? {} : { channel });
    for (const intent of intents) {
      const confident = intent.confidence >= minimum;
      const signal: TextSignal = { intent: intent.intent, confidence: intent.confidence, evidence: intent.evidence, atMs: entry.atMs, written, address: entry.address };
      switch (intent.intent) {
        case 'opt_out':
          if (!confident) {
            flags.textSignals.push(signal);
            break;
          }
          optOuts.push({
            medium: intent.medium ?? channelMedia[entry.channel] ?? 'all',
            address: undefined,
            effectiveMs: entry.atMs,
            rawText: entry.text,
            oral: !written,
            source: 'inbound_text',
          });
          break;
        case 'cease':
          if (!confident) {
            flags.textSignals.push(signal);
          } else if (written) {
            if (flags.ceaseWrittenMs === undefined || entry.atMs < flags.ceaseWrittenMs) {
              flags.ceaseWrittenMs = entry.atMs;
              flags.ceaseSource = 'inbound_text';
            }
          } else {
            // An oral "stop" is not a 1006.6(c) notice, but it is a request not to call (1006.14(h)).
            optOuts.push({ medium: channelMedia[entry.channel] ?? 'call', address: undefined, effectiveMs: entry.atMs, rawText: entry.text, oral: true, source: 'inbound_text' });
          }
          break;
        case 'dispute':
        case 'paid':
        case 'verification_request':
          if (!confident) {
            flags.textSignals.push(signal);
            break;
          }
          for (const debt of debts) {
            if (entry.debtIds !== undefined && !entry.debtIds.includes(debt.id)) continue;
            debt.disputes.push({ submittedMs: entry.atMs, receivedMs: entry.atMs, written, duplicative: false, responseSentMs: undefined, kind: 'dispute' });
          }
          break;
        case 'attorney':
          if (flags.attorney === undefined) {
            flags.attorney = {
              name: undefined, address: undefined, noticeMs: entry.atMs, debtIds: entry.debtIds, consentedDirectContact: false,
              lettersUnanswered: 0, failedToRespond: false, courtPermitsDirectContact: false, source: 'inbound_text',
            };
          }
          break;
        case 'bankruptcy':
          if (flags.bankruptcy === undefined && confident) {
            flags.bankruptcy = {
              chapter: undefined, petitionMs: undefined, caseStatus: undefined, dischargeMs: undefined, excludedDebtIds: [],
              priorCasesDismissedWithinYear: 0, source: 'inbound_text',
            };
          } else if (!confident) {
            flags.textSignals.push(signal);
          }
          break;
        case 'wrong_person':
          flags.textSignals.push(signal);
          break;
        default:
          break;
      }
    }
  }
  return { optOuts, flags, debts };
}

/**
 * Prepares facts for the gate: candidate zones derived from the address and phone numbers when none were
 * given, the intents of inbound free text turned into opt-outs, flags and disputes, and the history's columns.
 * Inbound messages are understood once, when they arrive (DESIGN.md); the facts record the classifier
 * confidence used, so the gate prepares them again only under a different policy.
 */
export function buildFactsFromEvidence(facts: ComplianceFacts, policy: CompliancePolicy): ComplianceFacts {
  if (facts.preparedWithTextConfidenceMin === policy.textIntentConfidenceMin && facts.historyColumns !== undefined && facts.timeZoneClocks !== undefined &&
    facts.presence !== undefined) return facts;
  const timeZones = deriveTimeZones(facts);
  const interpreted = interpretInboundText(facts, policy);
  const debts = interpreted?.debts ?? facts.debts;
  const prepared: ComplianceFacts = {
    ...facts,
    debts,
    consumer: {
      ...facts.consumer,
      timeZones,
      optOuts: interpreted?.optOuts ?? facts.consumer.optOuts,
      flags: interpreted?.flags ?? facts.consumer.flags,
    },
    preparedWithTextConfidenceMin: policy.textIntentConfidenceMin,
    historyColumns: buildHistoryColumns(facts.history ?? [], debts),
    timeZoneClocks: timeZones.map(buildZoneClock),
  };
  prepared.presence = computeFactPresence(prepared);
  return prepared;
}
