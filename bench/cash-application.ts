// `npm run bench cash-application`: issue #5 §7. Cash application of 100,000 bank statement lines against
// 1,000,000 open invoices (100,000 debtors), synthetic and seeded: the time matchBankCredits takes and the
// match rates, beside a baseline measured in the same run — a plain Map from invoice number to invoice
// looked up for every line, the least any matcher must do. The matcher indexes the invoices once (number
// key, trailing digits, currency and open balance, debtor, name words) and each line looks only at what
// those indexes return, so the time grows with lines + invoices, not lines × invoices.
//
// Lines: a quarter name their invoice in the remittance text ("Invoice INV 0001234"), a quarter pay an
// invoice's exact open balance with the payer's name, a quarter give the payer's name and another amount,
// a quarter nothing useful ("Thank you", no name). Environment: BENCH_CASH_LINES (default 100000),
// BENCH_CASH_INVOICES (default 1000000), BENCH_CASH_DEBTORS (default invoices / 10).
import { cpus, loadavg } from 'node:os';
import type { BankTransaction } from '../src/domain/money-in/cash-application/bank-transaction.ts';
import { normalizeInvoiceKey } from '../src/domain/money-in/cash-application/find-invoice-references.ts';
import { matchBankCredits, type OpenInvoice } from '../src/domain/money-in/cash-application/match-bank-credits.ts';
import { formatDuration, formatMegabytes } from './support/bench-measure.ts';

const seed = 20261124;
const lineCount = Number(process.env.BENCH_CASH_LINES ?? 100_000);
const invoiceCount = Number(process.env.BENCH_CASH_INVOICES ?? 1_000_000);
const debtorCount = Number(process.env.BENCH_CASH_DEBTORS ?? Math.max(1, Math.floor(invoiceCount / 10)));

const words = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Soylent', 'Tyrell', 'Cyberdyne', 'Wonka', 'Vandelay',
  'Nakatomi', 'Oceanic', 'Gringotts', 'Monarch', 'Aperture', 'Massive', 'Dynamic', 'Nordic', 'Alpine', 'Coastal', 'Prairie', 'Summit'];
const kinds = ['Trading', 'Logistics', 'Foods', 'Systems', 'Holdings', 'Partners', 'Labs', 'Motors', 'Textiles', 'Media'];
const forms = ['LLC', 'Inc', 'Ltd', 'GmbH', 'AG', ''];

/** A linear congruential generator: the same book every run, no Math.random. */
function seeded(start: number) {
  let state = start >>> 0;
  return (below: number) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % below;
  };
}

function buildBook() {
  const random = seeded(seed);
  const debtorNames = Array.from({ length: debtorCount }, (_, index) =>
    `${words[random(words.length)]} ${kinds[random(kinds.length)]} ${index} ${forms[random(forms.length)]}`.trim());
  const invoices: OpenInvoice[] = new Array(invoiceCount);
  for (let index = 0; index < invoiceCount; index += 1) {
    const debtor = random(debtorCount);
    invoices[index] = {
      invoiceId: `inv_${index}`, invoiceNumber: `INV-${String(index + 1).padStart(7, '0')}`, debtorId: `dbt_${debtor}`,
      debtorName: debtorNames[debtor]!, currency: 'USD', openMinor: BigInt(1_000 + random(500_000)),
      dueDate: `2026-${String(1 + random(10)).padStart(2, '0')}-${String(1 + random(28)).padStart(2, '0')}`,
    };
  }
  const credits: BankTransaction[] = new Array(lineCount);
  for (let index = 0; index < lineCount; index += 1) {
    const target = invoices[random(invoiceCount)]!;
    const kind = index % 4;
    credits[index] = {
      transactionId: `tx_${index}`, direction: 'credit', currency: 'USD', status: 'booked', reversal: false,
      bookingDate: '2026-11-20', valueDate: null, bankReference: null, endToEndId: null, creditorReferences: [], counterpartyAccount: null,
      amountMinor: kind === 0 || kind === 1 ? target.openMinor : BigInt(500 + random(100_000)),
      remittanceText: kind === 0 ? [`Invoice ${target.invoiceNumber.replace('-', ' ')}`] : kind === 3 ? ['Thank you'] : [],
      counterpartyName: kind === 3 ? null : target.debtorName.toUpperCase(),
    };
  }
  return { invoices, credits };
}

/** The floor: one Map of invoice-number keys, one lookup per word window of each line's text. */
function baseline(credits: readonly BankTransaction[], invoices: readonly OpenInvoice[]): number {
  const byKey = new Map<string, OpenInvoice>();
  for (const invoice of invoices) byKey.set(normalizeInvoiceKey(invoice.invoiceNumber), invoice);
  let found = 0;
  for (const credit of credits) {
    const text = credit.remittanceText.join(' ');
    const parts = text.split(/\s+/);
    for (let index = 0; index < parts.length; index += 1) {
      if (byKey.has(normalizeInvoiceKey(parts.slice(index, index + 2).join(' ')))) {
        found += 1;
        break;
      }
    }
  }
  return found;
}

export async function run(): Promise<void> {
  console.log(`${lineCount.toLocaleString('en-US')} statement lines against ${invoiceCount.toLocaleString('en-US')} open invoices of ${debtorCount.toLocaleString('en-US')} debtors (seed ${seed})`);
  console.log(`  machine: ${cpus().length} cores, load average ${loadavg().map((load) => load.toFixed(1)).join(' ')} (other work on the machine slows every figure)`);
  let started = performance.now();
  const { invoices, credits } = buildBook();
  console.log(`  synthetic book built in ${formatDuration(performance.now() - started)}, heap ${formatMegabytes(process.memoryUsage().heapUsed)}`);

  started = performance.now();
  const baselineFound = baseline(credits, invoices);
  const baselineMs = performance.now() - started;

  // The matcher's fixed cost: indexing the invoices, measured with four lines.
  started = performance.now();
  matchBankCredits(credits.slice(0, 4), invoices);
  const indexMs = performance.now() - started;

  started = performance.now();
  const decisions = matchBankCredits(credits, invoices);
  const matchMs = performance.now() - started;
  const heap = process.memoryUsage().heapUsed;

  const count = (status: string, kind?: number) => decisions.filter((decision, index) => decision.status === status && (kind === undefined || index % 4 === kind)).length;
  const rate = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;
  const perKind = Math.ceil(lineCount / 4);
  console.log(`  matchBankCredits: ${formatDuration(matchMs)} (${Math.round(lineCount / (matchMs / 1000)).toLocaleString('en-US')} lines/s), heap ${formatMegabytes(heap)}`);
  console.log(`  of which indexing the invoices (a run with 4 lines): ${formatDuration(indexMs)}; matching the lines: about ${formatDuration(Math.max(0, matchMs - indexMs))}`);
  console.log(`  baseline (a Map lookup of invoice numbers, no amounts, names or confidences): ${formatDuration(baselineMs)}; the matcher takes ${(matchMs / baselineMs).toFixed(1)}× as long`);
  console.log(`  overall: matched ${rate(count('matched'), lineCount)}, suggested ${rate(count('suggested'), lineCount)}, unmatched ${rate(count('unmatched'), lineCount)}`);
  const labels = ['names its invoice', 'exact amount + payer name', 'payer name, other amount', 'nothing useful'];
  for (const [kind, label] of labels.entries()) {
    console.log(`  ${label.padEnd(26)} matched ${rate(count('matched', kind), perKind).padStart(7)}, suggested ${rate(count('suggested', kind), perKind).padStart(7)}, unmatched ${rate(count('unmatched', kind), perKind).padStart(7)}`);
  }
  console.log(`  baseline found an invoice number for ${rate(baselineFound, lineCount)} of the lines (the quarter that name one: 25 %)`);
}
