import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildPaymentPlanSchedule, type PaymentPlanSchedule } from './build-payment-plan-schedule.ts';
import { decidePlanState, type PlanPayment, type PlanStatePolicy } from './decide-plan-state.ts';

// 350.00: 50.00 down on 2026-01-15, then 100.00 on 02-15, 03-15 and 04-15. Five days of grace; two misses break it.
function plan(): PaymentPlanSchedule {
  const result = buildPaymentPlanSchedule({
    principalMinor: 35000n, downPaymentMinor: 5000n, currency: 'USD', installments: 3, frequency: 'monthly',
    startDate: '2026-01-15', interest: { method: 'none' },
  });
  if (!result.ok) throw new Error(result.message);
  return result.value;
}
const policy: PlanStatePolicy = { graceDays: 5, missedInstallmentsToBreak: 2 };
const standing = (asOf: string, payments: PlanPayment[] = [], extra: Partial<Parameters<typeof decidePlanState>[0]> = {}) =>
  decidePlanState({ schedule: plan(), acceptedOn: '2026-01-10', payments, asOf, policy, ...extra });
const statuses = (asOf: string, payments: PlanPayment[] = [], extra = {}) => standing(asOf, payments, extra).installments.map((row) => row.status);
const pay = (receivedOn: string, amountMinor: bigint): PlanPayment => ({ receivedOn, amountMinor });

describe('decidePlanState', () => {
  it('is proposed until accepted, and then nothing is due or applied', () => {
    expect(standing('2026-03-01', [pay('2026-01-15', 5000n)], { acceptedOn: null })).toMatchObject({
      state: 'proposed', missedInstallments: 0, paidMinor: 0n, outstandingMinor: 35000n, unappliedMinor: 5000n,
    });
    expect(statuses('2026-03-01', [], { acceptedOn: null })).toEqual(['upcoming', 'upcoming', 'upcoming', 'upcoming']);
    expect(standing('2026-01-09').state).toBe('proposed');
    expect(standing('2026-01-10').state).toBe('active');
  });

  it('an accepted plan is active with everything upcoming before the start', () => {
    expect(standing('2026-01-14')).toMatchObject({ state: 'active', missedInstallments: 0, outstandingMinor: 35000n });
    expect(statuses('2026-01-14')).toEqual(['upcoming', 'upcoming', 'upcoming', 'upcoming']);
    expect(standing('2026-01-14').installments[0]).toMatchObject({ number: 0, dueDate: '2026-01-15', graceEndsOn: '2026-01-20', amountMinor: 5000n });
  });

  it('is due from the due date through the last day of grace, and missed the day after', () => {
    expect(statuses('2026-01-15')[0]).toBe('due');
    expect(statuses('2026-01-20')[0]).toBe('due');
    expect(standing('2026-01-20').missedInstallments).toBe(0);
    expect(statuses('2026-01-21')[0]).toBe('missed');
    expect(standing('2026-01-21')).toMatchObject({ state: 'active', missedInstallments: 1, brokenOn: null });
  });

  it('paying on the last day of grace is on time; the day after is late and still counts as a miss', () => {
    const onTime = standing('2026-02-01', [pay('2026-01-20', 5000n)]);
    expect(onTime.installments[0]).toMatchObject({ status: 'paid', paidOn: '2026-01-20', paidLate: false });
    expect(onTime.missedInstallments).toBe(0);
    const late = standing('2026-02-01', [pay('2026-01-21', 5000n)]);
    expect(late.installments[0]).toMatchObject({ status: 'paid', paidOn: '2026-01-21', paidLate: true });
    expect(late.missedInstallments).toBe(1);
  });

  it('with no grace, the due date is the last day to pay', () => {
    const noGrace = { policy: { graceDays: 0, missedInstallmentsToBreak: 1 } };
    expect(standing('2026-01-15', [], noGrace).state).toBe('active');
    expect(standing('2026-01-15', [], noGrace).installments[0]).toMatchObject({ status: 'due', graceEndsOn: '2026-01-15' });
    expect(standing('2026-01-16', [], noGrace)).toMatchObject({ state: 'broken', brokenOn: '2026-01-16' });
    expect(standing('2026-01-16', [pay('2026-01-15', 5000n)], noGrace).state).toBe('active');
  });

  it('applies payments in order, filling each installment before the next', () => {
    const result = standing('2026-01-15', [pay('2026-01-15', 18000n)]);
    expect(result.installments.map((row) => [row.status, row.paidMinor])).toEqual([
      ['paid', 5000n], ['paid', 10000n], ['partially_paid', 3000n], ['upcoming', 0n],
    ]);
    expect(result).toMatchObject({ paidMinor: 18000n, outstandingMinor: 17000n, unappliedMinor: 0n });
    // Out of date order in the input, in date order when applied.
    const shuffled = standing('2026-02-20', [pay('2026-02-14', 10000n), pay('2026-01-15', 5000n)]);
    expect(shuffled.installments.map((row) => row.paidOn)).toEqual(['2026-01-15', '2026-02-14', null, null]);
  });

  it('a part paid is partially paid until the grace ends, then missed', () => {
    expect(standing('2026-01-20', [pay('2026-01-16', 3000n)]).installments[0]).toMatchObject({ status: 'partially_paid', paidMinor: 3000n });
    expect(standing('2026-01-21', [pay('2026-01-16', 3000n)]).installments[0]).toMatchObject({ status: 'missed', paidMinor: 3000n });
  });

  it('breaks the day after the grace of the N-th missed installment ends, not before', () => {
    // Down payment missed from 01-21, installment 1 (due 02-15, grace to 02-20) from 02-21.
    expect(standing('2026-02-20')).toMatchObject({ state: 'active', missedInstallments: 1, brokenOn: null });
    expect(standing('2026-02-21')).toMatchObject({ state: 'broken', missedInstallments: 2, brokenOn: '2026-02-21' });
    expect(statuses('2026-02-21')).toEqual(['missed', 'missed', 'upcoming', 'upcoming']);
  });

  it('catching up after the break does not mend it; paying everything completes the plan', () => {
    const caughtUp = standing('2026-03-01', [pay('2026-02-25', 15000n)]);
    expect(caughtUp).toMatchObject({ state: 'broken', brokenOn: '2026-02-21', missedInstallments: 2 });
    expect(caughtUp.installments.slice(0, 2).map((row) => [row.status, row.paidLate])).toEqual([['paid', true], ['paid', true]]);
    const paidOff = standing('2026-03-01', [pay('2026-02-25', 35000n)]);
    expect(paidOff).toMatchObject({ state: 'completed', completedOn: '2026-02-25', brokenOn: '2026-02-21', outstandingMinor: 0n });
  });

  it('completes on the day the last minor unit arrives and holds any excess as unapplied', () => {
    const payments = [pay('2026-01-15', 5000n), pay('2026-02-15', 10000n), pay('2026-03-15', 10000n), pay('2026-04-15', 9999n)];
    expect(standing('2026-04-15', payments)).toMatchObject({ state: 'active', outstandingMinor: 1n });
    const done = standing('2026-04-16', [...payments, pay('2026-04-16', 501n)]);
    expect(done).toMatchObject({ state: 'completed', completedOn: '2026-04-16', paidMinor: 35000n, unappliedMinor: 500n, missedInstallments: 0 });
    expect(done.installments.every((row) => row.status === 'paid')).toBe(true);
  });

  it('does not count payments received after asOf', () => {
    const result = standing('2026-01-21', [pay('2026-01-22', 5000n)]);
    expect(result).toMatchObject({ paidMinor: 0n, unappliedMinor: 0n, missedInstallments: 1 });
    expect(result.installments[0]!.status).toBe('missed');
  });

  it('property: payments fill a prefix of the installments and the amounts add up', () => {
    const schedule = plan();
    const date = fc.integer({ min: 0, max: 120 }).map((days) => new Date(Date.UTC(2026, 0, 10 + days)).toISOString().slice(0, 10));
    fc.assert(fc.property(
      fc.array(fc.record({ receivedOn: date, amountMinor: fc.bigInt({ min: 1n, max: 20000n }) }), { maxLength: 6 }), date,
      fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 4 }),
      (payments, asOf, graceDays, missedInstallmentsToBreak) => {
        const result = decidePlanState({ schedule, acceptedOn: '2026-01-10', payments, asOf, policy: { graceDays, missedInstallmentsToBreak } });
        const received = payments.filter((payment) => payment.receivedOn <= asOf).reduce((sum, payment) => sum + payment.amountMinor, 0n);
        expect(result.paidMinor + result.unappliedMinor).toBe(received);
        expect(result.paidMinor + result.outstandingMinor).toBe(35000n);
        expect(result.installments.reduce((sum, row) => sum + row.paidMinor, 0n)).toBe(result.paidMinor);
        // Nothing is paid on an installment while an earlier one is still short.
        const firstShort = result.installments.findIndex((row) => row.paidMinor < row.amountMinor);
        if (firstShort >= 0) expect(result.installments.slice(firstShort + 1).every((row) => row.paidMinor === 0n)).toBe(true);
        const misses = result.installments.filter((row) => row.status === 'missed' || row.paidLate).length;
        expect(result.missedInstallments).toBe(misses);
        expect(result.state).toBe(result.outstandingMinor === 0n ? 'completed' : misses >= missedInstallmentsToBreak ? 'broken' : 'active');
        for (const row of result.installments) {
          if (row.status === 'missed') expect(row.graceEndsOn < asOf).toBe(true);
          if (row.status === 'due') expect(row.dueDate <= asOf && asOf <= row.graceEndsOn).toBe(true);
          if (row.status === 'upcoming') expect(row.dueDate > asOf).toBe(true);
        }
      },
    ));
  });
});
