// REGF-CEASE: 12 CFR 1006.6(c); FDCPA 1692c(c); comment 6(c)(1)-1 (writing includes electronic).
// Once the consumer notifies the collector in writing that they refuse to pay or want communication to stop,
// the collector must stop communicating about the debt, except to say collection efforts are terminated
// (1006.6(c)(2)(i)), that it may invoke specified remedies it ordinarily invokes (ii), or that it intends to
// invoke a specified remedy (iii). Verification in answer to a timely dispute may still be sent; answering a
// later consumer-initiated inquiry has no single clear rule, so it goes to review. Furnishing and litigation
// are not communications with the consumer and are left to their own rules. A hard stop (0.3 step 1).
import { factPresence } from './compliance-facts.ts';
import { addReason, findTextSignals, formatInstant, hasFacts, isContact, type DecisionContext } from './decision-context.ts';

const exceptionTemplates: ReadonlySet<string> = new Set([
  'cease_exception_terminate', 'cease_exception_may_invoke', 'cease_exception_will_invoke',
  // 1006.38: verification (or the original creditor's name) answering a timely dispute is still allowed.
  'verification', 'oc_information', 'duplicative_dispute_notice',
]);

function isExceptionTemplate(context: DecisionContext): boolean {
  const { action } = context.facts;
  if (action.template !== undefined && exceptionTemplates.has(action.template)) return true;
  // An opt-out confirmation carries nothing about the debt (1006.14(h)(2)).
  return action.template === 'optout_confirmation' && action.contentTags.every((tag) => tag === 'confirmation_only');
}

export function decideCeaseCommunication(context: DecisionContext): void {
  if (!hasFacts(context, factPresence.flags | factPresence.textSignals)) return;
  const { flags } = context.facts.consumer;
  const { action } = context.facts;
  if (!isContact(action.channel)) return;
  if (flags.ceaseWrittenMs === undefined) {
    const weak = findTextSignals(context, ['cease'], true)[0];
    if (weak !== undefined && !isExceptionTemplate(context)) {
      addReason(context, 'REGF-CEASE', 'review',
        `An inbound written message may ask the collector to stop ("${weak.evidence}"); a specialist must read it before any further contact.`);
    }
    return;
  }
  if (flags.ceaseWrittenMs > context.atMs) return;
  // Cease applies to the debts it names; a notice naming none covers every debt (strictest reading).
  const debtIds = flags.ceaseDebtIds === undefined ? action.debtIds : action.debtIds.filter((id) => flags.ceaseDebtIds!.includes(id));
  if (debtIds.length === 0) return;
  if (isExceptionTemplate(context)) return;
  const received = formatInstant(flags.ceaseWrittenMs);
  const how = flags.ceaseSource === 'inbound_text' ? 'an inbound written message read as a cease request' : 'a written cease or refusal-to-pay notice';
  if (action.isSingleReplyToConsumerInitiated || action.inResponseToDebtorRequest) {
    addReason(context, 'REGF-CEASE', 'review',
      `The consumer sent ${how} (${received}) and has since contacted the collector; whether a reply is allowed is a judgement for a specialist.`);
    return;
  }
  addReason(context, 'REGF-CEASE', 'block',
    `The consumer sent ${how} (${received}), so only a notice that collection stops or of a specific remedy may be sent about debt ${debtIds.join(', ')}.`);
}
