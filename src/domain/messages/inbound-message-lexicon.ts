// The phrases classify-inbound-message.ts looks for, as data. Each rule names the legal reason it exists:
// - REGF-MEDIUM-OPTOUT (1006.14(h)): "don't text me", "only mail" — oral or written, read generously.
// - TCPA-REVOKE (47 CFR 64.1200(a)(10)): STOP, QUIT, END, REVOKE, OPT OUT, CANCEL, UNSUBSCRIBE as a reply.
// - REGF-CEASE (1006.6(c), FDCPA 1692c(c)): a refusal to pay, or a demand to stop all communication.
// - REGF-DISPUTE-PAUSE (1006.38): not my debt, already paid, wrong amount, identity theft, show me proof.
// - REGF-ATTY (1006.6(b)(2)): the consumer is represented by an attorney.
// - BK-AUTOSTAY (11 U.S.C. 362): a bankruptcy petition was filed.
// Patterns are matched case-insensitively against the text with curly quotes straightened. They tolerate
// SMS spelling (pls, dont, txt, msg, u) and the "do n't" tokenisation of the CFPB narratives.

export type InboundIntentName =
  | 'opt_out' | 'cease' | 'dispute' | 'attorney' | 'bankruptcy' | 'wrong_person' | 'paid' | 'hardship'
  | 'verification_request';

export type OptOutMedium = 'call' | 'sms' | 'email' | 'all_electronic' | 'all';

/**
 * How a rule decides which medium an opt-out covers: a fixed medium; `words` reads it from the matched
 * words (call, text, email, contact); `channel` uses the medium the message arrived on.
 */
export type MediumSource = OptOutMedium | 'words' | 'channel';

export type IntentEmission = { intent: InboundIntentName; confidence: number; medium?: MediumSource };

export type InboundMessageRule = {
  /** Stable name, shown in explanations and tests. */
  id: string;
  pattern: RegExp;
  emits: readonly IntentEmission[];
  /** Whether a negation just before the match ("I'm not filing bankruptcy") cancels it. */
  negatable: boolean;
  /**
   * Whether a hedge just before the match ("thinking about", "might have to") turns it into something
   * weaker: the rule's `hedged` emissions replace its `emits`.
   */
  hedged?: readonly IntentEmission[];
  /** The match counts only when the whole message is this phrase (TCPA keywords). */
  wholeMessage?: boolean;
  /** Text just before the match that voids it ("right to" before "dispute this"). */
  voidedBefore?: RegExp;
};

// Building blocks. Non-capturing groups only: the matcher uses the whole match as evidence.
const negated = String.raw`(?:do\s*not|do\s?n\s?'?t|dont|dnt|never)`;
const stop = String.raw`(?:stop|quit|cease|discontinue|halt)`;
const textVerb = String.raw`(?:text(?:ing)?|txt(?:ing)?|messag(?:e|ing)|msg(?:ing)?|sms(?:ing)?)`;
const textNoun = String.raw`(?:text(?:\s+message)?s?|txts?|sms(?:es)?|messages?|msgs?)`;
const callVerb = String.raw`(?:call(?:ing)?|phon(?:e|ing)|ring(?:ing)?|dial(?:ing)?)`;
const callNoun = String.raw`(?:(?:phone\s+|robo-?\s?)?calls?|voice\s?mails?|voicemails?)`;
const emailVerb = String.raw`(?:e-?\s?mail(?:ing)?)`;
const emailNoun = String.raw`(?:e-?\s?mails?)`;
const anyMediumVerb = String.raw`(?:${textVerb}|${callVerb}|${emailVerb})`;
const anyMediumNoun = String.raw`(?:${textNoun}|${callNoun}|${emailNoun}|letters?)`;
const contactVerb = String.raw`(?:contact(?:ing)?|communicat(?:e|ing)(?:\s+with)?|reach(?:ing)?\s+out\s+to|bother(?:ing)?|harass(?:ing)?|hound(?:ing)?|pester(?:ing)?)`;
const me = String.raw`(?:me|us|u|my\s+(?:\w+\s+)?(?:phone|cell|number|mobile|line|job|work|office|house|home|employer))`;
// People other than the consumer: "stop calling my mother" is about third parties (REGF-3P), not a medium.
const thirdParty = String.raw`(?:mom|mother|dad|father|wife|husband|family|parents?|relatives?|friends?|neighbou?rs?|sister|brother|son|daughter|kids|children|references?|in-?laws?)`;
const sendMe = String.raw`(?:(?:sending|send)\s+(?:me\s+|us\s+)?)`;
const quantifier = String.raw`(?:(?:all|any|these|those|the|your|more|further)\s+)*`;
const mediumItem = String.raw`(?:${anyMediumVerb}|${anyMediumNoun})(?:\s+(?:me|us))?`;

// "until my debt was paid off", "once it is paid": a plan, not a claim that it was paid.
const paidVoidedBefore = /\b(?:until|till|once|unless|if|before|after)\s+(?:\S+\s+){0,4}$|\b(?:will|would|should|could|to)\s+(?:be\s+)?$/i;

const optOut = (confidence: number, medium: MediumSource): IntentEmission => ({ intent: 'opt_out', confidence, medium });
const intent = (name: InboundIntentName, confidence: number): IntentEmission => ({ intent: name, confidence });
const rule = (id: string, source: string, emits: readonly IntentEmission[], negatable = true): InboundMessageRule => ({
  id, pattern: new RegExp(source, 'gi'), emits, negatable,
});

/** Every rule, grouped by intent. Order does not matter: all rules run and the best evidence wins. */
export const inboundMessageRules: readonly InboundMessageRule[] = [
  // TCPA-REVOKE: the per se revocation words, as a whole-message reply. STOPALL is the common carrier variant.
  {
    id: 'opt_out.keyword',
    pattern: /^\W*(?:stop\s*all|stop|unsubscribe|cancel|end|quit|revoke|opt[\s-]*out|alto|baja|parar|detener|remove|remove\s+me)\W*$/gi,
    emits: [optOut(0.99, 'channel')],
    negatable: false,
    wholeMessage: true,
  },
  // REGF-MEDIUM-OPTOUT: "stop texting me", "stop calling my job", "quit sending me emails", "stop the calls",
  // "stop from emailing me, calling me". Not "pay them $10 to stop calling" (a condition, not a request).
  {
    id: 'opt_out.stop_medium',
    pattern: new RegExp(String.raw`\b${stop}\s+(?:from\s+)?(?:${sendMe})?${quantifier}${mediumItem}(?:\s*(?:,|\/|or|and|&)\s*${mediumItem})*\b(?!\s+my\s+${thirdParty}\b)`, 'gi'),
    emits: [optOut(0.95, 'words')],
    negatable: true,
    voidedBefore: /\bpa(?:y|id)\s+(?:\S+\s+){0,4}to\s+$/i,
  },
  // "I just want the calls to stop", "need these texts to stop".
  rule('opt_out.want_medium_to_stop', String.raw`\b(?:want|need|would\s+like)\s+(?:the|these|those|your|all\s+the|all\s+of\s+the)\s+${anyMediumNoun}\s+to\s+(?:stop|end|cease)\b`, [optOut(0.85, 'words')]),
  // "pls dont text me anymore", "do not call my cell", "don't call or text me".
  rule('opt_out.dont_medium', String.raw`\b${negated}\s+(?:ever\s+)?${anyMediumVerb}(?:\s*(?:,|\/|or|and|&)\s*${anyMediumVerb})*\s+${me}\b`, [optOut(0.95, 'words')]),
  // "do not call" on its own line, "DO NOT TEXT".
  rule('opt_out.do_not_medium', String.raw`\bdo\s+not\s+(?:call|text|txt|e-?mail)\b(?!\s+(?:list|registry|register))`, [optOut(0.9, 'words')]),
  // "no more texts", "no more calls pls", "no more emails".
  rule('opt_out.no_more_medium', String.raw`\bno\s+(?:more|further)\s+${anyMediumNoun}\b`, [optOut(0.9, 'words')]),
  // "I don't want any more texts", "I don't want you to call me".
  rule('opt_out.dont_want_medium', String.raw`\b${negated}\s+want\s+(?:(?:any\s*more|your|these|those|any)\s+)?(?:${anyMediumNoun}\b|(?:you|u|y'?all)\s+to\s+${anyMediumVerb}\b)`, [optOut(0.9, 'words')]),
  // "I asked you not to call", "told them not to text me".
  rule('opt_out.asked_not_to', String.raw`\b(?:asked|told|tell|ask|requested)\s+(?:you|u|them|him|her|y'?all|the\s+\w+)\s+(?:not|never)\s+to\s+${anyMediumVerb}\b`, [optOut(0.9, 'words')]),
  // "take me off your list", "remove my number", "put me on your do not call list".
  rule('opt_out.remove_from_list', String.raw`\b(?:take|remove|delete)\s+(?:me|my\s+(?:phone\s+|cell\s+)?(?:number|email(?:\s+address)?))\s+(?:off|from)\s+(?:of\s+)?(?:your|the|this)\s+(?:(?:calling|call|text|txt|sms|e-?mail|mailing|contact)\s+)?list\b`, [optOut(0.9, 'channel')]),
  rule('opt_out.remove_number', String.raw`\b(?:remove|delete|lose)\s+(?:this|my)\s+(?:phone\s+|cell\s+)?number\b`, [optOut(0.85, 'call')]),
  rule('opt_out.do_not_call_list', String.raw`\b(?:put|place|add)\s+(?:me|my\s+number)\s+(?:on|to)\s+(?:your|the)\s+(?:internal\s+)?(?:do\s*(?:-|\s)?not\s*(?:-|\s)?call|dnc|don'?t\s+call)\s+list\b`, [optOut(0.95, 'call')]),
  rule('opt_out.unsubscribe', String.raw`\bunsubscribe\b`, [optOut(0.9, 'channel')]),
  // "only contact me by mail", "contact me in writing only": every other medium is refused.
  rule('opt_out.only_mail', String.raw`\b(?:only\s+(?:contact|communicate\s+with|reach|write\s+to)\s+me\s+(?:by|via|through|in)\s+(?:postal\s+|regular\s+|us\s+)?(?:mail|writing|letters?)|(?:contact|communicate\s+with|reach)\s+me\s+(?:by|via|through|in)\s+(?:postal\s+|regular\s+|us\s+)?(?:mail|writing|letters?)\s+only|(?:all\s+)?(?:future\s+)?communications?\s+(?:are\s+|must\s+be\s+|should\s+be\s+)?(?:in\s+writing|by\s+mail)(?:\s+only)?)\b`, [optOut(0.85, 'all_electronic'), optOut(0.85, 'call')], false),
  rule('opt_out.only_email', String.raw`\b(?:only\s+(?:contact|communicate\s+with|reach)\s+me\s+(?:by|via|through)\s+e-?mail|(?:contact|communicate\s+with|reach)\s+me\s+(?:by|via|through)\s+e-?mail(?:\s+(?:or|and)\s+(?:postal\s+)?(?:mail|writing|letters?))?\s+only|e-?mail\s+(?:me\s+)?only)\b`, [optOut(0.8, 'call'), optOut(0.8, 'sms')], false),
  // Spanish basics.
  rule('opt_out.es_no_llamen', String.raw`\bno\s+(?:me\s+)?(?:vuelva[ns]?\s+a\s+)?(?:llame[ns]?|llam[eé]is|marque[ns]?)\b|\bdej(?:en|e|a)\s+de\s+llamar(?:me)?\b|\bno\s+m[aá]s\s+llamadas\b`, [optOut(0.95, 'call')]),
  rule('opt_out.es_no_mensajes', String.raw`\bno\s+(?:me\s+)?(?:env[ií]e[ns]?|mande[ns]?|escriba[ns]?)\s+(?:m[aá]s\s+)?(?:mensajes|textos|sms)\b|\bno\s+m[aá]s\s+(?:mensajes|textos)\b|\bdej(?:en|e|a)\s+de\s+(?:enviar(?:me)?|mandar(?:me)?|escribir(?:me)?)\s+(?:mensajes|textos)?`, [optOut(0.95, 'sms')]),
  rule('opt_out.es_no_correos', String.raw`\bno\s+(?:me\s+)?(?:env[ií]e[ns]?|mande[ns]?)\s+(?:m[aá]s\s+)?correos\b`, [optOut(0.95, 'email')]),

  // REGF-CEASE: a demand to stop all communication is also a medium opt-out for every medium.
  rule('cease.cease_and_desist', String.raw`\b(?:cease|stop)\s*(?:and|&)\s*desist\b`, [intent('cease', 0.95), optOut(0.9, 'all')]),
  rule('cease.cease_communication', String.raw`\b(?:cease|stop|end|discontinue|halt)\s+(?:all\s+)?(?:further\s+|future\s+)?(?:communications?|contact|correspondence)\b`, [intent('cease', 0.95), optOut(0.9, 'all')]),
  rule('cease.stop_contacting', String.raw`\b${stop}\s+(?:all\s+)?${contactVerb}\s+(?:me|us|u|my)\b(?!\s+${thirdParty}\b)`, [intent('cease', 0.85), optOut(0.9, 'all')]),
  rule('cease.dont_contact', String.raw`\b${negated}\s+(?:ever\s+)?(?:contact|communicate\s+with|bother|harass|reach\s+out\s+to)\s+(?:me|us|u)\b`, [intent('cease', 0.85), optOut(0.9, 'all')]),
  rule('cease.dont_want_contact', String.raw`\b${negated}\s+want\s+(?:(?:any|to\s+be)\s+)?(?:further\s+)?(?:contact(?:ed)?|communications?)\b`, [intent('cease', 0.8), optOut(0.85, 'all')]),
  rule('cease.no_more_contact', String.raw`\bno\s+(?:more|further)\s+(?:contact|communications?|correspondence)\b`, [intent('cease', 0.85), optOut(0.9, 'all')]),
  rule('cease.leave_me_alone', String.raw`\bleave\s+(?:me|us)\s+alone\b`, [intent('cease', 0.75), optOut(0.8, 'all')]),
  rule('cease.es_no_contacten', String.raw`\bno\s+me\s+(?:vuelva[ns]?\s+a\s+)?contacte[ns]?\b|\bdej(?:en|e|a)\s+de\s+(?:contactarme|molestarme)\b|\bd[eé]j(?:en|e)me\s+en\s+paz\b`, [intent('cease', 0.85), optOut(0.9, 'all')]),
  // Refusal to pay ("refuses to pay" triggers 1006.6(c) even without "stop"). Not "can't pay" (hardship),
  // not "won't pay until you validate" (a dispute), not "if I don't pay" (a question).
  {
    ...rule('cease.refuse_to_pay', String.raw`\b(?:refuse|refusing|refused)\s+to\s+(?:ever\s+)?pay\b`, [intent('cease', 0.95)]),
    voidedBefore: /\b(?:if|whether|when)\b[^.!?]*$/i,
  },
  {
    ...rule('cease.will_not_pay', String.raw`\b(?:i|we)\s*(?:will\s+not|won'?t|wont|am\s+not|'m\s+not|m\s+not|im\s+not|ain'?t|do\s+not|don'?t|dont|do\s+n'?t|will\s+never|'ll\s+never|am\s+never|'m\s+never|im\s+never|never)\s+(?:going\s+to\s+|gonna\s+|be\s+)?(?:pay(?:ing)?)\b(?!\s+(?:until|unless|till|before|without|for\s+(?:it|this|that)\s+(?:until|unless)|you\s+until|them\s+until|the\s+full|all\s+of|more|that\s+much|extra|any\s+(?:fees|interest)|fees|interest|late|for\s+(?:something|things|services?|what|a\s+debt|debts?)|on\s+time|it\s+all\s+at\s+once|right\s+now|today|now|yet))`, [intent('cease', 0.85)], false),
    voidedBefore: /\b(?:if|whether|when|what\s+happens)\b[^.!?,]*$/i,
  },
  rule('cease.not_paying_this', String.raw`\bnot\s+(?:going\s+to\s+|gonna\s+)?pay(?:ing)?\s+(?:this|that|it|you|y'?all|them|these\s+(?:guys|people)|a\s+(?:dime|penny|cent)|anything|nothing)\b(?!\s+(?:until|unless|till|yet|now|today|right\s+now))`, [intent('cease', 0.8)], false),
  rule('cease.es_no_voy_a_pagar', String.raw`\bno\s+(?:voy\s+a\s+pagar|pienso\s+pagar|pagar[eé])\b`, [intent('cease', 0.85)], false),

  // REGF-DISPUTE-PAUSE: not my debt.
  rule('dispute.not_my_debt', String.raw`(?:\bnot|\b\w*n\s?'t|\b(?:isnt|aint|wasnt))\s+(?:even\s+)?my\s+(?:debt|account|bill|loan|credit\s+card|card|balance|charge|responsibility)s?\b`, [intent('dispute', 0.9)], false),
  rule('dispute.not_mine', String.raw`\b(?:is|was|'s|are|were)\s+not\s+mine\b|\b(?:is|was|are|were)\s?n\s?'?t\s+mine\b|\bnot\s+mine\b`, [intent('dispute', 0.85)], false),
  rule('dispute.dont_owe', String.raw`\b(?:i|we)\s+(?:do\s+not|don'?t|dont|do\s+n'?t|never|did\s+not|didn'?t|do\s+not\s+even)\s+(?:(?:think|believe)\s+(?:that\s+)?(?:i|we)\s+)?ow[en]\b|\b(?:nothing|isn'?t\s+anything|is\s+not\s+anything|no\s+balance|no\s+money)\s+(?:is\s+|was\s+)?(?:owed|due)\b|\b(?:invalid|unverified|unvalidated)\s+(?:debt|account|collection)s?\b|\b(?:accounts?|debts?)\s+(?:that\s+(?:are|is)\s+)?(?:invalid|unverified)\b|\b(?:balance|amount|debt)\s+(?:that\s+)?(?:is|was)\s+false\b|\bowe\s+(?:(?:you|them|him|her|anyone|anybody|him|y'?all|the\s+\w+)\s+)?(?:nothing|no\s+money)\b|\bnot\s+(?:legally\s+)?owed\b|\b(?:no|not\s+a)\s+valid\s+debt\b`, [intent('dispute', 0.9)], false),
  rule('dispute.never_had_account', String.raw`\bnever\s+(?:had|opened|signed\s+(?:up\s+)?for|applied\s+for|authori[sz]ed|used|received|had\s+any\s+(?:business|dealings))\s+(?:an?\s+|any\s+|the\s+|this\s+|that\s+)?(?:(?:x{2,}|\w+)\s+){0,2}(?:account|loan|card|credit\s+card|service|contract|business|dealings|relationship|outstanding\s+balance)\b|\b(?:i|we)\s+(?:have|had|'ve)\s+no\s+(?:account|loan|debt|dealings|business|relationship|contract|outstanding\s+balance)s?\s+(?:with|from|to)\b|\bnever\s+heard\s+of\b|\bno\s+knowledge\s+of\b|\bwrongly\s+(?:associated|attributed|assigned|reported)\b|\bmixed\s+(?:up\s+)?my\s+(?:file|account|information|credit|identity)\b|\bnot\s+(?:taking|take|accept(?:ing)?)\s+(?:any\s+)?responsibility\b|\bdo(?:es)?\s+not\s+(?:belong|pertain)\s+to\s+me\b|\bdoes\s?n'?t\s+(?:belong\s+to|involve|pertain\s+to)\s+me\b|\bnever\s+(?:did|done)\s+business\s+with\b|\bno\s+(?:knowledge|record)\s+of\s+(?:this|the|that|any|such)\s+(?:debt|account|loan|charge|bill)\b`, [intent('dispute', 0.85)], false),
  rule('dispute.dont_recognize', String.raw`\b${negated}\s+recogni[sz]e\s+(?:this|the|that|these|your)\s+(?:debt|account|charge|bill|balance|company|amount)s?\b|\bunfamiliar\s+with\b|\bunknown\s+(?:debt|account|charge)s?\b`, [intent('dispute', 0.75)], false),
  rule('dispute.explicit', String.raw`\b(?:i|we)\s+(?:am\s+|'m\s+|m\s+|im\s+|have\s+|'ve\s+|had\s+|already\s+|formally\s+|hereby\s+)*(?:dispute|disputing|disputed)\b`, [intent('dispute', 0.9)]),
  {
    ...rule('dispute.dispute_object', String.raw`\bdisput(?:e|ing|ed)\s+(?:of\s+)?(?:this|the|that|these|those|my|it|a|an|each|all)\b|\b(?:in|under)\s+dispute\b|\b(?:filed|sent|submitted|opened)\s+(?:a\s+)?disputes?\b`, [intent('dispute', 0.8)]),
    voidedBefore: /\b(?:right|rights|notice|how|option|opportunity)\s+(?:to\s+)?(?:of\s+)?$/i,
  },
  rule('dispute.es_no_es_mi_deuda', String.raw`\bno\s+es\s+mi\s+deuda\b|\bno\s+debo\b|\bya\s+(?:la\s+|lo\s+)?pagu[eé]\b`, [intent('dispute', 0.9)], false),
  // Already paid: a dispute and a paid claim.
  {
    ...rule('paid.already_paid', String.raw`\balready\s+(?:been\s+)?(?:paid|settled|took\s+care\s+of)\b|\bpaid\s+(?:(?:it|this|that|them|the\s+(?:debt|bill|balance|account|amount|loan)|everything|\$?[\d,.]+)\s+)?(?:in\s+full|off|completely)\b|\b(?:has|have|had|was|were)\s+(?:already\s+)?(?:been\s+)?(?:paid\s+in\s+full|paid\s+off|paid\s+already|settled\s+in\s+full|fully\s+paid)\b|\bpaid\s+in\s+full\b|\balready\s+(?:\w+\s+){1,3}paid\b|\b(?:it'?s|its)\s+been\s+paid\b|\b(?:debt|balance|account|bill)\s+(?:has|had|was)\s+(?:been\s+)?cleared\b|\b(?:it|this|that|which|the\s+(?:debt|bill|balance|account|loan|invoice))\s+(?:has|had|was|is)\s+(?:been\s+)?(?:already\s+)?paid\b(?!\s+(?:late|by\s+the\s+collector))`, [intent('paid', 0.9), intent('dispute', 0.85)], false),
    voidedBefore: paidVoidedBefore,
  },
  {
    ...rule('paid.i_paid', String.raw`\b(?:i|we)\s+(?:already\s+|have\s+|had\s+|'ve\s+)?(?:paid|settled)\s+(?:this|that|it|the\s+(?:debt|bill|balance|account|amount|loan|invoice)|them|my\s+(?:bill|balance|debt))\b|\b(?:has|have|had|was|were)\s+(?:been\s+)?paid\s+(?:by|through)\s+(?:my\s+|the\s+)?insurance\b|\binsurance\s+(?:\w+\s+){0,2}(?:paid|covered)\b|\bcovered\s+by\s+(?:my\s+|our\s+|the\s+)?insurance\b|\bfinal\s+payment\s+(?:was|has\s+been)\s+(?:made|sent)\b|\bshould\s+(?:be|have)\s+(?:been\s+)?(?:a\s+)?(?:no|zero|\$?0(?:\.00)?)\s+balance\b|\btake\s+care\s+(?:of\s+)?by\s+my\s+insurance\b|\b(?:been|was)\s+take\s*n?\s+care\s+(?:of\s+)?by\s+(?:my\s+)?insurance\b`, [intent('paid', 0.8), intent('dispute', 0.75)]),
    voidedBefore: paidVoidedBefore,
  },
  // Wrong amount.
  rule('dispute.wrong_amount', String.raw`\bwrong\s+(?:amount|balance|total)\b|\b(?:amount|balance|total|bill|charges?)\s+(?:is|was|are|'s)\s+(?:wrong|incorrect|inaccurate|not\s+(?:right|correct|accurate)|inflated|too\s+high)\b|\b(?:incorrect|inaccurate|inflated)\s+(?:amount|balance|total|charges?|fees?)\b|\bover-?\s?charg(?:ed|ing|e)\b|\b(?:i|we)\s+only\s+owe(?:d)?\b|\bmore\s+than\s+(?:what\s+)?(?:i|we)\s+(?:owe|owed)\b|\b(?:charged|billed)\s+(?:me\s+|us\s+)?twice\b|\bdouble[-\s]?(?:charged|billed)\b|\bdon'?t\s+owe\s+(?:that|this)\s+much\b|\b(?:grossly\s+|has\s+|have\s+)?inflated\b`, [intent('dispute', 0.85)], false),
  // Identity theft.
  rule('dispute.identity_theft', String.raw`\bidentity\s+(?:theft|thief|thieves|was\s+stolen|fraud)\b|\bstole\s+my\s+(?:identity|information|info|social|ssn)\b|\bstolen\s+(?:identity|information)\b|\bfraudulent(?:ly)?\s+(?:opened\s+|obtained\s+)?(?:account|charge|debt|loan|card|application)s?\b|\b(?:account|debt|loan|card)\s+(?:was\s+)?(?:opened\s+)?fraudulently\b|\bsomeone\s+(?:else\s+)?(?:opened|used\s+my\s+(?:name|identity|information|social))\b|\bftc\s+(?:identity\s+theft\s+)?(?:report|affidavit)\b|\bvictim\s+of\s+(?:identity\s+)?(?:theft|fraud)\b`, [intent('dispute', 0.9)], false),

  // Verification: under the brief's definition a request for validation is also a dispute.
  rule('verification.validate', String.raw`\b(?:validat(?:e|ion|ing)|verif(?:y|ication|ying)|substantiat(?:e|ion))\s+(?:and\s+(?:validat|verif)\w*\s+)?(?:of\s+|that\s+)?(?:the\s+|this\s+|that\s+|these\s+|my\s+|your\s+|such\s+|a\s+)?(?:alleged\s+)?(?:debts?|accounts?|claims?|amounts?|balances?|letter|notice)\b|\bdebt\s+validation\b|\bvalidation\s+(?:letter|notice|request)\b|\b(?:request(?:ed|ing)?|ask(?:ed|ing)?|demand(?:ed|ing)?|want)\s+(?:a\s+|for\s+|them\s+to\s+|you\s+to\s+|that\s+\w+\s+)?(?:validat(?:e|ion)|verif(?:y|ication))\b|\bmethod\s+of\s+verification\b|\bitemi[sz]ation\s+of\s+the\s+(?:debt|balance|amount|account)\b|\bsubstantiation\b|\b(?:document(?:s|ation)?|contract|agreement|application)\s+(?:bearing|with|showing)\s+my\s+signature\b`, [intent('verification_request', 0.85), intent('dispute', 0.7)], false),
  rule('verification.proof', String.raw`\bproof\s+(?:of\s+(?:the\s+|this\s+|that\s+|your\s+)?(?:alleged\s+)?(?:debt|claim|ownership|account|balance|signature|contract)|that\s+(?:i|we)\s+(?:owe|am\s+responsible))\b|\b(?:demand(?:ed|ing)?|request(?:ed|ing)?|want(?:ed)?|need(?:ed)?|(?:would\s+)?like|ask(?:ed|ing)?\s+for|see\s+some)\s+(?:the\s+|some\s+|any\s+|for\s+)?proof\b|\b(?:send|provide|give|show)\s+(?:me|us)\s+(?:with\s+)?(?:the\s+|some\s+|any\s+)?proof\b|\b(?:can\s*not|can'?t|could\s*n'?t|could\s+not|fail(?:ed)?\s+to|unable\s+to|refuse[sd]?\s+to|did\s+not|didn'?t|never)\s+(?:provide|show|produce|send|furnish)\s+(?:me\s+)?(?:with\s+)?(?:any\s+)?proof\b|\bprove\s+(?:it|that|this|i\s+owe|(?:the\s+)?debt)\b`, [intent('verification_request', 0.85), intent('dispute', 0.7)], false),
  rule('verification.documents', String.raw`\b(?:send|provide|show|mail|give)\s+(?:me|us)\s+(?:the\s+|a\s+|any\s+|some\s+|all\s+|copies\s+of\s+(?:the\s+)?|a\s+copy\s+of\s+(?:the\s+)?)?(?:original\s+)?(?:documentation|documents|paperwork|contract|agreement|itemi[sz]ation|itemi[sz]ed\s+(?:statement|bill|invoice)|detailed\s+(?:statement|invoice|bill)|signed\s+(?:contract|agreement|application)|statements?)\b|\b(?:request(?:ed|ing)?|ask(?:ed|ing)?\s+for|need|want)\s+(?:a\s+|an\s+|the\s+)?(?:detailed|itemi[sz]ed)\s+(?:statement|invoice|bill)\b`, [intent('verification_request', 0.8), intent('dispute', 0.65)], false),
  rule('verification.original_creditor', String.raw`\b(?:name\s+(?:and|&)\s+address\s+of\s+the\s+original\s+creditor|who\s+(?:is|was)\s+the\s+original\s+creditor)\b`, [intent('verification_request', 0.9), intent('dispute', 0.65)], false),

  // REGF-ATTY: represented by counsel. "my attorney general" is not representation.
  rule('attorney.my_attorney', String.raw`\bmy\s+(?:lawyer|attorney|atty|counsel|legal\s+(?:counsel|representative|representation|team))s?\b(?!\s+general)|\bmi\s+abogad[oa]\b`, [intent('attorney', 0.9)]),
  rule('attorney.retained', String.raw`\b(?:i|we)\s+(?:have\s+|'ve\s+|had\s+|just\s+|now\s+)*(?:retained|hired|got|obtained|engaged)\s+(?:an?\s+|legal\s+)?(?:lawyer|attorney|counsel|legal\s+(?:counsel|representation))\b|\b(?:i|we)\s+(?:have|'ve\s+got)\s+(?:an?\s+)?(?:lawyer|attorney)\b|\brepresented\s+by\s+(?:an?\s+)?(?:lawyer|attorney|counsel|legal\s+counsel)\b|\b(?:i|we)\s+(?:am|are|'m|m)\s+represented\b`, [intent('attorney', 0.9)]),

  // BK-AUTOSTAY. A hedge ("thinking about filing") is hardship talk, not a petition.
  {
    ...rule('bankruptcy.filed', String.raw`\b(?:filed|file|filing|declared|declare|declaring)\s+(?:for\s+)?(?:a\s+)?(?:chapter\s*(?:7|11|13|seven|thirteen)|(?:personal\s+)?bankrupt(?:cy|cie|sy|sey)?|bk)\b`, [intent('bankruptcy', 0.9)]),
    hedged: [intent('hardship', 0.6)],
  },
  {
    ...rule('bankruptcy.case', String.raw`\bbankruptcy\s+(?:case|petition|filing|number|no\.?|trustee|court|attorney|lawyer|discharge|protection|stay)\b|\b(?:discharged|included|listed|wiped\s+out)\s+(?:in|through|by)\s+(?:my\s+|the\s+|a\s+)?bankruptcy\b|\bbankruptcy\s+(?:was\s+|has\s+been\s+)?discharged\b|\b(?:in|under|through)\s+(?:an?\s+)?(?:active\s+)?(?:chapter\s*(?:7|11|13)|bankruptcy)\b|\bmy\s+(?:chapter\s*(?:7|11|13)|bankruptcy)\b|\bautomatic\s+stay\b`, [intent('bankruptcy', 0.9)]),
    hedged: [intent('hardship', 0.6)],
  },
  {
    ...rule('bankruptcy.mention', String.raw`\bbankrupt(?:cy|cie|sy|sey)?\b|\bchapter\s*(?:7|13)\b|\bbancarrota\b|\bquiebra\b`, [intent('bankruptcy', 0.6)]),
    hedged: [intent('hardship', 0.5)],
  },

  // Wrong person (a third party, REGF-3P): "wrong number", "no one by that name".
  rule('wrong_person.wrong_number', String.raw`\bwrong\s+(?:number|#|num)\b|\bn[uú]mero\s+equivocado\b`, [intent('wrong_person', 0.9)]),
  // "You have the wrong person" also says the debt is not the speaker's.
  rule('wrong_person.wrong_person', String.raw`\bwrong\s+(?:person|guy|individual|party)\b|\byou\s+(?:have|got|'ve\s+got)\s+the\s+wrong\b|\bpersona\s+equivocada\b`, [intent('wrong_person', 0.9), intent('dispute', 0.7)]),
  rule('wrong_person.not_me', String.raw`\b(?:i\s+am|i'm|im)\s+not\s+(?:the\s+person|him|her|who\s+you)\b|\bnot\s+the\s+(?:right|correct|same)\s+person\b|\b(?:he|she|they|this\s+person)\s+(?:does\s+not|doesn'?t|dont|don'?t|do\s+not|no\s+longer)\s+(?:live|work)s?\s+here\b|\bno\s*(?:one|body)\s+(?:by|with|named)\s+(?:that|this|the)\s+name\b|\b${negated}\s+know\s+(?:this|that|the|who\s+this)\s+(?:person|individual|guy|lady|woman|man)\b|\bperson\s+(?:that\s+|who\s+|whom\s+)?(?:i\s+)?(?:do\s+not|don'?t|do\s+n'?t)\s+know\b|\bperson\s+unknown\s+to\s+me\b|\bconfused\s+(?:me|my\s+\w+)\s+with\b|\bmistaken\s+identity\b`, [intent('wrong_person', 0.85)], false),

  // Hardship (forbearance, UK-CONC-7.3-FORBEAR): the person cannot pay, rather than will not.
  rule('hardship.cannot_pay', String.raw`\b(?:can\s*not|can'?t|cant|ca\s+n'?t|unable\s+to|not\s+able\s+to|could\s*n'?t|couldnt|could\s+not|won'?t\s+be\s+able\s+to|will\s+not\s+be\s+able\s+to)\s+(?:afford|pay|make\s+(?:the\s+|my\s+|any\s+)?payments?|keep\s+up)\b|\bno\s+puedo\s+pagar\b`, [intent('hardship', 0.85)], false),
  rule('hardship.lost_income', String.raw`\b(?:lost|lose|losing)\s+my\s+(?:job|income|house|home|husband|wife)\b|\b(?:unemployed|laid\s+off|furloughed|out\s+of\s+work|jobless)\b|\bperd[ií]\s+mi\s+trabajo\b`, [intent('hardship', 0.8)]),
  rule('hardship.circumstances', String.raw`\b(?:financial\s+hardship|hardship|fixed\s+income|on\s+disability|disability\s+(?:check|income|benefits)|social\s+security\s+(?:check|income|is\s+my\s+only)|struggling\s+(?:financially|to\s+pay|to\s+make\s+ends\s+meet)|behind\s+on\s+(?:my\s+)?(?:bills|payments|rent)|medical\s+(?:emergency|issues|problems|leave)|cancer|chemo(?:therapy)?|(?:husband|wife|spouse)\s+(?:passed|died)|passed\s+away)\b|\b(?:i\s+am|i'm|im)\s+broke\b|\bno\s+(?:money|income)\b`, [intent('hardship', 0.7)]),
];
