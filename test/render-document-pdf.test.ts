import { describe, expect, it } from 'vitest';
import { renderDocumentPdf } from '../src/adapters/pdf/render-document-pdf.ts';
import { buildDocumentPlainText, formatDocumentMoney, type RecoupDocument } from '../src/domain/documents/document.ts';
import { countPdfPages, extractPdfText, extractPdfTextRuns } from './support/pdf-text.ts';

const letter: RecoupDocument = {
  documentId: 'doc_test_1',
  title: 'Payment plan agreement',
  createdAt: '2026-11-24T15:00:00Z',
  dateLine: 'November 24, 2026',
  reference: 'Reference: acct_123',
  sender: { name: 'Acme Collections', lines: ['1 Main Street', 'Springfield, IL 62701'] },
  recipient: { name: 'José Muñoz Peña', lines: ['Calle Mayor 5', 'Miami, FL 33101'] },
  blocks: [
    { kind: 'heading', text: 'Your schedule' },
    { kind: 'paragraph', text: 'Señor Muñoz, this agreement sets out the payments you chose. ' .repeat(4) },
    { kind: 'key_values', rows: [{ key: 'Amount financed', value: formatDocumentMoney(120000n, 'USD'), emphasis: 'bold' }] },
    {
      kind: 'table',
      columns: [{ header: 'No.', align: 'right', widthShare: 0.5 }, { header: 'Due date' }, { header: 'Payment', align: 'right' }],
      rows: [['1', '2026-12-15', '1.00'], ['2', '2027-01-15', '1,234.50']],
      totalRow: ['', 'Total', '1,235.50'],
    },
    { kind: 'signature', signers: [{ label: 'Debtor', name: 'José Muñoz Peña' }] },
    { kind: 'page_break' },
    { kind: 'paragraph', text: 'This is a communication from a debt collector.', emphasis: 'bold' },
  ],
  footer: ['Acme Collections · NMLS 123'],
};

describe('renderDocumentPdf', () => {
  it('writes every word of the document, accents included, with the footer and page numbers on each page', async () => {
    const pdf = await renderDocumentPdf(letter, { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = extractPdfText(pdf).join('\n');
    for (const expected of ['Acme Collections', 'José Muñoz Peña', 'November 24, 2026', 'Payment plan agreement', 'Your schedule', '1,200.00 USD', '2027-01-15', 'Debtor', 'This is a communication from a debt collector.', 'Page 1 of 2', 'Page 2 of 2', 'Acme Collections · NMLS 123']) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('Señor Muñoz');
    expect(countPdfPages(pdf)).toBe(2);
  });

  it('right-aligns money columns: their right edges line up, so a longer amount starts further left', async () => {
    const runs = extractPdfTextRuns(await renderDocumentPdf(letter, { compress: false }));
    const small = runs.find((run) => run.text === '1.00')!;
    const large = runs.find((run) => run.text === '1,234.50')!;
    const dates = runs.filter((run) => /^20\d\d-\d\d-\d\d$/.test(run.text));
    expect(large.x).toBeLessThan(small.x);
    expect(dates[0]!.x).toBe(dates[1]!.x); // left-aligned column: same start
  });

  it('is deterministic: the same document gives the same bytes, another date other bytes', async () => {
    const first = await renderDocumentPdf(letter);
    const second = await renderDocumentPdf(letter);
    expect(first.equals(second)).toBe(true);
    const later = await renderDocumentPdf({ ...letter, createdAt: '2026-11-25T15:00:00Z' });
    expect(later.equals(first)).toBe(false);
  });

  it('breaks long tables across pages and repeats the header', async () => {
    const rows = Array.from({ length: 120 }, (_, index) => [String(index + 1), '2027-01-15', '10.00']);
    const pdf = await renderDocumentPdf({ ...letter, blocks: [{ kind: 'table', columns: [{ header: 'No.' }, { header: 'Due date' }, { header: 'Payment', align: 'right' }], rows }] }, { compress: false });
    const runs = extractPdfTextRuns(pdf);
    const pages = countPdfPages(pdf);
    expect(pages).toBeGreaterThan(1);
    expect(runs.filter((run) => run.text === 'Due date').length).toBe(pages);
    expect(runs.find((run) => run.text === '120')).toBeDefined();
    // Nothing is drawn into the footer area except the footer itself.
    const footerTop = 56 + 2 * 11 + 8; // margin + footer lines + gap, from the bottom
    const intruders = runs.filter((run) => run.y < footerTop && !run.text.startsWith('Page ') && !run.text.startsWith('Acme Collections ·'));
    expect(intruders).toEqual([]);
  });

  it('refuses a table whose row does not match its columns', async () => {
    await expect(renderDocumentPdf({ ...letter, blocks: [{ kind: 'table', columns: [{ header: 'A' }], rows: [['1', '2']] }] })).rejects.toThrow(/row 1 has 2 cells for 1 columns/);
  });

  it('gives the same words as plain text', () => {
    const text = buildDocumentPlainText(letter);
    expect(text).toContain('No. | Due date | Payment\n1 | 2026-12-15 | 1.00');
    expect(text).toContain('Amount financed: 1,200.00 USD');
  });
});

describe('agreement and settlement letters', () => {
  it('prints the whole plan schedule, its totals and the missed-payment terms in the agreement letter', async () => {
    const { buildPaymentPlanSchedule } = await import('../src/domain/negotiation/build-payment-plan-schedule.ts');
    const { buildPlanAgreementDocument } = await import('../src/domain/negotiation/build-agreement-letters.ts');
    const built = buildPaymentPlanSchedule({ principalMinor: 120000n, currency: 'USD', installments: 12, frequency: 'monthly', startDate: '2026-01-15', interest: { method: 'amortized', aprPercent: '9.5' } });
    if (!built.ok) throw new Error(built.message);
    const document = buildPlanAgreementDocument(
      { creditor: { name: 'Acme Collections', lines: [] }, debtor: { name: 'José Muñoz', lines: ['Calle Mayor 5'] }, accountReference: 'A-1' },
      { planId: 'plan_1', currency: 'USD', principalMinor: 120000n, downPayment: null, frequency: 'monthly', interestMethod: 'amortized', aprPercent: '9.5',
        installments: built.value.installments, graceDays: 5, missedInstallmentsToBreak: 2, paymentMethod: 'by ACH debit from your bank account ending 6789' },
      { date: '2026-01-10', createdAt: '2026-01-10T12:00:00Z' });
    const text = extractPdfText(await renderDocumentPdf(document, { compress: false })).join('\n');
    expect(text).toContain('January 10, 2026');
    expect(text).toContain('Dear José Muñoz,');
    for (const expected of ['2026-02-15', '2027-01-15', '105.22', '105.23', '1,262.65 USD', 'ending 6789', 'within 5 days', 'If 2 installments are missed']) expect(text).toContain(expected);
    // Every installment row is there: 12 due dates.
    expect(text.match(/20\d\d-\d\d-15/g)?.length).toBe(12);
  });

  it('states the amount that settles, what is forgiven and by when in the settlement letter', async () => {
    const { buildSettlementLetterDocument } = await import('../src/domain/negotiation/build-agreement-letters.ts');
    const document = buildSettlementLetterDocument(
      { creditor: { name: 'Acme Collections', lines: [] }, debtor: { name: 'Dana', lines: [] }, accountReference: 'A-1' },
      { settlementId: 'stl_1', currency: 'USD', balanceMinor: 100000n, settlementMinor: 70000n, discountPercent: '30.00', form: 'lump_sum', dueDate: '2026-12-31', installments: [], graceDays: 3 },
      { date: '2026-12-01', createdAt: '2026-12-01T12:00:00Z' });
    const text = extractPdfText(await renderDocumentPdf(document, { compress: false })).join('\n');
    for (const expected of ['Settlement offer', '700.00 USD', '1,000.00 USD', '300.00 USD (30.00 %)', 'December 31, 2026', 'written off']) expect(text).toContain(expected);
  });
});
