// REGF-VAL-TIMING, REGF-VAL-CONTENT and REGF-VAL-PERIOD: 12 CFR 1006.34(a)(1), (b)(5), (c)–(d);
// FDCPA 1692g(a); 5 USC 6103(a).
// Validation information is due in the initial communication or in a notice sent within five days after it
// (calendar days, conservative). A validation notice must carry the 1006.34(c) content and print an end date
// no earlier than the computed validation period end (the collector may give more time, never less).
// The end date is computed from the latest local date of sending among the consumer's candidate zones and
// the collector's zone (RULES.md REGF-VAL-PERIOD: "the later of END in the consumer's ... and the collector's").
import { buildCalendarDate } from '../shared/calendar-date.ts';
import type { ContentElement, DebtFacts } from './compliance-facts.ts';
import {
  addReason, addRequirement, computeLatestDayNumber, formatDayNumber, isCollectionActivity, isContact, type DecisionContext,
} from './decision-context.ts';
import { computeValidationPeriodEnd } from './validation-period.ts';
import { buildZoneClock, type ZoneClock } from './zone-clock.ts';

/** The consumer's candidate zones plus the collector's zone, when the policy names one. */
export function buildDateClocks(context: DecisionContext): ZoneClock[] {
  const zone = context.policy.collectorTimeZone;
  return zone === null ? context.clocks : [...context.clocks, buildZoneClock(zone)];
}

/**
 * The validation period end date that governs a debt: the later of the date on file and the date computed
 * from when the information was provided. Undefined when neither is known.
 */
export function computeGoverningValidationEnd(context: DecisionContext, debt: DebtFacts): string | undefined {
  let end = debt.validation.endDate;
  if (debt.validation.providedMs !== undefined) {
    const providedDate = buildCalendarDate(computeLatestDayNumber(buildDateClocks(context), debt.validation.providedMs));
    const computed = computeValidationPeriodEnd(providedDate, {
      receiptBusinessDays: context.policy.validationReceiptBusinessDays,
      periodDays: context.policy.validationPeriodDays,
    }).endDate;
    if (end === undefined || computed > end) end = computed;
  }
  return end;
}

export function isValidationNotice(template: string | undefined): boolean {
  return template !== undefined && template.startsWith('validation_notice');
}

// 1006.34(c)(1)–(4): the debt collector disclosure, information about the debt, about consumer protections,
// and the consumer-response information. The creditor on the itemization date is required for debt related
// to a consumer financial product or service (1006.34(c)(2)(iii)), so it is skipped only for medical debt.
const requiredValidationElements: ContentElement[] = [
  'debt_collector_disclosure', 'collector_name_and_mailing_information', 'consumer_name_and_mailing_information',
  'creditor_on_itemization_date', 'account_number', 'current_creditor', 'itemization_date', 'amount_on_itemization_date',
  'itemization', 'current_amount', 'validation_end_date', 'assumed_valid_statement', 'dispute_rights',
  'original_creditor_rights', 'cfpb_website_reference', 'dispute_prompts', 'original_creditor_prompt',
];

export function decideValidationInformation(context: DecisionContext): void {
  if (!context.regulationFApplies) return;
  const { action } = context.facts;
  const dateClocks = buildDateClocks(context);
  const atDay = computeLatestDayNumber(dateClocks, context.atMs);

  if (isValidationNotice(action.template) && isContact(action.channel)) {
    const period = computeValidationPeriodEnd(buildCalendarDate(atDay), {
      receiptBusinessDays: context.policy.validationReceiptBusinessDays,
      periodDays: context.policy.validationPeriodDays,
    });
    context.computed.assumed_receipt = period.assumedReceiptDate;
    context.computed.validation_end_date = period.endDate;
    if (action.printedValidationEndDate !== undefined && action.printedValidationEndDate < period.endDate) {
      addReason(context, 'REGF-VAL-PERIOD', 'block',
        `The notice prints ${action.printedValidationEndDate} as the validation period end, earlier than the ${period.endDate} that 1006.34(b)(5) gives for a notice sent ${period.providedDate}.`);
    } else {
      addRequirement(context, 'REGF-VAL-PERIOD', `VALIDATION_END_DATE=${action.printedValidationEndDate ?? period.endDate}`,
        `Sent ${period.providedDate}, receipt may be assumed ${period.assumedReceiptDate} (five days excluding weekends and federal holidays), so the notice must print ${action.printedValidationEndDate ?? period.endDate} or later as the end date.`);
    }
    if (action.contentElements !== undefined) {
      const present = new Set(action.contentElements);
      const medical = context.debts.every((debt) => debt.type !== undefined && debt.type.includes('medical'));
      const missing = requiredValidationElements.filter((element) => !present.has(element) && !(medical && element === 'creditor_on_itemization_date'));
      if (missing.length > 0) {
        addReason(context, 'REGF-VAL-CONTENT', 'block',
          `The validation notice lacks required 1006.34(c) information: ${missing.map((element) => element.replaceAll('_', ' ')).join(', ')}.`);
      }
    }
    return;
  }

  for (const debt of context.debts) {
    if (debt.validation.providedMs !== undefined) continue;
    // The first communication starts the five-day clock: tell the caller when the notice is due.
    if (action.isFirstCommunication && isContact(action.channel)) {
      context.computed.validation_notice_due_by_local_date = formatDayNumber(atDay + context.policy.validationInformationDueDays);
      continue;
    }
    if (debt.initialCommunicationMs === undefined || !isCollectionActivity(context)) continue;
    const dueDay = computeLatestDayNumber(dateClocks, debt.initialCommunicationMs) + context.policy.validationInformationDueDays;
    if (atDay > dueDay) {
      addReason(context, 'REGF-VAL-TIMING', 'block',
        `Validation information for debt ${debt.id} was due by ${formatDayNumber(dueDay)} (five days after the initial communication) and has not been sent; send the validation notice before any other collection.`);
    }
  }
}

