// A first, explainable classifier for what an inbound SMS, email, letter, call note or portal message asks
// of the collector. Rules and lexicon, no model: every intent carries the words that triggered it.
// Why it matters: REGF-MEDIUM-OPTOUT says natural-language requests must be honoured generously ("pls no
// more texts"); TCPA-REVOKE makes STOP/QUIT/END/… a revocation; REGF-CEASE, REGF-DISPUTE-PAUSE, REGF-ATTY
// and BK-AUTOSTAY each stop collection once the collector knows. The compliance engine turns these intents
// into flags; whether a cease was *written* (1006.6(c)) is the engine's call, from the channel.
import {
  inboundMessageRules,
  type InboundIntentName,
  type InboundMessageRule,
  type IntentEmission,
  type OptOutMedium,
} from './inbound-message-lexicon.ts';

export type { InboundIntentName, OptOutMedium } from './inbound-message-lexicon.ts';

export type InboundChannel = 'sms' | 'email' | 'letter' | 'call' | 'portal';

export type InboundIntent = {
  intent: InboundIntentName;
  /**
   * 0–1. ≥ 0.9: an explicit phrase ("STOP", "I filed chapter 13"); 0.75–0.9: a clear phrase with some room
   * for reading; < 0.75: a weak cue (a bare "bankruptcy", "leave me alone").
   */
  confidence: number;
  /** For `opt_out`: the medium the person asked the collector to stop using. */
  medium?: OptOutMedium;
  /** The words of the message that triggered the intent, as written. */
  evidence: string;
};

export type InboundMessageClassification = { intents: InboundIntent[] };

// Where a clause starts: negation and hedges only reach back to it.
const clauseBoundary = /[.!?;:\n]|,\s|\s-\s|\b(?:but|and|so|because|however|although|though|then|also)\b/gi;
const negationCue = /\b(?:not|never|no|nor|without|cannot|dont|didnt|doesnt|isnt|wasnt|wont|cant|aint|havent|hasnt|hadnt|wouldnt|shouldnt|couldnt|arent|werent|avoid|avoiding|refuse\s+to|refusing\s+to)\b|n't\b|\bn\s't\b/i;
const hedgeCue = /\b(?:thinking\s+(?:about|of)|consider(?:ing)?|might|may|could|going\s+to|gonna|about\s+to|plan(?:ning)?\s+(?:to|on)|have\s+to|will|ll|want\s+to|if|should|threaten(?:s|ing|ed)?|talk(?:ing)?\s+(?:about|of)|possibly|probably|maybe|look(?:ing)?\s+into|option|before|threat)\b/i;
const cueWordsMax = 6;
const lookBehindCharacters = 160;

/**
 * Classifies an inbound message into the intents a collector must act on: `opt_out` (with the medium),
 * `cease`, `dispute`, `attorney`, `bankruptcy`, `wrong_person`, `paid`, `hardship`, `verification_request`.
 * Negated mentions ("I'm not filing bankruptcy") do not count; hedged bankruptcy talk ("might have to file")
 * is hardship, not a petition. Intents are sorted by confidence, strongest first; one per intent (and per
 * medium for opt-outs), with the strongest evidence.
 *
 * @example
 * classifyInboundMessage('pls dont text me anymore', { channel: 'sms' })
 * // { intents: [{ intent: 'opt_out', medium: 'sms', confidence: 0.95, evidence: 'dont text me' }] }
 */
export function classifyInboundMessage(
  text: string,
  options: { channel?: InboundChannel } = {},
): InboundMessageClassification {
  // Straighten quotes one character for one, so match positions are positions in `text`.
  const normalised = text.replace(/[\u2018\u2019\u02BC\u0060\u00B4]/g, "'").replace(/[\u201C\u201D]/g, '"');
  const best = new Map<string, InboundIntent & { position: number }>();
  for (const rule of inboundMessageRules) {
    for (const match of normalised.matchAll(rule.pattern)) {
      const start = match.index;
      const matched = match[0];
      const before = normalised.slice(Math.max(0, start - lookBehindCharacters), start);
      if (rule.voidedBefore?.test(before) === true) continue;
      const cueWords = lastWordsOfClause(before);
      if (rule.negatable && negationCue.test(cueWords)) continue;
      const emissions = rule.hedged !== undefined && hedgeCue.test(cueWords) ? rule.hedged : rule.emits;
      const evidence = text.slice(start, start + matched.length).trim();
      for (const emission of emissions) {
        for (const medium of deriveMedia(emission, rule, matched, options.channel)) {
          const key = `${emission.intent}|${medium ?? ''}`;
          const current = best.get(key);
          if (current === undefined || emission.confidence > current.confidence) {
            best.set(key, {
              intent: emission.intent,
              confidence: emission.confidence,
              ...(medium === undefined ? {} : { medium }),
              evidence,
              position: start,
            });
          }
        }
      }
    }
  }
  const intents = [...best.values()]
    .sort((first, second) => second.confidence - first.confidence || first.position - second.position)
    .map(({ position: _position, ...intent }) => intent);
  return { intents };
}

// The last few words of the clause before a match: where "not", "never" or "thinking about" would sit.
function lastWordsOfClause(before: string): string {
  let clauseStart = 0;
  for (const boundary of before.matchAll(clauseBoundary)) clauseStart = boundary.index + boundary[0].length;
  return before.slice(clauseStart).trim().split(/\s+/).slice(-cueWordsMax).join(' ');
}

function deriveMedia(
  emission: IntentEmission,
  rule: InboundMessageRule,
  matched: string,
  channel: InboundChannel | undefined,
): Array<OptOutMedium | undefined> {
  if (emission.intent !== 'opt_out') return [undefined];
  const source = emission.medium ?? 'channel';
  // TCPA keywords are SMS replies unless the message came some other way; other requests that do not name
  // a medium ("take me off your list") cover every medium when the channel is unknown.
  const fallback: OptOutMedium = rule.wholeMessage === true ? 'sms' : 'all';
  if (source === 'channel') return [deriveChannelMedium(channel, fallback)];
  if (source !== 'words') return [source];
  const media: OptOutMedium[] = [];
  if (/call|phon|ring|dial|voice\s?mail|llam/i.test(matched)) media.push('call');
  if (/te?xt|sms|msg|messag|mensaj/i.test(matched)) media.push('sms');
  if (/\be-?\s?mail|correo/i.test(matched)) media.push('email');
  if (/contact|communicat|bother|harass|hound|pester/i.test(matched)) media.push('all');
  // Letters are not an opt-out medium in this vocabulary; "stop sending letters" alone gives none.
  if (media.length === 0 && /\bletters?\b/i.test(matched)) return [];
  return media.length > 0 ? media : [deriveChannelMedium(channel, fallback)];
}

function deriveChannelMedium(channel: InboundChannel | undefined, fallback: OptOutMedium): OptOutMedium {
  switch (channel) {
    case 'sms': return 'sms';
    case 'email': return 'email';
    case 'call': return 'call';
    case 'letter':
    case 'portal': return 'all';
    case undefined: return fallback;
  }
}
