// REGF-TBD-NOSUE: 12 CFR 1006.26(b) (strict liability; CFPB advisory opinion, 2023).
// STATE-TBD-DISCLOSURE: Cal. Civ. Code 1788.14(d) and 1788.52(d); 23 NYCRR 1.3; 940 CMR 7.07(24);
// Tex. Fin. Code 392.307; 12.2.12 NMAC; W. Va. Code 46A-2-128(f).
// A collector must not sue, or threaten to sue, to collect a time-barred debt. Suits within the policy
// margin before the limitation date, or on a debt whose limitation status is unknown, go to legal review.
// States require a notice when communicating about a time-barred debt: California in the first written
// communication after the debt became time-barred (two variants, by FCRA obsolescence), New York before
// accepting payment and in the medium of payment, Massachusetts, Texas, New Mexico and West Virginia in
// written communications (M/verify; the notice text must be loaded verbatim from the source).
import { computeDayNumber } from '../shared/calendar-date.ts';
import type { DebtFacts } from './compliance-facts.ts';
import {
  addReason, addRequirement, computeLatestDayNumber, isContact, legalActionChannels, paymentAcceptanceChannels, type DecisionContext,
} from './decision-context.ts';

const writtenChannels = new Set(['letter', 'email', 'sms', 'social_dm']);
const statesWithWrittenNotice = new Set(['MA', 'TX', 'NM', 'WV']);

/** True, false, or undefined when the limitation status cannot be known (checked at the consumer's latest local date). */
export function isTimeBarred(context: DecisionContext, debt: DebtFacts): boolean | undefined {
  if (debt.solExpired !== undefined) return debt.solExpired;
  if (debt.solExpiryDate === undefined) return undefined;
  return computeLatestDayNumber(context.clocks, context.atMs) >= computeDayNumber(debt.solExpiryDate);
}

export function decideTimeBarredDebt(context: DecisionContext): void {
  if (context.jurisdiction !== 'united_states') return;
  const { action, consumer } = context.facts;
  const threatens = action.contentTags.includes('threat_or_implication_of_suit');
  const suing = legalActionChannels.has(action.channel);

  for (const debt of context.debts) {
    const barred = isTimeBarred(context, debt);
    if (suing || threatens) {
      const what = suing ? 'sue' : 'threaten or imply a suit';
      if (barred === true) {
        addReason(context, 'REGF-TBD-NOSUE', 'block',
          `Debt ${debt.id} is time-barred${debt.solState === undefined ? '' : ` under ${debt.solState} law`}, and a collector may not ${what} to collect it; remove the litigation language.`);
      } else if (barred === undefined) {
        addReason(context, 'REGF-TBD-NOSUE', 'review',
          `The limitation status of debt ${debt.id} is unknown, so whether it may be sued on (or a suit mentioned) needs legal review.`);
      } else if (suing && debt.solExpiryDate !== undefined &&
        computeDayNumber(debt.solExpiryDate) - computeLatestDayNumber(context.clocks, context.atMs) <= context.policy.timeBarredSuitMarginDays) {
        addReason(context, 'REGF-TBD-NOSUE', 'review',
          `Debt ${debt.id} becomes time-barred on ${debt.solExpiryDate}, within ${context.policy.timeBarredSuitMarginDays} days, so a suit needs legal review.`);
      }
    }

    const state = consumer.state;
    if (state === undefined) continue;
    if (state === 'NY' && paymentAcceptanceChannels.has(action.channel) && barred !== false) {
      // 23 NYCRR 1.3: before accepting payment on a debt that may be time-barred, in the same medium.
      addRequirement(context, 'NY-23NYCRR1', 'NY_1_3_NOTICE_SAME_MEDIUM',
        `Debt ${debt.id} ${barred === true ? 'is' : 'may be'} time-barred, so before taking payment give the 23 NYCRR 1.3 notice in the same medium the payment is taken (here, orally if by phone).`);
      continue;
    }
    if (barred !== true || !isContact(action.channel) || !writtenChannels.has(action.channel)) continue;
    if (state === 'CA') {
      // The variant depends on whether the debt can still be reported (FCRA obsolescence).
      if (debt.fcraObsolescenceDate === undefined) {
        addReason(context, 'STATE-TBD-DISCLOSURE', 'review',
          `Debt ${debt.id} is time-barred and California requires one of two notices depending on FCRA obsolescence, which is not on file.`);
        continue;
      }
      const mayReport = computeLatestDayNumber(context.clocks, context.atMs) < computeDayNumber(debt.fcraObsolescenceDate);
      addRequirement(context, 'STATE-TBD-DISCLOSURE', `STATE_TBD_NOTICE_CA(${mayReport ? 'may_report' : 'no_report'})`,
        `Debt ${debt.id} is time-barred, so ${action.isFirstWrittenAfterTimeBarred ? 'this first written communication since' : 'each written communication (it is not stated which is the first)'} must carry the Cal. Civ. Code 1788.14(d) notice that ${mayReport ? 'the debt may still be reported to credit bureaus' : 'the debt will not be reported'}.`);
      continue;
    }
    if (statesWithWrittenNotice.has(state)) {
      addRequirement(context, 'STATE-TBD-DISCLOSURE', `STATE_TBD_NOTICE_${state}`,
        `Debt ${debt.id} is time-barred, so written communications to a ${state} consumer must carry the state's time-barred debt notice.`);
    }
  }
}
