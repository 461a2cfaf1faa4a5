// The agreement letter of a payment plan and the settlement letter, as documents (src/domain/documents):
// the PDF adapter draws them. Pure: the caller passes the parties, the terms and the date.
import { formatDocumentMoney, type AddressBlock, type DocumentBlock, type RecoupDocument } from '../documents/document.ts';
import { computeDayNumber, computeYearMonthDay } from '../shared/calendar-date.ts';

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-11-24" → "November 24, 2026". */
export function formatLongDate(date: string): string {
  const { year, month, day } = computeYearMonthDay(computeDayNumber(date));
  return `${monthNames[month - 1]} ${day}, ${year}`;
}

export type LetterParties = { creditor: AddressBlock; debtor: AddressBlock; accountReference: string; footer?: readonly string[] };

export type PlanAgreementTerms = {
  planId: string;
  currency: string;
  principalMinor: bigint;
  downPayment: { dueDate: string; amountMinor: bigint } | null;
  frequency: string;
  interestMethod: string;
  aprPercent: string;
  installments: ReadonlyArray<{ number: number; dueDate: string; paymentMinor: bigint; interestMinor: bigint; principalMinor: bigint; remainingMinor: bigint }>;
  graceDays: number;
  missedInstallmentsToBreak: number;
  /** How installments are paid: "by ACH debit from the account ending 6789", "by card or bank transfer". */
  paymentMethod: string;
};

/**
 * The payment plan agreement: the terms, the full schedule (due date, payment, interest, principal,
 * balance after), what happens on a missed installment, and signature lines.
 */
export function buildPlanAgreementDocument(parties: LetterParties, terms: PlanAgreementTerms, dated: { date: string; createdAt: string }): RecoupDocument {
  const money = (minor: bigint) => formatDocumentMoney(minor, terms.currency);
  const amount = (minor: bigint) => formatDocumentMoney(minor, terms.currency).replace(` ${terms.currency}`, '');
  const total = terms.installments.reduce((sum, row) => sum + row.paymentMinor, 0n) + (terms.downPayment?.amountMinor ?? 0n);
  const interest = terms.installments.reduce((sum, row) => sum + row.interestMinor, 0n);
  const frequency = terms.frequency === 'biweekly' ? 'every two weeks' : terms.frequency === 'weekly' ? 'weekly' : 'monthly';
  const interestText = terms.interestMethod === 'none' ? 'no interest' : `${terms.interestMethod} interest at ${terms.aprPercent} % APR`;
  const rows = [
    ...(terms.downPayment === null ? [] : [['Down', terms.downPayment.dueDate, amount(terms.downPayment.amountMinor), amount(0n), amount(terms.downPayment.amountMinor), '']]),
    ...terms.installments.map((row) => [String(row.number), row.dueDate, amount(row.paymentMinor), amount(row.interestMinor), amount(row.principalMinor), amount(row.remainingMinor)]),
  ];
  const blocks: DocumentBlock[] = [
    { kind: 'paragraph', text: `Dear ${parties.debtor.name},` },
    { kind: 'paragraph', text: `This letter confirms the payment plan agreed for your account ${parties.accountReference} with ${parties.creditor.name}. ` +
      `You agree to pay ${money(total)} in ${terms.installments.length} ${frequency} installments${terms.downPayment === null ? '' : ' after a down payment'}, with ${interestText}, ${terms.paymentMethod}.` },
    { kind: 'key_values', rows: [
      { key: 'Amount covered by the plan', value: money(terms.principalMinor) },
      ...(terms.downPayment === null ? [] : [{ key: `Down payment due ${terms.downPayment.dueDate}`, value: money(terms.downPayment.amountMinor) }]),
      { key: 'Interest', value: `${money(interest)} (${interestText})` },
      { key: 'Total of payments', value: money(total), emphasis: 'bold' as const },
      { key: 'Plan reference', value: terms.planId },
    ] },
    { kind: 'heading', text: 'Payment schedule' },
    { kind: 'table', columns: [
      { header: 'No.', align: 'right', widthShare: 0.6 }, { header: 'Due date', widthShare: 1.2 }, { header: `Payment ${terms.currency}`, align: 'right' },
      { header: 'Interest', align: 'right' }, { header: 'Principal', align: 'right' }, { header: 'Balance after', align: 'right' },
    ], rows, totalRow: ['', 'Total', amount(total), amount(interest), amount(terms.principalMinor), ''] },
    { kind: 'heading', text: 'If a payment is missed' },
    { kind: 'paragraph', text: `A payment received within ${terms.graceDays} days after its due date is on time. A payment that comes back unpaid from your bank counts as missed. ` +
      `If ${terms.missedInstallmentsToBreak} installments are missed, the plan ends and the remaining balance is due; please call us before that happens so that we can look for a solution together.` },
    { kind: 'paragraph', text: 'You may pay more, or pay off the balance, at any time without a penalty.' },
    { kind: 'signature', signers: [{ label: 'Debtor', name: parties.debtor.name }, { label: `For ${parties.creditor.name}` }] },
  ];
  return {
    documentId: `agreement-${terms.planId}`, title: 'Payment plan agreement', createdAt: dated.createdAt, dateLine: formatLongDate(dated.date),
    sender: parties.creditor, recipient: parties.debtor, reference: `Account ${parties.accountReference}`, blocks, ...(parties.footer === undefined ? {} : { footer: parties.footer }),
  };
}

export type SettlementLetterTerms = {
  settlementId: string;
  currency: string;
  balanceMinor: bigint;
  settlementMinor: bigint;
  discountPercent: string;
  form: 'lump_sum' | 'short_plan';
  dueDate: string;
  installments: ReadonlyArray<{ number: number; dueDate: string; paymentMinor: bigint }>;
  graceDays: number;
};

/** The settlement letter: the balance, the amount that settles it, by when (or the short plan), and what is forgiven once paid. */
export function buildSettlementLetterDocument(parties: LetterParties, terms: SettlementLetterTerms, dated: { date: string; createdAt: string }): RecoupDocument {
  const money = (minor: bigint) => formatDocumentMoney(minor, terms.currency);
  const amount = (minor: bigint) => formatDocumentMoney(minor, terms.currency).replace(` ${terms.currency}`, '');
  const forgiven = terms.balanceMinor - terms.settlementMinor;
  const blocks: DocumentBlock[] = [
    { kind: 'paragraph', text: `Dear ${parties.debtor.name},` },
    { kind: 'paragraph', text: `${parties.creditor.name} agrees to settle your account ${parties.accountReference} in full for ${money(terms.settlementMinor)}, ` +
      (terms.form === 'lump_sum' ? `paid by ${formatLongDate(terms.dueDate)}.` : `paid in ${terms.installments.length} installments as shown below.`) },
    { kind: 'key_values', rows: [
      { key: 'Current balance', value: money(terms.balanceMinor) },
      { key: 'Settlement amount', value: money(terms.settlementMinor), emphasis: 'bold' },
      { key: 'Amount forgiven once paid', value: `${money(forgiven)} (${terms.discountPercent} %)` },
      { key: 'Settlement reference', value: terms.settlementId },
    ] },
    ...(terms.form === 'short_plan' ? [{ kind: 'table' as const, columns: [{ header: 'No.', align: 'right' as const, widthShare: 0.6 }, { header: 'Due date' }, { header: `Payment ${terms.currency}`, align: 'right' as const }],
      rows: terms.installments.map((row) => [String(row.number), row.dueDate, amount(row.paymentMinor)]),
      totalRow: ['', 'Total', amount(terms.settlementMinor)] }] : []),
    { kind: 'paragraph', text: `When the settlement amount has been received, we will consider the account settled in full and the remaining ${money(forgiven)} will be written off. ` +
      `If the settlement amount is not received within ${terms.graceDays} days after it is due, this offer lapses and the full balance remains owed, less what you have paid.` },
    { kind: 'signature', signers: [{ label: `For ${parties.creditor.name}` }] },
  ];
  return {
    documentId: `settlement-${terms.settlementId}`, title: 'Settlement offer', createdAt: dated.createdAt, dateLine: formatLongDate(dated.date),
    sender: parties.creditor, recipient: parties.debtor, reference: `Account ${parties.accountReference}`, blocks, ...(parties.footer === undefined ? {} : { footer: parties.footer }),
  };
}
