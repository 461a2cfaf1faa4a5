// The variables a template sees (templates/README in docs/outreach.md): the debtor, the itemized balance of the
// consolidated notice, due dates, the payment and portal links. Amounts are formatted with their currency;
// the raw minor units stay beside them for machines.
import { formatAmount } from '../money/money.ts';
import type { ConsolidatedNotice } from './build-consolidated-notice.ts';

export type MessageVariables = {
  debtor_name: string;
  debtor_ref: string;
  creditor_name: string;
  collector_name: string;
  lines: Array<{ invoice_number: string; due_date: string; days_past_due: number; amount: string; amount_minor: string; currency: string }>;
  total: string;
  totals: Array<{ currency: string; amount: string; amount_minor: string }>;
  earliest_due_date: string;
  payment_link: string;
  portal_link: string;
  validation_end_date: string;
  business_date: string;
};

export const formatMoney = (amountMinor: bigint, currency: string) => `${formatAmount(amountMinor, currency)} ${currency}`;

export function buildMessageVariables(input: {
  notice: ConsolidatedNotice;
  debtorName: string;
  debtorRef: string;
  creditorName: string;
  collectorName: string;
  publicUrl: string;
  businessDate: string;
  validationEndDate?: string | undefined;
}): MessageVariables {
  const base = input.publicUrl.replace(/\/+$/, '');
  const portal = `${base}/portal`;
  return {
    debtor_name: input.debtorName,
    debtor_ref: input.debtorRef,
    creditor_name: input.creditorName,
    collector_name: input.collectorName,
    lines: input.notice.lines.map((line) => ({
      invoice_number: line.invoiceNumber,
      due_date: line.dueDate,
      days_past_due: line.daysPastDue,
      amount: formatMoney(line.amountMinor, line.currency),
      amount_minor: line.amountMinor.toString(),
      currency: line.currency,
    })),
    total: input.notice.totals.map((total) => formatMoney(total.amountMinor, total.currency)).join(' + '),
    totals: input.notice.totals.map((total) => ({ currency: total.currency, amount: formatMoney(total.amountMinor, total.currency), amount_minor: total.amountMinor.toString() })),
    earliest_due_date: input.notice.earliestDueDate ?? input.businessDate,
    payment_link: `${portal}/pay?ref=${encodeURIComponent(input.debtorRef)}`,
    portal_link: portal,
    validation_end_date: input.validationEndDate ?? '',
    business_date: input.businessDate,
  };
}
