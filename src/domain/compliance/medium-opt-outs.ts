// REGF-MEDIUM-OPTOUT: 12 CFR 1006.14(h)(1)–(2). REGF-ELEC-OPTOUT-HONOR: 1006.6(e), 1006.14(h) and the CFPB
// FAQ on opt-out notices. UK-CONC-7.9-CONTACT: CONC 7.9.4R (due regard to reasonable requests about how to
// be contacted).
// A collector must not communicate or attempt to communicate through a medium the person asked it not to
// use, orally or in writing, medium-wide ("no texts") or for one address or number. Exceptions: one
// electronic confirmation of the opt-out with nothing else in it; one reply through that medium when the
// person initiates contact through it. A text STOP opts out of texts to that number; it is not by itself a
// phone-call opt-out under Reg F (TCPA-REVOKE deals with robocalls), unless the policy says so.
import { factPresence, type OptOut, type OptOutMedium, type ProposedChannel } from './compliance-facts.ts';
import {
  addReason, electronicChannels, findTextSignals, formatInstant, hasFacts, isContact, millisecondsPerMinute, type DecisionContext,
} from './decision-context.ts';

const coveringMedia: Partial<Record<ProposedChannel, ReadonlySet<OptOutMedium>>> = {
  call: new Set(['call', 'all']),
  voicemail: new Set(['call', 'all']),
  sms: new Set(['sms', 'all_electronic', 'all']),
  email: new Set(['email', 'all_electronic', 'all']),
  social_dm: new Set(['social', 'all_electronic', 'all']),
  social_connection_request: new Set(['social', 'all_electronic', 'all']),
  social_public_post: new Set(['social', 'all_electronic', 'all']),
  letter: new Set(['letter', 'all']),
  postcard: new Set(['letter', 'all']),
  in_person: new Set(['in_person', 'all']),
};

/** Numbers compare by their digits (the last ten, so +1 and national forms match); addresses case-insensitively. */
export function isSameAddress(left: string, right: string): boolean {
  const leftDigits = left.replace(/\D/g, '');
  const rightDigits = right.replace(/\D/g, '');
  if (leftDigits.length >= 7 && rightDigits.length >= 7 && !left.includes('@') && !right.includes('@')) {
    return leftDigits.slice(-10) === rightDigits.slice(-10);
  }
  return left.trim().toLowerCase() === right.trim().toLowerCase();
}

/** True when the opt-out covers the proposed channel and address (an unknown address is covered: strictest reading). */
export function isCoveredByOptOut(optOut: OptOut, channel: ProposedChannel, to: string | undefined, smsStopStopsCalls: boolean): boolean {
  const media = coveringMedia[channel];
  // A medium not (yet) read from the request's words covers every medium: the strictest reading.
  let covers = media !== undefined && (optOut.medium === 'unstated' || media.has(optOut.medium));
  if (!covers && smsStopStopsCalls && optOut.medium === 'sms' && (channel === 'call' || channel === 'voicemail')) covers = true;
  if (!covers) return false;
  if (optOut.address === undefined || to === undefined) return true;
  return isSameAddress(optOut.address, to);
}

/** A history entry on the proposed channel (a voicemail is left on a call). */
function isSameChannel(historyChannel: string, channel: ProposedChannel): boolean {
  return historyChannel === channel || (channel === 'voicemail' && historyChannel === 'call');
}

export function decideMediumOptOuts(context: DecisionContext): void {
  const { action, consumer } = context.facts;
  if (context.jurisdiction !== 'united_states' && context.jurisdiction !== 'united_kingdom') return;
  if (!hasFacts(context, factPresence.optOuts | factPresence.textSignals)) return;
  const at = context.atMs;
  const matching = consumer.optOuts.filter((optOut) =>
    optOut.effectiveMs <= at && isCoveredByOptOut(optOut, action.channel, action.to, context.policy.smsStopAlsoStopsManualCalls));
  if (matching.length === 0) {
    const weak = findTextSignals(context, ['opt_out'])[0];
    if (weak !== undefined && isContact(action.channel) && action.template !== 'optout_confirmation') {
      addReason(context, context.jurisdiction === 'united_kingdom' ? 'UK-CONC-7.9-CONTACT' : 'REGF-MEDIUM-OPTOUT', 'review',
        `An inbound message may ask not to be contacted ("${weak.evidence}"); a specialist must read it and record the medium before further contact.`);
    }
    return;
  }
  const optOut = matching.reduce((latest, entry) => (entry.effectiveMs > latest.effectiveMs ? entry : latest));
  const electronic = electronicChannels.has(action.channel);
  const sentSince = context.history.filter((entry) =>
    entry.direction === 'outbound' && isSameChannel(entry.channel, action.channel) && entry.atMs >= optOut.effectiveMs &&
    (action.to === undefined || entry.address === undefined || isSameAddress(entry.address, action.to)));

  // 1006.14(h)(2)(i): one electronic confirmation, containing only the confirmation.
  if (electronic && action.template === 'optout_confirmation' && action.contentTags.every((tag) => tag === 'confirmation_only')) {
    if (sentSince.length === 0) return;
  }
  // 1006.14(h)(2)(ii): one reply through the medium when the person initiated contact through it since.
  if (action.isSingleReplyToConsumerInitiated) {
    const inbound = context.history.filter((entry) => entry.direction === 'inbound' && isSameChannel(entry.channel, action.channel) && entry.atMs >= optOut.effectiveMs && entry.atMs <= at);
    const latestInbound = inbound.reduce((latest, entry) => Math.max(latest, entry.atMs), Number.NEGATIVE_INFINITY);
    const replied = sentSince.some((entry) => entry.atMs >= latestInbound);
    if (inbound.length > 0 && !replied && at - latestInbound <= context.policy.singleReplyWindowMinutes * millisecondsPerMinute) return;
  }

  const target = optOut.address === undefined ? `all ${optOut.medium.replaceAll('_', ' ')} contact` : `${optOut.medium} to ${optOut.address}`;
  const said = optOut.rawText === undefined ? '' : ` ("${optOut.rawText}")`;
  const how = optOut.source === 'inbound_text' ? 'in an inbound message' : optOut.oral === true ? 'orally' : '';
  const when = formatInstant(optOut.effectiveMs);
  if (context.jurisdiction === 'united_kingdom') {
    addReason(context, 'UK-CONC-7.9-CONTACT', 'block',
      `The customer asked ${how ? `${how} ` : ''}not to be contacted this way (${target}, ${when})${said}; CONC 7.9.4R requires due regard to that request.`);
    return;
  }
  addReason(context, 'REGF-MEDIUM-OPTOUT', 'block',
    `The consumer asked ${how ? `${how} ` : ''}to stop ${target} on ${when}${said}; use another medium.`);
  if (electronic) {
    addReason(context, 'REGF-ELEC-OPTOUT-HONOR', 'block',
      `After an electronic opt-out only one confirmation with no collection content may go to that address${sentSince.length > 0 ? ', and one has already been sent' : ''}.`);
  }
}
