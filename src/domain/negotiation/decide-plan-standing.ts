import { computeDateAfterDays } from '../shared/calendar-date.ts';
import { decidePlanState, type DecidePlanStateInput, type PlanStanding } from './decide-plan-state.ts';

/**
 * decidePlanState, plus returned payments: an installment whose payment came back (a NACHA return) on
 * `returnedOn` counts as missed from that day, grace or not, unless it has been paid in full since — the
 * debit failed, so waiting out the grace would only delay the follow-up. Misses still add up towards
 * breaking the plan as decidePlanState describes.
 *
 * @example decidePlanStanding({ ...input, returnedOn: new Map([[3, '2026-04-17']]) })
 */
export function decidePlanStanding(input: DecidePlanStateInput & { returnedOn?: ReadonlyMap<number, string> }): PlanStanding {
  const standing = decidePlanState(input);
  const returned = input.returnedOn ?? new Map<number, string>();
  if (standing.state === 'proposed' || returned.size === 0) return standing;
  const missedDates: string[] = [];
  const installments = standing.installments.map((installment) => {
    const returnedOn = returned.get(installment.number);
    const missedByGrace = installment.status === 'missed' || installment.paidLate;
    if (missedByGrace) {
      // Missed at the end of its grace, or earlier when its payment came back before that.
      const graceMissOn = computeDateAfterDays(installment.graceEndsOn, 1);
      missedDates.push(returnedOn !== undefined && returnedOn < graceMissOn ? returnedOn : graceMissOn);
      return installment;
    }
    if (returnedOn !== undefined && returnedOn <= input.asOf && installment.status !== 'paid') {
      missedDates.push(returnedOn);
      return { ...installment, status: 'missed' as const };
    }
    return installment;
  });
  missedDates.sort();
  const n = input.policy.missedInstallmentsToBreak;
  const brokenOn = missedDates.length >= n ? missedDates[n - 1]! : null;
  return {
    ...standing,
    installments,
    missedInstallments: missedDates.length,
    brokenOn,
    state: standing.completedOn !== null ? 'completed' : brokenOn !== null ? 'broken' : 'active',
  };
}
