import type { Database } from '../../adapters/db/database.ts';
import { appendAuditEvents } from '../../adapters/db/audit-log.ts';
import { newId } from '../../adapters/ids.ts';
import { isCalendarDate } from '../../domain/shared/calendar-date.ts';
import { fail, ok, type Result } from '../../domain/shared/result.ts';
import { findAccount, loadNegotiationPolicy } from './negotiation-policy-store.ts';
import { withIdempotency } from './with-idempotency.ts';

export const promiseChannels = ['call', 'email', 'sms', 'letter', 'portal', 'in_person', 'other'] as const;
export type PromiseChannel = (typeof promiseChannels)[number];

export type RecordPromiseInput = {
  tenantId: string;
  /** Who records it (the audit actor). */
  actor: string;
  /** The account, by id or reference (or the debtor's, when it has one account). */
  account: string;
  amountMinor: bigint;
  currency: string;
  promisedOn: string;
  channel: PromiseChannel;
  /** The specialist who took the promise (kept-rate statistics group by it); defaults to the actor. */
  takenBy?: string;
  /** The role whose policy gives the grace days (default 'specialist'). */
  role?: string;
  /** The business date it was made (payments from this day count); default: asOf. */
  asOf: string;
  note?: string;
  idempotencyKey: string;
  now: Date;
};

export type RecordedPromise = {
  promiseId: string; debtorId: string; accountId: string; amountMinor: string; currency: string;
  madeOn: string; promisedOn: string; graceDays: number; channel: string; takenBy: string; status: 'pending';
};

export type RecordPromiseError = 'account_not_found' | 'invalid_amount' | 'invalid_date' | 'invalid_channel' | 'currency_mismatch' | 'idempotency_key_reused';

/**
 * Records a debtor's promise to pay `amountMinor` by `promisedOn` (status pending). The grace comes from
 * the creditor's negotiation policy for the role. Idempotent by key; audited as promise.recorded.
 */
export async function recordPromise(db: Database, input: RecordPromiseInput): Promise<Result<RecordedPromise & { replayed: boolean }, RecordPromiseError>> {
  if (input.amountMinor <= 0n) return fail('invalid_amount', 'the promised amount must be greater than zero', 'amount');
  if (!isCalendarDate(input.promisedOn)) return fail('invalid_date', `"${input.promisedOn}" is not a date (YYYY-MM-DD)`, 'promisedOn');
  if (input.promisedOn < input.asOf) return fail('invalid_date', `the promised date ${input.promisedOn} is before today (${input.asOf})`, 'promisedOn');
  if (!(promiseChannels as readonly string[]).includes(input.channel)) return fail('invalid_channel', `"${input.channel}" is not one of ${promiseChannels.join(', ')}`, 'channel');
  const takenBy = input.takenBy ?? input.actor;
  return withIdempotency<RecordedPromise, RecordPromiseError>(db, {
    tenantId: input.tenantId, scope: 'promises.record', idempotencyKey: input.idempotencyKey,
    request: { account: input.account, amountMinor: input.amountMinor, currency: input.currency, promisedOn: input.promisedOn, channel: input.channel, takenBy, madeOn: input.asOf, note: input.note ?? null },
  }, async (tx) => {
    const account = await findAccount(tx, input.tenantId, input.account);
    if (account === undefined) return fail('account_not_found', `no account or debtor "${input.account}"`, 'account');
    if (account.currency !== input.currency) return fail('currency_mismatch', `account ${account.accountRef} is in ${account.currency}, not ${input.currency}`, 'currency');
    const policy = await loadNegotiationPolicy(tx, input.tenantId, account.creditorId, input.role ?? 'specialist');
    const promiseId = newId('ptp');
    await tx.query(
      `INSERT INTO promise_to_pay (tenant_id, id, debtor_id, account_id, amount_minor, currency, made_on, promised_on, grace_days, channel, taken_by, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [input.tenantId, promiseId, account.debtorId, account.accountId, input.amountMinor, input.currency, input.asOf, input.promisedOn, policy.promiseGraceDays, input.channel, takenBy, input.note ?? null]);
    const recorded: RecordedPromise = {
      promiseId, debtorId: account.debtorId, accountId: account.accountId, amountMinor: input.amountMinor.toString(), currency: input.currency,
      madeOn: input.asOf, promisedOn: input.promisedOn, graceDays: policy.promiseGraceDays, channel: input.channel, takenBy, status: 'pending',
    };
    await appendAuditEvents(tx, input.tenantId, input.actor, input.now, [{
      type: 'promise.recorded', subjectType: 'promise', subjectId: promiseId,
      payload: { debtorId: account.debtorId, accountId: account.accountId, amountMinor: recorded.amountMinor, currency: input.currency, madeOn: input.asOf, promisedOn: input.promisedOn, graceDays: policy.promiseGraceDays, channel: input.channel, takenBy },
    }]);
    return ok(recorded);
  });
}
