import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import phrasingsFixture from '../../../test/fixtures/messages/phrasings.json' with { type: 'json' };
import { classifyInboundMessage, type InboundChannel } from './classify-inbound-message.ts';

type Expected = { intent: string; medium?: string };

// The intents (with media for opt-outs) of a message, sorted, for exact comparisons.
function intentsOf(text: string, channel?: InboundChannel): Expected[] {
  return classifyInboundMessage(text, channel === undefined ? {} : { channel }).intents
    .map(({ intent, medium }) => (medium === undefined ? { intent } : { intent, medium }))
    .sort((first, second) => `${first.intent}${first.medium ?? ''}`.localeCompare(`${second.intent}${second.medium ?? ''}`));
}

function sorted(expected: Expected[]): Expected[] {
  return [...expected].sort((first, second) => `${first.intent}${first.medium ?? ''}`.localeCompare(`${second.intent}${second.medium ?? ''}`));
}

describe('classifyInboundMessage: hand-written SMS and email replies', () => {
  const cases: Array<{ text: string; channel?: InboundChannel; expected: Expected[]; why: string }> = [
    { text: 'pls dont text me anymore', channel: 'sms', expected: [{ intent: 'opt_out', medium: 'sms' }], why: 'REGF-MEDIUM-OPTOUT: SMS spelling, no keyword' },
    { text: 'STOP', channel: 'sms', expected: [{ intent: 'opt_out', medium: 'sms' }], why: 'TCPA-REVOKE per se keyword' },
    { text: 'stop calling my job', expected: [{ intent: 'opt_out', medium: 'call' }], why: 'a call restriction, not a full cease (REGF-CEASE edge)' },
    { text: 'I refuse to pay this', channel: 'email', expected: [{ intent: 'cease' }], why: '1006.6(c): refusal to pay' },
    { text: "this isn't my debt", expected: [{ intent: 'dispute' }], why: 'REGF-DISPUTE-PAUSE' },
    { text: 'my attorney is John Smith 555-1234', expected: [{ intent: 'attorney' }], why: 'REGF-ATTY' },
    { text: 'I filed chapter 13 last week', expected: [{ intent: 'bankruptcy' }], why: 'BK-AUTOSTAY' },
    { text: "I'm not filing bankruptcy, I'll pay Friday", expected: [], why: 'negated bankruptcy; a promise is not an intent here' },
    { text: 'Thanks, got it', expected: [], why: 'nothing to act on' },
    { text: 'stop contacting me', channel: 'email', expected: [{ intent: 'cease' }, { intent: 'opt_out', medium: 'all' }], why: 'written demand to stop all communication' },
    { text: 'stop calling me', channel: 'call', expected: [{ intent: 'opt_out', medium: 'call' }], why: 'scenario S37: oral "stop calling me" is a call opt-out only' },
    { text: "Please don't call or text me again", expected: [{ intent: 'opt_out', medium: 'call' }, { intent: 'opt_out', medium: 'sms' }], why: 'two media in one request' },
    { text: 'u guys need to stop txting me', expected: [{ intent: 'opt_out', medium: 'sms' }], why: 'SMS spelling' },
    { text: 'pls no more msgs', expected: [{ intent: 'opt_out', medium: 'sms' }], why: 'SMS spelling' },
    { text: 'no more emails please', channel: 'email', expected: [{ intent: 'opt_out', medium: 'email' }], why: 'email opt-out' },
    { text: 'Unsubscribe me from these emails', channel: 'email', expected: [{ intent: 'opt_out', medium: 'email' }], why: 'email opt-out' },
    { text: 'Only contact me by mail from now on', expected: [{ intent: 'opt_out', medium: 'all_electronic' }, { intent: 'opt_out', medium: 'call' }], why: '"only mail" refuses every other medium' },
    { text: 'please put me on your do not call list', expected: [{ intent: 'opt_out', medium: 'call' }], why: 'internal do-not-call request' },
    { text: 'Take me off your list', channel: 'sms', expected: [{ intent: 'opt_out', medium: 'sms' }], why: 'medium from the channel' },
    { text: 'I already paid this in full last month', expected: [{ intent: 'dispute' }, { intent: 'paid' }], why: 'paid is a dispute too' },
    { text: 'the balance is wrong, I only owe $200', expected: [{ intent: 'dispute' }], why: 'wrong amount' },
    { text: 'Someone stole my identity and opened this account', expected: [{ intent: 'dispute' }], why: 'identity theft' },
    { text: 'Please send me proof of the debt', expected: [{ intent: 'dispute' }, { intent: 'verification_request' }], why: 'a request for verification is a dispute (issue #3)' },
    { text: 'What is the name and address of the original creditor?', expected: [{ intent: 'dispute' }, { intent: 'verification_request' }], why: 'original-creditor request (1006.38(c))' },
    { text: 'I have retained counsel, direct everything to them', expected: [{ intent: 'attorney' }], why: 'REGF-ATTY' },
    { text: "talk to my lawyer", expected: [{ intent: 'attorney' }], why: 'REGF-ATTY' },
    { text: 'wrong number, there is no one by that name here', expected: [{ intent: 'wrong_person' }], why: 'REGF-3P: a third party' },
    { text: 'I lost my job and cannot pay right now', expected: [{ intent: 'hardship' }], why: 'cannot is not will not: no cease' },
    { text: 'I might have to file bankruptcy', expected: [{ intent: 'hardship' }], why: 'a hedge: no petition, no stay' },
    { text: 'I will not pay until you validate this debt', expected: [{ intent: 'dispute' }, { intent: 'verification_request' }], why: 'a conditional refusal is a validation request, not a cease' },
    { text: 'What happens if I dont pay?', expected: [], why: 'a question, not a refusal' },
    { text: 'cease and desist all communication with me', channel: 'letter', expected: [{ intent: 'cease' }, { intent: 'opt_out', medium: 'all' }], why: '1692c(c)' },
    { text: 'Stop calling my mother about my debt', expected: [], why: 'calls to a third party are REGF-3P, not a medium opt-out for the consumer' },
  ];

  for (const { text, channel, expected, why } of cases) {
    it(`"${text}"${channel === undefined ? '' : ` (${channel})`}: ${why}`, () => {
      expect(intentsOf(text, channel)).toEqual(sorted(expected));
    });
  }
});

describe('TCPA-REVOKE: keywords as a whole-message reply', () => {
  for (const keyword of ['STOP', 'Stop', 'stop.', 'STOPALL', 'STOP ALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPT OUT', 'OPTOUT', 'opt-out', 'ALTO', 'BAJA']) {
    it(`"${keyword}" by SMS is an SMS opt-out at the highest confidence`, () => {
      const { intents } = classifyInboundMessage(keyword, { channel: 'sms' });
      expect(intents).toEqual([{ intent: 'opt_out', medium: 'sms', confidence: 0.99, evidence: keyword }]);
    });
  }

  it('the keyword takes the medium of the channel it arrived on', () => {
    expect(intentsOf('STOP', 'email')).toEqual([{ intent: 'opt_out', medium: 'email' }]);
    expect(intentsOf('STOP', 'call')).toEqual([{ intent: 'opt_out', medium: 'call' }]);
    expect(intentsOf('STOP', 'letter')).toEqual([{ intent: 'opt_out', medium: 'all' }]);
    expect(intentsOf('STOP')).toEqual([{ intent: 'opt_out', medium: 'sms' }]);
  });

  it('the same words inside a sentence are not keywords', () => {
    expect(intentsOf('I will stop by the office to pay', 'sms')).toEqual([]);
    expect(intentsOf("Please don't end my payment plan", 'sms')).toEqual([]);
    expect(intentsOf('Can I cancel the autopay and pay by card?', 'sms')).toEqual([]);
  });
});

describe('Spanish basics (REGF-MEDIUM-OPTOUT)', () => {
  const cases: Array<[string, Expected[]]> = [
    ['no me llamen', [{ intent: 'opt_out', medium: 'call' }]],
    ['Por favor dejen de llamar', [{ intent: 'opt_out', medium: 'call' }]],
    ['no me envíen mensajes', [{ intent: 'opt_out', medium: 'sms' }]],
    ['no me envien mas mensajes', [{ intent: 'opt_out', medium: 'sms' }]],
    ['no me contacten más', [{ intent: 'cease' }, { intent: 'opt_out', medium: 'all' }]],
    ['no voy a pagar', [{ intent: 'cease' }]],
    ['mi abogado se encarga', [{ intent: 'attorney' }]],
  ];
  for (const [text, expected] of cases) {
    it(`"${text}"`, () => expect(intentsOf(text)).toEqual(sorted(expected)));
  }
});

describe('negation and hedges', () => {
  it('a negation in the same clause cancels the cue', () => {
    expect(intentsOf("I don't want you to stop texting me")).toEqual([]);
    expect(intentsOf('I have never filed for bankruptcy')).toEqual([]);
    expect(intentsOf("I don't have a lawyer")).toEqual([]);
    expect(intentsOf('I am not refusing to pay')).toEqual([]);
  });

  it('a negation in an earlier clause does not', () => {
    expect(intentsOf("I don't have the money right now, but stop calling me at work")).toEqual([{ intent: 'opt_out', medium: 'call' }]);
    expect(intentsOf('No. I filed chapter 7 in March')).toEqual([{ intent: 'bankruptcy' }]);
  });

  it('hedged bankruptcy talk is hardship, and a filed petition is bankruptcy', () => {
    expect(intentsOf('thinking about filing chapter 7')).toEqual([{ intent: 'hardship' }]);
    expect(intentsOf('My bankruptcy case number is 24-10234')).toEqual([{ intent: 'bankruptcy' }]);
    expect(intentsOf('this debt was discharged in my chapter 7')).toEqual([{ intent: 'bankruptcy' }]);
  });

  it('"attorney general" is not representation', () => {
    expect(intentsOf('I will report you to my attorney general')).toEqual([]);
  });
});

describe('explainability', () => {
  it('evidence is the triggering words as written, curly quotes and all', () => {
    const { intents } = classifyInboundMessage('Hi. This isn\u2019t my debt, please stop texting me!', { channel: 'sms' });
    expect(intents).toEqual([
      { intent: 'opt_out', medium: 'sms', confidence: 0.95, evidence: 'stop texting me' },
      { intent: 'dispute', confidence: 0.9, evidence: 'isn\u2019t my debt' },
    ]);
  });

  it('one intent per kind (and per medium), with the strongest evidence', () => {
    const { intents } = classifyInboundMessage('bankruptcy. I filed chapter 13 and my bankruptcy attorney will call you');
    const bankruptcy = intents.filter((intent) => intent.intent === 'bankruptcy');
    expect(bankruptcy).toEqual([{ intent: 'bankruptcy', confidence: 0.9, evidence: 'filed chapter 13' }]);
  });

  it('any text: evidence is a substring of the text, confidence within (0, 1], no duplicates, same answer twice', () => {
    const words = fc.constantFrom('stop', 'STOP', 'texting', 'calling', 'me', 'not', "don't", 'my', 'debt', 'paid', 'bankruptcy',
      'chapter', '13', 'lawyer', 'attorney', 'please', 'pls', 'no', 'more', 'msgs', 'validate', 'proof', 'wrong', 'number', ',', '.', '\n');
    fc.assert(fc.property(fc.oneof(fc.string(), fc.array(words, { maxLength: 30 }).map((parts) => parts.join(' '))), (text) => {
      const first = classifyInboundMessage(text);
      expect(classifyInboundMessage(text)).toEqual(first);
      const keys = first.intents.map((intent) => `${intent.intent}|${intent.medium ?? ''}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const intent of first.intents) {
        expect(text).toContain(intent.evidence);
        expect(intent.confidence).toBeGreaterThan(0);
        expect(intent.confidence).toBeLessThanOrEqual(1);
        expect(intent.medium !== undefined).toBe(intent.intent === 'opt_out');
      }
    }), { numRuns: 300 });
  });
});

describe('real consumer phrasings (test/fixtures/messages/phrasings.json, CFPB narratives)', () => {
  const { phrasings } = phrasingsFixture as {
    phrasings: Array<{ complaintId: string; text: string; expected: string[]; optOutMedia?: string[] }>;
  };

  it('holds about forty hand-labelled sentences covering every intent', () => {
    expect(phrasings.length).toBeGreaterThanOrEqual(40);
    const covered = new Set(phrasings.flatMap((phrasing) => phrasing.expected));
    for (const intent of ['opt_out', 'cease', 'dispute', 'attorney', 'bankruptcy', 'wrong_person', 'paid', 'hardship', 'verification_request']) {
      expect(covered, intent).toContain(intent);
    }
  });

  for (const phrasing of phrasings) {
    it(`complaint ${phrasing.complaintId}: ${phrasing.expected.join(', ') || 'nothing'} — "${phrasing.text.slice(0, 60)}…"`, () => {
      const { intents } = classifyInboundMessage(phrasing.text, { channel: 'portal' });
      expect([...new Set(intents.map((intent) => intent.intent))].sort()).toEqual([...phrasing.expected].sort());
      if (phrasing.optOutMedia !== undefined) {
        expect(intents.filter((intent) => intent.intent === 'opt_out').map((intent) => intent.medium).sort())
          .toEqual([...phrasing.optOutMedia].sort());
      }
    });
  }
});
