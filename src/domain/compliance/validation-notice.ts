// REGF-VAL-CONTENT: 12 CFR 1006.34(c) (content), 1006.34(d) (form, optional disclosures, Spanish) and Model
// Form B-1 (Appendix B; using it is the 1006.34(d)(2) safe harbor). REGF-VAL-PERIOD: the end date comes from
// computeValidationPeriodEnd (1006.34(b)(5)); a collector may print a later end date, never an earlier one.
// This module builds the data a letter renderer needs: every B-1 field, exact money, ISO dates, and the B-1
// sentences with the dates and amounts filled in. Statement wording follows Model Form B-1 as published in
// the 2020 final rule; counsel should compare it with the current Appendix B before relying on the safe harbor.
import { formatAmount, isKnownCurrency, type Money } from '../money/money.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import { isCalendarDate } from '../shared/calendar-date.ts';
import type { ContentElement } from './compliance-facts.ts';
import { computeValidationPeriodEnd, type ValidationPeriodOptions } from './validation-period.ts';

/** 1006.34(b)(3): the itemization date is one of five reference dates the collector picks and uses consistently. */
export type ItemizationDateKind = 'last_statement' | 'charge_off' | 'last_payment' | 'transaction' | 'judgment';

/**
 * A ledger movement after the itemization date. Amounts are positive magnitudes; the kind gives the direction.
 * `payment_reversal` (a returned payment) nets against payments.
 */
export type ItemizationMovement = {
  kind: 'interest' | 'fee' | 'payment' | 'credit' | 'payment_reversal';
  amountMinor: bigint;
  /** `YYYY-MM-DD`, after the itemization date and no later than the date the notice is provided. */
  date: string;
};

export type PostalAddress = { lines: string[]; city: string; state: string; postalCode: string; country?: string };

export type ValidationNoticeInput = {
  /** `YYYY-MM-DD`: the date the notice is mailed or sent; use the latest local date among the consumer's and the collector's zones. */
  providedDate: string;
  /** A later end date the collector chooses to give (1006.34(b)(5) allows more time, never less). */
  extendedEndDate?: string;
  /** Passed to computeValidationPeriodEnd; looser than the law throws there. */
  validationPeriodOptions?: ValidationPeriodOptions;
  debtCollector: {
    name: string;
    mailingAddress: PostalAddress;
    /** Optional B-1 header items (1006.34(d)(3)(i)). */
    telephone?: string;
    contactHours?: string;
    /** The name a check is made payable to, when it is not `name`. */
    payableTo?: string;
  };
  consumer: { name: string; mailingAddress: PostalAddress };
  /** The creditor to whom the debt is currently owed (1006.34(c)(2)(v)). */
  currentCreditor: string;
  /**
   * True for debt related to a consumer financial product or service (1006.2(f)): then the creditor on the
   * itemization date is required (1006.34(c)(2)(iii)). When the purpose is unknown, say true (REGF-SCOPE).
   */
  consumerFinancialProduct: boolean;
  /** The creditor to whom the debt was owed on the itemization date (the "original creditor" of the B-1 sentence). */
  itemizationDateCreditor?: string;
  /** What the consumer had, in B-1's words: "a credit card", "an auto loan". */
  productDescription?: string;
  /** The account number on the itemization date (1006.34(c)(2)(vi)); printed truncated unless `showFullAccountNumber`. */
  accountNumber?: string;
  showFullAccountNumber?: boolean;
  /** The optional B-1 reference code (for the tear-off and the check). */
  referenceNumber?: string;
  itemization: {
    itemizationDateKind: ItemizationDateKind;
    itemizationDate: string;
    amountOnItemizationDate: Money;
    movements: ItemizationMovement[];
    /** The amount the collector's records say is owed now; must equal the itemization arithmetic. */
    currentAmount: Money;
  };
  /** 1006.34(c)(4)(iv), (d)(3)(vi): where the collector accepts disputes and original-creditor requests electronically. */
  electronicResponse?: { emailAddress?: string; websiteAddress?: string };
  /** 1006.34(d)(3)(vi): offer a Spanish-language notice (statement on the front, check box on the tear-off). */
  offerSpanishTranslation: boolean;
  /** How the notice is delivered; an electronic notice must follow 1006.42 (e-sign consent or safe harbor). */
  delivery: { method: 'mail' } | { method: 'email'; emailAddress: string } | { method: 'portal'; websiteAddress: string };
  /**
   * Omit the payment request ("Contact us about your payment options", "I enclosed this amount") when asking
   * for payment could violate a bankruptcy stay or discharge (BK-AUTOSTAY; 2020 final rule preamble keeps the safe harbor).
   */
  omitPaymentRequest?: { reason: 'bankruptcy' };
};

export type ValidationNotice = {
  /** The 1006.18(e) debt collector disclosure, as B-1 words it. */
  debtCollectorDisclosure: string;
  debtCollector: { name: string; mailingAddress: PostalAddress; telephone?: string; contactHours?: string };
  consumer: { name: string; mailingAddress: PostalAddress };
  referenceNumber?: string;
  currentCreditor: string;
  itemizationDateCreditor?: string;
  productDescription?: string;
  /** As printed: the full number, or its last four characters behind a mask. */
  accountNumber?: string;
  itemization: {
    itemizationDateKind: ItemizationDateKind;
    itemizationDate: string;
    amountOnItemizationDate: Money;
    interestSinceItemization: Money;
    feesSinceItemization: Money;
    /** Payments net of returned payments. */
    paymentsSinceItemization: Money;
    creditsSinceItemization: Money;
    /** B-1 prints payments and credits as one line. */
    paymentsAndCreditsSinceItemization: Money;
    currentAmount: Money;
  };
  validationPeriod: { providedDate: string; assumedReceiptDate: string; minimumEndDate: string; endDate: string };
  /** B-1 statements with dates and amounts filled in, in form order. */
  statements: {
    /** "You had a credit card from Bank with account number ****1234." (when the product or creditor is known). */
    debtDescription?: string;
    owedOnItemizationDate: string;
    sinceItemizationHeading: string;
    interestCharged: string;
    feesCharged: string;
    paidOrCredited: string;
    totalNow: string;
    disputeByDate: string;
    disputeInWriting: string;
    originalCreditorRequest: string;
    cfpbWebsite: string;
    paymentOptions?: string;
    spanishOffer?: string;
    electronicDisputes?: string;
  };
  /** The tear-off "How do you want to respond?" form (1006.34(c)(4)). */
  responseForm: {
    mailTo: { name: string; mailingAddress: PostalAddress };
    consumer: { name: string; mailingAddress: PostalAddress };
    referenceNumber?: string;
    disputePrompt: string;
    disputeReasons: readonly [string, string, string];
    originalCreditorPrompt: string;
    enclosedAmountPrompt?: { prompt: string; payableTo: string };
    spanishPrompt?: string;
  };
  cfpbWebsite: 'www.cfpb.gov/debt-collection';
  electronicResponse?: { emailAddress?: string; websiteAddress?: string };
  spanishTranslationOffered: boolean;
  delivery: ValidationNoticeInput['delivery'];
  /** The 1006.34(c) elements this notice carries, in the compliance engine's vocabulary. */
  contentElements: ContentElement[];
};

export type ValidationNoticeErrorCode =
  | 'missing_field' | 'invalid_date' | 'unknown_currency' | 'currency_mismatch' | 'invalid_movement'
  | 'negative_amount' | 'itemization_mismatch' | 'end_date_before_minimum';

const cfpbWebsite = 'www.cfpb.gov/debt-collection';
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Builds the validation notice data of Model Form B-1 for one debt, or says which input is wrong.
 * The itemization must add up: amount on the itemization date + interest + fees − payments − credits must
 * equal the current amount, to the minor unit; otherwise `itemization_mismatch` names both sides.
 *
 * @example
 * buildValidationNotice({ providedDate: '2024-06-03', itemization: { itemizationDate: '2024-03-31', … }, … })
 * // { ok: true, value: { validationPeriod: { assumedReceiptDate: '2024-06-10', endDate: '2024-07-10', … },
 * //   statements: { disputeByDate: 'Call or write to us by July 10, 2024, to dispute all or part of the debt. …' }, … } }
 */
export function buildValidationNotice(input: ValidationNoticeInput): Result<ValidationNotice, ValidationNoticeErrorCode> {
  const missing = findMissingField(input);
  if (missing !== undefined) return fail('missing_field', `${missing} is required on a validation notice (1006.34(c))`, missing);

  const { itemization } = input;
  for (const [field, date] of [['providedDate', input.providedDate], ['itemization.itemizationDate', itemization.itemizationDate], ['extendedEndDate', input.extendedEndDate]] as const) {
    if (date !== undefined && !isCalendarDate(date)) return fail('invalid_date', `${field} "${date}" is not a YYYY-MM-DD calendar date`, field);
  }
  if (itemization.itemizationDate > input.providedDate) {
    return fail('invalid_date', `the itemization date ${itemization.itemizationDate} is after the date the notice is provided (${input.providedDate})`, 'itemization.itemizationDate');
  }

  const currency = itemization.amountOnItemizationDate.currency;
  if (!isKnownCurrency(currency)) return fail('unknown_currency', `"${currency}" is not an ISO 4217 currency`, 'itemization.amountOnItemizationDate.currency');
  if (itemization.currentAmount.currency !== currency) {
    return fail('currency_mismatch', `the current amount is in ${itemization.currentAmount.currency} but the itemization-date amount is in ${currency}`, 'itemization.currentAmount.currency');
  }
  if (itemization.amountOnItemizationDate.amountMinor < 0n) {
    return fail('negative_amount', `the amount on the itemization date is negative (${itemization.amountOnItemizationDate.amountMinor} minor units)`, 'itemization.amountOnItemizationDate');
  }
  if (itemization.currentAmount.amountMinor < 0n) {
    return fail('negative_amount', `the current amount is negative (${itemization.currentAmount.amountMinor} minor units)`, 'itemization.currentAmount');
  }

  const totals = { interest: 0n, fee: 0n, payment: 0n, credit: 0n };
  for (const [index, movement] of itemization.movements.entries()) {
    const field = `itemization.movements[${index}]`;
    if (movement.amountMinor <= 0n) return fail('invalid_movement', `${field} has amount ${movement.amountMinor}; movements are positive magnitudes`, field);
    if (!isCalendarDate(movement.date)) return fail('invalid_date', `${field} date "${movement.date}" is not a YYYY-MM-DD calendar date`, field);
    // 1006.34(c)(2)(viii): the itemization covers what happened after the itemization date, up to today.
    if (movement.date <= itemization.itemizationDate) {
      return fail('invalid_movement', `${field} (${movement.kind} on ${movement.date}) is not after the itemization date ${itemization.itemizationDate}`, field);
    }
    if (movement.date > input.providedDate) {
      return fail('invalid_movement', `${field} (${movement.kind} on ${movement.date}) is after the date the notice is provided (${input.providedDate})`, field);
    }
    if (movement.kind === 'payment_reversal') totals.payment -= movement.amountMinor;
    else totals[movement.kind] += movement.amountMinor;
  }
  if (totals.payment < 0n) {
    return fail('invalid_movement', `returned payments exceed payments since the itemization date by ${-totals.payment} minor units`, 'itemization.movements');
  }

  // 1006.34(c)(2)(viii)–(ix): the itemization must reconcile to the current amount exactly.
  const computedCurrent = itemization.amountOnItemizationDate.amountMinor + totals.interest + totals.fee - totals.payment - totals.credit;
  if (computedCurrent !== itemization.currentAmount.amountMinor) {
    const difference = itemization.currentAmount.amountMinor - computedCurrent;
    return fail(
      'itemization_mismatch',
      `itemization does not add up: ${format(itemization.amountOnItemizationDate.amountMinor, currency)} on ${itemization.itemizationDate}`
        + ` + interest ${format(totals.interest, currency)} + fees ${format(totals.fee, currency)}`
        + ` − payments ${format(totals.payment, currency)} − credits ${format(totals.credit, currency)}`
        + ` = ${format(computedCurrent, currency)}, but the current amount is ${format(itemization.currentAmount.amountMinor, currency)}`
        + ` (difference ${format(difference, currency)})`,
      'itemization.currentAmount',
    );
  }

  const period = computeValidationPeriodEnd(input.providedDate, input.validationPeriodOptions);
  if (input.extendedEndDate !== undefined && input.extendedEndDate < period.endDate) {
    return fail('end_date_before_minimum', `end date ${input.extendedEndDate} is before the validation period end ${period.endDate} (1006.34(b)(5))`, 'extendedEndDate');
  }
  const endDate = input.extendedEndDate ?? period.endDate;
  const money = (amountMinor: bigint): Money => ({ amountMinor, currency });
  const endDateText = formatLongDate(endDate);
  const itemizationDateText = formatLongDate(itemization.itemizationDate);
  const electronicLocation = describeElectronicLocation(input.electronicResponse);
  const paymentRequested = input.omitPaymentRequest === undefined;
  const printedAccountNumber = input.accountNumber === undefined
    ? undefined
    : input.showFullAccountNumber === true ? input.accountNumber : truncateAccountNumber(input.accountNumber);
  const debtDescription = describeDebt(input.productDescription, input.itemizationDateCreditor, printedAccountNumber);

  const statements: ValidationNotice['statements'] = {
    ...(debtDescription === undefined ? {} : { debtDescription }),
    owedOnItemizationDate: `As of ${itemizationDateText}, you owed: ${format(itemization.amountOnItemizationDate.amountMinor, currency)}`,
    sinceItemizationHeading: `Between ${itemizationDateText} and today:`,
    interestCharged: `You were charged this amount in interest: + ${format(totals.interest, currency)}`,
    feesCharged: `You were charged this amount in fees: + ${format(totals.fee, currency)}`,
    paidOrCredited: `You paid or were credited this amount toward the debt: – ${format(totals.payment + totals.credit, currency)}`,
    totalNow: `Total amount of the debt now: ${format(itemization.currentAmount.amountMinor, currency)}`,
    disputeByDate: `Call or write to us by ${endDateText}, to dispute all or part of the debt. If you do not, we will assume that our information is correct.`,
    disputeInWriting: `If you write to us by ${endDateText}, we must stop collection on any amount you dispute until we send you information that shows you owe the debt. You may use the form below or write to us without the form. You may also include supporting documents.`
      + (electronicLocation === undefined ? '' : ` We accept disputes electronically at ${electronicLocation}.`),
    originalCreditorRequest: `Write to ask for the name and address of the original creditor, if different from the current creditor. If you write by ${endDateText}, we must stop collection until we send you that information. You may use the form below or write to us without the form.`
      + (electronicLocation === undefined ? '' : ` We accept such requests electronically at ${electronicLocation}.`),
    cfpbWebsite: `Go to ${cfpbWebsite} to learn more about your rights under federal law. For instance, you have the right to stop or limit how we contact you.`,
    ...(paymentRequested ? { paymentOptions: 'Contact us about your payment options.' } : {}),
    ...(input.offerSpanishTranslation ? { spanishOffer: 'Póngase en contacto con nosotros para solicitar una copia de este formulario en español.' } : {}),
    ...(electronicLocation === undefined ? {} : { electronicDisputes: `We accept disputes electronically at ${electronicLocation}.` }),
  };

  const contentElements: ContentElement[] = [
    'debt_collector_disclosure', 'collector_name_and_mailing_information', 'consumer_name_and_mailing_information',
    ...(input.itemizationDateCreditor === undefined ? [] : ['creditor_on_itemization_date' as const]),
    ...(input.accountNumber === undefined ? [] : ['account_number' as const]),
    'current_creditor', 'itemization_date', 'amount_on_itemization_date', 'itemization', 'current_amount',
    'validation_end_date', 'assumed_valid_statement', 'dispute_rights', 'original_creditor_rights', 'cfpb_website_reference',
    'dispute_prompts', 'original_creditor_prompt',
    ...(electronicLocation === undefined ? [] : ['electronic_dispute_method' as const]),
    ...(input.offerSpanishTranslation ? ['spanish_language_offer' as const] : []),
  ];

  const collector = input.debtCollector;
  const notice: ValidationNotice = {
    debtCollectorDisclosure: `${collector.name} is a debt collector. We are trying to collect a debt that you owe to ${endSentence(input.currentCreditor)} We will use any information you give us to help collect the debt.`,
    debtCollector: {
      name: collector.name,
      mailingAddress: collector.mailingAddress,
      ...(collector.telephone === undefined ? {} : { telephone: collector.telephone }),
      ...(collector.contactHours === undefined ? {} : { contactHours: collector.contactHours }),
    },
    consumer: input.consumer,
    ...(input.referenceNumber === undefined ? {} : { referenceNumber: input.referenceNumber }),
    currentCreditor: input.currentCreditor,
    ...(input.itemizationDateCreditor === undefined ? {} : { itemizationDateCreditor: input.itemizationDateCreditor }),
    ...(input.productDescription === undefined ? {} : { productDescription: input.productDescription }),
    ...(printedAccountNumber === undefined ? {} : { accountNumber: printedAccountNumber }),
    itemization: {
      itemizationDateKind: itemization.itemizationDateKind,
      itemizationDate: itemization.itemizationDate,
      amountOnItemizationDate: money(itemization.amountOnItemizationDate.amountMinor),
      interestSinceItemization: money(totals.interest),
      feesSinceItemization: money(totals.fee),
      paymentsSinceItemization: money(totals.payment),
      creditsSinceItemization: money(totals.credit),
      paymentsAndCreditsSinceItemization: money(totals.payment + totals.credit),
      currentAmount: money(itemization.currentAmount.amountMinor),
    },
    validationPeriod: { providedDate: period.providedDate, assumedReceiptDate: period.assumedReceiptDate, minimumEndDate: period.endDate, endDate },
    statements,
    responseForm: {
      mailTo: { name: collector.name, mailingAddress: collector.mailingAddress },
      consumer: input.consumer,
      ...(input.referenceNumber === undefined ? {} : { referenceNumber: input.referenceNumber }),
      disputePrompt: 'I want to dispute the debt because I think:',
      disputeReasons: ['This is not my debt.', 'The amount is wrong.', 'Other (please describe on reverse or attach additional information).'],
      originalCreditorPrompt: 'I want you to send me the name and address of the original creditor.',
      ...(paymentRequested
        ? { enclosedAmountPrompt: { prompt: 'I enclosed this amount:', payableTo: collector.payableTo ?? collector.name } }
        : {}),
      ...(input.offerSpanishTranslation ? { spanishPrompt: 'Quiero este formulario en español.' } : {}),
    },
    cfpbWebsite,
    ...(input.electronicResponse === undefined ? {} : { electronicResponse: input.electronicResponse }),
    spanishTranslationOffered: input.offerSpanishTranslation,
    delivery: input.delivery,
    contentElements,
  };
  return ok(notice);
}

// 1006.34(c): the fields without which the notice is not validation information.
function findMissingField(input: ValidationNoticeInput): string | undefined {
  const required: Array<[string, string | undefined]> = [
    ['debtCollector.name', input.debtCollector.name],
    ['consumer.name', input.consumer.name],
    ['currentCreditor', input.currentCreditor],
  ];
  for (const [field, value] of required) if (value === undefined || value.trim() === '') return field;
  for (const [field, address] of [['debtCollector.mailingAddress', input.debtCollector.mailingAddress], ['consumer.mailingAddress', input.consumer.mailingAddress]] as const) {
    if (address.lines.every((line) => line.trim() === '') || address.city.trim() === '' || address.state.trim() === '' || address.postalCode.trim() === '') return field;
  }
  // 1006.34(c)(2)(iii): consumer-financial-product debt names the creditor on the itemization date.
  if (input.consumerFinancialProduct && (input.itemizationDateCreditor === undefined || input.itemizationDateCreditor.trim() === '')) {
    return 'itemizationDateCreditor';
  }
  if (input.delivery.method === 'email' && input.delivery.emailAddress.trim() === '') return 'delivery.emailAddress';
  if (input.delivery.method === 'portal' && input.delivery.websiteAddress.trim() === '') return 'delivery.websiteAddress';
  return undefined;
}

// "… owe to Example Bank, N.A." must not end in "N.A..".
function endSentence(text: string): string {
  return text.endsWith('.') ? text : `${text}.`;
}

// B-1: "You had a [product] from [creditor on the itemization date] with account number [number]."
function describeDebt(product: string | undefined, creditor: string | undefined, accountNumber: string | undefined): string | undefined {
  if (product === undefined && creditor === undefined) return undefined;
  const from = creditor === undefined ? '' : ` from ${creditor}`;
  const number = accountNumber === undefined ? '' : ` with account number ${accountNumber}`;
  return endSentence(`You had ${product ?? 'an account'}${from}${number}`);
}

function describeElectronicLocation(electronic: ValidationNoticeInput['electronicResponse']): string | undefined {
  const places = [electronic?.emailAddress, electronic?.websiteAddress].filter((place): place is string => place !== undefined && place.trim() !== '');
  return places.length === 0 ? undefined : places.join(' or ');
}

// 1006.34(c)(2)(vi) allows a truncated account number; keep the last four characters.
function truncateAccountNumber(accountNumber: string): string {
  const visible = accountNumber.replace(/[\s-]/g, '');
  return visible.length <= 4 ? visible : `****${visible.slice(-4)}`;
}

// B-1 prints dates as "January 2, 2017".
function formatLongDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${monthNames[(month ?? 1) - 1]} ${day}, ${year}`;
}

function format(amountMinor: bigint, currency: string): string {
  const negative = amountMinor < 0n;
  const text = formatAmount(negative ? -amountMinor : amountMinor, currency);
  const withSymbol = currency === 'USD' ? `$${text}` : `${currency} ${text}`;
  return negative ? `-${withSymbol}` : withSymbol;
}
