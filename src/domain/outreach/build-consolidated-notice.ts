// One notice per debtor covering every overdue invoice (issue #4, point 1), leaving out what is disputed
// (REGF-DISPUTE-PAUSE: no collection on a disputed debt) and what a pending promise already covers. A
// pre-due reminder lists the invoices coming due instead. Totals per currency; amounts stay minor units.

export type NoticeInvoice = {
  invoiceId: string;
  accountId: string;
  invoiceNumber: string;
  dueDate: string;
  currency: string;
  /** What the invoice still owes (principal, interest and fees), minor units. */
  balanceMinor: bigint;
  disputed: boolean;
  /** Part of the balance a pending promise to pay covers, minor units (0 when none). */
  promisedMinor: bigint;
};

export type NoticeLine = { invoiceId: string; accountId: string; invoiceNumber: string; dueDate: string; currency: string; amountMinor: bigint; daysPastDue: number };
export type NoticeTotal = { currency: string; amountMinor: bigint };

export type ConsolidatedNotice = {
  lines: NoticeLine[];
  totals: NoticeTotal[];
  /** Accounts the lines come from (the outbox row concerns these). */
  accountIds: string[];
  leftOut: { disputed: number; promisedMinor: NoticeTotal[] };
  earliestDueDate: string | undefined;
};

const dayMs = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

export function buildConsolidatedNotice(
  invoices: readonly NoticeInvoice[],
  asOf: string,
  options: { preDue: boolean; preDueHorizonDays?: number },
): ConsolidatedNotice {
  const horizon = options.preDueHorizonDays ?? 30;
  const lines: NoticeLine[] = [];
  const totals = new Map<string, bigint>();
  const promised = new Map<string, bigint>();
  let disputed = 0;
  for (const invoice of invoices) {
    if (invoice.balanceMinor <= 0n) continue;
    const daysPastDue = daysBetween(invoice.dueDate, asOf);
    const inScope = options.preDue ? daysPastDue >= -horizon : daysPastDue > 0;
    if (!inScope) continue;
    if (invoice.disputed) {
      disputed += 1;
      continue;
    }
    const covered = invoice.promisedMinor > invoice.balanceMinor ? invoice.balanceMinor : invoice.promisedMinor < 0n ? 0n : invoice.promisedMinor;
    if (covered > 0n) promised.set(invoice.currency, (promised.get(invoice.currency) ?? 0n) + covered);
    const amountMinor = invoice.balanceMinor - covered;
    if (amountMinor <= 0n) continue;
    lines.push({ invoiceId: invoice.invoiceId, accountId: invoice.accountId, invoiceNumber: invoice.invoiceNumber, dueDate: invoice.dueDate, currency: invoice.currency, amountMinor, daysPastDue });
    totals.set(invoice.currency, (totals.get(invoice.currency) ?? 0n) + amountMinor);
  }
  lines.sort((left, right) => left.dueDate.localeCompare(right.dueDate) || left.invoiceNumber.localeCompare(right.invoiceNumber));
  const toTotals = (map: Map<string, bigint>) => [...map].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amountMinor]) => ({ currency, amountMinor }));
  return {
    lines,
    totals: toTotals(totals),
    accountIds: [...new Set(lines.map((line) => line.accountId))].sort(),
    leftOut: { disputed, promisedMinor: toTotals(promised) },
    earliestDueDate: lines[0]?.dueDate,
  };
}
