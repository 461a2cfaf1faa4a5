import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openTestDatabase, testEngine, type TestDatabase } from './support/test-database.ts';
import { ensureTenant } from '../src/app/book/ensure-tenant.ts';
import { postPayment, type PostPaymentInput } from '../src/app/payments/post-payment.ts';
import { insertLedgerEntries } from '../src/adapters/db/ledger-repository.ts';
import { verifyAuditChain } from '../src/adapters/db/audit-log.ts';
import { buildCharge, buildFee, buildReversal, buildWriteOff, type LedgerEntry } from '../src/domain/ledger/ledger-entry.ts';
import { computeBalances } from '../src/domain/ledger/compute-balances.ts';

let db: TestDatabase;
let tenantSeq = 0;

/** A tenant with one debtor (ref D1) and invoices I1..In, each charged `amounts[i]`, due a month apart. */
async function book(amounts: bigint[], options: { disputed?: number[] } = {}) {
  const tenantId = `ten_pay_${++tenantSeq}`;
  await ensureTenant(db, tenantId);
  await db.query(`INSERT INTO debtor (tenant_id, id, external_ref, kind, debt_purpose, name) VALUES ($1, 'dbt_1', 'D1', 'person', 'consumer', 'Dana')`, [tenantId]);
  await db.query(`INSERT INTO account (tenant_id, id, creditor_id, debtor_id, external_ref, currency) VALUES ($1, 'acct_1', $2, 'dbt_1', 'D1', 'USD')`, [tenantId, `cred_${tenantId}`]);
  await db.transaction(async (tx) => {
    for (const [i, amount] of amounts.entries()) {
      const month = String(i + 1).padStart(2, '0');
      await tx.query(`INSERT INTO invoice (tenant_id, id, creditor_id, account_id, debtor_id, invoice_number, issue_date, due_date, currency, amount_minor, disputed)
        VALUES ($1, $2, $3, 'acct_1', 'dbt_1', $4, $5, $6, 'USD', $7, $8)`,
        [tenantId, `inv_${i + 1}`, `cred_${tenantId}`, `I${i + 1}`, `2026-${month}-01`, `2026-${month}-28`, amount, options.disputed?.includes(i + 1) ?? false]);
      await insertLedgerEntries(tx, tenantId, [buildCharge({ accountId: 'acct_1', debtorId: 'dbt_1', invoiceId: `inv_${i + 1}`, currency: 'USD' }, amount, `2026-${month}-01`)], { occurredAt: new Date(), source: 'test' });
    }
  });
  return tenantId;
}

const input = (tenantId: string, extra: Partial<PostPaymentInput>): PostPaymentInput => ({
  tenantId, actor: 'specialist:7', debtor: 'D1', amountMinor: 1000n, currency: 'USD', receivedOn: '2026-06-15', method: 'ach',
  reference: null, idempotencyKey: 'k1', now: new Date('2026-06-15T15:00:00Z'), ...extra,
});

async function invoiceBalances(tenantId: string) {
  const { rows } = await db.query<{ invoice_id: string; balance_minor: bigint }>(`SELECT invoice_id, balance_minor FROM invoice_balance WHERE tenant_id = $1 ORDER BY invoice_id`, [tenantId]);
  return Object.fromEntries(rows.map((r) => [r.invoice_id, r.balance_minor]));
}

describe(`payments on ${testEngine}`, () => {
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db.dispose());

  it('allocates to the oldest open invoice first and holds an overpayment as credit', async () => {
    const tenantId = await book([5000n, 3000n]);
    const result = await postPayment(db, input(tenantId, { amountMinor: 9000n }));
    expect(result.ok && result.value).toMatchObject({
      allocations: [
        { invoiceNumber: 'I1', component: 'principal', amountMinor: '5000' },
        { invoiceNumber: 'I2', component: 'principal', amountMinor: '3000' },
      ],
      creditBalanceMinor: '1000', replayed: false,
    });
    expect(await invoiceBalances(tenantId)).toEqual({ inv_1: 0n, inv_2: 0n });
    const { rows } = await db.query<{ credit_balance_minor: bigint }>(`SELECT credit_balance_minor FROM debtor_balance WHERE tenant_id = $1`, [tenantId]);
    expect(rows[0]!.credit_balance_minor).toBe(1000n);
  });

  it('a partial payment pays the fee before the principal', async () => {
    const tenantId = await book([5000n]);
    await db.transaction((tx) => insertLedgerEntries(tx, tenantId, [buildFee({ accountId: 'acct_1', debtorId: 'dbt_1', invoiceId: 'inv_1', currency: 'USD' }, 2500n, '2026-02-10', 'late fee')], { occurredAt: new Date(), source: 'test' }));
    const result = await postPayment(db, input(tenantId, { amountMinor: 3000n }));
    expect(result.ok && result.value.allocations).toEqual([
      { invoiceId: 'inv_1', invoiceNumber: 'I1', component: 'fee', amountMinor: '2500' },
      { invoiceId: 'inv_1', invoiceNumber: 'I1', component: 'principal', amountMinor: '500' },
    ]);
    expect(await invoiceBalances(tenantId)).toEqual({ inv_1: 4500n });
  });

  it('skips an invoice under dispute', async () => {
    const tenantId = await book([5000n, 3000n], { disputed: [1] });
    const result = await postPayment(db, input(tenantId, { amountMinor: 1000n }));
    expect(result.ok && result.value.allocations.map((a) => a.invoiceNumber)).toEqual(['I2']);
  });

  it('the same idempotency key and input returns the first result; other input is refused', async () => {
    const tenantId = await book([5000n]);
    const first = await postPayment(db, input(tenantId, { amountMinor: 1200n }));
    const again = await postPayment(db, input(tenantId, { amountMinor: 1200n }));
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.value).toEqual({ ...first.value, replayed: true });
    const other = await postPayment(db, input(tenantId, { amountMinor: 1300n }));
    expect(other).toMatchObject({ ok: false, code: 'idempotency_key_reused', field: 'idempotencyKey' });
    expect(await invoiceBalances(tenantId)).toEqual({ inv_1: 3800n });
    const { rows } = await db.query<{ n: bigint }>(`SELECT count(*) AS n FROM payment WHERE tenant_id = $1`, [tenantId]);
    expect(rows[0]!.n).toBe(1n);
  });

  it('concurrent retries with one key post once', async () => {
    const tenantId = await book([5000n]);
    const results = await Promise.all(Array.from({ length: 5 }, () => postPayment(db, input(tenantId, { amountMinor: 700n, idempotencyKey: 'race' }))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.ok && !r.value.replayed)).toHaveLength(1);
    expect(await invoiceBalances(tenantId)).toEqual({ inv_1: 4300n });
  });

  it('names the problem for an unknown debtor or a currency the debtor has no account in', async () => {
    const tenantId = await book([5000n]);
    expect(await postPayment(db, input(tenantId, { debtor: 'NOPE' }))).toMatchObject({ ok: false, code: 'debtor_not_found', field: 'debtor' });
    expect(await postPayment(db, input(tenantId, { currency: 'EUR', idempotencyKey: 'k2' }))).toMatchObject({ ok: false, code: 'no_account_in_currency' });
  });

  it('database balances equal the reference model through random payments, reversals and write-offs', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.bigInt({ min: 1n, max: 100_000n }), { minLength: 1, maxLength: 4 }),
      fc.array(fc.oneof(
        fc.record({ type: fc.constant('payment' as const), amount: fc.bigInt({ min: 1n, max: 120_000n }) }),
        fc.record({ type: fc.constant('reverse' as const), pick: fc.nat() }),
        fc.record({ type: fc.constant('writeOff' as const), invoice: fc.nat() }),
      ), { maxLength: 8 }),
      async (charges, operations) => {
        const tenantId = await book(charges);
        let key = 0;
        for (const op of operations) {
          if (op.type === 'payment') {
            const result = await postPayment(db, input(tenantId, { amountMinor: op.amount, idempotencyKey: `p${key++}` }));
            expect(result.ok).toBe(true);
          } else {
            const entries = await loadEntries(tenantId);
            const reversed = new Set(entries.map((e) => e.reversesEntryId));
            if (op.type === 'reverse') {
              const candidates = entries.filter((e) => e.kind === 'payment' && !reversed.has(e.id));
              if (candidates.length === 0) continue;
              const original = candidates[op.pick % candidates.length]!;
              await db.transaction((tx) => insertLedgerEntries(tx, tenantId, [buildReversal(original, '2026-07-01', 'returned')], { occurredAt: new Date(), source: 'test' }));
            } else {
              const balances = computeBalances(entries);
              const invoice = `inv_${(op.invoice % charges.length) + 1}`;
              const open = balances.invoices.get(invoice)?.byComponent.principal ?? 0n;
              if (open <= 0n) continue;
              await db.transaction((tx) => insertLedgerEntries(tx, tenantId, [buildWriteOff({ accountId: 'acct_1', debtorId: 'dbt_1', invoiceId: invoice, currency: 'USD' }, open, '2026-08-01', 'uncollectible')], { occurredAt: new Date(), source: 'test' }));
            }
          }
        }
        // The SQL projections equal the pure reference computed from the same rows.
        const model = computeBalances(await loadEntries(tenantId));
        const invoices = await invoiceBalances(tenantId);
        for (const [id, balance] of Object.entries(invoices)) expect(balance, id).toBe(model.invoices.get(id)?.totalMinor ?? 0n);
        const { rows } = await db.query<{ receivable_minor: bigint; credit_balance_minor: bigint }>(`SELECT receivable_minor, credit_balance_minor FROM debtor_balance WHERE tenant_id = $1`, [tenantId]);
        expect(rows[0]!.receivable_minor).toBe(model.debtors.get('dbt_1|USD'));
        expect(rows[0]!.credit_balance_minor).toBe(model.creditBalances.get('dbt_1|USD') ?? 0n);
        // No money appears or vanishes: cash in = payments posted − reversed.
        expect([...model.trialBalance.values()].reduce((a, b) => a + b, 0n)).toBe(0n);
        expect(await verifyAuditChain(db, tenantId)).toMatchObject({ ok: true });
      },
    ), { numRuns: 15 });
  });
});

async function loadEntries(tenantId: string): Promise<LedgerEntry[]> {
  const { rows } = await db.query<Record<string, unknown>>(`SELECT * FROM ledger_entry WHERE tenant_id = $1 ORDER BY seq`, [tenantId]);
  return rows.map((r) => ({
    id: r.id as string, kind: r.kind as LedgerEntry['kind'], debitAccount: r.debit_account as LedgerEntry['debitAccount'],
    creditAccount: r.credit_account as LedgerEntry['creditAccount'], amountMinor: r.amount_minor as bigint, currency: (r.currency as string).trim(),
    accountId: r.account_id as string, debtorId: r.debtor_id as string, invoiceId: r.invoice_id as string | null, paymentId: r.payment_id as string | null,
    component: r.component as LedgerEntry['component'], reversesEntryId: r.reverses_entry_id as string | null, effectiveDate: r.effective_date as string, reason: r.reason as string | null,
  }));
}
