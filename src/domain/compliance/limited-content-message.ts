// REGF-LCM: 12 CFR 1006.2(j) (definition), 1006.2(b) (an LCM is not a "communication"); CFPB LCM FAQs.
// A voicemail for the consumer may be left only as a limited-content message: it must contain a business
// name that does not indicate debt collection, a request to reply, the name of a natural person to contact
// and a phone number to reply to; it may contain a salutation, the date and time, a generic statement that
// it is about an account, suggested reply times and a statement that any representative can help; and
// nothing else. Any other content (even a state-required disclosure) makes it a communication, with
// third-party disclosure risk. An LCM still counts as a call (REGF-CALL-7IN7) and is still timed.
import type { ContentElement } from './compliance-facts.ts';
import { addReason, type DecisionContext } from './decision-context.ts';

const requiredElements: Array<{ element: ContentElement; alternatives: ContentElement[]; label: string }> = [
  { element: 'neutral_business_name', alternatives: [], label: 'a business name that does not indicate debt collection' },
  { element: 'request_reply', alternatives: [], label: 'a request to reply' },
  { element: 'natural_person_name', alternatives: [], label: 'the name of a natural person to contact' },
  // "Callback number" and "reply phone" are the same item.
  { element: 'reply_phone', alternatives: ['callback_number'], label: 'a phone number to reply to' },
];

const allowedElements: ReadonlySet<ContentElement> = new Set([
  'neutral_business_name', 'request_reply', 'natural_person_name', 'reply_phone', 'callback_number',
  'salutation', 'date_time', 'generic_account_statement', 'suggested_reply_times', 'any_representative_statement',
]);

export function decideLimitedContentMessage(context: DecisionContext): void {
  const { action } = context.facts;
  if (!context.regulationFApplies || action.channel !== 'voicemail') return;
  const elements = action.contentElements;
  if (elements === undefined) {
    addReason(context, 'REGF-LCM', 'block',
      'Only a limited-content message may be left as a voicemail, and this voicemail\'s content is not stated; attach the script\'s content elements.');
    return;
  }
  const present = new Set(elements);
  const missing = requiredElements.filter((item) => !present.has(item.element) && !item.alternatives.some((alternative) => present.has(alternative)));
  const extra = elements.filter((element) => !allowedElements.has(element));
  if (missing.length === 0 && extra.length === 0) return;
  const problems = [
    ...(extra.length > 0 ? [`it includes ${[...new Set(extra)].map((element) => element.replaceAll('_', ' ')).join(', ')}`] : []),
    ...(missing.length > 0 ? [`it lacks ${missing.map((item) => item.label).join(', ')}`] : []),
  ];
  addReason(context, 'REGF-LCM', 'block',
    `A voicemail must be a limited-content message, and this one is not: ${problems.join('; ')}, so a third party who hears it could learn of the debt.`);
}
