import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocatePayment, defaultAllocationPolicy, type OpenItem } from './allocate-payment.ts';
import { computeBalances } from './compute-balances.ts';
import {
  buildCharge, buildCreditBalance, buildFee, buildInterest, buildPaymentApplication, buildReversal, buildWriteOff,
  type LedgerEntry, type LedgerEntryDraft,
} from './ledger-entry.ts';

const invoices = ['inv_a', 'inv_b', 'inv_c'] as const;
const target = (invoiceId: string) => ({ accountId: 'acct_1', debtorId: 'dbt_1', invoiceId, currency: 'USD' });

type Operation =
  | { type: 'charge'; invoice: number; amount: bigint; day: number }
  | { type: 'interest'; invoice: number; amount: bigint; day: number }
  | { type: 'fee'; invoice: number; amount: bigint; day: number }
  | { type: 'payment'; amount: bigint; day: number }
  | { type: 'reversal'; pick: number; day: number }
  | { type: 'writeOff'; invoice: number; day: number };

const amount = fc.bigInt({ min: 1n, max: 500_000n });
const day = fc.integer({ min: 1, max: 28 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ type: fc.constant('charge' as const), invoice: fc.integer({ min: 0, max: 2 }), amount, day }),
  fc.record({ type: fc.constant('interest' as const), invoice: fc.integer({ min: 0, max: 2 }), amount, day }),
  fc.record({ type: fc.constant('fee' as const), invoice: fc.integer({ min: 0, max: 2 }), amount, day }),
  fc.record({ type: fc.constant('payment' as const), amount, day }),
  fc.record({ type: fc.constant('reversal' as const), pick: fc.nat(), day }),
  fc.record({ type: fc.constant('writeOff' as const), invoice: fc.integer({ min: 0, max: 2 }), day }),
);

/** The reference model: plain numbers per invoice and a few totals, updated by the obvious arithmetic. */
type Model = { owed: Map<string, bigint>; held: bigint; cashIn: bigint; writtenOff: bigint };

function replay(operations: Operation[]) {
  const model: Model = { owed: new Map(invoices.map((id) => [id, 0n])), held: 0n, cashIn: 0n, writtenOff: 0n };
  const ledger: LedgerEntry[] = [];
  const post = (draft: LedgerEntryDraft) => ledger.push({ ...draft, id: `le_${ledger.length}` });
  const date = (d: number) => `2026-01-${String(d).padStart(2, '0')}`;
  const open = (): OpenItem[] =>
    [...computeBalances(ledger).invoices.values()].map((balance) => ({
      invoiceId: balance.invoiceId, accountId: 'acct_1', dueDate: '2026-02-01', issueDate: '2026-01-01', invoiceNumber: balance.invoiceId, open: balance.byComponent,
    }));
  for (const op of operations) {
    switch (op.type) {
      case 'charge':
      case 'interest':
      case 'fee': {
        const id = invoices[op.invoice]!;
        const build = op.type === 'charge' ? buildCharge(target(id), op.amount, date(op.day))
          : op.type === 'interest' ? buildInterest(target(id), op.amount, date(op.day))
          : buildFee(target(id), op.amount, date(op.day), 'late fee');
        post(build);
        model.owed.set(id, model.owed.get(id)! + op.amount);
        break;
      }
      case 'payment': {
        const paymentId = `pay_${ledger.length}`;
        const { allocations, unappliedMinor } = allocatePayment(op.amount, open(), defaultAllocationPolicy);
        for (const allocation of allocations) {
          post(buildPaymentApplication(target(allocation.invoiceId), allocation.amountMinor, date(op.day), paymentId, allocation.component));
          model.owed.set(allocation.invoiceId, model.owed.get(allocation.invoiceId)! - allocation.amountMinor);
        }
        if (unappliedMinor > 0n) post(buildCreditBalance(target('inv_a'), unappliedMinor, date(op.day), paymentId));
        model.held += unappliedMinor;
        model.cashIn += op.amount;
        break;
      }
      case 'reversal': {
        const reversed = new Set(ledger.map((entry) => entry.reversesEntryId));
        const candidates = ledger.filter((entry) => entry.kind !== 'reversal' && !reversed.has(entry.id));
        if (candidates.length === 0) break;
        const original = candidates[op.pick % candidates.length]!;
        post(buildReversal(original, date(op.day), 'correction'));
        if (original.invoiceId !== null && (original.debitAccount === 'receivable' || original.creditAccount === 'receivable')) {
          const sign = original.debitAccount === 'receivable' ? -1n : 1n;
          model.owed.set(original.invoiceId, model.owed.get(original.invoiceId)! + sign * original.amountMinor);
        }
        if (original.creditAccount === 'credit_balance') model.held -= original.amountMinor;
        if (original.debitAccount === 'cash') model.cashIn -= original.amountMinor;
        if (original.kind === 'write_off') model.writtenOff -= original.amountMinor;
        break;
      }
      case 'writeOff': {
        const id = invoices[op.invoice]!;
        const balance = computeBalances(ledger).invoices.get(id);
        if (balance === undefined) break;
        for (const component of ['fee', 'interest', 'principal'] as const) {
          const owed = balance.byComponent[component];
          if (owed > 0n) {
            post(buildWriteOff(target(id), owed, date(op.day), 'uncollectible', component));
            model.owed.set(id, model.owed.get(id)! - owed);
            model.writtenOff += owed;
          }
        }
        break;
      }
    }
  }
  return { model, ledger };
}

describe('ledger', () => {
  it('balances always equal a reference model, and no money appears or vanishes', () => {
    fc.assert(fc.property(fc.array(operation, { maxLength: 60 }), (operations) => {
      const { model, ledger } = replay(operations);
      const balances = computeBalances(ledger);
      for (const id of invoices) expect(balances.invoices.get(id)?.totalMinor ?? 0n).toBe(model.owed.get(id));
      const totalOwed = [...model.owed.values()].reduce((a, b) => a + b, 0n);
      expect(balances.debtors.get('dbt_1|USD') ?? 0n).toBe(totalOwed);
      expect(balances.accounts.get('acct_1|USD') ?? 0n).toBe(totalOwed);
      expect(balances.creditBalances.get('dbt_1|USD') ?? 0n).toBe(model.held);
      expect(balances.trialBalance.get('cash|USD') ?? 0n).toBe(model.cashIn);
      expect(balances.trialBalance.get('bad_debt|USD') ?? 0n).toBe(model.writtenOff);
      // Double entry: every ledger account's balances sum to zero.
      const sum = [...balances.trialBalance.values()].reduce((a, b) => a + b, 0n);
      expect(sum).toBe(0n);
    }), { numRuns: 300 });
  });

  it('a payment never takes more than is open, and what is left over is held as credit', () => {
    fc.assert(fc.property(fc.array(fc.bigInt({ min: 0n, max: 10_000n }), { minLength: 1, maxLength: 9 }), amount, (opens, paid) => {
      const items: OpenItem[] = opens.map((open, i) => ({
        invoiceId: `inv_${i}`, accountId: 'acct_1', dueDate: `2026-01-0${i + 1}`, issueDate: '2025-12-01', invoiceNumber: String(i),
        open: { principal: open, interest: open / 10n, fee: open / 100n },
      }));
      const { allocations, unappliedMinor } = allocatePayment(paid, items);
      const applied = allocations.reduce((a, b) => a + b.amountMinor, 0n);
      expect(applied + unappliedMinor).toBe(paid);
      for (const allocation of allocations) {
        const item = items.find((i) => i.invoiceId === allocation.invoiceId)!;
        expect(allocation.amountMinor).toBeLessThanOrEqual(item.open[allocation.component]);
      }
      const totalOpen = items.reduce((a, i) => a + i.open.principal + i.open.interest + i.open.fee, 0n);
      expect(unappliedMinor).toBe(paid > totalOpen ? paid - totalOpen : 0n);
    }));
  });

  it('pays the oldest invoice first, fees then interest then principal by default', () => {
    const items: OpenItem[] = [
      { invoiceId: 'new', accountId: 'a', dueDate: '2026-03-01', issueDate: '2026-02-01', invoiceNumber: '2', open: { principal: 1000n, interest: 0n, fee: 0n } },
      { invoiceId: 'old', accountId: 'a', dueDate: '2026-01-01', issueDate: '2025-12-01', invoiceNumber: '1', open: { principal: 1000n, interest: 50n, fee: 25n } },
    ];
    expect(allocatePayment(1100n, items).allocations).toEqual([
      { invoiceId: 'old', accountId: 'a', component: 'fee', amountMinor: 25n },
      { invoiceId: 'old', accountId: 'a', component: 'interest', amountMinor: 50n },
      { invoiceId: 'old', accountId: 'a', component: 'principal', amountMinor: 1000n },
      { invoiceId: 'new', accountId: 'a', component: 'principal', amountMinor: 25n },
    ]);
  });

  it('follows a policy that pays every fee before any principal', () => {
    const items: OpenItem[] = [
      { invoiceId: 'old', accountId: 'a', dueDate: '2026-01-01', issueDate: '2025-12-01', invoiceNumber: '1', open: { principal: 1000n, interest: 0n, fee: 0n } },
      { invoiceId: 'new', accountId: 'a', dueDate: '2026-03-01', issueDate: '2026-02-01', invoiceNumber: '2', open: { principal: 1000n, interest: 0n, fee: 30n } },
    ];
    const { allocations } = allocatePayment(100n, items, { invoiceOrder: 'oldest_due_first', componentOrder: ['fee', 'interest', 'principal'], scope: 'across_invoices' });
    expect(allocations).toEqual([
      { invoiceId: 'new', accountId: 'a', component: 'fee', amountMinor: 30n },
      { invoiceId: 'old', accountId: 'a', component: 'principal', amountMinor: 70n },
    ]);
  });

  it('a reversal restores the balance the original entry changed and keeps the original', () => {
    const charge = { ...buildCharge(target('inv_a'), 5000n, '2026-01-01'), id: 'le_1' };
    const payment = { ...buildPaymentApplication(target('inv_a'), 2000n, '2026-01-05', 'pay_1', 'principal'), id: 'le_2' };
    const reversal = { ...buildReversal(payment, '2026-01-09', 'returned payment R01'), id: 'le_3' };
    expect(computeBalances([charge, payment]).invoices.get('inv_a')!.totalMinor).toBe(3000n);
    expect(computeBalances([charge, payment, reversal]).invoices.get('inv_a')!.totalMinor).toBe(5000n);
    expect(computeBalances([charge, payment, reversal], '2026-01-08').invoices.get('inv_a')!.totalMinor).toBe(3000n);
    expect(reversal).toMatchObject({ kind: 'reversal', reversesEntryId: 'le_2', debitAccount: 'receivable', creditAccount: 'cash' });
  });
});

describe('allocation and disputes', () => {
  it('leaves invoices under dispute alone unless the policy says otherwise', () => {
    const items: OpenItem[] = [
      { invoiceId: 'disputed', accountId: 'a', dueDate: '2026-01-01', issueDate: '2025-12-01', invoiceNumber: '1', open: { principal: 500n, interest: 0n, fee: 0n }, disputed: true },
      { invoiceId: 'clean', accountId: 'a', dueDate: '2026-02-01', issueDate: '2026-01-01', invoiceNumber: '2', open: { principal: 500n, interest: 0n, fee: 0n } },
    ];
    expect(allocatePayment(700n, items)).toEqual({ allocations: [{ invoiceId: 'clean', accountId: 'a', component: 'principal', amountMinor: 500n }], unappliedMinor: 200n });
    expect(allocatePayment(700n, items, { ...defaultAllocationPolicy, disputedInvoices: 'include' }).allocations[0]!.invoiceId).toBe('disputed');
  });
});
