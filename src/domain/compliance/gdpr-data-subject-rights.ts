// GDPR-ACCESS-15 (Art. 15, 12(3); Regulation 1182/71), GDPR-ERASURE-17 (Art. 17(1), 17(3)(b), 17(3)(e)),
// GDPR-OBJECT-21 (Art. 21(1)–(3)), GDPR-RESTRICT-18 (Art. 18(1)(a), 18(2)); the UK GDPR for UK customers.
// Requests are answered within one month of receipt (the same date next month, or the month's last day
// when that date does not exist, moved to the next working day), extendable by two months with notice in
// the first. An access request does not pause collection. Erasure: data needed to pursue or defend the
// claim may be kept under 17(3)(e); the rest goes; a US retention duty (Reg F 1006.100) is not a Union or
// Member State obligation under 17(3)(b). Objection: direct marketing stops absolutely; objection to
// collection needs a documented balancing test (review). Contested accuracy restricts non-essential
// processing while it is verified (outbound campaigns, data sharing), not legal claims.
import {
  buildCalendarDate, computeDayNumberOf, computeYearMonthDay, isWeekend,
} from '../shared/calendar-date.ts';
import {
  addReason, addRequiredAction, computeEarliestDayNumber, isContact, type DecisionContext,
} from './decision-context.ts';
import { computeRecordRetentionEnd } from './record-retention.ts';
import { isUkBankHoliday } from './uk-bank-holidays.ts';

const closedAccountStates = new Set(['paid', 'paid_in_full', 'settled', 'closed', 'recalled', 'written_off_closed']);

/**
 * Art. 12(3) due date for a request received on the day number: one month later (Reg 1182/71), the last day
 * of that month when the date does not exist, moved past weekends and (for UK customers) bank holidays.
 * Member-state public holidays are not catalogued, so an EU deadline is never moved past one (earlier, safe).
 */
export function computeDataSubjectResponseDue(receivedDayNumber: number, ukNation: 'england' | 'wales' | 'scotland' | 'northern_ireland' | undefined): string {
  const { year, month, day } = computeYearMonthDay(receivedDayNumber);
  const lastOfNextMonth = computeDayNumberOf(year, month + 2, 0);
  let due = Math.min(computeDayNumberOf(year, month + 1, day), lastOfNextMonth);
  while (isWeekend(due) || (ukNation !== undefined && isUkBankHoliday(due, ukNation))) due += 1;
  return buildCalendarDate(due);
}

export function decideGdprDataSubjectRights(context: DecisionContext): void {
  const { action, consumer } = context.facts;
  if (context.jurisdiction === 'european_union' || context.jurisdiction === 'united_kingdom') {
    decideGdpr(context);
    return;
  }
  if (context.jurisdiction === 'united_states' && action.channel === 'erasure_request') {
    const until = computeRecordRetentionEnd(context);
    context.computed.records_retained_until = until;
    addRequiredAction(context, {
      action: 'retain_compliance_records', ruleId: 'REGF-RECORDS', dueDate: until,
      explanation: `Records evidencing Reg F compliance must be kept until at least ${until} (three years after the last contact, settlement or transfer); erase other data only as state privacy law allows.`,
    });
    return;
  }
  if (action.channel === 'access_request' || action.channel === 'objection' || action.channel === 'erasure_request') {
    addReason(context, 'GATE-UNKNOWN-JURISDICTION', 'review',
      `No data-subject rule is catalogued for a consumer in ${consumer.country ?? 'an unknown country'}${consumer.state === undefined ? '' : `/${consumer.state}`}; a specialist must answer this request.`);
  }
}

function decideGdpr(context: DecisionContext): void {
  const { action, consumer } = context.facts;
  const regime = context.jurisdiction === 'united_kingdom' ? 'UK GDPR' : 'GDPR';
  const ukNation = context.jurisdiction === 'united_kingdom' ? consumer.nation ?? 'england' : undefined;
  const received = action.requestReceivedMs ?? context.atMs;
  // The earliest local date of receipt gives the earliest (strictest) due date.
  const due = computeDataSubjectResponseDue(computeEarliestDayNumber(context.clocks, received), ukNation);
  const respond = (ruleId: 'GDPR-ACCESS-15' | 'GDPR-ERASURE-17' | 'GDPR-OBJECT-21'): void => {
    context.computed.response_due_date = due;
    addRequiredAction(context, {
      action: 'respond_to_data_subject', ruleId, dueDate: due,
      explanation: `Answer by ${due} (one month from receipt, ${regime} Art. 12(3)); it may be extended by two months only if the person is told so within the first month.`,
    });
  };

  if (action.channel === 'access_request') {
    addRequiredAction(context, {
      action: 'provide_copy_and_processing_information', ruleId: 'GDPR-ACCESS-15',
      explanation: 'Provide a copy of the personal data with the purposes, recipients, retention period and source, protecting the rights of others (Art. 15(4)); collection may continue meanwhile.',
    });
    respond('GDPR-ACCESS-15');
    return;
  }
  if (action.channel === 'erasure_request') {
    // A claim is alive while a debt is open (not paid, settled, closed or transferred) or disputed.
    const claimAlive = context.debts.some((debt) =>
      debt.disputes.length > 0 || (!closedAccountStates.has(debt.accountState ?? '') && debt.settledOrTransferredMs === undefined));
    if (claimAlive) {
      addRequiredAction(context, {
        action: 'retain_claim_necessary_data', ruleId: 'GDPR-ERASURE-17',
        explanation: 'Keep only the data needed to establish, exercise or defend the claim (Art. 17(3)(e)); a US retention duty is not a Union or Member State obligation under 17(3)(b).',
      });
      addRequiredAction(context, {
        action: 'erase_non_necessary_data', ruleId: 'GDPR-ERASURE-17',
        explanation: 'Erase what the claim does not need (marketing preferences, scraped or unnecessary contact data) and record the categories kept and their legal basis.',
      });
    } else {
      addRequiredAction(context, {
        action: 'erase_personal_data', ruleId: 'GDPR-ERASURE-17',
        explanation: 'No claim remains to pursue or defend, so erase the personal data except what an EU or Member State law (for example tax) requires to be kept.',
      });
    }
    respond('GDPR-ERASURE-17');
    return;
  }
  if (action.channel === 'objection') {
    const scope = action.objectionScope ?? 'all';
    addRequiredAction(context, {
      action: 'stop_direct_marketing', ruleId: 'GDPR-OBJECT-21',
      explanation: 'An objection to direct marketing is absolute (Art. 21(2)–(3)): stop marketing at once.',
    });
    if (scope !== 'marketing') {
      addRequiredAction(context, {
        action: 'document_compelling_grounds', ruleId: 'GDPR-OBJECT-21',
        explanation: 'Continuing collection processing needs documented compelling legitimate grounds or the legal-claims basis (Art. 21(1)); consider restricting processing meanwhile (Art. 18(1)(d)).',
      });
      addReason(context, 'GDPR-OBJECT-21', 'review',
        'The person objects to processing for collection, which may continue only on documented compelling grounds or for legal claims; a specialist must make and record that balancing.');
    }
    respond('GDPR-OBJECT-21');
    return;
  }

  const { flags } = consumer;
  if (flags.gdprObjection !== undefined && flags.gdprObjection.sinceMs <= context.atMs && isContact(action.channel)) {
    if (action.contentTags.includes('marketing')) {
      addReason(context, 'GDPR-OBJECT-21', 'block', 'The person objected to direct marketing, which must stop absolutely (Art. 21(3)).');
    } else if (flags.gdprObjection.scope !== 'marketing' && action.purpose !== 'non_collection') {
      addReason(context, 'GDPR-OBJECT-21', 'review',
        'The person objected to processing for collection; contact continues only once compelling grounds or the legal-claims basis are documented.');
    }
  }
  const contested = flags.accuracyContested;
  if (contested !== undefined && contested.sinceMs <= context.atMs && (contested.verifiedMs === undefined || contested.verifiedMs > context.atMs)) {
    if ((isContact(action.channel) && action.purpose !== 'non_collection') || action.channel === 'furnish_cra') {
      addReason(context, 'GDPR-RESTRICT-18', 'block',
        'The person contests the accuracy of the debt data, so outbound campaigns and data sharing are restricted until it is verified (Art. 18(1)(a)); legal claims may continue (18(2)).');
    }
  }
}
