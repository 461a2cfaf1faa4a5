// Cash application: which open invoices does each bank credit pay? Four strategies, strongest evidence
// first, each with a confidence; above `autoApplyConfidence` a credit is 'matched' (post it), above
// `suggestConfidence` 'suggested' (a person confirms), otherwise 'unmatched' (the queue for a person).
//
// Order (documented because it decides who gets an invoice when two credits could pay it): the strategies
// run as passes over all credits — every credit gets its chance at (a) before any credit tries (b), and so
// on — and within a pass credits go in input (statement) order. So a credit that names INV-7 gets INV-7 even
// when an earlier credit of the same amount could have taken it by amount alone. A credit's allocations,
// matched or suggested, lower the invoices' open balances for the rest of the run: an invoice is never
// offered beyond its open balance, and a fully consumed one is not offered again.
//
// Scale: invoices are indexed once (by invoice-number key, by trailing digits, by currency and open
// balance, by debtor, by the words and word prefixes of debtor names); a credit only looks at the few
// invoices those indexes return, never at all invoices. Every search is capped (see the options).
import { formatAmount } from '../../money/money.ts';
import type { BankTransaction } from './bank-transaction.ts';
import { computeNameSimilarity, normalizePartyName } from './compute-name-similarity.ts';
import { listReferenceWindows, normalizeInvoiceKey, trailingDigitsKey } from './find-invoice-references.ts';

export type OpenInvoice = {
  invoiceId: string;
  invoiceNumber: string;
  debtorId: string;
  debtorName: string;
  currency: string;
  /** Positive open balance in minor units. */
  openMinor: bigint;
  /** YYYY-MM-DD; "oldest first" means earliest due date first. */
  dueDate: string;
};

export type MatchBankCreditsOptions = {
  /** At or above: 'matched', apply without a person. Default 0.9. */
  autoApplyConfidence?: number;
  /** At or above (and below auto-apply): 'suggested'. Below: 'unmatched'. Default 0.5. */
  suggestConfidence?: number;
  /** Payer and debtor names at least this similar (0–1, see computeNameSimilarity) are taken as the same party. Default 0.88. */
  nameSimilarityMin?: number;
  /** Debtor names compared per credit at most (found through the word index, rarest words first). Default 200. */
  nameCandidatesMax?: number;
  /** Combination search: at most this many of a debtor's open invoices (the oldest). Default 20. */
  subsetInvoicesMax?: number;
  /** Combination search: at most this many search steps per debtor; then it gives up. Default 20,000. */
  subsetStepsMax?: number;
  /** Combination search: at most this many debtors per credit (the most similar names). Default 3. */
  subsetDebtorsMax?: number;
  /** A number written with only digits must have at least this many (zeros included) to count as an invoice number. Default 5. */
  referenceDigitsMin?: number;
  /** Same-amount candidates looked at one by one at most; beyond, only those of debtors named by the payer. Default 200. */
  amountCandidatesMax?: number;
};

export type CreditStrategy = 'reference' | 'amount' | 'combination' | 'name';

export type CreditAllocation = { invoiceId: string; invoiceNumber: string; amountMinor: bigint };

export type CreditDecision = {
  transactionId: string;
  status: 'matched' | 'suggested' | 'unmatched';
  /** The strategy that produced the allocations (or the best rejected proposal); null when nothing fit. */
  strategy: CreditStrategy | null;
  /** Empty when unmatched. */
  allocations: CreditAllocation[];
  currency: string;
  /** The part of the credit no invoice takes (over-payment, or everything when unmatched). */
  unappliedMinor: bigint;
  /** 0–1. */
  confidence: number;
  /** Why, in words a person reads. */
  reasons: string[];
};

/**
 * Confidences of each strategy and case. Written out so the thresholds in the options can be set knowing
 * what lands where (with the defaults 0.9 / 0.5: ≥ 0.9 matched, ≥ 0.5 suggested).
 */
export const creditConfidences = {
  /** The invoice number as written (prefix included) and the amount equals the open balance(s). */
  referenceExactAmount: 0.99,
  /** The invoice number as written; partial payment or over-payment. */
  referenceOtherAmount: 0.92,
  /** Only the digits of an invoice number ("000123" for INV-000123), amount equal. */
  digitsExactAmount: 0.85,
  /** Only the digits; amount differs. */
  digitsOtherAmount: 0.7,
  /** The only open invoice of that amount, and the payer's name fits its debtor. */
  amountUniqueNamed: 0.95,
  /** Several invoices of that amount; the payer's name picks out one. */
  amountPickedByName: 0.9,
  /** Several of that amount from debtors whose names fit the payer; the oldest taken. */
  amountSeveralNamed: 0.7,
  /** The only open invoice of that amount; no payer name on the credit. */
  amountUniqueUnnamed: 0.75,
  /** The only open invoice of that amount, but the payer's name does not fit its debtor. */
  amountUniqueOtherName: 0.55,
  /** Several of that amount, all of one debtor, whose name the payer did not give: the oldest. */
  amountOneDebtorUnnamed: 0.6,
  /** Combination of one debtor's invoices: this plus `combinationPerSimilarity` × name similarity. */
  combinationBase: 0.6,
  combinationPerSimilarity: 0.25,
  /** Fuzzy name alone: this plus `namePerSimilarity` × similarity (0.56–0.6 with the defaults). */
  nameBase: 0.3,
  namePerSimilarity: 0.3,
} as const;

type Indexed = OpenInvoice & { nameWords: string[] };
type DebtorEntry = { debtorId: string; debtorName: string; nameWords: string[]; invoices: Indexed[] };
type NameMatch = { debtor: DebtorEntry; similarity: number };
type Proposal = { strategy: CreditStrategy; allocations: CreditAllocation[]; confidence: number; reasons: string[] };
/** A final outcome that no later strategy may change (e.g. the invoice it names is already paid). */
type Settled = { final: true; decision: Omit<CreditDecision, 'transactionId' | 'currency'> };

const byCanonicalOrder = (left: OpenInvoice, right: OpenInvoice): number =>
  left.dueDate < right.dueDate ? -1 : left.dueDate > right.dueDate ? 1
    : left.invoiceNumber < right.invoiceNumber ? -1 : left.invoiceNumber > right.invoiceNumber ? 1
      : left.invoiceId < right.invoiceId ? -1 : left.invoiceId > right.invoiceId ? 1 : 0;

const pushTo = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
};

const roundConfidence = (value: number) => Math.round(value * 1000) / 1000;

/**
 * Decides, for each bank credit, which open invoices it pays (see the module comment for the order and
 * `creditConfidences` for the confidences). Pure and deterministic: the same credits and invoices (in any
 * invoice order) and options give the same decisions. Debits, reversals and pending credits come back
 * 'unmatched' with the reason, and are not applied.
 *
 * @example
 * const decisions = matchBankCredits(listBankTransactions(statements), openInvoices, { autoApplyConfidence: 0.95 });
 * for (const decision of decisions) if (decision.status === 'unmatched') queueForAPerson(decision);
 */
export function matchBankCredits(credits: BankTransaction[], openInvoices: OpenInvoice[], options: MatchBankCreditsOptions = {}): CreditDecision[] {
  const autoApplyConfidence = options.autoApplyConfidence ?? 0.9;
  const suggestConfidence = options.suggestConfidence ?? 0.5;
  const nameSimilarityMin = options.nameSimilarityMin ?? 0.88;
  const nameCandidatesMax = options.nameCandidatesMax ?? 200;
  const subsetInvoicesMax = options.subsetInvoicesMax ?? 20;
  const subsetStepsMax = options.subsetStepsMax ?? 20_000;
  const subsetDebtorsMax = options.subsetDebtorsMax ?? 3;
  const referenceDigitsMin = options.referenceDigitsMin ?? 5;
  const amountCandidatesMax = options.amountCandidatesMax ?? 200;

  // Indexes, built once, in a canonical order so that the input order of invoices does not matter.
  const invoices: Indexed[] = openInvoices
    .filter((invoice) => invoice.openMinor > 0n)
    .map((invoice) => ({ ...invoice, nameWords: [] as string[] }))
    .sort(byCanonicalOrder);
  const remaining = new Map<string, bigint>();
  const invoiceById = new Map<string, Indexed>();
  const byKey = new Map<string, Indexed[]>();
  const byTrailingDigits = new Map<string, Indexed[]>();
  const byAmount = new Map<string, Set<Indexed>>();
  const debtors = new Map<string, DebtorEntry>();
  const amountKey = (currency: string, amountMinor: bigint) => `${currency}|${amountMinor}`;
  for (const invoice of invoices) {
    if (remaining.has(invoice.invoiceId)) continue; // a duplicated invoice id counts once
    remaining.set(invoice.invoiceId, invoice.openMinor);
    invoiceById.set(invoice.invoiceId, invoice);
    pushTo(byKey, normalizeInvoiceKey(invoice.invoiceNumber), invoice);
    const digits = trailingDigitsKey(invoice.invoiceNumber);
    if (digits !== null) pushTo(byTrailingDigits, digits, invoice);
    const key = amountKey(invoice.currency, invoice.openMinor);
    const sameAmount = byAmount.get(key);
    if (sameAmount === undefined) byAmount.set(key, new Set([invoice]));
    else sameAmount.add(invoice);
    let debtor = debtors.get(invoice.debtorId);
    if (debtor === undefined) {
      debtor = { debtorId: invoice.debtorId, debtorName: invoice.debtorName, nameWords: normalizePartyName(invoice.debtorName), invoices: [] };
      debtors.set(invoice.debtorId, debtor);
    }
    invoice.nameWords = debtor.nameWords;
    debtor.invoices.push(invoice);
  }
  const byNameWord = new Map<string, DebtorEntry[]>();
  const byExactName = new Map<string, DebtorEntry[]>();
  for (const debtor of debtors.values()) {
    pushTo(byExactName, debtor.nameWords.join(' '), debtor);
    for (const word of new Set(debtor.nameWords.flatMap((word) => (word.length >= 3 ? [word, `${word.slice(0, 3)}…`] : [word])))) {
      pushTo(byNameWord, word, debtor);
    }
  }

  const consume = (invoice: Indexed, amountMinor: bigint) => {
    const before = remaining.get(invoice.invoiceId) ?? 0n;
    const after = before - amountMinor;
    remaining.set(invoice.invoiceId, after);
    byAmount.get(amountKey(invoice.currency, before))?.delete(invoice);
    if (after > 0n) {
      const key = amountKey(invoice.currency, after);
      const sameAmount = byAmount.get(key);
      if (sameAmount === undefined) byAmount.set(key, new Set([invoice]));
      else sameAmount.add(invoice);
    }
  };

  const nameMatchCache = new Map<string, NameMatch[]>();
  /** Debtors whose names fit the payer's, most similar first (ties by debtor id). */
  const findDebtorsByName = (payerName: string | null): NameMatch[] => {
    if (payerName === null) return [];
    const cached = nameMatchCache.get(payerName);
    if (cached !== undefined) return cached;
    const payerWords = normalizePartyName(payerName);
    // The common case, a name equal once normalised, needs no fuzzy search; other names are fuzzy-compared
    // only with debtors that share a word or a word's first three letters, rarest first, and at most
    // nameCandidatesMax of them.
    const exact = byExactName.get(payerWords.join(' '));
    if (exact !== undefined) {
      const matches = exact.map((debtor) => ({ debtor, similarity: 1 }));
      nameMatchCache.set(payerName, matches);
      return matches;
    }
    const lookups = [...new Set(payerWords.flatMap((word) => (word.length >= 3 ? [word, `${word.slice(0, 3)}…`] : [word])))]
      .map((word) => byNameWord.get(word) ?? [])
      .sort((left, right) => left.length - right.length);
    const seen = new Set<DebtorEntry>();
    const matches: NameMatch[] = [];
    for (const bucket of lookups) {
      for (const debtor of bucket) {
        if (seen.size >= nameCandidatesMax) break;
        if (seen.has(debtor)) continue;
        seen.add(debtor);
        const similarity = computeNameSimilarity(payerWords, debtor.nameWords);
        if (similarity >= nameSimilarityMin) matches.push({ debtor, similarity });
      }
    }
    matches.sort((left, right) => right.similarity - left.similarity || (left.debtor.debtorId < right.debtor.debtorId ? -1 : 1));
    nameMatchCache.set(payerName, matches);
    return matches;
  };

  const show = (amountMinor: bigint, currency: string) => `${formatAmount(amountMinor, currency)} ${currency}`;

  /** Allocates `amountMinor` over `targets` in order, each up to its open balance; states partial/over. */
  const planAllocations = (credit: BankTransaction, targets: Indexed[]): { allocations: CreditAllocation[]; reasons: string[] } => {
    let left = credit.amountMinor;
    const allocations: CreditAllocation[] = [];
    const reasons: string[] = [];
    for (const invoice of targets) {
      if (left === 0n) break;
      const open = remaining.get(invoice.invoiceId) ?? 0n;
      const amountMinor = open < left ? open : left;
      if (amountMinor <= 0n) continue;
      allocations.push({ invoiceId: invoice.invoiceId, invoiceNumber: invoice.invoiceNumber, amountMinor });
      if (amountMinor < open) reasons.push(`partial payment: ${show(amountMinor, invoice.currency)} of the open ${show(open, invoice.currency)} on ${invoice.invoiceNumber}`);
      left -= amountMinor;
    }
    if (left > 0n && allocations.length > 0) reasons.push(`over-payment: ${show(left, credit.currency)} left unapplied`);
    return { allocations, reasons };
  };

  const openOf = (invoice: Indexed) => remaining.get(invoice.invoiceId) ?? 0n;

  // (a) Invoice numbers in what the payer wrote.
  const byReference = (credit: BankTransaction, payerMatches: () => NameMatch[]): Proposal | Settled | null => {
    const sources: Array<{ text: string; where: string }> = [
      ...credit.creditorReferences.map((text) => ({ text: text.replace(/^RF\d\d/i, ''), where: 'the structured creditor reference' })),
      ...credit.remittanceText.map((text) => ({ text, where: 'the remittance text' })),
      ...(credit.endToEndId === null ? [] : [{ text: credit.endToEndId, where: 'the end-to-end id' }]),
    ];
    const found: Array<{ invoice: Indexed; exact: boolean; reason: string }> = [];
    const notes: string[] = [];
    const pick = (candidates: Indexed[], written: string): Indexed | null => {
      const sameCurrency = candidates.filter((invoice) => invoice.currency === credit.currency);
      if (sameCurrency.length === 0) {
        const other = candidates[0];
        if (other !== undefined) notes.push(`"${written}" names invoice ${other.invoiceNumber}, which is in ${other.currency}, not ${credit.currency}`);
        return null;
      }
      if (sameCurrency.length === 1) return sameCurrency[0] ?? null;
      const named = new Set(payerMatches().map((match) => match.debtor.debtorId));
      const ofPayer = sameCurrency.filter((invoice) => named.has(invoice.debtorId));
      if (ofPayer.length === 1) return ofPayer[0] ?? null;
      notes.push(`"${written}" fits ${sameCurrency.length} invoices (${sameCurrency.slice(0, 3).map((invoice) => `${invoice.invoiceNumber} of ${invoice.debtorName}`).join(', ')}) and the payer's name does not tell them apart`);
      return null;
    };
    for (const source of sources) {
      const starts = listReferenceWindows(source.text);
      for (let index = 0; index < starts.length; index++) {
        const start = starts[index];
        if (start === undefined) continue;
        let covered = 0;
        for (const window of start.windows) {
          if (window.digitsOnly && window.digitCount < referenceDigitsMin) continue;
          const exact = byKey.get(window.key);
          if (exact !== undefined) {
            const invoice = pick(exact, window.written);
            if (invoice !== null) found.push({ invoice, exact: true, reason: `invoice number ${invoice.invoiceNumber} in ${source.where}` });
            covered = window.wordCount;
            break;
          }
          const digitsOnly = window.digitsOnly ? byTrailingDigits.get(window.key) : undefined;
          if (digitsOnly !== undefined) {
            const invoice = pick(digitsOnly, window.written);
            if (invoice !== null) found.push({ invoice, exact: false, reason: `"${window.written}" in ${source.where} is the number of invoice ${invoice.invoiceNumber} without its prefix` });
            covered = window.wordCount;
            break;
          }
        }
        if (covered > 1) index += covered - 1;
      }
    }
    const unique = found.filter((item, index) => found.findIndex((other) => other.invoice === item.invoice) === index);
    // Nothing usable, but what was seen goes with the credit to a person if no other strategy fits.
    if (unique.length === 0) return notes.length === 0 ? null : { strategy: 'reference', allocations: [], confidence: 0, reasons: notes };
    const open = unique.filter((item) => openOf(item.invoice) > 0n);
    if (open.length === 0) {
      return {
        final: true,
        decision: {
          status: 'unmatched', strategy: 'reference', allocations: [], unappliedMinor: credit.amountMinor, confidence: 0,
          reasons: [...unique.map((item) => item.reason), `${unique.map((item) => item.invoice.invoiceNumber).join(', ')} has no open balance left in this run: a duplicate payment?`, ...notes],
        },
      };
    }
    const openTotal = open.reduce((sum, item) => sum + openOf(item.invoice), 0n);
    const allExact = open.every((item) => item.exact);
    const amountEqual = openTotal === credit.amountMinor;
    const confidence = allExact
      ? amountEqual ? creditConfidences.referenceExactAmount : creditConfidences.referenceOtherAmount
      : amountEqual ? creditConfidences.digitsExactAmount : creditConfidences.digitsOtherAmount;
    const plan = planAllocations(credit, open.map((item) => item.invoice));
    const closed = unique.filter((item) => openOf(item.invoice) === 0n).map((item) => `${item.invoice.invoiceNumber} has no open balance left`);
    return {
      strategy: 'reference',
      allocations: plan.allocations,
      confidence,
      reasons: [
        ...open.map((item) => item.reason),
        ...(amountEqual ? [`amount equals the open balance of ${open.length === 1 ? open[0]?.invoice.invoiceNumber : `these ${open.length} invoices`}`] : []),
        ...plan.reasons, ...closed, ...notes,
      ],
    };
  };

  // (b) The amount equals one open invoice's balance.
  const byAmountEqual = (credit: BankTransaction, payerMatches: () => NameMatch[]): Proposal | null => {
    const candidates = byAmount.get(amountKey(credit.currency, credit.amountMinor));
    if (candidates === undefined || candidates.size === 0) return null;
    const matches = payerMatches();
    const similarityOf = new Map(matches.map((match) => [match.debtor.debtorId, match.similarity]));
    let named: Indexed[];
    if (candidates.size <= amountCandidatesMax) named = [...candidates].filter((invoice) => similarityOf.has(invoice.debtorId));
    else named = matches.flatMap((match) => match.debtor.invoices.filter((invoice) => invoice.currency === credit.currency && openOf(invoice) === credit.amountMinor));
    const amountText = show(credit.amountMinor, credit.currency);
    const propose = (invoice: Indexed, confidence: number, why: string[]): Proposal => ({
      strategy: 'amount', confidence, reasons: why,
      allocations: [{ invoiceId: invoice.invoiceId, invoiceNumber: invoice.invoiceNumber, amountMinor: credit.amountMinor }],
    });
    if (candidates.size === 1) {
      const [invoice] = [...candidates];
      if (invoice === undefined) return null;
      const base = `amount ${amountText} equals the open balance of ${invoice.invoiceNumber}, the only open invoice of that amount`;
      if (similarityOf.has(invoice.debtorId)) return propose(invoice, creditConfidences.amountUniqueNamed, [base, `payer "${credit.counterpartyName}" fits debtor ${invoice.debtorName}`]);
      if (credit.counterpartyName === null) return propose(invoice, creditConfidences.amountUniqueUnnamed, [base, 'the credit does not name the payer']);
      // The payer names another debtor of ours: a coincidence of amounts; let (c) and (d) look at that debtor.
      if (matches.length > 0) return null;
      return propose(invoice, creditConfidences.amountUniqueOtherName, [base, `but payer "${credit.counterpartyName}" does not fit debtor ${invoice.debtorName}`]);
    }
    const count = candidates.size;
    if (named.length > 0) {
      const namedDebtors = new Set(named.map((invoice) => invoice.debtorId));
      const [oldest] = named; // canonical order: oldest due date first
      if (oldest === undefined) return null;
      if (named.length === 1) {
        return propose(oldest, creditConfidences.amountPickedByName, [
          `amount ${amountText} equals the open balance of ${count} invoices; payer "${credit.counterpartyName}" fits debtor ${oldest.debtorName} of ${oldest.invoiceNumber}`,
        ]);
      }
      return propose(oldest, creditConfidences.amountSeveralNamed, [
        `amount ${amountText} equals the open balance of ${named.length} invoices of ${namedDebtors.size === 1 ? oldest.debtorName : `${namedDebtors.size} debtors whose names fit the payer`}; the oldest, ${oldest.invoiceNumber}, is taken`,
      ]);
    }
    const all = [...candidates];
    const [oldest] = all;
    if (oldest !== undefined && all.every((invoice) => invoice.debtorId === oldest.debtorId)) {
      return propose(oldest, creditConfidences.amountOneDebtorUnnamed, [
        `amount ${amountText} equals the open balance of ${count} invoices of ${oldest.debtorName}; the oldest, ${oldest.invoiceNumber}, is taken`,
        credit.counterpartyName === null ? 'the credit does not name the payer' : `payer "${credit.counterpartyName}" does not fit ${oldest.debtorName}`,
      ]);
    }
    return null;
  };

  // (c) Several invoices of one debtor (named by the payer) add up to the amount exactly.
  const byCombination = (credit: BankTransaction, payerMatches: () => NameMatch[]): Proposal | null => {
    for (const match of payerMatches().slice(0, subsetDebtorsMax)) {
      const pool: Indexed[] = [];
      for (const invoice of match.debtor.invoices) {
        if (pool.length >= subsetInvoicesMax) break;
        if (invoice.currency === credit.currency && openOf(invoice) > 0n) pool.push(invoice);
      }
      if (pool.length < 2) continue;
      // Larger balances first: an exact subset turns up in far fewer steps; ties keep the oldest first.
      const order = pool.map((invoice, index) => ({ index, amount: openOf(invoice) })).sort((left, right) => (left.amount > right.amount ? -1 : left.amount < right.amount ? 1 : left.index - right.index));
      const amounts = order.map((item) => item.amount);
      const suffix: bigint[] = new Array<bigint>(amounts.length + 1).fill(0n);
      for (let index = amounts.length - 1; index >= 0; index--) suffix[index] = (suffix[index + 1] ?? 0n) + (amounts[index] ?? 0n);
      let steps = 0;
      const chosen: number[] = [];
      const search = (index: number, sum: bigint): boolean => {
        if (sum === credit.amountMinor) return chosen.length >= 2;
        if (index >= amounts.length || ++steps > subsetStepsMax) return false;
        if (sum + (suffix[index] ?? 0n) < credit.amountMinor) return false;
        const amount = amounts[index] ?? 0n;
        if (sum + amount <= credit.amountMinor) {
          chosen.push(order[index]?.index ?? 0);
          if (search(index + 1, sum + amount)) return true;
          chosen.pop();
        }
        return search(index + 1, sum);
      };
      if (!search(0, 0n)) continue;
      chosen.sort((left, right) => left - right);
      const subset = chosen.map((index) => pool[index]).filter((invoice): invoice is Indexed => invoice !== undefined);
      return {
        strategy: 'combination',
        allocations: subset.map((invoice) => ({ invoiceId: invoice.invoiceId, invoiceNumber: invoice.invoiceNumber, amountMinor: openOf(invoice) })),
        confidence: creditConfidences.combinationBase + creditConfidences.combinationPerSimilarity * match.similarity,
        reasons: [
          `amount equals the open balance of ${subset.length} invoices of ${match.debtor.debtorName} (${subset.map((invoice) => invoice.invoiceNumber).join(', ')})`,
          `payer "${credit.counterpartyName}" fits debtor ${match.debtor.debtorName} (name similarity ${match.similarity.toFixed(2)})`,
        ],
      };
    }
    return null;
  };

  // (d) The payer's name alone: the debtor's open invoices, oldest first.
  const byName = (credit: BankTransaction, payerMatches: () => NameMatch[]): Proposal | Settled | null => {
    const matches = payerMatches().filter((match) => match.debtor.invoices.some((invoice) => invoice.currency === credit.currency && openOf(invoice) > 0n));
    const [best, second] = matches;
    if (best === undefined) return null;
    if (second !== undefined && best.similarity - second.similarity < 0.02) {
      return {
        final: true,
        decision: {
          status: 'unmatched', strategy: 'name', allocations: [], unappliedMinor: credit.amountMinor, confidence: 0,
          reasons: [`payer "${credit.counterpartyName}" fits ${best.debtor.debtorName} and ${second.debtor.debtorName} about equally`],
        },
      };
    }
    const targets = best.debtor.invoices.filter((invoice) => invoice.currency === credit.currency && openOf(invoice) > 0n);
    const plan = planAllocations(credit, targets);
    return {
      strategy: 'name',
      allocations: plan.allocations,
      confidence: creditConfidences.nameBase + creditConfidences.namePerSimilarity * best.similarity,
      reasons: [
        `payer "${credit.counterpartyName}" fits debtor ${best.debtor.debtorName} (name similarity ${best.similarity.toFixed(2)}); no invoice number or amount fits, so the oldest invoices are paid first`,
        ...plan.reasons,
      ],
    };
  };

  const decisions: Array<CreditDecision | null> = credits.map((credit) => {
    const skip = (reason: string): CreditDecision => ({
      transactionId: credit.transactionId, status: 'unmatched', strategy: null, allocations: [], currency: credit.currency,
      unappliedMinor: credit.amountMinor, confidence: 0, reasons: [reason],
    });
    if (credit.direction !== 'credit') return skip(credit.reversal ? 'the reversal of an earlier credit: not applied to invoices' : 'a debit: not applied to invoices');
    if (credit.reversal) return skip('a reversal: not applied to invoices');
    if (credit.status !== 'booked') return skip(`${credit.status}: not on the account yet`);
    if (credit.amountMinor <= 0n) return skip('no amount to apply');
    return null;
  });
  const weakest = new Map<number, Proposal>();
  const strategies = [byReference, byAmountEqual, byCombination, byName];
  for (const strategy of strategies) {
    credits.forEach((credit, index) => {
      if (decisions[index] !== null) return;
      const payerMatches = () => findDebtorsByName(credit.counterpartyName);
      const outcome = strategy(credit, payerMatches);
      if (outcome === null) return;
      if ('final' in outcome) {
        decisions[index] = { transactionId: credit.transactionId, currency: credit.currency, ...outcome.decision };
        return;
      }
      const confidence = roundConfidence(outcome.confidence);
      if (confidence < suggestConfidence || outcome.allocations.length === 0) {
        // Too weak to offer: remember it for the person, let the next strategies try.
        if (!weakest.has(index)) weakest.set(index, { ...outcome, confidence });
        return;
      }
      const appliedMinor = outcome.allocations.reduce((sum, allocation) => sum + allocation.amountMinor, 0n);
      decisions[index] = {
        transactionId: credit.transactionId,
        status: confidence >= autoApplyConfidence ? 'matched' : 'suggested',
        strategy: outcome.strategy,
        allocations: outcome.allocations,
        currency: credit.currency,
        unappliedMinor: credit.amountMinor - appliedMinor,
        confidence,
        reasons: outcome.reasons,
      };
      for (const allocation of outcome.allocations) {
        const invoice = invoiceById.get(allocation.invoiceId);
        if (invoice !== undefined) consume(invoice, allocation.amountMinor);
      }
    });
  }
  return credits.map((credit, index) => {
    const decided = decisions[index];
    if (decided !== null && decided !== undefined) return decided;
    const weak = weakest.get(index);
    return {
      transactionId: credit.transactionId, status: 'unmatched', strategy: weak?.strategy ?? null, allocations: [], currency: credit.currency,
      unappliedMinor: credit.amountMinor, confidence: weak?.confidence ?? 0,
      reasons: weak === undefined
        ? ['no invoice number, amount or payer name fits an open invoice in this currency']
        : weak.allocations.length === 0
          ? [...weak.reasons, 'no invoice number, amount or payer name fits an open invoice in this currency']
          : [...weak.reasons, `confidence ${weak.confidence} is below the suggestion threshold ${suggestConfidence}`],
    };
  });
}
