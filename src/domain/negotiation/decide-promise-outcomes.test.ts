import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decidePromiseOutcomes } from './decide-promise-outcomes.ts';

const promise = { promiseId: 'p1', amountMinor: 5000n, madeOn: '2026-03-01', promisedOn: '2026-03-10', graceDays: 3 };

describe('decidePromiseOutcomes', () => {
  it('keeps a promise paid on the last day of grace and breaks it from the day after (boundary pair)', () => {
    const onLastDay = decidePromiseOutcomes([promise], [{ paymentId: 'a', receivedOn: '2026-03-13', amountMinor: 5000n }], '2026-03-20');
    expect(onLastDay[0]).toMatchObject({ status: 'kept', resolvedOn: '2026-03-13', paidMinor: 5000n });
    const dayAfter = decidePromiseOutcomes([promise], [{ paymentId: 'a', receivedOn: '2026-03-14', amountMinor: 5000n }], '2026-03-20');
    expect(dayAfter[0]).toMatchObject({ status: 'broken', resolvedOn: '2026-03-14', paidMinor: 0n });
  });

  it('stays pending through the last day of grace and decides the day after', () => {
    expect(decidePromiseOutcomes([promise], [], '2026-03-13')[0]!.status).toBe('pending');
    expect(decidePromiseOutcomes([promise], [], '2026-03-14')[0]!.status).toBe('broken');
    expect(decidePromiseOutcomes([promise], [{ paymentId: 'a', receivedOn: '2026-03-05', amountMinor: 1n }], '2026-03-14')[0]!.status).toBe('partially_kept');
  });

  it('does not count a payment received before the promise was made, nor one payment twice', () => {
    const outcomes = decidePromiseOutcomes(
      [promise, { ...promise, promiseId: 'p2', promisedOn: '2026-03-11' }],
      [{ paymentId: 'old', receivedOn: '2026-02-28', amountMinor: 5000n }, { paymentId: 'a', receivedOn: '2026-03-09', amountMinor: 7000n }], '2026-04-01');
    expect(outcomes.map((o) => [o.status, o.paidMinor])).toEqual([['kept', 5000n], ['partially_kept', 2000n]]);
  });

  it('never attributes more than was received, nor more than a promise asks (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ amount: fc.bigInt({ min: 1n, max: 100000n }), day: fc.integer({ min: 1, max: 20 }), grace: fc.integer({ min: 0, max: 5 }) }), { minLength: 1, maxLength: 6 }),
      fc.array(fc.record({ amount: fc.bigInt({ min: 1n, max: 100000n }), day: fc.integer({ min: 1, max: 28 }) }), { maxLength: 8 }),
      (promises, payments) => {
        const date = (day: number) => `2026-03-${String(day).padStart(2, '0')}`;
        const outcomes = decidePromiseOutcomes(
          promises.map((p, i) => ({ promiseId: `p${i}`, amountMinor: p.amount, madeOn: '2026-03-01', promisedOn: date(p.day), graceDays: p.grace })),
          payments.map((p, i) => ({ paymentId: `x${i}`, receivedOn: date(p.day), amountMinor: p.amount })), '2026-03-31');
        const attributed = outcomes.reduce((sum, o) => sum + o.paidMinor, 0n);
        const received = payments.reduce((sum, p) => sum + p.amount, 0n);
        expect(attributed <= received).toBe(true);
        outcomes.forEach((o, i) => {
          expect(o.paidMinor <= promises[i]!.amount).toBe(true);
          expect(o.status === 'kept').toBe(o.paidMinor === promises[i]!.amount);
        });
      }));
  });
});
