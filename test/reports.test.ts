import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openTestDatabase, testEngine, type TestDatabase } from './support/test-database.ts';
import { createBookFixture, insertLedgerEntries, type BookFixture } from './support/book-fixtures.ts';
import {
  buildAgingReportJson, computeAgingTotals, handWrittenAgingSql, loadAgingReport, type AgingRow,
} from '../src/app/reports/aging-report.ts';
import { buildKpiReportJson, loadKpiReport } from '../src/app/reports/kpi-report.ts';
import { agingBucketLabels, computeAgingBucket, computeDaysPastDue, type AgingBucketLabel } from '../src/domain/insight/aging-buckets.ts';
import { computeDateAfterDays, computeDaysInPeriod } from '../src/domain/shared/calendar-date.ts';
import { computeKpis, type KpiFigures } from '../src/domain/insight/compute-kpis.ts';
import {
  buildAdjustment, buildCharge, buildCreditNote, buildFee, buildInterest, buildPaymentApplication, buildReversal, buildWriteOff,
  effectOn, type LedgerEntry, type LedgerEntryDraft,
} from '../src/domain/ledger/ledger-entry.ts';

/** Bucket amounts with every bucket present: the ones given, zero elsewhere. */
const buckets = (amounts: Partial<Record<AgingBucketLabel, bigint>> = {}) =>
  Object.fromEntries(agingBucketLabels.map((label) => [label, amounts[label] ?? 0n])) as Record<AgingBucketLabel, bigint>;
const counts = (numbers: Partial<Record<AgingBucketLabel, number>> = {}) =>
  Object.fromEntries(agingBucketLabels.map((label) => [label, numbers[label] ?? 0])) as Record<AgingBucketLabel, number>;

describe(`aging and KPI reports on ${testEngine}`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db.dispose());

  const aging = (tenantId: string, asOf: string, by: 'currency' | 'debtor' = 'currency') => loadAgingReport(db, { tenantId, asOf, by });
  const kpis = (tenantId: string, from: string, to: string) => loadKpiReport(db, { tenantId, from, to });

  describe('aging', () => {
    it('moves an invoice due on D through the buckets: as-of D-1 and D current, D+1…D+30 1-30, D+31 31-60 … D+121 121+', async () => {
      const book = await createBookFixture(db, 'ten_boundaries');
      await book.addInvoice({ id: 'inv_d', debtorId: 'dbt_1', currency: 'USD', issueDate: '2026-01-15', dueDate: '2026-03-01', amountMinor: 12_345n });
      // Dates written out by hand, so the test does not lean on the calendar code it checks.
      const expected: Array<[asOf: string, daysPastDue: number, bucket: AgingBucketLabel]> = [
        ['2026-02-28', -1, 'current'], ['2026-03-01', 0, 'current'], ['2026-03-02', 1, '1-30'],
        ['2026-03-30', 29, '1-30'], ['2026-03-31', 30, '1-30'], ['2026-04-01', 31, '31-60'],
        ['2026-04-29', 59, '31-60'], ['2026-04-30', 60, '31-60'], ['2026-05-01', 61, '61-90'],
        ['2026-05-29', 89, '61-90'], ['2026-05-30', 90, '61-90'], ['2026-05-31', 91, '91-120'],
        ['2026-06-28', 119, '91-120'], ['2026-06-29', 120, '91-120'], ['2026-06-30', 121, '121+'],
        ['2027-03-01', 365, '121+'],
      ];
      for (const [asOf, , bucket] of expected) {
        const { rows } = await aging(book.tenantId, asOf);
        expect(rows, `as of ${asOf}`).toHaveLength(1);
        expect(rows[0]!.buckets, `as of ${asOf}`).toEqual(buckets({ [bucket]: 12_345n }));
        expect(rows[0]!.invoiceCounts, `as of ${asOf}`).toEqual(counts({ [bucket]: 1 }));
      }
    });

    it('sorts invoices of one as-of date by their due dates, at every boundary, with their counts', async () => {
      const book = await createBookFixture(db, 'ten_boundaries_many');
      // As of 2026-06-30; amounts are powers of two so each bucket's sum names its invoices.
      const dueDates: Array<[dueDate: string, daysPastDue: number]> = [
        ['2026-07-01', -1], ['2026-06-30', 0], ['2026-06-29', 1], ['2026-05-31', 30], ['2026-05-30', 31], ['2026-05-01', 60],
        ['2026-04-30', 61], ['2026-04-01', 90], ['2026-03-31', 91], ['2026-03-02', 120], ['2026-03-01', 121],
      ];
      await book.addInvoices(dueDates.map(([dueDate], k) => ({
        id: `inv_${k}`, debtorId: 'dbt_1', currency: 'USD', issueDate: '2026-01-01', dueDate, amountMinor: 2n ** BigInt(k),
      })));
      const { rows } = await aging(book.tenantId, '2026-06-30');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        currency: 'USD',
        buckets: buckets({ current: 1n + 2n, '1-30': 4n + 8n, '31-60': 16n + 32n, '61-90': 64n + 128n, '91-120': 256n + 512n, '121+': 1024n }),
        invoiceCounts: counts({ current: 2, '1-30': 2, '31-60': 2, '61-90': 2, '91-120': 2, '121+': 1 }),
        totalMinor: 2047n,
        openInvoices: 11,
        creditsMinor: 0n,
        unassignedMinor: 0n,
        netMinor: 2047n,
      });
    });

    it('counts an invoice from its issue date: issued after the as-of date it is not there yet', async () => {
      const book = await createBookFixture(db, 'ten_issue');
      await book.addInvoice({ id: 'inv_1', debtorId: 'dbt_1', currency: 'USD', issueDate: '2026-03-10', dueDate: '2026-04-09', amountMinor: 50_000n });
      expect((await aging(book.tenantId, '2026-03-09')).rows).toEqual([]);
      expect((await aging(book.tenantId, '2026-03-10')).rows[0]).toMatchObject({ buckets: buckets({ current: 50_000n }), openInvoices: 1 });
    });

    it('subtracts a payment from its effective date on, and a reversed payment counts again from the reversal date', async () => {
      const book = await createBookFixture(db, 'ten_payments');
      await book.addInvoice({ id: 'inv_1', debtorId: 'dbt_1', currency: 'USD', issueDate: '2026-01-01', dueDate: '2026-01-31', amountMinor: 100_000n });
      await book.pay('inv_1', 30_000n, '2026-02-10');
      const second = await book.pay('inv_1', 70_000n, '2026-02-20');
      await book.reverse(second, '2026-03-05');
      const open = async (asOf: string) => (await aging(book.tenantId, asOf)).rows.map((row) => [row.buckets, row.openInvoices]);
      expect(await open('2026-02-09')).toEqual([[buckets({ '1-30': 100_000n }), 1]]);
      expect(await open('2026-02-10')).toEqual([[buckets({ '1-30': 70_000n }), 1]]);
      expect(await open('2026-02-19')).toEqual([[buckets({ '1-30': 70_000n }), 1]]);
      // Paid in full: not open, so not in the report at all.
      expect(await open('2026-02-20')).toEqual([]);
      expect(await open('2026-03-04')).toEqual([]);
      // The second payment bounced: owed again from 2026-03-05, 33 days past due.
      expect(await open('2026-03-05')).toEqual([[buckets({ '31-60': 70_000n }), 1]]);
    });

    it('reports an invoice paid beyond its charges as a credit, apart from the buckets, and does not hide it', async () => {
      const book = await createBookFixture(db, 'ten_credits');
      await book.addInvoice({ id: 'inv_over', debtorId: 'dbt_1', currency: 'USD', issueDate: '2026-01-01', dueDate: '2026-01-31', amountMinor: 50_000n });
      await book.addInvoice({ id: 'inv_open', debtorId: 'dbt_1', currency: 'USD', issueDate: '2026-01-01', dueDate: '2026-02-28', amountMinor: 20_000n });
      await book.pay('inv_over', 60_000n, '2026-01-20');
      const { rows } = await aging(book.tenantId, '2026-02-01');
      expect(rows).toEqual([expect.objectContaining({
        buckets: buckets({ current: 20_000n }), totalMinor: 20_000n, openInvoices: 1,
        creditsMinor: -10_000n, creditInvoices: 1, unassignedMinor: 0n, netMinor: 10_000n,
      })]);
    });

    it('reports receivable entries without an invoice as unassigned: in the net, not in a bucket', async () => {
      const book = await createBookFixture(db, 'ten_unassigned');
      await book.addInvoice({ id: 'inv_1', debtorId: 'dbt_1', currency: 'EUR', issueDate: '2026-01-01', dueDate: '2026-01-31', amountMinor: 10_000n });
      await book.post(buildFee(await book.targetWithoutInvoice('dbt_1', 'EUR'), 2_500n, '2026-02-01', 'account fee'));
      expect((await aging(book.tenantId, '2026-01-31')).rows[0]).toMatchObject({ unassignedMinor: 0n, netMinor: 10_000n });
      expect((await aging(book.tenantId, '2026-02-01')).rows[0]).toMatchObject({
        buckets: buckets({ '1-30': 10_000n }), totalMinor: 10_000n, unassignedMinor: 2_500n, netMinor: 12_500n,
      });
    });

    it('keeps each currency apart, never adding one to another, rows in currency order', async () => {
      const book = await createBookFixture(db, 'ten_currencies');
      await book.addInvoices([
        { id: 'inv_usd', debtorId: 'dbt_1', currency: 'USD', issueDate: '2026-01-01', dueDate: '2026-01-31', amountMinor: 10_000n },
        { id: 'inv_usd2', debtorId: 'dbt_2', currency: 'USD', issueDate: '2026-01-01', dueDate: '2026-03-31', amountMinor: 1n },
        { id: 'inv_eur', debtorId: 'dbt_1', currency: 'EUR', issueDate: '2026-01-01', dueDate: '2026-03-31', amountMinor: 5_000n },
        { id: 'inv_jpy', debtorId: 'dbt_2', currency: 'JPY', issueDate: '2026-01-01', dueDate: '2025-12-31', amountMinor: 7_000n },
      ]);
      const { rows } = await aging(book.tenantId, '2026-03-01');
      expect(rows.map((row) => [row.currency, row.buckets, row.totalMinor, row.openInvoices])).toEqual([
        ['EUR', buckets({ current: 5_000n }), 5_000n, 1],
        ['JPY', buckets({ '31-60': 7_000n }), 7_000n, 1],
        ['USD', buckets({ current: 1n, '1-30': 10_000n }), 10_001n, 2],
      ]);
    });

    it('by debtor: a row per debtor and currency with ref and name, largest total first, adding up to the currency rows', async () => {
      const book = await createBookFixture(db, 'ten_debtors');
      await book.addDebtor('dbt_ann', { ref: 'C-100', name: 'Ann Example' });
      await book.addDebtor('dbt_bob', { ref: 'C-200', name: 'Bob Example' });
      await book.addDebtor('dbt_cy', { ref: 'C-300', name: 'Cy Example' });
      await book.addInvoices([
        { id: 'inv_a1', debtorId: 'dbt_ann', currency: 'USD', issueDate: '2026-01-01', dueDate: '2026-01-31', amountMinor: 3_000n },
        { id: 'inv_a2', debtorId: 'dbt_ann', currency: 'EUR', issueDate: '2026-01-01', dueDate: '2026-04-30', amountMinor: 9_000n },
        { id: 'inv_b1', debtorId: 'dbt_bob', currency: 'USD', issueDate: '2026-01-01', dueDate: '2026-02-15', amountMinor: 8_000n },
        { id: 'inv_b2', debtorId: 'dbt_bob', currency: 'USD', issueDate: '2026-01-01', dueDate: '2026-04-15', amountMinor: 500n },
        { id: 'inv_c1', debtorId: 'dbt_cy', currency: 'USD', issueDate: '2026-01-01', dueDate: '2026-01-15', amountMinor: 1_000n },
      ]);
      await book.pay('inv_c1', 1_000n, '2026-02-01');
      const report = await aging(book.tenantId, '2026-03-31', 'debtor');
      expect(report.rows.map((row) => [row.currency, row.debtor, row.totalMinor, row.openInvoices])).toEqual([
        ['EUR', { id: 'dbt_ann', ref: 'C-100', name: 'Ann Example' }, 9_000n, 1],
        ['USD', { id: 'dbt_bob', ref: 'C-200', name: 'Bob Example' }, 8_500n, 2],
        ['USD', { id: 'dbt_ann', ref: 'C-100', name: 'Ann Example' }, 3_000n, 1],
      ]);
      expect(report.rows[1]!.buckets).toEqual(buckets({ current: 500n, '31-60': 8_000n }));
      expect(computeAgingTotals(report.rows)).toEqual((await aging(book.tenantId, '2026-03-31')).rows);
      const json = buildAgingReportJson(report);
      expect(json.rows[1]).toEqual({
        currency: 'USD', debtorId: 'dbt_bob', debtorRef: 'C-200', debtorName: 'Bob Example',
        buckets: { current: '500', '1-30': '0', '31-60': '8000', '61-90': '0', '91-120': '0', '121+': '0' },
        totalMinor: '8500', openInvoices: 2, invoiceCounts: { current: 1, '1-30': 0, '31-60': 1, '61-90': 0, '91-120': 0, '121+': 0 },
        creditsMinor: '0', creditInvoices: 0, unassignedMinor: '0', netMinor: '8500',
      });
    });

    it('reports only the tenant asked for', async () => {
      const mine = await createBookFixture(db, 'ten_mine');
      const theirs = await createBookFixture(db, 'ten_theirs');
      await mine.addInvoice({ id: 'inv_1', debtorId: 'dbt_1', currency: 'USD', issueDate: '2026-01-01', dueDate: '2026-01-31', amountMinor: 100n });
      // The same ids in another tenant.
      await theirs.addInvoice({ id: 'inv_1', debtorId: 'dbt_1', currency: 'USD', issueDate: '2026-01-01', dueDate: '2026-01-31', amountMinor: 99_999n });
      expect((await aging('ten_mine', '2026-02-01')).rows.map((row) => row.totalMinor)).toEqual([100n]);
      expect((await kpis('ten_mine', '2026-01-01', '2026-01-31')).currencies.map((row) => row.creditSalesMinor)).toEqual([100n]);
      expect((await aging('ten_nobody', '2026-02-01')).rows).toEqual([]);
      expect((await kpis('ten_nobody', '2026-01-01', '2026-01-31')).currencies).toEqual([]);
    });

    it('refuses to report money on an invoice the book does not have, instead of dropping it', async () => {
      const book = await createBookFixture(db, 'ten_ghost');
      const target = await book.targetWithoutInvoice('dbt_1', 'USD');
      await insertLedgerEntries(db, book.tenantId, [{ ...buildCharge({ ...target, invoiceId: 'inv_ghost' }, 700n, '2026-01-01'), id: 'le_ghost' }]);
      await expect(aging(book.tenantId, '2026-02-01')).rejects.toThrow(/1 invoice\(s\) named by ledger entries of tenant ten_ghost do not exist/);
      await expect(kpis(book.tenantId, '2026-01-01', '2026-01-31')).rejects.toThrow(/do not exist/);
    });
  });

  describe('KPIs', () => {
    it('computes a month worked by hand', async () => {
      const book = await createBookFixture(db, 'ten_kpi_example');
      // April 2026, 30 days.
      //   A  issued 03-01, due 03-31, 1,000.00: opening. Paid 600.00 on 04-10; 100.00 on 04-12, returned 04-18.
      //   B  issued 04-05, due 05-05, 2,000.00: a sale. Paid 500.00 on 04-20, and 200.00 on 05-03 (after April).
      //   C  issued 04-10, due 04-25, 1,500.00: a sale, plus a 25.00 fee on 04-26 (a sale too).
      //   D  issued 04-15, 300.00, charge reversed 04-16: sold and unsold in April, nets to nothing.
      //   E  issued 05-02, 800.00: after April, nowhere.
      // Opening (03-31)     = A 1,000.00                                            = 100,000
      // Credit sales        = B 2,000 + C 1,500 + fee 25 + D 300 − D 300 = 3,525.00 = 352,500
      // Collections         = 600 + 500 + 100 − 100 returned = 1,100.00             = 110,000
      // Closing (04-30)     = A 400 + B 1,500 + C 1,525 + D 0 = 3,425.00           = 342,500
      //                       (= opening + sales − collections: 100,000 + 352,500 − 110,000)
      // Closing current     = B (due 05-05) 1,500.00                                = 150,000
      // Past due            = A 400 (due 03-31) + C 1,525 (due 04-25) = 1,925.00, 2 invoices
      // DSO   = 342,500 / 352,500 × 30 = 29.1489… → 29.15
      // BPDSO = 150,000 / 352,500 × 30 = 12.7659… → 12.77
      // ADD   = 192,500 / 352,500 × 30 = 16.3829… → 16.38
      // CEI   = (100,000 + 352,500 − 342,500) / (100,000 + 352,500 − 150,000) × 100 = 110,000 / 302,500 × 100 = 36.3636… → 36.36
      await book.addInvoices([
        { id: 'inv_a', debtorId: 'dbt_1', currency: 'USD', issueDate: '2026-03-01', dueDate: '2026-03-31', amountMinor: 100_000n },
        { id: 'inv_b', debtorId: 'dbt_1', currency: 'USD', issueDate: '2026-04-05', dueDate: '2026-05-05', amountMinor: 200_000n },
        { id: 'inv_c', debtorId: 'dbt_2', currency: 'USD', issueDate: '2026-04-10', dueDate: '2026-04-25', amountMinor: 150_000n },
        { id: 'inv_e', debtorId: 'dbt_2', currency: 'USD', issueDate: '2026-05-02', dueDate: '2026-06-01', amountMinor: 80_000n },
      ]);
      const [chargeD] = await book.addInvoices([{ id: 'inv_d', debtorId: 'dbt_2', currency: 'USD', issueDate: '2026-04-15', dueDate: '2026-05-15', amountMinor: 30_000n }]);
      await book.reverse(chargeD!, '2026-04-16');
      await book.post(buildFee(book.target('inv_c'), 2_500n, '2026-04-26', 'late fee'));
      await book.pay('inv_a', 60_000n, '2026-04-10');
      const returned = await book.pay('inv_a', 10_000n, '2026-04-12');
      await book.reverse(returned, '2026-04-18');
      await book.pay('inv_b', 50_000n, '2026-04-20');
      await book.pay('inv_b', 20_000n, '2026-05-03');

      const report = await kpis(book.tenantId, '2026-04-01', '2026-04-30');
      expect(buildKpiReportJson(report)).toEqual({
        from: '2026-04-01', to: '2026-04-30', days: 30,
        currencies: [{
          currency: 'USD',
          creditSalesMinor: '352500', collectionsMinor: '110000',
          openingReceivablesMinor: '100000', closingReceivablesMinor: '342500', closingCurrentMinor: '150000',
          pastDueCount: 2, pastDueMinor: '192500',
          dso: 29.15, bestPossibleDso: 12.77, averageDaysDelinquent: 16.38, cei: 36.36,
        }],
      });
    });

    it('counts entries by effective date at the period edges: the day before, the first, the last and the day after', async () => {
      const book = await createBookFixture(db, 'ten_kpi_edges');
      // Period 2026-04-01 … 2026-04-30. X is charged the day before, Y on the first day, Z on the last,
      // W the day after. Payments on X likewise: 1.00 before, 2.00 and 3.00 in, 4.00 after.
      await book.addInvoices([
        { id: 'inv_x', debtorId: 'dbt_1', currency: 'USD', issueDate: '2026-03-31', dueDate: '2026-04-29', amountMinor: 1_000n },
        { id: 'inv_y', debtorId: 'dbt_1', currency: 'USD', issueDate: '2026-04-01', dueDate: '2026-04-30', amountMinor: 20_000n },
        { id: 'inv_z', debtorId: 'dbt_1', currency: 'USD', issueDate: '2026-04-30', dueDate: '2026-05-30', amountMinor: 300_000n },
        { id: 'inv_w', debtorId: 'dbt_1', currency: 'USD', issueDate: '2026-05-01', dueDate: '2026-05-31', amountMinor: 4_000_000n },
      ]);
      await book.pay('inv_x', 100n, '2026-03-31');
      await book.pay('inv_x', 200n, '2026-04-01');
      await book.pay('inv_x', 300n, '2026-04-30');
      await book.pay('inv_x', 400n, '2026-05-01');
      const [usd] = (await kpis(book.tenantId, '2026-04-01', '2026-04-30')).currencies;
      expect(usd).toMatchObject({
        openingReceivablesMinor: 1_000n - 100n,
        creditSalesMinor: 20_000n + 300_000n,
        collectionsMinor: 200n + 300n,
        closingReceivablesMinor: 1_000n - 100n - 200n - 300n + 20_000n + 300_000n,
        // X was due 04-29: past due at the end. Y falls due on the last day: current. Z: current.
        pastDueCount: 1,
        pastDueMinor: 400n,
        closingCurrentMinor: 320_000n,
      });
    });

    it('counts interest and fees as sales, net of reversals in the period; credit notes, write-offs and adjustments are neither sales nor collections', async () => {
      const book = await createBookFixture(db, 'ten_kpi_kinds');
      await book.addInvoice({ id: 'inv_1', debtorId: 'dbt_1', currency: 'EUR', issueDate: '2026-03-01', dueDate: '2026-03-31', amountMinor: 100_000n });
      const target = book.target('inv_1');
      const [interest] = await book.post(
        buildInterest(target, 5_000n, '2026-04-02'),
        buildFee(target, 2_000n, '2026-04-03', 'late fee'),
        buildCreditNote(target, 10_000n, '2026-04-04', 'damaged goods'),
        buildWriteOff(target, 20_000n, '2026-04-05', 'settlement', 'principal'),
        buildAdjustment(target, 3_000n, '2026-04-06', 'correction'),
        buildAdjustment(target, -1_000n, '2026-04-07', 'correction'),
      );
      await book.reverse(interest!, '2026-04-08');
      await book.pay('inv_1', 30_000n, '2026-04-09');
      const [eur] = (await kpis(book.tenantId, '2026-04-01', '2026-04-30')).currencies;
      expect(eur).toMatchObject({
        openingReceivablesMinor: 100_000n,
        creditSalesMinor: 5_000n + 2_000n - 5_000n,
        collectionsMinor: 30_000n,
        closingReceivablesMinor: 100_000n + 5_000n + 2_000n - 10_000n - 20_000n + 3_000n - 1_000n - 5_000n - 30_000n,
      });
    });

    it('nets returned payments against collections in the period of the return, even for a payment made before it', async () => {
      const book = await createBookFixture(db, 'ten_kpi_returns');
      await book.addInvoice({ id: 'inv_1', debtorId: 'dbt_1', currency: 'USD', issueDate: '2026-02-01', dueDate: '2026-03-01', amountMinor: 100_000n });
      const march = await book.pay('inv_1', 30_000n, '2026-03-20');
      await book.reverse(march, '2026-04-05');
      await book.pay('inv_1', 50_000n, '2026-04-10');
      const [usd] = (await kpis(book.tenantId, '2026-04-01', '2026-04-30')).currencies;
      expect(usd).toMatchObject({ openingReceivablesMinor: 70_000n, collectionsMinor: 20_000n, closingReceivablesMinor: 50_000n, creditSalesMinor: 0n });
    });

    it('leaves ratios undefined (null, never NaN or Infinity) without credit sales, and when sales are reversed below zero', async () => {
      const book = await createBookFixture(db, 'ten_kpi_null');
      const [charge] = await book.addInvoices([
        { id: 'inv_1', debtorId: 'dbt_1', currency: 'USD', issueDate: '2026-03-01', dueDate: '2026-03-31', amountMinor: 40_000n },
        { id: 'inv_2', debtorId: 'dbt_1', currency: 'USD', issueDate: '2026-03-01', dueDate: '2026-03-31', amountMinor: 10_000n },
      ]);
      await book.pay('inv_2', 10_000n, '2026-04-10');
      const april = buildKpiReportJson(await kpis(book.tenantId, '2026-04-01', '2026-04-30')).currencies[0]!;
      // No sales in April: no DSO. CEI = (50,000 + 0 − 40,000) / (50,000 + 0 − 0) = 20 %.
      expect(april).toMatchObject({ creditSalesMinor: '0', dso: null, bestPossibleDso: null, averageDaysDelinquent: null, cei: 20 });
      await book.reverse(charge!, '2026-05-02');
      const may = buildKpiReportJson(await kpis(book.tenantId, '2026-05-01', '2026-05-31')).currencies[0]!;
      // The March charge reversed in May: May's sales are −400.00. Nothing is owed, nothing was collectible.
      expect(may).toMatchObject({ creditSalesMinor: '-40000', closingReceivablesMinor: '0', dso: null, bestPossibleDso: null, averageDaysDelinquent: null, cei: null });
      expect(JSON.stringify(may)).not.toMatch(/NaN|Infinity/);
    });

    it('keeps each currency apart', async () => {
      const book = await createBookFixture(db, 'ten_kpi_currencies');
      await book.addInvoices([
        { id: 'inv_usd', debtorId: 'dbt_1', currency: 'USD', issueDate: '2026-04-01', dueDate: '2026-05-01', amountMinor: 60_000n },
        { id: 'inv_jpy', debtorId: 'dbt_1', currency: 'JPY', issueDate: '2026-04-01', dueDate: '2026-04-10', amountMinor: 9_000n },
      ]);
      await book.pay('inv_jpy', 3_000n, '2026-04-15');
      const report = await kpis(book.tenantId, '2026-04-01', '2026-04-30');
      expect(report.currencies.map((row) => [row.currency, row.creditSalesMinor, row.collectionsMinor, row.closingReceivablesMinor, row.pastDueMinor, row.dso])).toEqual([
        // JPY: 6,000 / 9,000 × 30 = 20.00 days; USD: 60,000 / 60,000 × 30 = 30.00 days.
        ['JPY', 9_000n, 3_000n, 6_000n, 6_000n, '20.00'],
        ['USD', 60_000n, 0n, 60_000n, 0n, '30.00'],
      ]);
    });
  });

  describe('on random books', () => {
    // Books drawn with a fixed seed: invoices in three currencies over three debtors, then payments
    // (some beyond the balance), interest, fees, credit notes, write-offs, adjustments, receivable
    // entries without an invoice, and reversals of any of them, on dates spread over 2026.
    type Operation = { type: 'pay' | 'interest' | 'fee' | 'creditNote' | 'writeOff' | 'adjustUp' | 'adjustDown' | 'unassigned' | 'reverse'; pick: number; amount: bigint; days: number };
    const invoicePlan = fc.record({
      debtor: fc.integer({ min: 1, max: 3 }),
      currency: fc.constantFrom('USD', 'EUR', 'JPY'),
      issueDay: fc.integer({ min: 0, max: 200 }),
      termDays: fc.integer({ min: 0, max: 90 }),
      amount: fc.bigInt({ min: 1n, max: 500_000n }),
    });
    const operation: fc.Arbitrary<Operation> = fc.record({
      type: fc.constantFrom('pay', 'pay', 'pay', 'interest', 'fee', 'creditNote', 'writeOff', 'adjustUp', 'adjustDown', 'unassigned', 'reverse', 'reverse'),
      pick: fc.nat(),
      amount: fc.bigInt({ min: 1n, max: 300_000n }),
      days: fc.integer({ min: 0, max: 150 }),
    });
    const bookPlan = fc.record({ invoices: fc.array(invoicePlan, { minLength: 1, maxLength: 40 }), operations: fc.array(operation, { maxLength: 120 }) });
    const plans = fc.sample(bookPlan, { numRuns: 4, seed: 20_261_124 });
    const books: BookFixture[] = [];

    beforeAll(async () => {
      for (const [index, plan] of plans.entries()) {
        const book = await createBookFixture(db, `ten_random_${index}`);
        await book.addInvoices(plan.invoices.map((invoice, k) => {
          const issueDate = computeDateAfterDays('2026-01-01', invoice.issueDay);
          return { id: `inv_${k}`, debtorId: `dbt_${invoice.debtor}`, currency: invoice.currency, issueDate, dueDate: computeDateAfterDays(issueDate, invoice.termDays), amountMinor: invoice.amount };
        }));
        const drafts: LedgerEntry[] = [];
        const posted = () => [...book.entries, ...drafts];
        const reversed = new Set<string>();
        for (const op of plan.operations) {
          const invoiceIds = [...book.invoices.keys()];
          const invoice = book.invoices.get(invoiceIds[op.pick % invoiceIds.length]!)!;
          const target = book.target(invoice.id);
          const date = computeDateAfterDays(invoice.issueDate, op.days);
          let draft: LedgerEntryDraft;
          switch (op.type) {
            case 'pay': draft = buildPaymentApplication(target, op.amount, date, `pay_${drafts.length}`, 'principal'); break;
            case 'interest': draft = buildInterest(target, op.amount / 10n + 1n, date); break;
            case 'fee': draft = buildFee(target, op.amount / 20n + 1n, date, 'fee'); break;
            case 'creditNote': draft = buildCreditNote(target, op.amount, date, 'credit'); break;
            case 'writeOff': draft = buildWriteOff(target, op.amount, date, 'write-off'); break;
            case 'adjustUp': draft = buildAdjustment(target, op.amount, date, 'correction'); break;
            case 'adjustDown': draft = buildAdjustment(target, -op.amount, date, 'correction'); break;
            case 'unassigned': draft = buildFee(await book.targetWithoutInvoice(invoice.debtorId, invoice.currency), op.amount, date, 'account fee'); break;
            case 'reverse': {
              const candidates = posted().filter((entry) => entry.kind !== 'reversal' && !reversed.has(entry.id));
              if (candidates.length === 0) continue;
              const original = candidates[op.pick % candidates.length]!;
              reversed.add(original.id);
              draft = buildReversal(original, computeDateAfterDays(original.effectiveDate, op.days % 40), 'correction');
              break;
            }
          }
          drafts.push({ ...draft, id: `le_${book.entries.length + drafts.length + 1}` });
        }
        await book.post(...drafts);
        books.push(book);
      }
    });

    /** The aging computed in plain JS from the fixture's own record of the ledger. */
    function referenceAging(book: BookFixture, asOf: string): AgingRow[] {
      const balances = new Map<string, bigint>();
      const unassigned = new Map<string, bigint>();
      for (const entry of book.entries) {
        const effect = effectOn(entry, 'receivable');
        if (entry.effectiveDate > asOf || effect === 0n) continue;
        if (entry.invoiceId === null) unassigned.set(entry.currency, (unassigned.get(entry.currency) ?? 0n) + effect);
        else balances.set(entry.invoiceId, (balances.get(entry.invoiceId) ?? 0n) + effect);
      }
      const rows = new Map<string, AgingRow>();
      const row = (currency: string) => rows.get(currency) ?? rows.set(currency, {
        currency, debtor: null, buckets: buckets(), invoiceCounts: counts(), totalMinor: 0n, openInvoices: 0,
        creditsMinor: 0n, creditInvoices: 0, unassignedMinor: 0n, netMinor: 0n,
      }).get(currency)!;
      for (const [invoiceId, balance] of balances) {
        const invoice = book.invoices.get(invoiceId)!;
        if (balance > 0n) {
          const target = row(invoice.currency);
          const bucket = computeAgingBucket(computeDaysPastDue(asOf, invoice.dueDate));
          target.buckets[bucket] += balance;
          target.invoiceCounts[bucket] += 1;
          target.totalMinor += balance;
          target.openInvoices += 1;
        } else if (balance < 0n) {
          row(invoice.currency).creditsMinor += balance;
          row(invoice.currency).creditInvoices += 1;
        }
      }
      for (const [currency, amount] of unassigned) if (amount !== 0n) row(currency).unassignedMinor += amount;
      for (const target of rows.values()) target.netMinor = target.totalMinor + target.creditsMinor + target.unassignedMinor;
      return [...rows.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1));
    }

    /** The KPI figures computed in plain JS from the fixture's record, the aging at `to` for what is current. */
    function referenceKpiFigures(book: BookFixture, from: string, to: string): Map<string, KpiFigures> {
      const byId = new Map(book.entries.map((entry) => [entry.id, entry]));
      const figures = new Map<string, KpiFigures>();
      const of = (currency: string) => figures.get(currency) ?? figures.set(currency, {
        creditSalesMinor: 0n, collectionsMinor: 0n, openingReceivablesMinor: 0n, closingReceivablesMinor: 0n,
        closingCurrentMinor: 0n, pastDueMinor: 0n, pastDueCount: 0,
      }).get(currency)!;
      for (const entry of book.entries) {
        const effect = effectOn(entry, 'receivable');
        if (entry.effectiveDate > to || effect === 0n) continue;
        const target = of(entry.currency);
        target.closingReceivablesMinor += effect;
        if (entry.effectiveDate < from) {
          target.openingReceivablesMinor += effect;
          continue;
        }
        const kind = entry.kind === 'reversal' ? byId.get(entry.reversesEntryId!)!.kind : entry.kind;
        if (kind === 'charge' || kind === 'interest' || kind === 'fee') target.creditSalesMinor += effect;
        if (kind === 'payment') target.collectionsMinor -= effect;
      }
      for (const row of referenceAging(book, to)) {
        const target = of(row.currency);
        target.closingCurrentMinor = row.buckets.current;
        target.pastDueMinor = row.totalMinor - row.buckets.current;
        target.pastDueCount = row.openInvoices - row.invoiceCounts.current;
      }
      return figures;
    }

    const asOfDates = ['2026-01-01', '2026-02-15', '2026-04-30', '2026-07-19', '2026-12-31', '9999-12-31'];

    it('the aging agrees with a reference model computed from the same ledger entries, at any as-of date', async () => {
      const all: AgingRow[] = [];
      for (const book of books) {
        for (const asOf of asOfDates) {
          const { rows } = await aging(book.tenantId, asOf);
          expect(rows, `${book.tenantId} as of ${asOf}`).toEqual(referenceAging(book, asOf));
          all.push(...rows);
        }
      }
      // The books are not trivial: credits, unassigned entries and every bucket do occur.
      expect(all.some((row) => row.creditInvoices > 0)).toBe(true);
      expect(all.some((row) => row.unassignedMinor !== 0n)).toBe(true);
      for (const label of agingBucketLabels) expect(all.some((row) => row.invoiceCounts[label] > 0), label).toBe(true);
    });

    it('as of a date far in the future, the aging totals equal the invoice_balance view and the net equals account_balance', async () => {
      for (const book of books) {
        const { rows } = await aging(book.tenantId, '9999-12-31');
        const invoices = await db.query<{ currency: string; open_minor: string; credit_minor: string }>(
          `SELECT currency, SUM(balance_minor) FILTER (WHERE balance_minor > 0)::text AS open_minor,
                  SUM(balance_minor) FILTER (WHERE balance_minor < 0)::text AS credit_minor
           FROM invoice_balance WHERE tenant_id = $1 GROUP BY currency ORDER BY currency`, [book.tenantId]);
        const accounts = await db.query<{ currency: string; receivable_minor: string }>(
          `SELECT currency, SUM(receivable_minor)::text AS receivable_minor FROM account_balance WHERE tenant_id = $1 GROUP BY currency ORDER BY currency`, [book.tenantId]);
        expect(rows.map((row) => [row.currency, row.totalMinor, row.creditsMinor])).toEqual(
          invoices.rows.map((row) => [row.currency, BigInt(row.open_minor ?? '0'), BigInt(row.credit_minor ?? '0')]));
        expect(rows.map((row) => [row.currency, row.netMinor])).toEqual(accounts.rows.map((row) => [row.currency, BigInt(row.receivable_minor)]));
      }
    });

    it('the hand-written SQL of the benchmark baseline gives the same buckets and counts', async () => {
      for (const book of books) {
        for (const asOf of asOfDates) {
          const { rows } = await aging(book.tenantId, asOf);
          const hand = await db.query<Record<string, string | bigint>>(handWrittenAgingSql, [book.tenantId, asOf]);
          expect(hand.rows.map((row) => [row.currency, [row.current_minor, row.days_1_30_minor, row.days_31_60_minor, row.days_61_90_minor, row.days_91_120_minor, row.days_121_plus_minor].map(String), Number(row.open_invoices)]))
            .toEqual(rows.filter((row) => row.openInvoices > 0).map((row) => [row.currency, agingBucketLabels.map((label) => row.buckets[label].toString()), row.openInvoices]));
        }
      }
    });

    it('by debtor, the rows add up to the rows by currency', async () => {
      for (const book of books) {
        for (const asOf of ['2026-04-30', '9999-12-31']) {
          const byDebtor = await aging(book.tenantId, asOf, 'debtor');
          expect(computeAgingTotals(byDebtor.rows)).toEqual((await aging(book.tenantId, asOf)).rows);
          expect(byDebtor.rows.every((row) => row.debtor !== null && row.debtor.name === `Debtor ${row.debtor.id}`)).toBe(true);
        }
      }
    });

    it('the KPIs agree with a reference model computed from the same ledger entries, for any period', async () => {
      const periods: Array<[string, string]> = [['2026-01-01', '2026-01-31'], ['2026-02-01', '2026-06-30'], ['2026-03-15', '2026-03-15'], ['2026-01-01', '2026-12-31']];
      for (const book of books) {
        for (const [from, to] of periods) {
          const days = computeDaysInPeriod(from, to);
          const expected = [...referenceKpiFigures(book, from, to)]
            .filter(([, figures]) => Object.values(figures).some((value) => value !== 0n && value !== 0))
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([currency, figures]) => ({ currency, ...computeKpis(figures, days) }));
          const report = await kpis(book.tenantId, from, to);
          expect(report).toEqual({ from, to, days, currencies: expected });
        }
      }
    });
  });
});
