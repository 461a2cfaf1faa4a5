// Reads, for a batch of debtors, everything the strategy evaluation and the compliance gate need: open
// invoices with their balances, enrolments, contact points, opt-outs, hard-stop flags, disputes, validation
// notices, the last 30 days of contact history and the negotiation state. A handful of set-based queries per
// batch (never one per account), so the daily cycle scales with the book.
import type { Queryable } from '../../adapters/db/database.ts';
import type { EnrolmentState } from '../../domain/outreach/evaluate-strategy.ts';
import type {
  DebtorGateSnapshot, GateContactPoint, GateDispute, GateFlag, GateHistoryEntry, GateOptOut,
} from '../../domain/outreach/build-outreach-facts.ts';
import type { ExitCondition, StrategyArm } from '../../domain/outreach/strategy-definition.ts';
import type { HistoryChannel, HistoryOutcome, OptOutMedium } from '../../domain/compliance/compliance-facts.ts';
import { loadNegotiationState, type NegotiationState } from './negotiation-state.ts';

export type InvoiceRow = {
  invoiceId: string;
  accountId: string;
  creditorId: string;
  creditorName: string;
  invoiceNumber: string;
  dueDate: string;
  currency: string;
  balanceMinor: bigint;
  principalMinor: bigint;
  disputed: boolean;
};

export type DebtorBatchEntry = {
  debtorId: string;
  externalRef: string;
  name: string;
  kind: 'person' | 'business';
  debtPurpose: 'consumer' | 'commercial';
  locale: string | undefined;
  tags: string[];
  invoices: InvoiceRow[];
  accounts: Map<string, { creditorId: string; currency: string; enrolment: EnrolmentState | undefined }>;
  gate: DebtorGateSnapshot;
  negotiation: NegotiationState;
};

const ms = (value: Date | string | null | undefined): number | undefined =>
  value === null || value === undefined ? undefined : new Date(value).getTime();

/** Debtor ids after `afterId`, in id order (keyset pagination). */
export async function listDebtorIds(db: Queryable, tenantId: string, afterId: string, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM debtor WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT $3', [tenantId, afterId, limit]);
  return rows.map((row) => row.id);
}

export async function loadOutreachSnapshots(db: Queryable, tenantId: string, debtorIds: readonly string[], nowMs: number): Promise<DebtorBatchEntry[]> {
  if (debtorIds.length === 0) return [];
  const ids = [...debtorIds];
  const historySince = new Date(nowMs - 31 * 86_400_000);
  // One after the other: inside a transaction the queries share one connection anyway.
  const sequence = async <T extends unknown[]>(...thunks: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> => {
    const results: unknown[] = [];
    for (const thunk of thunks) results.push(await thunk());
    return results as T;
  };
  const [debtors, invoices, enrolments, points, optOuts, flags, disputes, validations, history, negotiation] = await sequence(
    () => db.query<{ id: string; external_ref: string; name: string; kind: 'person' | 'business'; debt_purpose: 'consumer' | 'commercial'; country: string | null; region: string | null; stated_time_zone: string | null; locale: string | null; tags: unknown }>(
      `SELECT id, external_ref, name, kind, debt_purpose, country, region, stated_time_zone, attributes->>'locale' AS locale, attributes->'tags' AS tags
       FROM debtor WHERE tenant_id = $1 AND id = ANY($2::text[])`, [tenantId, ids]),
    () => db.query<{ debtor_id: string; id: string; account_id: string; creditor_id: string; creditor_name: string; invoice_number: string; due_date: string; currency: string; disputed: boolean; balance: bigint; principal: bigint }>(
      `SELECT i.debtor_id, i.id, i.account_id, a.creditor_id, c.name AS creditor_name, i.invoice_number, i.due_date, i.currency, i.disputed,
              COALESCE(SUM(CASE WHEN e.debit_account = 'receivable' THEN e.amount_minor WHEN e.credit_account = 'receivable' THEN -e.amount_minor END), 0)::bigint AS balance,
              COALESCE(SUM(CASE WHEN e.component = 'principal' AND e.debit_account = 'receivable' THEN e.amount_minor
                                WHEN e.component = 'principal' AND e.credit_account = 'receivable' THEN -e.amount_minor END), 0)::bigint AS principal
       FROM invoice i
       JOIN account a ON a.tenant_id = i.tenant_id AND a.id = i.account_id AND a.status = 'open'
       JOIN creditor c ON c.tenant_id = a.tenant_id AND c.id = a.creditor_id
       LEFT JOIN ledger_entry e ON e.tenant_id = i.tenant_id AND e.invoice_id = i.id
       WHERE i.tenant_id = $1 AND i.debtor_id = ANY($2::text[])
       GROUP BY i.debtor_id, i.id, i.account_id, a.creditor_id, c.name, i.invoice_number, i.due_date, i.currency, i.disputed
       HAVING COALESCE(SUM(CASE WHEN e.debit_account = 'receivable' THEN e.amount_minor WHEN e.credit_account = 'receivable' THEN -e.amount_minor END), 0) > 0`,
      [tenantId, ids]),
    () => db.query<{ debtor_id: string; account_id: string; creditor_id: string; currency: string; strategy_id: string; strategy_version: number; arm: StrategyArm; entered_on: string; steps_done: string[]; status: 'active' | 'exited'; exit_reason: ExitCondition | null; exited_on: string | null }>(
      `SELECT s.debtor_id, s.account_id, a.creditor_id, a.currency, s.strategy_id, s.strategy_version, s.arm, s.entered_on, s.steps_done, s.status, s.exit_reason, s.exited_on
       FROM strategy_enrolment s JOIN account a ON a.tenant_id = s.tenant_id AND a.id = s.account_id
       WHERE s.tenant_id = $1 AND s.debtor_id = ANY($2::text[])`, [tenantId, ids]),
    () => db.query<{ id: string; debtor_id: string; type: 'postal' | 'phone' | 'email'; value: string; candidate_time_zones: string[]; phone_line_type: GateContactPoint['lineType']; consent: Record<string, unknown>; opted_out_at: Date | null; opt_out_scope: string | null; unusable_at: Date | null; postal_code: string | null; verified: boolean; source: string }>(
      `SELECT id, debtor_id, type, value, candidate_time_zones, phone_line_type, consent, opted_out_at, opt_out_scope, unusable_at,
              postal_address->>'postalCode' AS postal_code, verified, source
       FROM contact_point WHERE tenant_id = $1 AND debtor_id = ANY($2::text[]) ORDER BY debtor_id, verified DESC, created_at, id`, [tenantId, ids]),
    () => db.query<{ debtor_id: string; contact_point_id: string | null; medium: OptOutMedium; effective_at: Date; raw_text: string | null }>(
      `SELECT debtor_id, contact_point_id, medium, effective_at, raw_text FROM contact_opt_out
       WHERE tenant_id = $1 AND debtor_id = ANY($2::text[]) AND revoked_at IS NULL`, [tenantId, ids]),
    () => db.query<{ debtor_id: string; kind: GateFlag['kind']; account_ids: string[] | null; effective_at: Date; ended_at: Date | null; details: Record<string, unknown> }>(
      `SELECT debtor_id, kind, account_ids, effective_at, ended_at, details FROM debtor_compliance_flag
       WHERE tenant_id = $1 AND debtor_id = ANY($2::text[])`, [tenantId, ids]),
    () => db.query<{ debtor_id: string; account_id: string | null; invoice_id: string | null; kind: GateDispute['kind']; written: boolean; submitted_at: Date; received_at: Date | null; status: GateDispute['status']; response_sent_at: Date | null; resolved_at: Date | null }>(
      `SELECT debtor_id, account_id, invoice_id, kind, written, submitted_at, received_at, status, response_sent_at, resolved_at FROM debtor_dispute
       WHERE tenant_id = $1 AND debtor_id = ANY($2::text[])`, [tenantId, ids]),
    () => db.query<{ debtor_id: string; account_id: string; initial_communication_at: Date | null; notice_sent_at: Date | null; end_date: string | null }>(
      `SELECT debtor_id, account_id, initial_communication_at, notice_sent_at, end_date FROM account_validation
       WHERE tenant_id = $1 AND debtor_id = ANY($2::text[])`, [tenantId, ids]),
    () => db.query<{ debtor_id: string; channel: HistoryChannel; direction: 'outbound' | 'inbound'; outcome: HistoryOutcome | null; status: string; account_ids: string[]; to_address: string | null; started_at: Date; text: string | null }>(
      `SELECT debtor_id, channel, direction, outcome, status, account_ids, to_address, started_at, detail->>'text' AS text FROM contact_attempt
       WHERE tenant_id = $1 AND debtor_id = ANY($2::text[]) AND started_at >= $3
         AND status IN ('sending', 'sent', 'delivered', 'bounced', 'failed', 'returned', 'completed')
       ORDER BY started_at`, [tenantId, ids, historySince]),
    () => loadNegotiationState(db, tenantId, ids),
  );

  const entries = new Map<string, DebtorBatchEntry>();
  for (const row of debtors.rows) {
    entries.set(row.id, {
      debtorId: row.id,
      externalRef: row.external_ref,
      name: row.name,
      kind: row.kind,
      debtPurpose: row.debt_purpose,
      locale: row.locale ?? undefined,
      tags: Array.isArray(row.tags) ? row.tags.filter((tag): tag is string => typeof tag === 'string') : [],
      invoices: [],
      accounts: new Map(),
      gate: {
        debtorId: row.id, debtPurpose: row.debt_purpose, country: row.country ?? undefined, region: row.region ?? undefined,
        statedTimeZone: row.stated_time_zone ?? undefined, contactPoints: [], optOuts: [], flags: [], disputes: [], accounts: [], history: [],
      },
      negotiation: negotiation.get(row.id) ?? { activePlanAccountIds: new Set(), promisedMinorByAccount: new Map() },
    });
  }
  for (const row of invoices.rows) {
    const entry = entries.get(row.debtor_id)!;
    entry.invoices.push({
      invoiceId: row.id, accountId: row.account_id, creditorId: row.creditor_id, creditorName: row.creditor_name, invoiceNumber: row.invoice_number,
      dueDate: row.due_date, currency: row.currency.trim(), balanceMinor: BigInt(row.balance), principalMinor: BigInt(row.principal), disputed: row.disputed,
    });
    if (!entry.accounts.has(row.account_id)) entry.accounts.set(row.account_id, { creditorId: row.creditor_id, currency: row.currency.trim(), enrolment: undefined });
  }
  for (const row of enrolments.rows) {
    const entry = entries.get(row.debtor_id)!;
    const enrolment: EnrolmentState = {
      strategyId: row.strategy_id, strategyVersion: row.strategy_version, arm: row.arm, enteredOn: row.entered_on, stepsDone: row.steps_done,
      status: row.status, exitReason: row.exit_reason, exitedOn: row.exited_on,
    };
    const account = entry.accounts.get(row.account_id);
    if (account === undefined) entry.accounts.set(row.account_id, { creditorId: row.creditor_id, currency: row.currency.trim(), enrolment });
    else account.enrolment = enrolment;
  }
  for (const row of points.rows) {
    entries.get(row.debtor_id)!.gate.contactPoints.push({
      id: row.id, type: row.type, value: row.value, candidateTimeZones: row.candidate_time_zones ?? [], lineType: row.phone_line_type,
      consent: row.consent ?? {}, optedOutMs: ms(row.opted_out_at), optOutScope: row.opt_out_scope, unusableMs: ms(row.unusable_at),
      postalCode: row.postal_code ?? undefined, verified: row.verified, source: row.source,
    });
  }
  for (const row of optOuts.rows) {
    const optOut: GateOptOut = { contactPointId: row.contact_point_id, medium: row.medium, effectiveMs: ms(row.effective_at)!, rawText: row.raw_text ?? undefined };
    entries.get(row.debtor_id)!.gate.optOuts.push(optOut);
  }
  for (const row of flags.rows) {
    entries.get(row.debtor_id)!.gate.flags.push({
      kind: row.kind, accountIds: row.account_ids, effectiveMs: ms(row.effective_at)!, endedMs: ms(row.ended_at), details: row.details ?? {},
    });
  }
  for (const row of disputes.rows) {
    entries.get(row.debtor_id)!.gate.disputes.push({
      accountId: row.account_id, invoiceId: row.invoice_id, kind: row.kind, written: row.written, submittedMs: ms(row.submitted_at)!,
      receivedMs: ms(row.received_at), status: row.status,
      // A resolved dispute without a recorded response counts as answered when it was resolved.
      responseSentMs: ms(row.response_sent_at) ?? (row.status === 'resolved' ? ms(row.resolved_at) : undefined),
    });
  }
  const validationByAccount = new Map(validations.rows.map((row) => [row.account_id, row]));
  for (const entry of entries.values()) {
    for (const accountId of entry.accounts.keys()) {
      const validation = validationByAccount.get(accountId);
      entry.gate.accounts.push({
        accountId,
        initialCommunicationMs: ms(validation?.initial_communication_at),
        validationSentMs: ms(validation?.notice_sent_at),
        validationEndDate: validation?.end_date ?? undefined,
      });
    }
  }
  for (const row of history.rows) {
    const outcome: HistoryOutcome | undefined = row.outcome ?? (row.status === 'bounced' ? 'bounced' : row.status === 'returned' || row.status === 'failed' ? 'undeliverable' : row.status === 'delivered' ? 'delivered' : undefined);
    const entry: GateHistoryEntry = {
      atMs: ms(row.started_at)!, channel: row.channel, direction: row.direction, outcome, accountIds: row.account_ids,
      address: row.to_address ?? undefined, text: row.text ?? undefined,
    };
    entries.get(row.debtor_id)!.gate.history.push(entry);
  }
  return [...entries.values()];
}

/** What the cheap first pass of the daily cycle reads for every debtor: enough to tell who needs a full look. */
export type AccountStateBatch = {
  debtorId: string;
  debtPurpose: 'consumer' | 'commercial';
  tags: string[];
  /** The debtor has flags, disputes, active plans or pending promises: always looked at in full. */
  hasFacts: boolean;
  invoices: InvoiceRow[];
  accounts: Map<string, { creditorId: string; currency: string; enrolment: EnrolmentState | undefined }>;
};

/**
 * First pass of the daily cycle: open invoices with balances, enrolments, and whether any hard fact exists,
 * for a batch of debtors (three queries). Most debtors have nothing due on a given day; only the others get
 * the full snapshot (contact points, history, ...) and the gate.
 */
export async function loadAccountStates(db: Queryable, tenantId: string, debtorIds: readonly string[]): Promise<AccountStateBatch[]> {
  if (debtorIds.length === 0) return [];
  const ids = [...debtorIds];
  const invoices = await db.query<{ debtor_id: string; debt_purpose: 'consumer' | 'commercial'; tags: unknown; id: string; account_id: string; creditor_id: string; invoice_number: string; due_date: string; currency: string; disputed: boolean; balance: bigint }>(
    `SELECT i.debtor_id, d.debt_purpose, d.attributes->'tags' AS tags, i.id, i.account_id, a.creditor_id, i.invoice_number, i.due_date, i.currency, i.disputed,
            COALESCE(SUM(CASE WHEN e.debit_account = 'receivable' THEN e.amount_minor WHEN e.credit_account = 'receivable' THEN -e.amount_minor END), 0)::bigint AS balance
     FROM invoice i
     JOIN account a ON a.tenant_id = i.tenant_id AND a.id = i.account_id AND a.status = 'open'
     JOIN debtor d ON d.tenant_id = i.tenant_id AND d.id = i.debtor_id
     LEFT JOIN ledger_entry e ON e.tenant_id = i.tenant_id AND e.invoice_id = i.id
     WHERE i.tenant_id = $1 AND i.debtor_id = ANY($2::text[])
     GROUP BY i.debtor_id, d.debt_purpose, d.attributes, i.id, i.account_id, a.creditor_id, i.invoice_number, i.due_date, i.currency, i.disputed
     HAVING COALESCE(SUM(CASE WHEN e.debit_account = 'receivable' THEN e.amount_minor WHEN e.credit_account = 'receivable' THEN -e.amount_minor END), 0) > 0`,
    [tenantId, ids]);
  const enrolments = await db.query<{ debtor_id: string; debt_purpose: 'consumer' | 'commercial'; tags: unknown; account_id: string; creditor_id: string; currency: string; strategy_id: string; strategy_version: number; arm: StrategyArm; entered_on: string; steps_done: string[]; status: 'active' | 'exited'; exit_reason: ExitCondition | null; exited_on: string | null }>(
    `SELECT s.debtor_id, d.debt_purpose, d.attributes->'tags' AS tags, s.account_id, a.creditor_id, a.currency, s.strategy_id, s.strategy_version, s.arm, s.entered_on, s.steps_done, s.status, s.exit_reason, s.exited_on
     FROM strategy_enrolment s JOIN account a ON a.tenant_id = s.tenant_id AND a.id = s.account_id
     JOIN debtor d ON d.tenant_id = s.tenant_id AND d.id = s.debtor_id
     WHERE s.tenant_id = $1 AND s.debtor_id = ANY($2::text[])`, [tenantId, ids]);
  const facts = await db.query<{ debtor_id: string }>(
    `SELECT debtor_id FROM debtor_compliance_flag WHERE tenant_id = $1 AND debtor_id = ANY($2::text[]) AND ended_at IS NULL
     UNION SELECT debtor_id FROM debtor_dispute WHERE tenant_id = $1 AND debtor_id = ANY($2::text[]) AND status = 'open'
     UNION SELECT debtor_id FROM payment_plan WHERE tenant_id = $1 AND debtor_id = ANY($2::text[]) AND status = 'active'
     UNION SELECT debtor_id FROM promise_to_pay WHERE tenant_id = $1 AND debtor_id = ANY($2::text[]) AND status = 'pending'`, [tenantId, ids]);
  const withFacts = new Set(facts.rows.map((row) => row.debtor_id));
  const states = new Map<string, AccountStateBatch>();
  const stateOf = (debtorId: string, purpose: 'consumer' | 'commercial', tags: unknown) => {
    let state = states.get(debtorId);
    if (state === undefined) {
      state = {
        debtorId, debtPurpose: purpose, tags: Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [],
        hasFacts: withFacts.has(debtorId), invoices: [], accounts: new Map(),
      };
      states.set(debtorId, state);
    }
    return state;
  };
  for (const row of invoices.rows) {
    const state = stateOf(row.debtor_id, row.debt_purpose, row.tags);
    state.invoices.push({
      invoiceId: row.id, accountId: row.account_id, creditorId: row.creditor_id, creditorName: '', invoiceNumber: row.invoice_number,
      dueDate: row.due_date, currency: row.currency.trim(), balanceMinor: BigInt(row.balance),
      // The first pass reads only the covering index of ledger entries; the full pass reads the principal.
      principalMinor: BigInt(row.balance), disputed: row.disputed,
    });
    if (!state.accounts.has(row.account_id)) state.accounts.set(row.account_id, { creditorId: row.creditor_id, currency: row.currency.trim(), enrolment: undefined });
  }
  for (const row of enrolments.rows) {
    const state = stateOf(row.debtor_id, row.debt_purpose, row.tags);
    const enrolment: EnrolmentState = {
      strategyId: row.strategy_id, strategyVersion: row.strategy_version, arm: row.arm, enteredOn: row.entered_on, stepsDone: row.steps_done,
      status: row.status, exitReason: row.exit_reason, exitedOn: row.exited_on,
    };
    const account = state.accounts.get(row.account_id);
    if (account === undefined) state.accounts.set(row.account_id, { creditorId: row.creditor_id, currency: row.currency.trim(), enrolment });
    else account.enrolment = enrolment;
  }
  return [...states.values()];
}
