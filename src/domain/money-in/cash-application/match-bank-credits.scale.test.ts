import { describe, expect, it } from 'vitest';
import type { BankTransaction } from './bank-transaction.ts';
import { matchBankCredits, type OpenInvoice } from './match-bank-credits.ts';

// A seeded generator (no Math.random: the same book every run).
function seeded(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % below;
  };
}

const words = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Soylent', 'Tyrell', 'Cyberdyne', 'Wonka', 'Vandelay',
  'Nakatomi', 'Oceanic', 'Gringotts', 'Monarch', 'Aperture', 'Massive', 'Dynamic', 'Nordic', 'Alpine', 'Coastal', 'Prairie', 'Summit'];
const kinds = ['Trading', 'Logistics', 'Foods', 'Systems', 'Holdings', 'Partners', 'Labs', 'Motors', 'Textiles', 'Media'];
const forms = ['LLC', 'Inc', 'Ltd', 'GmbH', 'AG', ''];

describe('matchBankCredits at scale', () => {
  it('matches 10k credits against 100k open invoices through its indexes (prints the time)', () => {
    const random = seeded(20261124);
    const debtorCount = 10_000;
    const debtorNames = Array.from({ length: debtorCount }, (_, index) =>
      `${words[random(words.length)]} ${kinds[random(kinds.length)]} ${index} ${forms[random(forms.length)]}`.trim());
    const invoices: OpenInvoice[] = Array.from({ length: 100_000 }, (_, index) => {
      const debtor = random(debtorCount);
      return {
        invoiceId: `inv_${index}`, invoiceNumber: `INV-${String(index + 1).padStart(7, '0')}`, debtorId: `dbt_${debtor}`,
        debtorName: debtorNames[debtor] ?? '', currency: 'EUR', openMinor: BigInt(1_000 + random(500_000)),
        dueDate: `2026-${String(1 + random(10)).padStart(2, '0')}-${String(1 + random(28)).padStart(2, '0')}`,
      };
    });
    const credits: BankTransaction[] = Array.from({ length: 10_000 }, (_, index) => {
      const target = invoices[random(invoices.length)] as OpenInvoice;
      const kind = index % 4;
      return {
        transactionId: `tx_${index}`, direction: 'credit', currency: 'EUR', status: 'booked', reversal: false,
        bookingDate: '2026-11-20', valueDate: null, bankReference: null, endToEndId: null, creditorReferences: [], counterpartyAccount: null,
        // 0: names the invoice; 1: its amount and the payer; 2: the payer and another amount; 3: nothing useful.
        amountMinor: kind === 0 || kind === 1 ? target.openMinor : BigInt(500 + random(100_000)),
        remittanceText: kind === 0 ? [`Invoice ${target.invoiceNumber.replace('-', ' ')}`] : kind === 3 ? ['Thank you'] : [],
        counterpartyName: kind === 3 ? null : target.debtorName.toUpperCase(),
      };
    });

    const started = performance.now();
    const decisions = matchBankCredits(credits, invoices);
    const elapsed = performance.now() - started;
    const count = (status: string) => decisions.filter((decision) => decision.status === status).length;
    console.log(`matchBankCredits: 10,000 credits × 100,000 open invoices in ${elapsed.toFixed(0)} ms ` +
      `(matched ${count('matched')}, suggested ${count('suggested')}, unmatched ${count('unmatched')})`);

    expect(decisions).toHaveLength(10_000);
    // Every credit that names its invoice finds it (an earlier credit may have paid it in part).
    const byReference = decisions.filter((decision, index) => index % 4 === 0 && decision.strategy === 'reference').length;
    expect(byReference).toBe(2_500);
    expect(count('matched')).toBeGreaterThan(4_000);
  });
});
