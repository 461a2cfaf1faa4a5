// UK-CONC-7.15-SB: FCA CONC 7.15 (7.15.7: suggesting court action on a statute-barred debt is misleading;
// 7.15.8: do not keep demanding payment after the customer says they will not pay because the debt is
// statute-barred); Limitation Act 1980 s.5 (6 years, England, Wales and Northern Ireland); in Scotland the
// 5-year prescription extinguishes the debt, so collection stops altogether.
import {
  addReason, isCollectionActivity, isContact, legalActionChannels, type DecisionContext,
} from './decision-context.ts';

const demandTags = new Set(['payment_demand', 'payment_link', 'balance']);

export function decideUkStatuteBarredDebts(context: DecisionContext): void {
  if (context.jurisdiction !== 'united_kingdom') return;
  const { action } = context.facts;
  if (!isCollectionActivity(context)) return;
  for (const debt of context.debts) {
    if (debt.ukPrescribed === true) {
      addReason(context, 'UK-CONC-7.15-SB', 'block', `Debt ${debt.id} is prescribed under Scots law, which extinguishes it; it may not be collected.`);
      continue;
    }
    if (debt.ukLimitationExpired === true && (legalActionChannels.has(action.channel) || action.contentTags.includes('threat_or_implication_of_suit'))) {
      addReason(context, 'UK-CONC-7.15-SB', 'block', `Debt ${debt.id} is statute-barred, so court action must not be taken or suggested (CONC 7.15.7).`);
    }
    if (debt.customerStatedStatuteBarredRefusal === true && isContact(action.channel)) {
      if (action.contentTags.some((tag) => demandTags.has(tag))) {
        addReason(context, 'UK-CONC-7.15-SB', 'block',
          `The customer said they will not pay debt ${debt.id} because it is statute-barred, so payment may no longer be demanded (CONC 7.15.8).`);
      } else if (action.contentTags.length === 0) {
        addReason(context, 'UK-CONC-7.15-SB', 'review',
          `The customer refused to pay debt ${debt.id} as statute-barred; the message's content is not tagged, so a person must check it does not demand payment (CONC 7.15.8).`);
      }
    }
  }
}
