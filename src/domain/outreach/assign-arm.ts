// Champion/challenger: an account's arm is a pure function of (strategy id, account id, challenger share),
// so every run, every process and every replay assigns the same arm (issue #4, point 1).
import { computeFnv1a32 } from './stable-hash.ts';
import type { StrategyArm, StrategyDefinition } from './strategy-definition.ts';

/** The bucket 0–99 an account falls in for a strategy. */
export function computeArmBucket(strategyId: string, accountId: string): number {
  return computeFnv1a32(`${strategyId}|${accountId}`) % 100;
}

export function assignArm(strategy: Pick<StrategyDefinition, 'id' | 'challenger'>, accountId: string): StrategyArm {
  const percent = strategy.challenger?.percent ?? 0;
  return computeArmBucket(strategy.id, accountId) < percent ? 'challenger' : 'champion';
}
