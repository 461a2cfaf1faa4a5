import type { Queryable } from '../../adapters/db/database.ts';
import { computePromiseStatistics, type PromiseStatistics } from '../../domain/negotiation/compute-promise-statistics.ts';
import type { PromiseStatus } from '../../domain/negotiation/decide-promise-outcomes.ts';

export type PromiseView = {
  promiseId: string; debtorId: string; debtorName: string; accountId: string; amountMinor: string; paidMinor: string; currency: string;
  madeOn: string; promisedOn: string; graceDays: number; channel: string; takenBy: string; status: PromiseStatus; resolvedOn: string | null;
};

export type ListPromisesInput = { tenantId: string; debtorId?: string; accountId?: string; status?: PromiseStatus; takenBy?: string; limit?: number };

/** Promises, newest promised date first, filtered by debtor, account, status or specialist. */
export async function listPromises(q: Queryable, input: ListPromisesInput): Promise<PromiseView[]> {
  const conditions = ['p.tenant_id = $1'];
  const params: unknown[] = [input.tenantId];
  const add = (sql: string, value: unknown) => { params.push(value); conditions.push(sql.replace('?', `$${params.length}`)); };
  if (input.debtorId !== undefined) add('? IN (p.debtor_id, d.external_ref)', input.debtorId);
  if (input.accountId !== undefined) add('p.account_id = ?', input.accountId);
  if (input.status !== undefined) add('p.status = ?', input.status);
  if (input.takenBy !== undefined) add('p.taken_by = ?', input.takenBy);
  params.push(input.limit ?? 500);
  const { rows } = await q.query<{ id: string; debtor_id: string; name: string; account_id: string; amount_minor: bigint; paid_minor: bigint; currency: string; made_on: string; promised_on: string; grace_days: number; channel: string; taken_by: string; status: PromiseStatus; resolved_on: string | null }>(
    `SELECT p.id, p.debtor_id, d.name, p.account_id, p.amount_minor, p.paid_minor, p.currency, p.made_on, p.promised_on, p.grace_days, p.channel, p.taken_by, p.status, p.resolved_on
     FROM promise_to_pay p JOIN debtor d ON d.tenant_id = p.tenant_id AND d.id = p.debtor_id
     WHERE ${conditions.join(' AND ')} ORDER BY p.promised_on DESC, p.id DESC LIMIT $${params.length}`, params);
  return rows.map((row) => ({
    promiseId: row.id, debtorId: row.debtor_id, debtorName: row.name, accountId: row.account_id, amountMinor: row.amount_minor.toString(), paidMinor: row.paid_minor.toString(),
    currency: row.currency.trim(), madeOn: row.made_on, promisedOn: row.promised_on, graceDays: row.grace_days, channel: row.channel, takenBy: row.taken_by, status: row.status, resolvedOn: row.resolved_on,
  }));
}

/**
 * Kept-rate statistics per specialist and overall, over the promises made in [from, to] (made_on; both
 * optional). Run evaluatePromises first so that promises past their grace are decided.
 */
export async function loadPromiseStatistics(q: Queryable, input: { tenantId: string; from?: string; to?: string }): Promise<{ overall: PromiseStatistics; bySpecialist: PromiseStatistics[] }> {
  const { rows } = await q.query<{ taken_by: string; status: PromiseStatus; amount_minor: bigint; paid_minor: bigint; currency: string }>(
    `SELECT taken_by, status, amount_minor, paid_minor, currency FROM promise_to_pay
     WHERE tenant_id = $1 AND ($2::date IS NULL OR made_on >= $2::date) AND ($3::date IS NULL OR made_on <= $3::date)`,
    [input.tenantId, input.from ?? null, input.to ?? null]);
  return computePromiseStatistics(rows.map((row) => ({ takenBy: row.taken_by, status: row.status, amountMinor: row.amount_minor, paidMinor: row.paid_minor, currency: row.currency.trim() })));
}
