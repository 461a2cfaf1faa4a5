// The Reg F itemization of one account from its ledger (12 CFR 1006.34(b)(3), (c)(2)(vii)–(ix)): the amount
// owed on the itemization date, then the interest, fees, payments and credits since, and the amount now. Pure:
// the caller (src/app/outreach/load-validation-notice.ts) reads the entries and invoices.
//
// The itemization date is a policy choice (`ItemizationDatePolicy`), used consistently for every account:
// - `last_statement` (default): the latest issue date among the account's invoices (an invoice is a statement
//   the creditor provided), so every principal charge falls on or before it;
// - `last_payment`: the date of the last payment applied to the account; an account without payments falls
//   back to `last_statement`.
// A principal charge (or an upward principal adjustment) after the itemization date has no line on Model Form
// B-1, so it is reported as a problem rather than hidden in another line.
import type { LedgerEntry } from '../ledger/ledger-entry.ts';
import { effectOn } from '../ledger/ledger-entry.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { ItemizationDateKind, ItemizationMovement } from '../compliance/validation-notice.ts';

export type ItemizationDatePolicy = 'last_statement' | 'last_payment';

export type AccountItemization = {
  itemizationDateKind: ItemizationDateKind;
  itemizationDate: string;
  amountOnItemizationDate: bigint;
  interest: bigint;
  fees: bigint;
  /** Net of returned payments. */
  payments: bigint;
  /** Credit notes, write-offs, downward adjustments and reversed charges. */
  credits: bigint;
  current: bigint;
  /** The same figures as buildValidationNotice movements (one per non-zero line, dated its latest entry). */
  movements: ItemizationMovement[];
};

export type ItemizationErrorCode = 'no_invoices' | 'charge_after_itemization_date' | 'negative_line';

/**
 * Itemizes one account's receivable as of `providedDate` (entries dated later are left out).
 * Every entry after the itemization date falls in exactly one line, so
 * `amountOnItemizationDate + interest + fees − payments − credits = current`, to the minor unit.
 *
 * @example
 * itemizeAccount(entries, ['2026-01-01'], { providedDate: '2026-11-24' })
 * // ok({ itemizationDate: '2026-01-01', amountOnItemizationDate: 48000n, interest: 320n, fees: 4000n, payments: 10000n, … })
 */
export function itemizeAccount(
  entries: readonly LedgerEntry[],
  invoiceIssueDates: readonly string[],
  options: { providedDate: string; policy?: ItemizationDatePolicy },
): Result<AccountItemization, ItemizationErrorCode> {
  const statements = invoiceIssueDates.filter((date) => date <= options.providedDate).sort();
  if (statements.length === 0) return fail('no_invoices', `the account has no invoice issued on or before ${options.providedDate}`);
  const inScope = entries.filter((entry) => entry.effectiveDate <= options.providedDate && effectOn(entry, 'receivable') !== 0n);
  const lastStatement = statements.at(-1)!;
  const paymentDates = inScope.filter((entry) => entry.kind === 'payment').map((entry) => entry.effectiveDate).sort();
  const usePayment = options.policy === 'last_payment' && paymentDates.length > 0;
  const itemizationDate = usePayment ? paymentDates.at(-1)! : lastStatement;
  const itemizationDateKind: ItemizationDateKind = usePayment ? 'last_payment' : 'last_statement';

  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const lines = { interest: 0n, fee: 0n, payment: 0n, credit: 0n };
  const lastDate = { interest: '', fee: '', payment: '', credit: '' };
  let amountOnItemizationDate = 0n;
  let current = 0n;
  for (const entry of inScope) {
    const effect = effectOn(entry, 'receivable');
    current += effect;
    if (entry.effectiveDate <= itemizationDate) {
      amountOnItemizationDate += effect;
      continue;
    }
    const line = lineOf(entry, byId.get(entry.reversesEntryId ?? ''), itemizationDate);
    if (line === undefined) {
      return fail('charge_after_itemization_date',
        `${entry.kind} entry ${entry.id} of ${entry.amountMinor} on ${entry.effectiveDate} adds principal after the itemization date ${itemizationDate}; Model Form B-1 has no line for it`);
    }
    // Interest and fees raise the debt; payments and credits lower it. A reversal moves its line back.
    lines[line] += line === 'interest' || line === 'fee' ? effect : -effect;
    if (entry.effectiveDate > lastDate[line]) lastDate[line] = entry.effectiveDate;
  }
  for (const [line, amount] of Object.entries(lines)) {
    if (amount < 0n) return fail('negative_line', `the ${line} line since ${itemizationDate} nets to ${amount} minor units`);
  }
  const movements: ItemizationMovement[] = (['interest', 'fee', 'payment', 'credit'] as const)
    .filter((line) => lines[line] > 0n)
    .map((line) => ({ kind: line, amountMinor: lines[line], date: lastDate[line] }));
  return ok({
    itemizationDateKind, itemizationDate, amountOnItemizationDate,
    interest: lines.interest, fees: lines.fee, payments: lines.payment, credits: lines.credit, current, movements,
  });
}

type Line = 'interest' | 'fee' | 'payment' | 'credit';

// The B-1 line an entry after the itemization date belongs to; undefined for new principal.
function lineOf(entry: LedgerEntry, original: LedgerEntry | undefined, itemizationDate: string): Line | undefined {
  if (entry.kind === 'reversal') {
    if (original === undefined) return undefined;
    // Undoing something that happened after the itemization date nets in that thing's line; undoing
    // something from before it is a credit (a charge taken back) or new principal (a credit taken back).
    if (original.effectiveDate > itemizationDate) return lineOf(original, undefined, itemizationDate);
    return effectOn(entry, 'receivable') < 0n ? 'credit' : original.kind === 'payment' ? 'payment' : undefined;
  }
  const raises = effectOn(entry, 'receivable') > 0n;
  if (raises) {
    if (entry.component === 'interest') return 'interest';
    if (entry.component === 'fee') return 'fee';
    return undefined;
  }
  if (entry.kind === 'payment') return 'payment';
  return 'credit';
}
