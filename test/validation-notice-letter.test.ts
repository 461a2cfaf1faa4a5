// The Reg F validation notice letter end to end on a real database (PGlite, or PostgreSQL with DATABASE_URL):
// a consumer's account with a charge, a fee, interest and a partial payment; the daily cycle queues the
// validation notice; the dispatcher asks the gate (which computes the end date) and the letter channel draws
// the PDF laid out as Model Form B-1, its itemization computed from the ledger. The PDF's words are read back.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from './support/test-database.ts';
import { createOutreachBook } from './support/outreach-fixtures.ts';
import { extractPdfText } from './support/pdf-text.ts';
import { runDailyCycle } from '../src/app/outreach/run-daily-cycle.ts';
import { dispatchOutbox } from '../src/app/outreach/dispatch-outbox.ts';
import { loadValidationNoticeFacts } from '../src/app/outreach/load-validation-notice.ts';
import { createLetterChannel } from '../src/adapters/letters/letter-channel.ts';
import { buildFee, buildInterest } from '../src/domain/ledger/ledger-entry.ts';

const tenantId = 'acme';
const businessDate = '2026-11-24';
const noon = new Date('2026-11-24T17:00:00Z');

let db: TestDatabase;
let letterDir: string;

beforeEach(async () => {
  db = await openTestDatabase();
  letterDir = mkdtempSync(join(tmpdir(), 'recoup-b1-'));
});
afterEach(async () => {
  await db.dispose();
  rmSync(letterDir, { recursive: true, force: true });
});

async function bookWithMovements() {
  const book = await createOutreachBook(db, tenantId, [
    { id: 'c1', purpose: 'consumer', email: null, invoices: [{ id: 'inv_c1_1', dueDate: '2026-10-01', amountMinor: 480_00n }] },
  ]);
  const target = book.target('inv_c1_1');
  await book.post(buildFee(target, 25_00n, '2026-10-31', 'late fee'), buildInterest(target, 3_20n, '2026-11-01'));
  await book.pay('inv_c1_1', 100_00n, '2026-11-10');
  return { book, accountId: target.accountId };
}

describe('validation notice letter (Model Form B-1)', () => {
  it('itemizes the account from the ledger: opening amount, interest, fees, payments, the amount now', async () => {
    const { accountId } = await bookWithMovements();
    const facts = await loadValidationNoticeFacts(db, { tenantId, debtorId: 'c1', accountIds: [accountId], providedDate: businessDate });
    expect(facts.ok).toBe(true);
    if (!facts.ok) return;
    expect(facts.value).toHaveLength(1);
    expect(facts.value[0]).toMatchObject({
      accountId, consumer: { name: 'Debtor c1', mailingAddress: { lines: ['1 Main St'], city: 'Austin', state: 'TX', postalCode: '78701' } },
      consumerFinancialProduct: true, referenceNumber: 'REF-c1',
      itemization: {
        itemizationDateKind: 'last_statement', itemizationDate: '2026-01-01', amountOnItemizationDate: { amountMinor: 480_00n, currency: 'USD' },
        movements: [{ kind: 'interest', amountMinor: 3_20n, date: '2026-11-01' }, { kind: 'fee', amountMinor: 25_00n, date: '2026-10-31' }, { kind: 'payment', amountMinor: 100_00n, date: '2026-11-10' }],
        currentAmount: { amountMinor: 408_20n, currency: 'USD' },
      },
    });
    // The current amount is the ledger's balance of the account.
    const { rows } = await db.query<{ balance: bigint }>(
      `SELECT SUM(CASE WHEN debit_account = 'receivable' THEN amount_minor ELSE -amount_minor END)::bigint AS balance
       FROM ledger_entry WHERE tenant_id = $1 AND account_id = $2 AND 'receivable' IN (debit_account, credit_account)`, [tenantId, accountId]);
    expect(BigInt(rows[0]!.balance)).toBe(408_20n);
  });

  it('the daily cycle and the dispatcher send the notice as a B-1 PDF with the itemized figures and the end date the gate computed', async () => {
    await bookWithMovements();
    const channels = { letter: createLetterChannel({ dir: letterDir, sender: { name: 'Acme Collections', lines: ['1 Collector Way', 'Austin, TX 78702'] }, compress: false }) };
    expect(await runDailyCycle(db, { tenantId, actor: 'test', businessDate, now: noon, publicUrl: 'https://pay.acme.test', collectorName: 'Acme Collections' }))
      .toMatchObject({ contactsQueued: 1 });
    expect(await dispatchOutbox(db, { tenantId, actor: 'test', workerId: 'w1', channels, now: () => noon })).toMatchObject({ sent: 1, failed: 0 });

    const attempt = (await db.query<{ provider_id: string; template: string; detail: { disclosures: string[]; validationNoticeFacts: string } }>(
      "SELECT provider_id, template, detail FROM contact_attempt WHERE channel = 'letter'")).rows[0]!;
    expect(attempt.template).toBe('validation_notice');
    expect(attempt.detail.validationNoticeFacts).toBe('complete');
    const endDate = attempt.detail.disclosures.find((code) => code.startsWith('VALIDATION_END_DATE='))!.slice('VALIDATION_END_DATE='.length);
    // Sent Tuesday 2026-11-24: five business days (Thanksgiving on the 26th), then 30 days.
    expect(endDate).toBe('2027-01-01');
    expect((await db.query<{ end_date: string }>('SELECT end_date FROM account_validation')).rows[0]!.end_date).toBe(endDate);

    const pdfPath = join(letterDir, attempt.provider_id);
    const json = JSON.parse(readFileSync(pdfPath.replace(/\.pdf$/, '.json'), 'utf8')) as { form: string };
    expect(json.form).toBe('model_form_b1');
    const lines = extractPdfText(readFileSync(pdfPath));
    const text = lines.join('\n');
    const flat = lines.join(' ').replace(/\s+/g, ' ');
    // The letterhead: the collector's and the consumer's name and address.
    for (const line of ['Acme Collections', '1 Collector Way', 'Austin, TX 78702', 'Debtor c1', '1 Main St', 'Austin, TX 78701']) expect(lines).toContain(line);
    // The itemization, figure by figure, each beside its B-1 label.
    const rowOf = (label: string) => lines[lines.indexOf(label) + 1];
    expect(rowOf('As of January 1, 2026, you owed:')).toBe('$480.00');
    expect(lines).toContain('Between January 1, 2026 and today:');
    expect(rowOf('You were charged this amount in interest:')).toBe('+ $3.20');
    expect(rowOf('You were charged this amount in fees:')).toBe('+ $25.00');
    expect(rowOf('You paid or were credited this amount toward the debt:')).toBe('– $100.00');
    expect(rowOf('Total amount of the debt now:')).toBe('$408.20');
    // The end date and the fixed sentences.
    for (const sentence of [
      'Acme Collections is a debt collector. We are trying to collect a debt that you owe to',
      'We will use any information you give us to help collect the debt.',
      'Our information shows:',
      'How can you dispute the debt?',
      'Call or write to us by January 1, 2027, to dispute all or part of the debt. If you do not, we will assume that our information is correct.',
      'If you write to us by January 1, 2027, we must stop collection on any amount you dispute',
      'What else can you do?',
      'If you write by January 1, 2027, we must stop collection until we send you that information.',
      'Go to www.cfpb.gov/debt-collection to learn more about your rights under federal law.',
      'How do you want to respond?',
      '[ ] This is not my debt.',
      '[ ] The amount is wrong.',
      '[ ] I want you to send me the name and address of the original creditor.',
      'This is a communication from a debt collector.',
    ]) expect(flat).toContain(sentence);
    expect(text).toContain('Mail this form to:');
  });

  it('falls back to the template letter, and says why, when the book lacks a B-1 field', async () => {
    await createOutreachBook(db, tenantId, [
      { id: 'c2', purpose: 'consumer', email: null, postal: 'Somewhere without a ZIP code', invoices: [{ id: 'inv_c2_1', dueDate: '2026-10-01', amountMinor: 90_00n }] },
    ]);
    const channels = { letter: createLetterChannel({ dir: letterDir, sender: { name: 'Acme Collections', lines: ['1 Collector Way', 'Austin, TX 78702'] }, compress: false }) };
    await runDailyCycle(db, { tenantId, actor: 'test', businessDate, now: noon, publicUrl: 'https://pay.acme.test', collectorName: 'Acme Collections' });
    expect(await dispatchOutbox(db, { tenantId, actor: 'test', workerId: 'w1', channels, now: () => noon })).toMatchObject({ sent: 1 });
    const attempt = (await db.query<{ provider_id: string; detail: { validationNoticeFacts: string } }>("SELECT provider_id, detail FROM contact_attempt WHERE channel = 'letter'")).rows[0]!;
    expect(attempt.detail.validationNoticeFacts).toContain('no postal address with a street, city, state and ZIP code');
    const json = JSON.parse(readFileSync(join(letterDir, attempt.provider_id).replace(/\.pdf$/, '.json'), 'utf8')) as { form: string; formProblem: string; text: string };
    expect(json).toMatchObject({ form: 'template' });
    expect(json.formProblem).toContain('no postal address');
    expect(json.text).toContain('by 2027-01-01 to dispute');
  });
});
