import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testEngine, type TestDatabase } from './support/test-database.ts';
import { createBookFixture } from './support/book-fixtures.ts';
import { postPayment } from '../src/app/payments/post-payment.ts';
import { reversePayment } from '../src/app/payments/reverse-payment.ts';
import { recordPromise } from '../src/app/negotiation/record-promise.ts';
import { evaluatePromises } from '../src/app/negotiation/evaluate-promises.ts';
import { listPromises, loadPromiseStatistics } from '../src/app/negotiation/list-promises.ts';
import { activatePlan, createPlan } from '../src/app/negotiation/create-plan.ts';
import { evaluatePlans } from '../src/app/negotiation/evaluate-plans.ts';
import { approveSettlement, proposeSettlement } from '../src/app/negotiation/settle-account.ts';
import { setNegotiationPolicy } from '../src/app/negotiation/negotiation-policy-store.ts';
import { verifyAuditChain } from '../src/adapters/db/audit-log.ts';

let db: TestDatabase;
let tenantCount = 0;
const now = new Date('2026-03-01T12:00:00Z');

/** A tenant with debtor D1 (account acct_dbt_1_USD) owing two invoices: 600.00 and 400.00. */
async function book() {
  const tenantId = `ten_neg_${++tenantCount}`;
  const fixture = await createBookFixture(db, tenantId);
  await fixture.addInvoices([
    { id: 'inv_a', debtorId: 'dbt_1', currency: 'USD', issueDate: '2026-01-01', dueDate: '2026-01-31', amountMinor: 60000n },
    { id: 'inv_b', debtorId: 'dbt_1', currency: 'USD', issueDate: '2026-01-15', dueDate: '2026-02-14', amountMinor: 40000n },
  ]);
  return tenantId;
}

const pay = (tenantId: string, amountMinor: bigint, receivedOn: string, key: string) =>
  postPayment(db, { tenantId, actor: 'test', debtor: 'dbt_1', amountMinor, currency: 'USD', receivedOn, method: 'ach', reference: null, idempotencyKey: key, now });

async function events(tenantId: string, type: string) {
  const { rows } = await db.query<{ subject_id: string; payload: Record<string, unknown> }>(`SELECT subject_id, payload FROM audit_event WHERE tenant_id = $1 AND type = $2 ORDER BY seq`, [tenantId, type]);
  return rows;
}

async function accountReceivable(tenantId: string) {
  const { rows } = await db.query<{ receivable_minor: bigint }>(`SELECT receivable_minor FROM account_balance WHERE tenant_id = $1 AND account_id = 'acct_dbt_1_USD'`, [tenantId]);
  return rows[0]!.receivable_minor;
}

beforeAll(async () => { db = await openTestDatabase(); });
afterAll(async () => db.dispose());

describe(`promises to pay on ${testEngine}`, () => {
  const promise = (tenantId: string, extra: Partial<Parameters<typeof recordPromise>[1]> = {}) => recordPromise(db, {
    tenantId, actor: 'user:ana', account: 'dbt_1', amountMinor: 10000n, currency: 'USD', promisedOn: '2026-03-10', channel: 'call', asOf: '2026-03-01', idempotencyKey: 'p1', now, ...extra,
  });

  it('records a promise once per idempotency key and refuses the key for other input', async () => {
    const tenantId = await book();
    const first = await promise(tenantId);
    expect(first.ok && first.value).toMatchObject({ debtorId: 'dbt_1', accountId: 'acct_dbt_1_USD', graceDays: 3, status: 'pending', takenBy: 'user:ana', replayed: false });
    const again = await promise(tenantId);
    expect(again.ok && again.value.replayed).toBe(true);
    const other = await promise(tenantId, { amountMinor: 20000n });
    expect(other).toMatchObject({ ok: false, code: 'idempotency_key_reused', field: 'idempotencyKey' });
    expect(await listPromises(db, { tenantId })).toHaveLength(1);
    expect((await events(tenantId, 'promise.recorded'))[0]!.payload).toMatchObject({ debtorId: 'dbt_1', accountId: 'acct_dbt_1_USD', channel: 'call', amountMinor: '10000' });
  });

  it('is kept by a payment on the last day of grace, broken by none, partially kept by a part (grace boundary pairs)', async () => {
    const tenantId = await book();
    await setNegotiationPolicy(db, { tenantId, actor: 'admin', now, layer: { creditorId: '*', role: '*', promiseGraceDays: 2 } });
    // Kept: due 03-10, grace to 03-12, paid 03-12.
    const kept = await promise(tenantId, { idempotencyKey: 'k', promisedOn: '2026-03-10' });
    await pay(tenantId, 10000n, '2026-03-12', 'pay-k');
    // Still pending on the last day of grace, broken the day after.
    const broken = await promise(tenantId, { idempotencyKey: 'b', promisedOn: '2026-04-10', takenBy: 'user:ben' });
    const partial = await promise(tenantId, { idempotencyKey: 'p', promisedOn: '2026-05-10', amountMinor: 5000n });
    await pay(tenantId, 2000n, '2026-05-01', 'pay-p');
    const onLastDay = await evaluatePromises(db, { tenantId, actor: 'cycle', asOf: '2026-04-12', now });
    expect(onLastDay.kept.map((p) => p.promiseId)).toEqual([kept.ok && kept.value.promiseId]);
    expect(onLastDay.broken).toEqual([]);
    const dayAfter = await evaluatePromises(db, { tenantId, actor: 'cycle', asOf: '2026-04-13', now });
    expect(dayAfter.broken).toEqual([{ promiseId: broken.ok && broken.value.promiseId, debtorId: 'dbt_1', accountId: 'acct_dbt_1_USD', outcome: 'broken', cause: 'not_paid', resolvedOn: '2026-04-13' }]);
    const later = await evaluatePromises(db, { tenantId, actor: 'cycle', asOf: '2026-05-20', now });
    expect(later.broken.map((p) => [p.promiseId, p.outcome])).toEqual([[partial.ok && partial.value.promiseId, 'partially_kept']]);
    // Running again changes nothing.
    expect(await evaluatePromises(db, { tenantId, actor: 'cycle', asOf: '2026-05-20', now })).toMatchObject({ evaluated: 0, kept: [], broken: [] });
    const brokenEvents = await events(tenantId, 'promise.broken');
    expect(brokenEvents.map((event) => event.payload)).toEqual([
      expect.objectContaining({ debtorId: 'dbt_1', accountId: 'acct_dbt_1_USD', outcome: 'broken', paidMinor: '0' }),
      expect.objectContaining({ outcome: 'partially_kept', paidMinor: '2000', amountMinor: '5000' }),
    ]);
    const stats = await loadPromiseStatistics(db, { tenantId });
    expect(stats.overall).toMatchObject({ made: 3, kept: 1, broken: 1, partiallyKept: 1, keptRate: '0.3333' });
    expect(stats.bySpecialist.map((s) => [s.takenBy, s.made, s.keptRate])).toEqual([['user:ana', 2, '0.5000'], ['user:ben', 1, '0.0000']]);
  });

  it('a returned payment breaks the promise it had kept, reverses its entries and charges the fee the policy names', async () => {
    const tenantId = await book();
    await setNegotiationPolicy(db, { tenantId, actor: 'admin', now, layer: { creditorId: '*', role: '*', returnedPaymentFeeMinor: 2500n, returnedPaymentFeeCodes: ['R01'] } });
    await promise(tenantId);
    const payment = await pay(tenantId, 10000n, '2026-03-05', 'pay-1');
    const paymentId = payment.ok ? payment.value.paymentId : '';
    expect((await evaluatePromises(db, { tenantId, actor: 'cycle', asOf: '2026-03-06', now })).kept).toHaveLength(1);
    expect(await accountReceivable(tenantId)).toBe(90000n);
    const reversed = await reversePayment(db, { tenantId, actor: 'bank', paymentId, reason: 'Insufficient Funds', returnCode: 'R01', returnedOn: '2026-03-08', idempotencyKey: 'rev-1', now });
    expect(reversed.ok && reversed.value).toMatchObject({ feeMinor: '2500', promisesBroken: [expect.objectContaining({ outcome: 'broken', cause: 'returned_payment' })] });
    // 1,000.00 owed again, plus the 25.00 fee.
    expect(await accountReceivable(tenantId)).toBe(102500n);
    const again = await reversePayment(db, { tenantId, actor: 'bank', paymentId, reason: 'Insufficient Funds', returnCode: 'R01', returnedOn: '2026-03-08', idempotencyKey: 'rev-1', now });
    expect(again.ok && again.value.replayed).toBe(true);
    const otherKey = await reversePayment(db, { tenantId, actor: 'bank', paymentId, reason: 'again', returnedOn: '2026-03-08', idempotencyKey: 'rev-2', now });
    expect(otherKey).toMatchObject({ ok: false, code: 'already_reversed' });
    // R03 (no account) charges no fee under this policy.
    const second = await pay(tenantId, 5000n, '2026-03-09', 'pay-2');
    const noFee = await reversePayment(db, { tenantId, actor: 'bank', paymentId: second.ok ? second.value.paymentId : '', reason: 'No Account', returnCode: 'R03', returnedOn: '2026-03-10', idempotencyKey: 'rev-3', now });
    expect(noFee.ok && noFee.value.feeMinor).toBe('0');
    expect(await accountReceivable(tenantId)).toBe(102500n);
    expect((await events(tenantId, 'payment.reversed'))[0]!.payload).toMatchObject({ debtorId: 'dbt_1', accountId: 'acct_dbt_1_USD', returnCode: 'R01', feeMinor: '2500' });
    expect((await verifyAuditChain(db, tenantId)).ok).toBe(true);
  });
});

describe(`payment plans and settlements on ${testEngine}`, () => {

  const plan = (tenantId: string, extra: Partial<Parameters<typeof createPlan>[1]> = {}) => createPlan(db, {
    tenantId, actor: 'user:ana', role: 'specialist', account: 'dbt_1', currency: 'USD', installments: 4, frequency: 'monthly', startDate: '2026-03-01',
    interest: { method: 'none' }, idempotencyKey: 'plan-1', now, ...extra,
  });

  it('refuses a plan outside the role policy, naming the bound, and accepts it for a role allowed more', async () => {
    const tenantId = await book();
    await setNegotiationPolicy(db, { tenantId, actor: 'admin', now, layer: { creditorId: '*', role: 'specialist', maximumTermMonths: 6, minimumInstallmentMinor: 5000n } });
    await setNegotiationPolicy(db, { tenantId, actor: 'admin', now, layer: { creditorId: '*', role: 'supervisor', maximumTermMonths: 24 } });
    const long = await plan(tenantId, { installments: 12 });
    expect(long).toMatchObject({ ok: false, code: 'outside_policy', field: 'installments' });
    expect(!long.ok && long.message).toContain('after the maximum term of 6 months (2026-09-01)');
    const small = await plan(tenantId, { installments: 4, principalMinor: 10000n, idempotencyKey: 'plan-small' });
    expect(!small.ok && small.message).toContain('below the minimum installment of 50.00 USD');
    const supervisor = await plan(tenantId, { installments: 12, role: 'supervisor', idempotencyKey: 'plan-sup' });
    expect(supervisor.ok && supervisor.value).toMatchObject({ status: 'proposed', installmentCount: 12, principalMinor: '100000' });
    const tooMuch = await plan(tenantId, { principalMinor: 100001n, idempotencyKey: 'plan-big' });
    expect(tooMuch).toMatchObject({ ok: false, code: 'amount_above_balance' });
  });

  it('misses an installment after its grace, breaks after N misses, and records both', async () => {
    const tenantId = await book();
    await setNegotiationPolicy(db, { tenantId, actor: 'admin', now, layer: { creditorId: '*', role: '*', planGraceDays: 5, missedInstallmentsToBreak: 2 } });
    const created = await plan(tenantId);
    const planId = created.ok ? created.value.planId : '';
    expect(created.ok && created.value.installments.map((i) => [i.dueDate, i.amountMinor])).toEqual([['2026-04-01', '25000'], ['2026-05-01', '25000'], ['2026-06-01', '25000'], ['2026-07-01', '25000']]);
    await activatePlan(db, { tenantId, actor: 'debtor:dbt_1', planId, acceptedOn: '2026-03-01', now });
    await pay(tenantId, 25000n, '2026-04-06', 'i1'); // last day of grace: on time
    const first = await evaluatePlans(db, { tenantId, actor: 'cycle', asOf: '2026-05-06', now });
    expect(first.missedInstallments).toEqual([]);
    const second = await evaluatePlans(db, { tenantId, actor: 'cycle', asOf: '2026-05-07', now });
    expect(second.missedInstallments.map((m) => m.number)).toEqual([2]);
    expect(second.broken).toEqual([]);
    const third = await evaluatePlans(db, { tenantId, actor: 'cycle', asOf: '2026-06-07', now });
    expect(third.broken).toEqual([{ planId, debtorId: 'dbt_1', accountId: 'acct_dbt_1_USD', brokenOn: '2026-06-07' }]);
    expect((await events(tenantId, 'plan.installment_missed')).map((e) => e.payload.number)).toEqual([2, 3]);
    expect((await events(tenantId, 'plan.broken'))[0]!.payload).toMatchObject({ debtorId: 'dbt_1', accountId: 'acct_dbt_1_USD', missedInstallments: 2 });
    // Paying everything off completes even a broken plan.
    await pay(tenantId, 75000n, '2026-06-20', 'rest');
    const done = await evaluatePlans(db, { tenantId, actor: 'cycle', asOf: '2026-06-21', now });
    expect(done.completed).toEqual([{ planId, debtorId: 'dbt_1', accountId: 'acct_dbt_1_USD', completedOn: '2026-06-20' }]);
  });

  it('settles within authority at once and writes off the rest when paid; above authority waits for a supervisor', async () => {
    const tenantId = await book();
    await setNegotiationPolicy(db, { tenantId, actor: 'admin', now, layer: { creditorId: '*', role: 'specialist', settlementMaxDiscountPercent: '30' } });
    await setNegotiationPolicy(db, { tenantId, actor: 'admin', now, layer: { creditorId: '*', role: 'supervisor', settlementMaxDiscountPercent: '50' } });
    const input = { tenantId, actor: 'user:ana', role: 'specialist', account: 'dbt_1', currency: 'USD', form: 'lump_sum' as const, dueDate: '2026-03-15', asOf: '2026-03-01', now };
    // 40 % off: above the specialist's 30 %.
    const above = await proposeSettlement(db, { ...input, settlementMinor: 60000n, idempotencyKey: 's-above' });
    expect(above.ok && above.value).toMatchObject({ status: 'pending_approval', discountPercent: '40.00', authorityPercent: '30' });
    const specialistApproves = await approveSettlement(db, { tenantId, actor: 'user:ana', role: 'specialist', settlementId: above.ok ? above.value.settlementId : '', asOf: '2026-03-02', now });
    expect(specialistApproves).toMatchObject({ ok: false, code: 'above_authority' });
    const approved = await approveSettlement(db, { tenantId, actor: 'user:sue', role: 'supervisor', settlementId: above.ok ? above.value.settlementId : '', asOf: '2026-03-02', now });
    expect(approved.ok && approved.value).toMatchObject({ status: 'approved', approvedBy: 'user:sue', acceptedOn: '2026-03-02' });
    // Exactly 30 % off: within authority, approved at once.
    const at = await proposeSettlement(db, { ...input, settlementMinor: 70000n, idempotencyKey: 's-at' });
    expect(at.ok && at.value).toMatchObject({ status: 'approved', discountPercent: '30.00' });
    await pay(tenantId, 60000n, '2026-03-10', 'settle');
    const evaluation = await evaluatePlans(db, { tenantId, actor: 'cycle', asOf: '2026-03-11', now });
    expect(evaluation.settlementsCompleted).toEqual([above.ok && above.value.settlementId]);
    expect(await accountReceivable(tenantId)).toBe(0n);
    const completed = await events(tenantId, 'settlement.completed');
    expect(completed[0]!.payload).toMatchObject({ debtorId: 'dbt_1', accountId: 'acct_dbt_1_USD', writtenOffMinor: '40000' });
    const { rows } = await db.query<{ kind: string; total: bigint }>(`SELECT kind, sum(amount_minor)::bigint AS total FROM ledger_entry WHERE tenant_id = $1 AND kind = 'write_off' GROUP BY kind`, [tenantId]);
    expect(rows).toEqual([{ kind: 'write_off', total: 40000n }]);
  });

  it('a settlement by short plan completes when its plan is paid', async () => {
    const tenantId = await book();
    const settled = await proposeSettlement(db, { tenantId, actor: 'user:ana', role: 'specialist', account: 'dbt_1', currency: 'USD', settlementMinor: 90000n,
      form: 'short_plan', installments: 3, frequency: 'monthly', dueDate: '2026-03-01', asOf: '2026-03-01', idempotencyKey: 's-plan', now });
    expect(settled.ok && settled.value).toMatchObject({ status: 'approved', discountPercent: '10.00' });
    const planId = settled.ok ? settled.value.planId! : '';
    await pay(tenantId, 30000n, '2026-04-01', 'a');
    await pay(tenantId, 30000n, '2026-05-01', 'b');
    await pay(tenantId, 30000n, '2026-06-01', 'c');
    const evaluation = await evaluatePlans(db, { tenantId, actor: 'cycle', asOf: '2026-06-02', now });
    expect(evaluation.completed.map((c) => c.planId)).toEqual([planId]);
    expect(evaluation.settlementsCompleted).toEqual([settled.ok && settled.value.settlementId]);
    expect(await accountReceivable(tenantId)).toBe(0n);
  });
});
