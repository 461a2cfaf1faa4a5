// BK-AUTOSTAY, BK-DISCHARGE and BK-CODEBTOR: 11 USC 362(a) (including (a)(6), any act to collect a
// pre-petition claim), 362(c)(3)–(4) (repeat filers), 1301 (Chapter 13 co-debtor stay for consumer debts),
// 524(a)(2) (discharge injunction). A hard stop (RULES.md 0.3 step 1): from the petition, every act to
// collect a pre-petition debt stops; after discharge, collecting it as a personal liability is enjoined for
// good. Repeat filings, dismissals and closures go to review: never auto-resume.
import { computeDayNumber } from '../shared/calendar-date.ts';
import { factPresence, type DebtFacts } from './compliance-facts.ts';
import {
  addReason, findTextSignals, formatInstant, hasFacts, isCollectionActivity, millisecondsPerDay, paymentAcceptanceChannels, type DecisionContext,
} from './decision-context.ts';

/** A debt incurred after the petition is not a pre-petition claim; unknown dates are read as pre-petition. */
function isPrePetition(debt: DebtFacts, petitionMs: number | undefined): boolean {
  if (petitionMs === undefined || debt.incurredDate === undefined) return true;
  return computeDayNumber(debt.incurredDate) * millisecondsPerDay < petitionMs;
}

export function decideBankruptcy(context: DecisionContext): void {
  if (!hasFacts(context, factPresence.flags | factPresence.textSignals)) return;
  const bankruptcy = context.facts.consumer.flags.bankruptcy;
  const { action } = context.facts;
  if (bankruptcy === undefined) {
    const weak = findTextSignals(context, ['bankruptcy'])[0];
    if (weak !== undefined && isCollectionActivity(context)) {
      addReason(context, 'BK-AUTOSTAY', 'review', `An inbound message mentions bankruptcy ("${weak.evidence}"); confirm whether a case was filed before any collection.`);
    }
    return;
  }
  const collecting = isCollectionActivity(context);
  const takingPayment = paymentAcceptanceChannels.has(action.channel);
  if (!collecting && !takingPayment) return;
  const at = context.atMs;
  const debts = context.debts.filter((debt) => !bankruptcy.excludedDebtIds.includes(debt.id) && isPrePetition(debt, bankruptcy.petitionMs));
  if (debts.length === 0) return;
  const debtList = debts.map((debt) => debt.id).join(', ');
  const chapter = bankruptcy.chapter === undefined ? 'a bankruptcy' : `a Chapter ${bankruptcy.chapter}`;

  if (bankruptcy.source === 'inbound_text') {
    addReason(context, 'BK-AUTOSTAY', 'review',
      `An inbound message says the consumer filed for bankruptcy; confirm the case (PACER) before any collection on ${debtList}.`);
    return;
  }
  const discharged = bankruptcy.caseStatus === 'discharged' || (bankruptcy.dischargeMs !== undefined && bankruptcy.dischargeMs <= at);
  if (discharged) {
    addReason(context, 'BK-DISCHARGE', 'block',
      `Debt ${debtList} was discharged in ${chapter} case; collecting it as a personal liability is permanently enjoined.`);
    return;
  }
  if (action.recipient === 'codebtor') {
    // 11 USC 1301: in Chapters 13 and 12 the stay extends to co-debtors on consumer debts.
    const codebtorStay = bankruptcy.chapter === 13 || bankruptcy.chapter === 12 || bankruptcy.chapter === undefined;
    const consumerDebts = debts.filter((debt) => debt.purpose === 'consumer');
    const open = bankruptcy.caseStatus === undefined || bankruptcy.caseStatus === 'open';
    if (codebtorStay && open && consumerDebts.length > 0) {
      addReason(context, 'BK-CODEBTOR', 'block',
        `The consumer is in ${chapter} case, whose co-debtor stay protects co-signers of consumer debt ${consumerDebts.map((debt) => debt.id).join(', ')}.`);
    }
    return;
  }
  if (bankruptcy.petitionMs !== undefined && bankruptcy.petitionMs > at) return;
  const filed = bankruptcy.petitionMs === undefined ? 'on an unknown date' : `on ${formatInstant(bankruptcy.petitionMs)}`;
  if (bankruptcy.caseStatus === 'closed' || bankruptcy.caseStatus === 'dismissed') {
    addReason(context, 'BK-AUTOSTAY', 'review',
      `The bankruptcy case filed ${filed} was ${bankruptcy.caseStatus} without a discharge; counsel must confirm before collection resumes.`);
    return;
  }
  if (bankruptcy.priorCasesDismissedWithinYear >= 2) {
    addReason(context, 'BK-AUTOSTAY', 'review',
      `The consumer had ${bankruptcy.priorCasesDismissedWithinYear} cases dismissed within a year, so under 11 USC 362(c)(4) the stay may never have arisen; counsel must decide.`);
    return;
  }
  if (bankruptcy.priorCasesDismissedWithinYear === 1 && bankruptcy.petitionMs !== undefined && at >= bankruptcy.petitionMs + 30 * millisecondsPerDay) {
    const days = Math.floor((at - bankruptcy.petitionMs) / millisecondsPerDay);
    addReason(context, 'BK-AUTOSTAY', 'review',
      `This is a repeat filing (one case dismissed within a year) and it is ${days} days after the petition, so the stay may have ended on day 30 under 11 USC 362(c)(3); counsel must confirm.`);
    return;
  }
  addReason(context, 'BK-AUTOSTAY', takingPayment && !collecting ? 'review' : 'block',
    takingPayment && !collecting
      ? `The automatic stay of ${chapter} case filed ${filed} covers debt ${debtList}; taking a payment needs counsel's approval.`
      : `The automatic stay of ${chapter} case filed ${filed} stops every act to collect pre-petition debt ${debtList}.`);
}
