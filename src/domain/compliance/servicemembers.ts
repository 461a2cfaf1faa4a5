// SCRA-INT-6PCT: 50 USC 3937. SCRA-LEGAL: 50 USC 3931, 3932, 3952, 3953.
// An obligation incurred before military service may not bear interest (including fees and charges) above
// 6% a year during service (plus one year for mortgages); the excess is forgiven, retroactively to the call
// to service, once the servicemember gives written notice with orders no later than 180 days after release
// (or the creditor relies on a DMDC lookup). Notice after 180 days gives no statutory right: review.
// Before seeking a default judgment the creditor must file a military-status affidavit (DMDC check); no
// repossession or foreclosure of a covered obligation without a court order.
import { computeDayNumber } from '../shared/calendar-date.ts';
import { factPresence, type DebtFacts } from './compliance-facts.ts';
import {
  addReason, addRequirement, computeLatestDayNumber, hasFacts, isContact, millisecondsPerDay, paymentAcceptanceChannels, type DecisionContext,
} from './decision-context.ts';

const scraLegalChannels = new Set(['file_suit', 'default_judgment', 'repossession', 'foreclosure', 'garnishment']);

function isIncurredBeforeService(debt: DebtFacts, activeDutyStart: string | undefined): boolean {
  // Unknown dates are read as covered: the cap can only help the servicemember.
  if (debt.incurredDate === undefined || activeDutyStart === undefined) return true;
  return debt.incurredDate < activeDutyStart;
}

export function decideServicemembers(context: DecisionContext): void {
  if (context.jurisdiction !== 'united_states') return;
  const { action } = context.facts;
  const legalAction = scraLegalChannels.has(action.channel);
  if (!legalAction && !hasFacts(context, factPresence.flags)) return;
  const servicemember = context.facts.consumer.flags.servicemember;
  if (servicemember === undefined && !legalAction) return;
  const query = context.facts.militaryStatusQuery;
  const at = context.atMs;

  if (legalAction) {
    const serving = servicemember !== undefined &&
      (servicemember.releaseDate === undefined || computeLatestDayNumber(context.clocks, at) <= computeDayNumber(servicemember.releaseDate) + 365);
    if (serving || query?.active === true) {
      addReason(context, 'SCRA-LEGAL', 'block',
        'The consumer is (or recently was) in military service, so suits, default judgments, repossession and foreclosure need a court order and counsel\'s review with the DMDC certificate.');
    } else if (query === undefined) {
      addReason(context, 'SCRA-LEGAL', 'block',
        'No DMDC military-status check is on file; run it and attach the certificate (the military-status affidavit of 50 USC 3931) before any legal action, then route to review.');
    }
  }

  if (servicemember === undefined || !(isContact(action.channel) || paymentAcceptanceChannels.has(action.channel))) return;
  const noticeTimely = servicemember.noticeMs !== undefined && servicemember.noticeMs <= at &&
    (servicemember.releaseDate === undefined || servicemember.noticeMs <= (computeDayNumber(servicemember.releaseDate) + 181) * millisecondsPerDay);
  const invoked = noticeTimely || servicemember.activeByDmdc === true || query?.active === true;
  if (!invoked) {
    if (servicemember.noticeMs !== undefined && servicemember.noticeMs <= at) {
      addReason(context, 'SCRA-INT-6PCT', 'review',
        `The servicemember's notice arrived more than 180 days after release (${servicemember.releaseDate}), so the 6% cap is not a statutory right; a specialist must decide.`);
    }
    return;
  }
  const covered = context.debts.filter((debt) => isIncurredBeforeService(debt, servicemember.activeDutyStart) && (debt.aprPercent === undefined || debt.aprPercent > 6));
  if (covered.length === 0) return;
  const start = servicemember.activeDutyStart ?? 'START_OF_SERVICE';
  const mortgage = covered.some((debt) => debt.type !== undefined && debt.type.includes('mortgage'));
  const end = servicemember.releaseDate === undefined
    ? 'ONGOING'
    : mortgage ? `${Number(servicemember.releaseDate.slice(0, 4)) + 1}${servicemember.releaseDate.slice(4)}` : servicemember.releaseDate;
  const debts = covered.map((debt) => debt.id).join(', ');
  if (action.contentTags.includes('balance_includes_interest_above_6pct')) {
    addReason(context, 'SCRA-INT-6PCT', 'block',
      `Debt ${debts} was incurred before military service began on ${start}, so interest above 6% from then ${end === 'ONGOING' ? 'on' : `to ${end}`} is forgiven; recompute the balance, credit the excess and reduce the periodic payment before showing it.`);
    return;
  }
  addRequirement(context, 'SCRA-INT-6PCT', `BALANCE_RECOMPUTED_SCRA_6PCT_${start}_TO_${end}`,
    `Any balance shown for debt ${debts} must be recomputed at no more than 6% a year from ${start}${end === 'ONGOING' ? ' while service lasts' : ` to ${end}`}, with the excess forgiven.`);
}
