// REGF-DISPUTE-PAUSE: 12 CFR 1006.38(c), (d)(2), (a)(1); FDCPA 1692g(b); comments 38-1, 38-3.
// A written dispute (or a written request for the original creditor's name and address) submitted within
// the validation period makes the collector cease collection of the debt until it sends verification (or
// the original-creditor information). Writing includes mail, the response form, electronic media and
// in-person delivery; an oral dispute does not pause. Timeliness uses submission time, and the dispute is
// timely if it falls inside the period on the consumer's calendar or the collector's (RULES.md, conservative).
// Still allowed: the verification itself, the original-creditor information, a duplicative-dispute notice,
// communications unrelated to collection and opt-out confirmations. A hard stop (0.3 step 1).
import { computeDayNumber } from '../shared/calendar-date.ts';
import { factPresence, type Dispute } from './compliance-facts.ts';
import { addReason, computeEarliestDayNumber, findTextSignals, hasFacts, isCollectionActivity, type DecisionContext } from './decision-context.ts';
import { buildDateClocks, computeGoverningValidationEnd } from './validation-information.ts';

const answeringTemplates: ReadonlySet<string> = new Set(['verification', 'oc_information', 'duplicative_dispute_notice', 'optout_confirmation']);

function isAnswered(dispute: Dispute, verificationSentMs: number | undefined, originalCreditorSentMs: number | undefined): boolean {
  if (dispute.responseSentMs !== undefined && dispute.responseSentMs >= dispute.submittedMs) return true;
  const sent = dispute.kind === 'dispute' ? verificationSentMs : originalCreditorSentMs;
  return sent !== undefined && sent >= dispute.submittedMs;
}

export function decideDisputePause(context: DecisionContext): void {
  if (!context.regulationFApplies || !hasFacts(context, factPresence.disputes | factPresence.textSignals) || !isCollectionActivity(context)) return;
  const { action } = context.facts;
  if (action.template !== undefined && answeringTemplates.has(action.template)) return;
  const weak = findTextSignals(context, ['dispute', 'paid', 'verification_request'], true)[0];
  if (weak !== undefined) {
    addReason(context, 'REGF-DISPUTE-PAUSE', 'review',
      `An inbound written message may dispute the debt ("${weak.evidence}"); a specialist must decide whether it is a dispute before collection goes on.`);
  }
  const dateClocks = buildDateClocks(context);
  for (const debt of context.debts) {
    if (debt.disputes.length === 0) continue;
    const end = computeGoverningValidationEnd(context, debt);
    const endDay = end === undefined ? undefined : computeDayNumber(end);
    for (const dispute of debt.disputes) {
      if (!dispute.written || dispute.submittedMs > context.atMs) continue;
      if (isAnswered(dispute, debt.verificationSentMs, debt.originalCreditorInformationSentMs)) continue;
      // Timely if inside the period on any calendar: the earliest local date of submission decides.
      const submittedDay = Number.isFinite(dispute.submittedMs)
        ? computeEarliestDayNumber(dateClocks, dispute.submittedMs)
        : Number.NEGATIVE_INFINITY;
      // Without a known validation period the dispute cannot be shown late: the strictest reading pauses.
      if (endDay !== undefined && submittedDay > endDay) continue;
      const what = dispute.kind === 'dispute' ? 'a written dispute' : "a written request for the original creditor's name and address";
      const until = dispute.kind === 'dispute' ? 'verification is sent' : "the original creditor's name and address are sent";
      const within = end === undefined ? 'with no validation period on file to show it late' : `within the validation period ending ${end}`;
      addReason(context, 'REGF-DISPUTE-PAUSE', 'block',
        `The consumer sent ${what} about debt ${debt.id} ${within}, so collection is paused until ${until}.`);
      break;
    }
  }
}
