import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scoreBalance, scorePriority, type PriorityInput } from './score-priority.ts';

const base: PriorityInput = { balanceMinor: 120_000n, currency: 'USD', daysPastDue: 45, promiseDueOn: null, brokenPromises: 0, callbackDueOn: null, today: '2026-11-24' };

describe('scorePriority', () => {
  it('adds up points a specialist can read back', () => {
    expect(scorePriority(base)).toEqual({
      priority: 52,
      reasons: [
        { code: 'balance', points: 32, text: 'owes 1,200.00 USD' },
        { code: 'days_past_due', points: 20, text: '31-60 days past due (45 days)' },
      ],
    });
  });

  it('scores the balance by its digits in major units, up to 40, whatever the currency scale', () => {
    expect(scoreBalance(99n, 'USD')).toBe(8);
    expect(scoreBalance(1_000_000n, 'USD')).toBe(40);
    expect(scoreBalance(5_000n, 'JPY')).toBe(32);
    expect(scoreBalance(0n, 'USD')).toBe(0);
  });

  it('puts a pending promise down and an overdue one, a due callback or broken promises up', () => {
    const pending = scorePriority({ ...base, promiseDueOn: '2026-11-30' });
    const overdue = scorePriority({ ...base, promiseDueOn: '2026-11-20' });
    expect(pending.priority).toBeLessThan(scorePriority(base).priority);
    expect(overdue.priority).toBeGreaterThan(scorePriority(base).priority);
    expect(scorePriority({ ...base, callbackDueOn: '2026-11-24' }).reasons.map((r) => r.code)).toContain('callback_due');
    expect(scorePriority({ ...base, brokenPromises: 5 }).reasons.find((r) => r.code === 'broken_promises')?.points).toBe(20);
  });

  it('gives nothing owed priority 0 and anything owed at least 1; the priority is always the sum of its reasons', () => {
    expect(scorePriority({ ...base, balanceMinor: 0n }).priority).toBe(0);
    fc.assert(fc.property(
      fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.integer({ min: -30, max: 2000 }), fc.option(fc.integer({ min: -60, max: 60 })), fc.nat(10), fc.option(fc.integer({ min: -5, max: 5 })),
      (balanceMinor, daysPastDue, promiseOffset, brokenPromises, callbackOffset) => {
        const day = (offset: number) => `2026-11-${String(24 + Math.max(-23, Math.min(6, offset))).padStart(2, '0')}`;
        const result = scorePriority({ ...base, balanceMinor, daysPastDue, brokenPromises, promiseDueOn: promiseOffset === null ? null : day(promiseOffset), callbackDueOn: callbackOffset === null ? null : day(callbackOffset) });
        const sum = result.reasons.reduce((total, reason) => total + reason.points, 0);
        expect(result.priority).toBe(Math.max(1, sum));
      }));
  });
});
