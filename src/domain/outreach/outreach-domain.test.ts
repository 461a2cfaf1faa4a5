import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseStrategy, formatStrategyProblems } from './parse-strategy.ts';
import { assignArm, computeArmBucket } from './assign-arm.ts';
import { buildConsolidatedNotice } from './build-consolidated-notice.ts';
import { emptyExitFacts, evaluateAccount, type AccountSnapshot } from './evaluate-strategy.ts';
import { computeInterestAndFees, chargeMarker } from './compute-interest-and-fees.ts';
import { buildContactIdempotencyKey, buildMessageId, buildOutboxId } from './outreach-keys.ts';
import type { StrategyDefinition } from './strategy-definition.ts';

const strategyFile = (name: string) => readFileSync(new URL(`../../../strategies/${name}`, import.meta.url), 'utf8');
const load = (name: string): StrategyDefinition => {
  const parsed = parseStrategy(strategyFile(name));
  if (!parsed.ok) throw new Error(formatStrategyProblems(name, parsed.problems));
  return parsed.strategy;
};

describe('strategies as data', () => {
  it('ships a valid default strategy for consumer and for commercial debt', () => {
    const files = readdirSync(new URL('../../../strategies/', import.meta.url)).filter((file) => file.endsWith('.yaml'));
    expect(files.sort()).toEqual(['commercial-default.yaml', 'consumer-default.yaml']);
    expect(load('consumer-default.yaml').entry.debtPurpose).toBe('consumer');
    expect(load('commercial-default.yaml').entry.debtPurpose).toBe('commercial');
  });

  it('names the line, column and field of every problem', () => {
    const text = strategyFile('commercial-default.yaml')
      .replace('  debtPurpose: commercial', '  debtPurpose: comercial')
      .replace('    channels: [email, sms, letter]', '    channels: [email, fax, letter]')
      .replace('  minBalance: "1.00"', '  minBalance: "1.00"\n  colour: red');
    const parsed = parseStrategy(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const lines = text.split('\n');
    const byField = new Map(parsed.problems.map((problem) => [problem.field, problem]));
    expect(lines[byField.get('entry.debtPurpose')!.line - 1]).toContain('comercial');
    expect(lines[byField.get('steps[2].channels[1]')!.line - 1]).toContain('fax');
    expect(lines[byField.get('entry.colour')!.line - 1]).toContain('colour');
    expect(byField.get('steps[2].channels[1]')!.message).toMatch(/email.*sms.*letter/);
  });

  it('refuses duplicate step ids and YAML syntax errors with their line', () => {
    const duplicate = parseStrategy(strategyFile('commercial-default.yaml').replace('  - id: level-2', '  - id: level-1'));
    expect(duplicate.ok === false && duplicate.problems.map((p) => p.message)).toEqual(['duplicate step id "level-1"']);
    const syntax = parseStrategy('id: x\nsteps: [a, b\nname: y\n');
    expect(syntax.ok === false && syntax.problems[0]!.line).toBeGreaterThan(1);
  });
});

describe('champion/challenger', () => {
  it('assigns the same arm to the same account every time, about the configured share', () => {
    const strategy = load('consumer-default.yaml');
    const arms = Array.from({ length: 10_000 }, (_, i) => assignArm(strategy, `acct_${i}`));
    expect(Array.from({ length: 10_000 }, (_, i) => assignArm(strategy, `acct_${i}`))).toEqual(arms);
    const challengers = arms.filter((arm) => arm === 'challenger').length;
    expect(challengers).toBeGreaterThan(1800);
    expect(challengers).toBeLessThan(2200);
    expect(computeArmBucket('a', 'b')).toBe(computeArmBucket('a', 'b'));
  });
});

describe('consolidated notice', () => {
  const invoice = (id: string, dueDate: string, balance: bigint, extra: { disputed?: boolean; promised?: bigint } = {}) => ({
    invoiceId: id, accountId: 'acct_1', invoiceNumber: id.toUpperCase(), dueDate, currency: 'USD', balanceMinor: balance,
    disputed: extra.disputed ?? false, promisedMinor: extra.promised ?? 0n,
  });

  it('covers every overdue invoice once, leaving out disputed and promised amounts', () => {
    const notice = buildConsolidatedNotice([
      invoice('i3', '2026-11-01', 30_00n),
      invoice('i1', '2026-09-01', 100_00n),
      invoice('i2', '2026-10-01', 50_00n, { disputed: true }),
      invoice('i4', '2026-10-15', 40_00n, { promised: 15_00n }),
      invoice('i5', '2026-12-15', 70_00n),
      invoice('i6', '2026-08-01', 20_00n, { promised: 20_00n }),
    ], '2026-11-24', { preDue: false });
    expect(notice.lines.map((line) => [line.invoiceNumber, line.amountMinor])).toEqual([['I1', 100_00n], ['I4', 25_00n], ['I3', 30_00n]]);
    expect(notice.totals).toEqual([{ currency: 'USD', amountMinor: 155_00n }]);
    expect(notice.leftOut).toEqual({ disputed: 1, promisedMinor: [{ currency: 'USD', amountMinor: 35_00n }] });
  });

  it('lists invoices coming due for a pre-due reminder', () => {
    const notice = buildConsolidatedNotice([invoice('i5', '2026-11-27', 70_00n), invoice('i9', '2027-03-01', 5_00n)], '2026-11-24', { preDue: true });
    expect(notice.lines.map((line) => line.invoiceNumber)).toEqual(['I5']);
  });
});

describe('strategy evaluation', () => {
  const account = (overrides: Partial<AccountSnapshot> = {}): AccountSnapshot => ({
    accountId: 'acct_1', debtorId: 'dbt_1', creditorId: 'cred', debtPurpose: 'commercial', tags: [], currency: 'USD', balanceMinor: 500_00n,
    oldestDueDate: '2026-11-01', score: undefined, exit: emptyExitFacts(), enrolment: undefined, ...overrides,
  });
  const commercial = load('commercial-default.yaml');
  const consumer = load('consumer-default.yaml');

  it('enters the matching strategy and acts on the latest due step only', () => {
    const result = evaluateAccount(account(), [consumer, commercial], '2026-11-24');
    expect(result.outcome.kind === 'act' && result.outcome.step.id).toBe('level-2');
    expect(result.enrolment?.stepsDone).toEqual(['pre-due', 'level-1', 'level-2']);
    const again = evaluateAccount(account({ enrolment: result.enrolment }), [consumer, commercial], '2026-11-24');
    expect(again.outcome.kind).toBe('waiting');
  });

  it('exits on a plan, a promise, a dispute, a cease request or payment', () => {
    const entered = evaluateAccount(account(), [commercial], '2026-11-24').enrolment!;
    for (const [exit, reason] of [[{ planActive: true }, 'plan_active'], [{ promisePending: true }, 'promise_pending'], [{ disputeOpen: true }, 'dispute_open'], [{ cease: true }, 'cease']] as const) {
      const result = evaluateAccount(account({ enrolment: entered, exit: { ...emptyExitFacts(), ...exit } }), [commercial], '2026-11-25');
      expect(result.outcome).toEqual({ kind: 'exited', reason });
    }
    expect(evaluateAccount(account({ enrolment: entered, balanceMinor: 0n }), [commercial], '2026-11-25').outcome).toEqual({ kind: 'exited', reason: 'paid' });
  });

  it('sends a pre-due reminder before the due date', () => {
    const result = evaluateAccount(account({ oldestDueDate: '2026-11-27' }), [commercial], '2026-11-24');
    expect(result.outcome.kind === 'act' && [result.outcome.step.id, result.outcome.preDue]).toEqual(['pre-due', true]);
  });
});

describe('interest and fees', () => {
  const commercial = load('commercial-default.yaml');
  const invoice = { invoiceId: 'inv_1', dueDate: '2026-09-15', currency: 'USD', principalMinor: 1_000_00n };

  it('charges the late fee once and simple interest on each monthly anniversary, never twice', () => {
    const charges = computeInterestAndFees(invoice, commercial, '2026-09-01', '2026-11-24', new Set());
    expect(charges.map((charge) => [charge.kind, charge.effectiveDate, charge.amountMinor])).toEqual([
      ['fee', '2026-11-24', 40_00n],
      // 1,000.00 × 8% × 30/365 = 6.575… → 6.58; × 31/365 = 6.794… → 6.79
      ['interest', '2026-10-15', 6_58n],
      ['interest', '2026-11-15', 6_79n],
    ]);
    expect(computeInterestAndFees(invoice, commercial, '2026-09-01', '2026-11-24', new Set(charges.map((charge) => charge.marker)))).toEqual([]);
    expect(charges[0]!.reason).toContain(chargeMarker('fee', 'late-fee-30'));
  });
});

describe('idempotency keys', () => {
  it('derive the outbox id and the Message-ID from the decision, the same every time', () => {
    const key = buildContactIdempotencyKey({ tenantId: 't', debtorId: 'd', strategyId: 's', strategyVersion: 1, stepId: 'a', channel: 'email', businessDate: '2026-11-24' });
    expect(buildOutboxId(key)).toBe(buildOutboxId(key));
    expect(buildMessageId(key, 'example.com')).toMatch(/^<[0-9a-f]{32}\.[0-9a-f]{8}@example\.com>$/);
    const other = buildContactIdempotencyKey({ tenantId: 't', debtorId: 'd', strategyId: 's', strategyVersion: 1, stepId: 'a', channel: 'email', businessDate: '2026-11-25' });
    expect(buildOutboxId(other)).not.toBe(buildOutboxId(key));
  });
});
