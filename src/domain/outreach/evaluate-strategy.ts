// Strategy evaluation for one account on one business date (pure): exit conditions first, then entry into
// the highest-priority strategy whose entry conditions match, then the step that is due. When several steps
// are due at once (an account entering late, a missed day), only the latest is acted on and the earlier ones
// are marked done: a debtor never gets a burst of stale reminders. A step whose conditions fail on its day is
// skipped (marked done), so steps never run out of order.
import { computeDateAfterDays, computeDaysBetween } from '../shared/calendar-date.ts';
import { currencyScale, parseAmount } from '../money/money.ts';
import { assignArm } from './assign-arm.ts';
import {
  selectArmSteps, type ExitCondition, type StrategyArm, type StrategyCondition, type StrategyDefinition, type StrategyStep,
} from './strategy-definition.ts';

export type ExitFacts = {
  planActive: boolean;
  promisePending: boolean;
  disputeOpen: boolean;
  cease: boolean;
  bankruptcy: boolean;
  attorney: boolean;
  deceased: boolean;
};

export type EnrolmentState = {
  strategyId: string;
  strategyVersion: number;
  arm: StrategyArm;
  enteredOn: string;
  stepsDone: string[];
  status: 'active' | 'exited';
  exitReason: ExitCondition | null;
  exitedOn: string | null;
};

export type AccountSnapshot = {
  accountId: string;
  debtorId: string;
  creditorId: string;
  debtPurpose: 'consumer' | 'commercial';
  tags: readonly string[];
  currency: string;
  /** What the account owes now (receivable), minor units. */
  balanceMinor: bigint;
  /** Earliest due date among invoices that still owe something; undefined when none does. */
  oldestDueDate: string | undefined;
  score: number | undefined;
  exit: ExitFacts;
  enrolment: EnrolmentState | undefined;
};

export type AccountEvaluation = {
  /** The enrolment to store, or undefined when it did not change. */
  enrolment: EnrolmentState | undefined;
  outcome:
    | { kind: 'not_eligible' }
    | { kind: 'exited'; reason: ExitCondition }
    | { kind: 'waiting' }
    | { kind: 'act'; strategy: StrategyDefinition; arm: StrategyArm; step: StrategyStep; preDue: boolean };
};

const noExit: ExitFacts = { planActive: false, promisePending: false, disputeOpen: false, cease: false, bankruptcy: false, attorney: false, deceased: false };
export const emptyExitFacts = (): ExitFacts => ({ ...noExit });

export function findExitCondition(strategy: StrategyDefinition, account: AccountSnapshot): ExitCondition | undefined {
  for (const condition of strategy.exitWhen) {
    const holds = condition === 'paid' ? account.balanceMinor <= 0n
      : condition === 'plan_active' ? account.exit.planActive
        : condition === 'promise_pending' ? account.exit.promisePending
          : condition === 'dispute_open' ? account.exit.disputeOpen
            : condition === 'cease' ? account.exit.cease
              : condition === 'bankruptcy' ? account.exit.bankruptcy
                : condition === 'attorney' ? account.exit.attorney
                  : account.exit.deceased;
    if (holds) return condition;
  }
  return undefined;
}

const amountCache = new Map<string, bigint>();
function minorOf(amount: string, currency: string): bigint {
  const key = `${currency}:${amount}`;
  let value = amountCache.get(key);
  if (value === undefined) {
    const parsed = parseAmount(amount, currency);
    // parseStrategy checked the decimals for the tenant's currency; for a currency with fewer decimals the
    // bound is cut to that currency's precision (towards zero).
    const [whole, fraction = ''] = amount.split('.');
    const cut = parseAmount(`${whole}.${fraction.slice(0, currencyScale(currency))}`.replace(/\.$/, ''), currency);
    value = parsed.ok ? parsed.value : cut.ok ? cut.value : 0n;
    amountCache.set(key, value);
  }
  return value;
}

export function checkCondition(condition: StrategyCondition | undefined, account: AccountSnapshot, asOf: string): boolean {
  if (condition === undefined) return true;
  const daysPastDue = account.oldestDueDate === undefined ? undefined : computeDaysBetween(account.oldestDueDate, asOf);
  if (condition.minDaysPastDue !== undefined && (daysPastDue === undefined || daysPastDue < condition.minDaysPastDue)) return false;
  if (condition.maxDaysPastDue !== undefined && (daysPastDue === undefined || daysPastDue > condition.maxDaysPastDue)) return false;
  if (condition.minBalance !== undefined && account.balanceMinor < minorOf(condition.minBalance, account.currency)) return false;
  if (condition.maxBalance !== undefined && account.balanceMinor > minorOf(condition.maxBalance, account.currency)) return false;
  if (condition.creditors !== undefined && !condition.creditors.includes(account.creditorId)) return false;
  if (condition.tags !== undefined && !condition.tags.every((tag) => account.tags.includes(tag))) return false;
  if (condition.minScore !== undefined && (account.score === undefined || account.score < condition.minScore)) return false;
  if (condition.maxScore !== undefined && (account.score === undefined || account.score > condition.maxScore)) return false;
  return true;
}

export function checkEntry(strategy: StrategyDefinition, account: AccountSnapshot, asOf: string): boolean {
  if (strategy.entry.debtPurpose !== 'any' && strategy.entry.debtPurpose !== account.debtPurpose) return false;
  if (account.oldestDueDate === undefined || account.balanceMinor <= 0n) return false;
  return checkCondition(strategy.entry, account, asOf);
}

/** The date a step falls due for an account. */
export function computeStepDate(step: StrategyStep, account: AccountSnapshot, enteredOn: string): string | undefined {
  const reference = step.from === 'entry' ? enteredOn : account.oldestDueDate;
  return reference === undefined ? undefined : computeDateAfterDays(reference, step.offsetDays);
}

/**
 * Evaluates one account. `strategies` are the loaded strategy versions; the enrolled version is kept while it is
 * loaded (an account finishes the version it started), else the newest version of the same strategy is used.
 */
export function evaluateAccount(account: AccountSnapshot, strategies: readonly StrategyDefinition[], asOf: string): AccountEvaluation {
  let enrolment = account.enrolment;
  let changed = false;
  let strategy: StrategyDefinition | undefined;
  if (enrolment !== undefined && enrolment.status === 'active') {
    strategy = strategies.find((s) => s.id === enrolment!.strategyId && s.version === enrolment!.strategyVersion) ??
      newestVersion(strategies, enrolment.strategyId);
    if (strategy === undefined) {
      return { enrolment: { ...enrolment, status: 'exited', exitReason: null, exitedOn: asOf }, outcome: { kind: 'not_eligible' } };
    }
    const exit = findExitCondition(strategy, account);
    if (exit !== undefined) {
      return { enrolment: { ...enrolment, status: 'exited', exitReason: exit, exitedOn: asOf }, outcome: { kind: 'exited', reason: exit } };
    }
  } else {
    const ranked = [...strategies].sort((left, right) => right.priority - left.priority || left.id.localeCompare(right.id) || right.version - left.version);
    strategy = ranked.find((candidate) => checkEntry(candidate, account, asOf) && isNewest(strategies, candidate) && findExitCondition(candidate, account) === undefined);
    if (strategy === undefined) return { enrolment: undefined, outcome: { kind: 'not_eligible' } };
    enrolment = {
      strategyId: strategy.id, strategyVersion: strategy.version, arm: assignArm(strategy, account.accountId), enteredOn: asOf,
      stepsDone: [], status: 'active', exitReason: null, exitedOn: null,
    };
    changed = true;
  }
  const steps = selectArmSteps(strategy, enrolment.arm);
  const done = new Set(enrolment.stepsDone);
  const due: StrategyStep[] = [];
  for (const step of steps) {
    if (done.has(step.id)) continue;
    const date = computeStepDate(step, account, enrolment.enteredOn);
    if (date !== undefined && date <= asOf) due.push(step);
  }
  if (due.length === 0) return { enrolment: changed ? enrolment : undefined, outcome: { kind: 'waiting' } };
  const stepsDone = [...enrolment.stepsDone, ...due.map((step) => step.id)];
  const next: EnrolmentState = { ...enrolment, stepsDone };
  // Latest due step whose conditions hold today; the others are skipped.
  const acting = [...due].reverse().find((step) => checkCondition(step.when, account, asOf));
  if (acting === undefined) return { enrolment: next, outcome: { kind: 'waiting' } };
  const preDue = acting.from === 'due_date' && acting.offsetDays < 0;
  return { enrolment: next, outcome: { kind: 'act', strategy, arm: enrolment.arm, step: acting, preDue } };
}

function newestVersion(strategies: readonly StrategyDefinition[], id: string): StrategyDefinition | undefined {
  let best: StrategyDefinition | undefined;
  for (const strategy of strategies) if (strategy.id === id && (best === undefined || strategy.version > best.version)) best = strategy;
  return best;
}

function isNewest(strategies: readonly StrategyDefinition[], candidate: StrategyDefinition): boolean {
  return newestVersion(strategies, candidate.id) === candidate;
}
