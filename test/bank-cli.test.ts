import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshBookEnv, runRecoup } from './support/cli.ts';
import { databaseConfigFromEnv, openRecoupDatabase } from '../src/adapters/db/open-recoup-database.ts';
import { createBookFixture } from './support/book-fixtures.ts';
import { parseNachaFile } from '../src/domain/money-in/nacha/parse-nacha-file.ts';
import { computeEntryHash } from '../src/domain/money-in/nacha/compute-entry-hash.ts';
import { testEngine } from './support/test-database.ts';

let book: Awaited<ReturnType<typeof freshBookEnv>>;
const fixtures = join(import.meta.dirname, 'fixtures');
const recoup = (...args: string[]) => runRecoup(args, { ...book.env, RECOUP_ACTOR: 'user:ana' });
const json = async (...args: string[]) => {
  const result = await recoup(...args, '--json');
  if (result.code !== 0) throw new Error(`recoup ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout);
};

async function withDb<T>(work: (db: Awaited<ReturnType<typeof openRecoupDatabase>>) => Promise<T>): Promise<T> {
  const db = await openRecoupDatabase(databaseConfigFromEnv(book.env, book.env.CWD!));
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  book = await freshBookEnv();
  await runRecoup(['migrate'], book.env);
  await withDb(async (db) => {
    const fixture = await createBookFixture(db, 'default');
    const debtors: Array<[string, string, string]> = [['dbt_acme', 'ACME LLC', 'C-ACME'], ['dbt_globex', 'Globex GmbH', 'C-GLOBEX'], ['dbt_stark', 'Stark Industries Ltd', 'C-STARK'],
      ['dbt_wayne', 'Wayne Enterprises', 'C-WAYNE'], ['dbt_dana', 'Dana Debtor', 'C-DANA'], ['dbt_piper', 'Pied Piper', 'C-PIPER']];
    for (const [id, name, ref] of debtors) await fixture.addDebtor(id, { name, ref });
    await fixture.addInvoices([
      { id: 'inv_123', debtorId: 'dbt_acme', currency: 'EUR', issueDate: '2026-10-01', dueDate: '2026-10-31', amountMinor: 125000n },
      { id: 'inv_124', debtorId: 'dbt_globex', currency: 'EUR', issueDate: '2026-10-01', dueDate: '2026-10-31', amountMinor: 98050n },
      { id: 'inv_130', debtorId: 'dbt_stark', currency: 'EUR', issueDate: '2026-10-01', dueDate: '2026-10-31', amountMinor: 100000n },
      { id: 'inv_131', debtorId: 'dbt_wayne', currency: 'EUR', issueDate: '2026-10-01', dueDate: '2026-10-31', amountMinor: 70000n },
      { id: 'inv_132', debtorId: 'dbt_wayne', currency: 'EUR', issueDate: '2026-10-02', dueDate: '2026-11-01', amountMinor: 80000n },
      { id: 'inv_140', debtorId: 'dbt_stark', currency: 'EUR', issueDate: '2026-10-05', dueDate: '2026-11-04', amountMinor: 25000n },
      { id: 'inv_h1', debtorId: 'dbt_piper', currency: 'EUR', issueDate: '2026-10-01', dueDate: '2026-10-31', amountMinor: 100000n },
      { id: 'inv_d1', debtorId: 'dbt_dana', currency: 'USD', issueDate: '2026-01-01', dueDate: '2026-01-31', amountMinor: 120000n },
    ]);
    // The fixture numbers invoices N-<id>; give them the numbers the bank file's payers wrote.
    for (const [id, number] of [['inv_123', 'INV-000123'], ['inv_124', 'INV-000124'], ['inv_130', 'INV-000130'], ['inv_131', 'INV-131'], ['inv_132', 'INV-132'], ['inv_140', 'INV-000140']]) {
      await db.query(`UPDATE invoice SET invoice_number = $2 WHERE tenant_id = 'default' AND id = $1`, [id, number]);
    }
  });
}, 60_000);
afterAll(async () => book.dispose());

describe(`recoup bank import on ${testEngine}`, () => {
  it('matches camt.053 credits to invoices, posts them, queues the rest, and posts nothing the second time', async () => {
    const file = join(fixtures, 'bank', 'camt053-v02-acme-bank.xml');
    const first = await json('bank', 'import', file);
    expect(first.format).toBe('camt053');
    const byName = Object.fromEntries(first.lines.filter((line: { counterpartyName: string | null }) => line.counterpartyName).map((line: { counterpartyName: string }) => [line.counterpartyName, line]));
    expect(byName['ACME LLC']).toMatchObject({ status: 'matched', strategy: 'reference', allocations: [{ invoiceNumber: 'INV-000123', amountMinor: '125000' }] });
    expect(byName['Globex GmbH']).toMatchObject({ status: 'matched', allocations: [{ invoiceNumber: 'INV-000124' }] });
    expect(byName['Wayne Enterprises']).toMatchObject({ status: 'matched', allocations: [{ invoiceNumber: 'INV-131' }, { invoiceNumber: 'INV-132' }] });
    expect(first.counts.paymentsPosted).toBe(first.counts.matched);
    expect(first.counts.matched).toBeGreaterThanOrEqual(4);
    expect(first.counts.unmatched + first.counts.suggested).toBeGreaterThan(0);
    await withDb(async (db) => {
      const { rows } = await db.query<{ invoice_id: string; balance_minor: bigint }>(`SELECT invoice_id, balance_minor FROM invoice_balance WHERE tenant_id = 'default' AND invoice_id IN ('inv_123', 'inv_124', 'inv_131', 'inv_132') ORDER BY 1`);
      expect(rows.map((row) => row.balance_minor)).toEqual([0n, 0n, 0n, 0n]);
      const { rows: events } = await db.query<{ payload: { debtorId: string; accountId: string } }>(`SELECT payload FROM audit_event WHERE tenant_id = 'default' AND type = 'bank_line.matched'`);
      expect(events.map((event) => [event.payload.debtorId, event.payload.accountId])).toContainEqual(['dbt_acme', 'acct_dbt_acme_EUR']);
    });
    const second = await json('bank', 'import', file);
    expect(second.counts).toMatchObject({ paymentsPosted: 0, matched: 0, alreadyImported: first.counts.lines });
    const table = await recoup('bank', 'import', file);
    expect(table.stdout).toContain(`already imported ${first.counts.lines}`);
    const queue = await json('bank', 'unmatched');
    expect(queue.lines.length).toBe(first.counts.unmatched + first.counts.suggested);
  });

  it('reads a CSV statement through a mapping', async () => {
    const dir = book.env.CWD!;
    writeFileSync(join(dir, 'stmt.csv'), 'Date;Amount;Text;Payer\n20.11.2026;"250,00";INV-000140 thanks;Stark Industries Ltd\n21.11.2026;"-5,00";Fee;\n');
    writeFileSync(join(dir, 'map.json'), JSON.stringify({ delimiter: ';', bookingDateColumn: 'Date', dateFormat: 'DD.MM.YYYY', amount: { column: 'Amount' }, decimalSeparator: ',', thousandsSeparator: '.',
      currency: { code: 'EUR' }, remittanceColumn: 'Text', payerNameColumn: 'Payer' }));
    const report = await json('bank', 'import', 'stmt.csv', '--mapping', 'map.json');
    expect(report.format).toBe('csv');
    expect(report.lines.map((line: { status: string }) => line.status)).toEqual(['matched', 'ignored']);
    const bad = await recoup('bank', 'import', join(fixtures, 'bank', 'camt053-malformed-amount.xml'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt');
    const noMapping = await recoup('bank', 'import', 'stmt.csv');
    expect(noMapping.code).toBe(1);
    expect(noMapping.stderr).toContain('--mapping');
    writeFileSync(join(dir, 'bad.csv'), 'Date;Amount;Text;Payer\n20.11.2026;"1.0x0,00";INV-000130;Stark\n');
    const badCsv = await recoup('bank', 'import', 'bad.csv', '--mapping', 'map.json');
    expect(badCsv.code).toBe(1);
    expect(badCsv.stderr).toMatch(/line 2, column .*Amount/);
  });

  it('refuses a malformed NACHA file naming the record and field, and imports nothing', async () => {
    const result = await recoup('bank', 'import', join(fixtures, 'nacha', 'ppd-debit-invalid-entryDetail-checkDigit.ach'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/line 3, record 6 .*Check Digit/);
    // A well-formed file of debits (not returns) is read and left alone.
    const debits = await json('bank', 'import', join(fixtures, 'nacha', 'ppd-debit.ach'));
    expect(debits.counts).toMatchObject({ lines: 1, ignored: 1, paymentsPosted: 0, paymentsReversed: 0 });
    const long = await recoup('bank', 'import', join(fixtures, 'nacha', 'long-line.ach'));
    expect(long.code).toBe(1);
    expect(long.stderr).toMatch(/line 3, record 6/);
  });
});

describe(`payment plans, NACHA debits and returns through the CLI on ${testEngine}`, () => {
  const originator = ['--destination', '091000019', '--destination-name', 'WELLS FARGO', '--origin', '1234567890', '--origin-name', 'RECOUP DEMO', '--company-name', 'RECOUP DEMO', '--company-id', '1234567890', '--odfi', '09100001'];

  it('generates the debit file for installments due that day, which parses back with correct totals and hash; a return reverses, charges the fee, misses the installment', async () => {
    const refused = await recoup('plan', 'create', '--account', 'C-DANA', '--currency', 'USD', '--installments', '60', '--frequency', 'monthly', '--start', '2026-12-01', '--idempotency-key', 'p0');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('maximum term of 24 months');
    const plan = await json('plan', 'create', '--account', 'C-DANA', '--currency', 'USD', '--installments', '4', '--frequency', 'monthly', '--start', '2026-12-01',
      '--debit-routing', '231380104', '--debit-account', '987654321', '--debit-name', 'Dana Debtor', '--debit-sec', 'WEB', '--idempotency-key', 'p1');
    expect(plan).toMatchObject({ status: 'proposed', principalMinor: '120000', installmentCount: 4 });
    expect((await json('plan', 'activate', '--plan', plan.planId, '--accepted-on', '2026-12-01')).status).toBe('active');
    const nothing = await recoup('bank', 'debits', '--date', '2026-12-31', ...originator);
    expect(nothing.stdout).toContain('No plan installment due on 2026-12-31');
    const debits = await json('bank', 'debits', '--date', '2027-01-01', '--out', 'jan.ach', ...originator);
    expect(debits.entries).toHaveLength(1);
    expect(debits.entries[0]).toMatchObject({ planId: plan.planId, installment: 1, amountMinor: '30000' });
    const text = readFileSync(join(book.env.CWD!, 'jan.ach'), 'utf8');
    const parsed = parseNachaFile(text);
    if (!parsed.ok) throw new Error(parsed.message);
    const batch = parsed.value.batches[0]!;
    if (batch.layout !== 'standard') throw new Error(`expected a standard batch, got ${batch.layout}`);
    expect(batch.header.standardEntryClassCode).toBe('WEB');
    expect(batch.control.totalDebitMinor).toBe(30000n);
    expect(parsed.value.control.totalDebitMinor).toBe(30000n);
    expect(parsed.value.control.entryHash).toBe(computeEntryHash(['23138010']));
    expect(batch.entries[0]!.traceNumber).toBe(debits.entries[0].traceNumber);
    // Again the same day: nothing new.
    expect((await json('bank', 'debits', '--date', '2027-01-01', '--out', 'jan2.ach', ...originator)).entries).toEqual([]);

    await recoup('plan', 'evaluate', '--as-of', '2027-01-02');
    expect((await json('plan', 'list', '--debtor', 'C-DANA')).plans[0].installments[0]).toMatchObject({ status: 'paid', paidMinor: '30000' });

    // The debtor's bank returns it: R01, with a 25.00 fee by policy. A second return names an unknown trace.
    expect((await recoup('policy', 'set', '--returned-payment-fee', '25.00', '--returned-payment-fee-codes', 'R01')).code).toBe(0);
    expect((await json('policy', 'show')).returnedPaymentFeeMinor).toBe('2500');
    expect((await recoup('policy', 'show')).stdout).toContain('25.00 USD for R01');
    const returnFile = readFileSync(join(fixtures, 'nacha', 'return-WEB.ach'), 'utf8').split('\n')
      .map((line) => (line.startsWith('799R01') ? line.slice(0, 6) + debits.entries[0].traceNumber + line.slice(21) : line)).join('\n');
    writeFileSync(join(book.env.CWD!, 'returns.ach'), returnFile);
    const imported = await json('bank', 'import', 'returns.ach', '--as-of', '2027-01-05');
    expect(imported.format).toBe('nacha');
    expect(imported.counts).toMatchObject({ returned: 1, unmatched: 1, paymentsReversed: 1 });
    const returned = imported.lines.find((line: { status: string }) => line.status === 'returned');
    expect(returned.reasons.join(' ')).toMatch(/R01 .*installment 1 of plan .* missed/);
    expect(returned.reasons.join(' ')).toContain('fee 2500');
    const planAfter = (await json('plan', 'list', '--debtor', 'C-DANA')).plans[0];
    expect(planAfter.installments[0]).toMatchObject({ status: 'missed', paidMinor: '0' });
    await withDb(async (db) => {
      const { rows } = await db.query<{ balance_minor: bigint }>(`SELECT balance_minor FROM invoice_balance WHERE tenant_id = 'default' AND invoice_id = 'inv_d1'`);
      expect(rows[0]!.balance_minor).toBe(122500n);
    });
    // The same return file again reverses nothing more.
    const again = await json('bank', 'import', 'returns.ach', '--as-of', '2027-01-05');
    expect(again.counts).toMatchObject({ returned: 0, paymentsReversed: 0, alreadyImported: 2 });
    const queue = await json('bank', 'unmatched');
    expect(queue.lines.some((line: { reasons: string[] }) => line.reasons[0]!.includes('no debit Recoup sent has that trace number'))).toBe(true);
  });

  it('records, evaluates and counts promises; proposes and approves settlements; writes the letters as PDFs', async () => {
    const added = await json('promise', 'add', '--account', 'C-PIPER', '--amount', '100.00', '--currency', 'EUR', '--date', '2026-12-10', '--channel', 'call', '--as-of', '2026-12-01', '--idempotency-key', 'pr1');
    expect(added).toMatchObject({ status: 'pending', takenBy: 'user:ana', amountMinor: '10000' });
    const evaluated = await json('promise', 'evaluate', '--as-of', '2026-12-20');
    expect(evaluated.broken).toEqual([expect.objectContaining({ promiseId: added.promiseId, outcome: 'broken' })]);
    const stats = await json('promise', 'stats');
    expect(stats.overall).toMatchObject({ made: 1, broken: 1, keptRate: '0.0000' });
    expect((await recoup('promise', 'list')).stdout).toContain('broken');

    const proposed = await json('settlement', 'propose', '--account', 'C-PIPER', '--amount', '700.00', '--currency', 'EUR', '--due', '2026-12-31', '--as-of', '2026-12-01', '--idempotency-key', 's1');
    expect(proposed).toMatchObject({ status: 'pending_approval', discountPercent: '30.00', authorityPercent: '20' });
    const approved = await json('settlement', 'approve', '--settlement', proposed.settlementId, '--as-of', '2026-12-02');
    expect(approved.status).toBe('approved');
    const letter = await recoup('settlement', 'letter', '--settlement', proposed.settlementId, '--out', 'settlement.pdf', '--date', '2026-12-02');
    expect(letter.code).toBe(0);
    expect(readFileSync(join(book.env.CWD!, 'settlement.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    const plans = (await json('plan', 'list', '--debtor', 'C-DANA')).plans;
    const agreement = await recoup('plan', 'letter', '--plan', plans[0].planId, '--out', 'agreement.pdf', '--date', '2026-12-01');
    expect(agreement.code).toBe(0);
    expect(readFileSync(join(book.env.CWD!, 'agreement.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
