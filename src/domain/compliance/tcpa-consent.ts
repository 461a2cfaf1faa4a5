// TCPA-ATDS-CONSENT: 47 USC 227(b)(1)(A)(iii), (b)(1)(B); 47 CFR 64.1200(a); Facebook v. Duguid (2021).
// TCPA-REVOKE: 47 CFR 64.1200(a)(10)–(12) (FCC 24-24, effective 2025-04-11).
// TCPA-REASSIGNED: 47 CFR 64.1200(m). TCPA-PRERECORDED-RESIDENTIAL: 64.1200(a)(3)(ii)–(v).
// Autodialed or prerecorded/artificial-voice calls and texts to a wireless number need the called party's
// prior express consent; an unknown line type is read as wireless. Consent ends when revoked by any
// reasonable means (a STOP reply is a per se revocation) and the engine honours it at once (the 10 business
// days are a legal maximum, not a grace period). Consent does not survive reassignment of the number.
// Exempt prerecorded calls to a residential line without consent: at most 3 in 30 days, with an automated
// opt-out. A manual, human-dialed call is outside these rules.
import type { TcpaConsent } from './compliance-facts.ts';
import { computeDayNumber } from '../shared/calendar-date.ts';
import {
  addReason, addRequirement, addTimeConstraint, findEntryAt, formatInstant, millisecondsPerDay, type DecisionContext,
} from './decision-context.ts';
import { computeCountInWindow, computeEarliestWithRoom } from './frequency-window.ts';
import { isSameAddress } from './medium-opt-outs.ts';

const revokingMedia = new Set(['sms', 'call', 'all', 'all_electronic', 'unstated']);

export function decideTcpaConsent(context: DecisionContext): void {
  const { action, consumer } = context.facts;
  if (context.jurisdiction !== 'united_states') return;
  const robotic = action.dialer !== 'manual';
  if (!robotic || (action.channel !== 'call' && action.channel !== 'voicemail' && action.channel !== 'sms')) return;
  const at = context.atMs;
  const prerecorded = action.dialer === 'prerecorded' || action.dialer === 'artificial_voice';
  const how = action.channel === 'sms' ? 'autodialed text' : prerecorded ? 'prerecorded or artificial-voice call' : 'autodialed call';
  const number = action.to;
  const consent: TcpaConsent | undefined = number === undefined
    ? undefined
    : consumer.consents.tcpa.filter((entry) => isSameAddress(entry.number, number) && entry.givenMs <= at)
      .reduce<TcpaConsent | undefined>((latest, entry) => (latest === undefined || entry.givenMs > latest.givenMs ? entry : latest), undefined);

  // Revocation: recorded on the consent, or an opt-out of texts or calls to the number (or to every number).
  const revocation = consent === undefined ? undefined : [
    ...(consent.revokedMs !== undefined && consent.revokedMs <= at ? [consent.revokedMs] : []),
    ...consumer.optOuts
      .filter((optOut) => revokingMedia.has(optOut.medium) && optOut.effectiveMs >= consent.givenMs && optOut.effectiveMs <= at &&
        (optOut.address === undefined || number === undefined || isSameAddress(optOut.address, number)))
      .map((optOut) => optOut.effectiveMs),
  ].reduce<number | undefined>((earliest, instant) => (earliest === undefined || instant < earliest ? instant : earliest), undefined);

  if (action.lineType === 'business') return;
  if (action.lineType === 'residential' && !(action.channel === 'sms')) {
    if (!prerecorded) return; // 227(b)(1)(B) reaches artificial or prerecorded voice only.
    if (consent !== undefined && revocation === undefined) {
      decideReassigned(context, consent, number, how);
      return;
    }
    decidePrerecordedResidential(context, number);
    return;
  }
  if (consent === undefined) {
    addReason(context, 'TCPA-ATDS-CONSENT', 'block',
      `An ${how} to a wireless (or unknown-type) number needs the called party's prior express consent, and none is on file for ${number ?? 'this number'}; a manual call may be placed instead.`);
    return;
  }
  if (revocation !== undefined) {
    addReason(context, 'TCPA-REVOKE', 'block',
      `Consent to ${how}s to ${number} was revoked on ${formatInstant(revocation)} (for example by a STOP reply), and revocation is honoured at once.`);
    return;
  }
  decideReassigned(context, consent, number, how);
}

function decideReassigned(context: DecisionContext, consent: TcpaConsent, number: string | undefined, how: string): void {
  if (number === undefined) return;
  const queries = context.facts.reassignedNumberQueries.filter((query) => isSameAddress(query.number, number));
  const consentDay = Math.floor(consent.givenMs / millisecondsPerDay);
  for (const query of queries) {
    const disconnectedSinceConsent = query.disconnectedDate !== undefined && computeDayNumber(query.disconnectedDate) >= consentDay;
    if (query.reassigned === true || disconnectedSinceConsent) {
      addReason(context, 'TCPA-REASSIGNED', 'block',
        `The Reassigned Numbers Database shows ${number} ${disconnectedSinceConsent ? `permanently disconnected on ${query.disconnectedDate}` : 'reassigned'} after consent was given, so the consent no longer belongs to the person who answers; mark the number invalid.`);
      return;
    }
  }
  const maxAgeDays = context.policy.reassignedNumbersQueryMaxAgeDays;
  if (maxAgeDays !== null && !queries.some((query) => query.queriedMs <= context.atMs && context.atMs - query.queriedMs <= maxAgeDays * millisecondsPerDay)) {
    addReason(context, 'TCPA-REASSIGNED', 'review',
      `The policy requires a Reassigned Numbers Database query within ${maxAgeDays} days before an ${how}, and there is none for ${number}.`);
  }
}

function decidePrerecordedResidential(context: DecisionContext, number: string | undefined): void {
  const countMax = context.policy.prerecordedResidentialPerThirtyDaysMax;
  const counted: number[] = [];
  // Positions in the time-ordered history columns, as the window counting expects.
  for (let index = 0; index < context.columns.atMs.length; index += 1) {
    const entry = findEntryAt(context, index);
    if (entry.direction !== 'outbound' || (entry.channel !== 'call' && entry.channel !== 'voicemail')) continue;
    if (entry.dialer !== 'prerecorded' && entry.dialer !== 'artificial_voice') continue;
    if (number !== undefined && entry.address !== undefined && !isSameAddress(entry.address, number)) continue;
    counted.push(index);
  }
  const count = computeCountInWindow(context, counted, context.atMs, 30);
  if (count + 1 > countMax) {
    addTimeConstraint(context, 'TCPA-PRERECORDED-RESIDENTIAL', (fromMs) => computeEarliestWithRoom(context, counted, fromMs, 30, countMax));
    addReason(context, 'TCPA-PRERECORDED-RESIDENTIAL', 'allow_after',
      `Without consent, exempt prerecorded calls to a residential line are limited to ${countMax} in 30 days, and ${count} were placed to ${number ?? 'this line'}.`);
  }
  addRequirement(context, 'TCPA-PRERECORDED-RESIDENTIAL', 'AUTOMATED_OPT_OUT_MECHANISM',
    'A prerecorded call to a residential line without consent must offer an automated, interactive opt-out mechanism.');
}
