// The Reg F validation notice as Model Form B-1: the itemization computed from ledger entries (reconciling to
// the cent), and the document's fields, figures, end date and fixed B-1 sentences.
import { describe, expect, it } from 'vitest';
import { buildCharge, buildCreditNote, buildFee, buildInterest, buildPaymentApplication, buildReversal, type LedgerEntry, type LedgerEntryDraft } from '../ledger/ledger-entry.ts';
import { buildDocumentPlainText, findDocumentProblem } from '../documents/document.ts';
import { itemizeAccount } from './itemize-account.ts';
import { buildValidationNoticeLetter, parseUsPostalLines, type ValidationNoticeDebtFacts } from './build-validation-notice-document.ts';

const target = { accountId: 'acct1', debtorId: 'c1', invoiceId: 'inv1', currency: 'USD' };
let counter = 0;
const entry = (draft: LedgerEntryDraft): LedgerEntry => ({ ...draft, id: `le_${++counter}` });

// A charge of 480.00 on the invoice's issue date, then interest, a fee, a partial payment, a credit note.
function ledger(): LedgerEntry[] {
  const charge = entry(buildCharge(target, 480_00n, '2026-01-01'));
  const interest = entry(buildInterest(target, 3_20n, '2026-11-01'));
  const fee = entry(buildFee(target, 25_00n, '2026-10-31', 'late fee'));
  const payment = entry(buildPaymentApplication(target, 100_00n, '2026-11-10', 'pay1', 'principal'));
  const credit = entry(buildCreditNote(target, 10_05n, '2026-11-12', 'goodwill'));
  return [charge, interest, fee, payment, credit];
}

describe('itemizeAccount', () => {
  it('itemizes from the last statement (the latest invoice issue date) and reconciles to the cent', () => {
    const result = itemizeAccount(ledger(), ['2026-01-01'], { providedDate: '2026-11-24' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const item = result.value;
    expect(item).toMatchObject({
      itemizationDateKind: 'last_statement', itemizationDate: '2026-01-01', amountOnItemizationDate: 480_00n,
      interest: 3_20n, fees: 25_00n, payments: 100_00n, credits: 10_05n, current: 398_15n,
    });
    expect(item.amountOnItemizationDate + item.interest + item.fees - item.payments - item.credits).toBe(item.current);
    expect(item.movements).toEqual([
      { kind: 'interest', amountMinor: 3_20n, date: '2026-11-01' },
      { kind: 'fee', amountMinor: 25_00n, date: '2026-10-31' },
      { kind: 'payment', amountMinor: 100_00n, date: '2026-11-10' },
      { kind: 'credit', amountMinor: 10_05n, date: '2026-11-12' },
    ]);
  });

  it('with the last-payment policy, the payment is inside the amount on the itemization date', () => {
    const result = itemizeAccount(ledger(), ['2026-01-01'], { providedDate: '2026-11-24', policy: 'last_payment' });
    expect(result.ok && result.value).toMatchObject({ itemizationDateKind: 'last_payment', itemizationDate: '2026-11-10', amountOnItemizationDate: 408_20n, payments: 0n, credits: 10_05n, current: 398_15n });
  });

  it('nets a returned payment against payments, leaves out entries after the provided date, and refuses new principal', () => {
    const entries = ledger();
    const returned = entry(buildReversal(entries[3]!, '2026-11-15', 'returned'));
    const future = entry(buildFee(target, 5_00n, '2026-12-01', 'later'));
    const result = itemizeAccount([...entries, returned, future], ['2026-01-01'], { providedDate: '2026-11-24' });
    expect(result.ok && result.value).toMatchObject({ payments: 0n, current: 498_15n });
    // A second invoice issued after the last payment: B-1 has no line for new principal after the itemization date.
    const second = entry(buildCharge({ ...target, invoiceId: 'inv2' }, 50_00n, '2026-11-20'));
    const refused = itemizeAccount([...entries, second], ['2026-01-01', '2026-11-20'], { providedDate: '2026-11-24', policy: 'last_payment' });
    expect(refused).toMatchObject({ ok: false, code: 'charge_after_itemization_date' });
    // From the last statement (the second invoice's issue date) it itemizes: everything is in the opening amount.
    expect(itemizeAccount([...entries, second], ['2026-01-01', '2026-11-20'], { providedDate: '2026-11-24' }))
      .toMatchObject({ ok: true, value: { itemizationDate: '2026-11-20', amountOnItemizationDate: 448_15n, interest: 0n, fees: 0n, payments: 0n, credits: 0n, current: 448_15n, movements: [] } });
  });
});

describe('buildValidationNoticeLetter (Model Form B-1)', () => {
  const consumerAddress = parseUsPostalLines(['1 Main St', 'Austin, TX 78701'])!;
  const collectorAddress = parseUsPostalLines(['1 Collector Way, Suite 5', 'Austin, TX 78702'])!;
  const facts = (): ValidationNoticeDebtFacts => {
    const item = itemizeAccount(ledger(), ['2026-01-01'], { providedDate: '2026-11-24' });
    if (!item.ok) throw new Error(item.message);
    return {
      accountId: 'acct1', consumer: { name: 'Debtor c1', mailingAddress: consumerAddress }, currentCreditor: 'Acme Corp',
      consumerFinancialProduct: true, itemizationDateCreditor: 'Acme Corp', accountNumber: 'ACCT-0012345', referenceNumber: 'REF-c1',
      itemization: {
        itemizationDateKind: item.value.itemizationDateKind, itemizationDate: item.value.itemizationDate,
        amountOnItemizationDate: { amountMinor: item.value.amountOnItemizationDate, currency: 'USD' },
        movements: item.value.movements, currentAmount: { amountMinor: item.value.current, currency: 'USD' },
      },
    };
  };
  const meta = { documentId: 'vn-1', createdAt: '2026-11-24T12:00:00.000Z', dateLine: '2026-11-24' };

  it('parses US postal lines', () => {
    expect(consumerAddress).toEqual({ lines: ['1 Main St'], city: 'Austin', state: 'TX', postalCode: '78701' });
    expect(collectorAddress).toEqual({ lines: ['1 Collector Way', 'Suite 5'], city: 'Austin', state: 'TX', postalCode: '78702' });
    expect(parseUsPostalLines(['1 Main St, Austin, TX 78701'])).toEqual(consumerAddress);
    expect(parseUsPostalLines(['1 Main St', 'Austin'])).toBeUndefined();
  });

  it('lays out every B-1 field, the itemized figures, the end date and the fixed sentences', () => {
    const built = buildValidationNoticeLetter([facts()], {
      collector: { name: 'Acme Collections', mailingAddress: collectorAddress }, providedDate: '2026-11-24', endDate: '2027-01-01',
      offerSpanishTranslation: true, meta,
    });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const { document } = built.value;
    expect(findDocumentProblem(document)).toBeUndefined();
    expect(document.sender).toEqual({ name: 'Acme Collections', lines: ['1 Collector Way', 'Suite 5', 'Austin, TX 78702'] });
    expect(document.recipient).toEqual({ name: 'Debtor c1', lines: ['1 Main St', 'Austin, TX 78701'] });
    const table = document.blocks.find((block) => block.kind === 'table');
    expect(table).toEqual({
      kind: 'table',
      columns: [{ header: 'Itemization of the debt', widthShare: 3 }, { header: 'Amount', align: 'right', widthShare: 1 }],
      rows: [
        ['As of January 1, 2026, you owed:', '$480.00'],
        ['Between January 1, 2026 and today:', ''],
        ['You were charged this amount in interest:', '+ $3.20'],
        ['You were charged this amount in fees:', '+ $25.00'],
        ['You paid or were credited this amount toward the debt:', '– $110.05'],
      ],
      totalRow: ['Total amount of the debt now:', '$398.15'],
    });
    const text = buildDocumentPlainText(document);
    for (const sentence of [
      'Acme Collections is a debt collector. We are trying to collect a debt that you owe to Acme Corp. We will use any information you give us to help collect the debt.',
      'Our information shows:',
      'You had an account from Acme Corp with account number ****2345.',
      'How can you dispute the debt?',
      'Call or write to us by January 1, 2027, to dispute all or part of the debt. If you do not, we will assume that our information is correct.',
      'If you write to us by January 1, 2027, we must stop collection on any amount you dispute until we send you information that shows you owe the debt. You may use the form below or write to us without the form. You may also include supporting documents.',
      'What else can you do?',
      'Write to ask for the name and address of the original creditor, if different from the current creditor. If you write by January 1, 2027, we must stop collection until we send you that information. You may use the form below or write to us without the form.',
      'Go to www.cfpb.gov/debt-collection to learn more about your rights under federal law. For instance, you have the right to stop or limit how we contact you.',
      'Contact us about your payment options.',
      'Póngase en contacto con nosotros para solicitar una copia de este formulario en español.',
      'Mail this form to:\nAcme Collections\n1 Collector Way\nSuite 5\nAustin, TX 78702',
      'How do you want to respond?',
      'Check all that apply:',
      'I want to dispute the debt because I think:',
      '[ ] This is not my debt.\n[ ] The amount is wrong.\n[ ] Other (please describe on reverse or attach additional information).',
      '[ ] I want you to send me the name and address of the original creditor.',
      '[ ] I enclosed this amount: $________\nMake your check payable to Acme Collections. Include the reference number REF-c1.',
      '[ ] Quiero este formulario en español.',
      'Reference: REF-c1',
    ]) expect(text).toContain(sentence);
    // The tear-off starts its own page.
    expect(document.blocks.filter((block) => block.kind === 'page_break')).toHaveLength(1);
  });

  it('puts one notice per account in one letter, each with its own itemization and tear-off', () => {
    const second = { ...facts(), accountId: 'acct2', accountNumber: 'ACCT-999', itemization: { ...facts().itemization, movements: [], amountOnItemizationDate: { amountMinor: 75_00n, currency: 'USD' }, currentAmount: { amountMinor: 75_00n, currency: 'USD' } } };
    const built = buildValidationNoticeLetter([facts(), second], { collector: { name: 'Acme Collections', mailingAddress: collectorAddress }, providedDate: '2026-11-24', meta });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const tables = built.value.document.blocks.filter((block) => block.kind === 'table');
    expect(tables.map((table) => table.kind === 'table' && table.totalRow)).toEqual([['Total amount of the debt now:', '$398.15'], ['Total amount of the debt now:', '$75.00']]);
    expect(built.value.document.blocks.filter((block) => block.kind === 'heading' && block.text === 'How do you want to respond?')).toHaveLength(2);
    expect(buildValidationNoticeLetter([facts(), { ...second, itemization: { ...second.itemization, currentAmount: { amountMinor: 1n, currency: 'USD' } } }], { collector: { name: 'Acme Collections', mailingAddress: collectorAddress }, providedDate: '2026-11-24', meta }))
      .toMatchObject({ ok: false, code: 'itemization_mismatch', message: expect.stringContaining('account acct2') });
  });

  it('prints the minimum end date when the gate gives none, and refuses an earlier one or an itemization that does not add up', () => {
    const base = { collector: { name: 'Acme Collections', mailingAddress: collectorAddress }, providedDate: '2026-11-24', meta };
    const minimum = buildValidationNoticeLetter([facts()], base);
    expect(minimum.ok && minimum.value.notices[0]!.validationPeriod.endDate).toBe('2027-01-01');
    expect(buildValidationNoticeLetter([facts()], { ...base, endDate: '2026-12-31' })).toMatchObject({ ok: false, code: 'end_date_before_minimum' });
    const wrong = facts();
    const off = { ...wrong, itemization: { ...wrong.itemization, currentAmount: { amountMinor: 398_14n, currency: 'USD' } } };
    expect(buildValidationNoticeLetter([off], base)).toMatchObject({ ok: false, code: 'itemization_mismatch' });
  });
});
