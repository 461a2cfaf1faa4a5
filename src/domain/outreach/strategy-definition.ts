// A dunning strategy as data (issue #4, point 1): who enters it, the ordered steps (offset, channel, template,
// conditions), the exit conditions, the policy for interest and fees, and an optional challenger arm.
// Strategies live in strategies/*.yaml; `parseStrategy` (parse-strategy.ts) validates them with errors that
// name the line and the field. Amounts are decimal strings in the strategy's currency, stored as minor units.
import { z } from 'zod';

export const outreachChannels = ['email', 'sms', 'letter', 'call_task'] as const;
export type OutreachChannel = (typeof outreachChannels)[number];

/** Step channels: a contact channel, or `escalate` (hand the account to a person: a call task with a flag). */
export const stepChannels = [...outreachChannels, 'escalate'] as const;
export type StepChannel = (typeof stepChannels)[number];

export const exitConditions = ['paid', 'plan_active', 'promise_pending', 'dispute_open', 'cease', 'bankruptcy', 'attorney', 'deceased'] as const;
export type ExitCondition = (typeof exitConditions)[number];

export const supportedLocales = ['en', 'es'] as const;
export type Locale = (typeof supportedLocales)[number];

const identifier = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, "-" and "_"');
const decimalAmount = z.union([z.string(), z.number()]).transform((value) => String(value)).pipe(
  z.string().regex(/^\d+(\.\d{1,4})?$/, 'an amount such as "25.00" (no sign, at most 4 decimals)'),
);

const conditionSchema = z.strictObject({
  minDaysPastDue: z.number().int().optional(),
  maxDaysPastDue: z.number().int().optional(),
  minBalance: decimalAmount.optional(),
  maxBalance: decimalAmount.optional(),
  creditors: z.array(z.string().min(1)).optional(),
  tags: z.array(z.string().min(1)).optional(),
  /** The account score (0–1000) once scoring exists; an account without a score passes a score condition only when `allowUnscored`. */
  minScore: z.number().int().min(0).max(1000).optional(),
  maxScore: z.number().int().min(0).max(1000).optional(),
});
export type StrategyCondition = z.output<typeof conditionSchema>;

const stepSchema = z.strictObject({
  id: identifier,
  /** Days from the reference date; negative offsets from the due date are pre-due reminders. */
  offsetDays: z.number().int().min(-60).max(3650),
  from: z.enum(['due_date', 'entry']).default('due_date'),
  /** Channels in order of preference: the first with a usable contact point is used (feedback moves on to the next). */
  channels: z.array(z.enum(stepChannels)).min(1),
  template: identifier,
  when: conditionSchema.optional(),
});
export type StrategyStep = z.output<typeof stepSchema>;

const feeSchema = z.strictObject({
  id: identifier,
  daysPastDue: z.number().int().min(1),
  amount: decimalAmount,
  reason: z.string().min(1),
});

export const strategySchema = z.strictObject({
  id: identifier,
  version: z.number().int().min(1),
  name: z.string().min(1),
  description: z.string().optional(),
  /** Priority among strategies whose entry conditions match (highest first). */
  priority: z.number().int().default(0),
  entry: z.strictObject({
    debtPurpose: z.enum(['consumer', 'commercial', 'any']),
    ...conditionSchema.shape,
  }),
  exitWhen: z.array(z.enum(exitConditions)).min(1),
  defaultLocale: z.enum(supportedLocales).default('en'),
  steps: z.array(stepSchema).min(1),
  challenger: z.strictObject({
    /** Share of accounts (0–100) assigned to the challenger arm, by a stable hash of the account id. */
    percent: z.number().int().min(0).max(100),
    steps: z.array(stepSchema).min(1),
  }).optional(),
  interest: z.strictObject({
    /** Simple interest on the overdue principal, posted on each monthly anniversary of the due date. */
    annualRatePercent: decimalAmount,
    graceDays: z.number().int().min(0).default(0),
  }).optional(),
  fees: z.array(feeSchema).default([]),
});

export type StrategyDefinition = z.output<typeof strategySchema>;
export type StrategyArm = 'champion' | 'challenger';

/** The steps an arm follows. */
export function selectArmSteps(strategy: StrategyDefinition, arm: StrategyArm): StrategyStep[] {
  return arm === 'challenger' && strategy.challenger !== undefined ? strategy.challenger.steps : strategy.steps;
}
