import { describe, expect, it } from 'vitest';
import { buildPaymentPlanSchedule } from './build-payment-plan-schedule.ts';
import { decidePlanStanding } from './decide-plan-standing.ts';

const built = buildPaymentPlanSchedule({ principalMinor: 40000n, currency: 'USD', installments: 4, frequency: 'monthly', startDate: '2026-01-01', interest: { method: 'none' } });
if (!built.ok) throw new Error(built.message);
const schedule = built.value;
const policy = { graceDays: 10, missedInstallmentsToBreak: 2 };

describe('decidePlanStanding', () => {
  it('counts an installment whose payment came back as missed from the return date, within its grace', () => {
    // Installment 1 due 02-01; its debit came back on 02-03, well within the 10 days of grace.
    const standing = decidePlanStanding({ schedule, acceptedOn: '2026-01-01', payments: [], asOf: '2026-02-04', policy, returnedOn: new Map([[1, '2026-02-03']]) });
    expect(standing.installments[0]).toMatchObject({ number: 1, status: 'missed' });
    expect(standing.missedInstallments).toBe(1);
    expect(standing.state).toBe('active');
    // Without the return it would only be due.
    expect(decidePlanStanding({ schedule, acceptedOn: '2026-01-01', payments: [], asOf: '2026-02-04', policy }).installments[0]!.status).toBe('due');
  });

  it('breaks the plan on the day of the N-th miss, a return and a grace miss counted together', () => {
    const standing = decidePlanStanding({ schedule, acceptedOn: '2026-01-01', payments: [{ receivedOn: '2026-02-02', amountMinor: 10000n }], asOf: '2026-03-20', policy, returnedOn: new Map([[2, '2026-03-05']]) });
    // Installment 1 paid; 2 returned on 03-05; 2 is also unpaid past its grace (03-11) but counts once.
    expect(standing.missedInstallments).toBe(1);
    const later = decidePlanStanding({ schedule, acceptedOn: '2026-01-01', payments: [], asOf: '2026-03-20', policy, returnedOn: new Map([[2, '2026-03-05']]) });
    // 1 missed at the end of its grace (02-12), 2 returned on 03-05: broken on 03-05.
    expect(later).toMatchObject({ state: 'broken', brokenOn: '2026-03-05', missedInstallments: 2 });
  });

  it('does not count a return once the installment has been paid in full since', () => {
    const standing = decidePlanStanding({ schedule, acceptedOn: '2026-01-01', payments: [{ receivedOn: '2026-02-05', amountMinor: 10000n }], asOf: '2026-02-06', policy, returnedOn: new Map([[1, '2026-02-03']]) });
    expect(standing.installments[0]!.status).toBe('paid');
    expect(standing.missedInstallments).toBe(0);
  });
});
