import type { Queryable } from '../../adapters/db/database.ts';
import { loadOutreachSnapshots, type DebtorBatchEntry } from '../outreach/load-outreach-snapshots.ts';
import { buildOutreachFacts, type GateContactPoint } from '../../domain/outreach/build-outreach-facts.ts';
import type { OutreachChannel } from '../../domain/outreach/strategy-definition.ts';
import { decideCompliance } from '../../domain/compliance/decide-compliance.ts';
import { buildRequiredDisclosures, type ComplianceDecision } from '../../domain/compliance/compliance-decision.ts';

// The account page: the debtor, balances, flags, and per contact point its local time and the gate's answer
// to "can I contact now?" with its reasons. The gate is the pure function in src/domain/compliance; its facts
// come from the same snapshot the outreach cycle uses (src/app/outreach), so both ask the same question.

export type ContactCheck = {
  channel: OutreachChannel;
  outcome: 'allow' | 'allow_after' | 'block' | 'review';
  allowAfter: string | null;
  reasons: Array<{ code: string; message: string }>;
  disclosures: string[];
};

export type ContactPointView = {
  id: string; channel: 'postal' | 'phone' | 'email'; value: string; timeZone: string | null; localTime: string | null;
  verified: boolean; unusable: boolean; optedOut: boolean; canContactNow: ContactCheck; checks: ContactCheck[];
};

export type AccountView = {
  debtor: { id: string; reference: string; name: string; kind: string; debtPurpose: string; country: string | null; region: string | null };
  balances: Array<{ currency: string; receivableMinor: string; creditBalanceMinor: string }>;
  accounts: Array<{ id: string; reference: string; currency: string; status: string; creditorId: string }>;
  flags: Array<{ kind: string; since: string; detail: string }>;
  assignedTo: string | null;
  priority: { priority: number; reasons: Array<{ code: string; points: number; text: string }> } | null;
  contactPoints: ContactPointView[];
};

const channelsOf: Record<GateContactPoint['type'], OutreachChannel[]> = { phone: ['call_task', 'sms'], email: ['email'], postal: ['letter'] };

/** The debtor's local time at an instant in a zone, e.g. "Tue 09:41 (America/Chicago)". */
export function formatLocalTime(now: Date, timeZone: string): string {
  // Building an Intl formatter is costly (it showed in the benchmark's profile): keep one per zone.
  let formatter = localTimeFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false });
    localTimeFormatters.set(timeZone, formatter);
  }
  return `${formatter.format(now).replace(',', '')} (${timeZone})`;
}
const localTimeFormatters = new Map<string, Intl.DateTimeFormat>();

function toCheck(channel: OutreachChannel, decision: ComplianceDecision): ContactCheck {
  const outcome = decision.decision === 'allow_with_requirements' ? 'allow' : decision.decision;
  return {
    channel, outcome,
    allowAfter: decision.decision === 'allow_after' && decision.allowAfterMs !== undefined ? new Date(decision.allowAfterMs).toISOString() : null,
    reasons: decision.reasons.map((reason) => ({ code: reason.ruleId, message: reason.explanation })),
    disclosures: buildRequiredDisclosures(decision),
  };
}

/** Asks the gate whether `channel` to `point` may happen at `now`. */
export function checkContact(entry: DebtorBatchEntry, point: GateContactPoint, channel: OutreachChannel, now: Date): ContactCheck {
  const accountIds = [...entry.accounts.keys()];
  const facts = buildOutreachFacts(entry.gate, { channel, contactPoint: point, accountIds, template: 'workbench_manual', scheduledMs: now.getTime() }, now.getTime());
  return toCheck(channel, decideCompliance(facts));
}

export async function loadDebtorSnapshot(db: Queryable, tenantId: string, debtorId: string, now: Date): Promise<DebtorBatchEntry | undefined> {
  const [entry] = await loadOutreachSnapshots(db, tenantId, [debtorId], now.getTime());
  return entry;
}

export async function loadAccountView(db: Queryable, tenantId: string, debtorId: string, now: Date): Promise<AccountView | null> {
  // Balances, accounts and the queue item in one round trip (amounts as text: JSON numbers lose bigints).
  const [extras, entry] = await Promise.all([
    db.query<{
      balances: Array<{ currency: string; receivable: string; credit: string }> | null;
      accounts: Array<{ id: string; external_ref: string; currency: string; status: string; creditor_id: string }> | null;
      queue: { priority: number; priority_reasons: Array<{ code: string; points: number; text: string }>; assigned_to: string | null } | null;
    }>(
      `SELECT
         (SELECT json_agg(b ORDER BY b.currency) FROM (
            SELECT currency,
                   COALESCE(sum(CASE WHEN debit_account = 'receivable' THEN amount_minor WHEN credit_account = 'receivable' THEN -amount_minor ELSE 0 END), 0)::text AS receivable,
                   COALESCE(sum(CASE WHEN credit_account = 'credit_balance' THEN amount_minor WHEN debit_account = 'credit_balance' THEN -amount_minor ELSE 0 END), 0)::text AS credit
            FROM ledger_entry WHERE tenant_id = $1 AND debtor_id = $2 GROUP BY currency) b) AS balances,
         (SELECT json_agg(a ORDER BY a.created_at, a.id) FROM (
            SELECT id, external_ref, currency, status, creditor_id, created_at FROM account WHERE tenant_id = $1 AND debtor_id = $2) a) AS accounts,
         (SELECT row_to_json(q) FROM (
            SELECT priority, priority_reasons, assigned_to FROM work_queue_item WHERE tenant_id = $1 AND debtor_id = $2) q) AS queue`,
      [tenantId, debtorId]),
    loadDebtorSnapshot(db, tenantId, debtorId, now),
  ]);
  const { balances, accounts, queue } = extras.rows[0]!;
  if (entry === undefined) return null;
  const row = { id: entry.debtorId, external_ref: entry.externalRef, name: entry.name, kind: entry.kind, debt_purpose: entry.debtPurpose,
    country: entry.gate.country ?? null, region: entry.gate.region ?? null, stated_time_zone: entry.gate.statedTimeZone ?? null };
  const flags: AccountView['flags'] = [
    ...entry.gate.flags.filter((flag) => flag.endedMs === undefined).map((flag) => ({ kind: flag.kind, since: new Date(flag.effectiveMs).toISOString(), detail: JSON.stringify(flag.details) })),
    ...entry.gate.disputes.filter((dispute) => dispute.status === 'open').map((dispute) => ({
      kind: dispute.kind, since: new Date(dispute.submittedMs).toISOString(), detail: dispute.written ? 'written dispute: collection paused until answered' : 'oral dispute',
    })),
    ...entry.gate.optOuts.map((optOut) => ({ kind: `opt_out_${optOut.medium}`, since: new Date(optOut.effectiveMs).toISOString(), detail: optOut.contactPointId ?? 'every contact point' })),
  ];
  const contactPoints = entry.gate.contactPoints.map((point): ContactPointView => {
    // An email address has no zone of its own: the debtor's stated zone, else the first zone any point gives.
    const timeZone = point.candidateTimeZones[0] ?? row.stated_time_zone ?? entry.gate.contactPoints.find((other) => other.candidateTimeZones.length > 0)?.candidateTimeZones[0] ?? null;
    const checks = channelsOf[point.type].filter((channel) => channel !== 'sms' || point.lineType !== 'landline').map((channel) => checkContact(entry, point, channel, now));
    return {
      id: point.id, channel: point.type, value: point.value, timeZone, localTime: timeZone === null ? null : formatLocalTime(now, timeZone),
      verified: point.verified, unusable: point.unusableMs !== undefined, optedOut: point.optedOutMs !== undefined, canContactNow: checks[0]!, checks,
    };
  });
  return {
    debtor: { id: row.id, reference: row.external_ref, name: row.name, kind: row.kind, debtPurpose: row.debt_purpose, country: row.country, region: row.region },
    balances: (balances ?? []).map((b) => ({ currency: b.currency.trim(), receivableMinor: b.receivable, creditBalanceMinor: b.credit })),
    accounts: (accounts ?? []).map((a) => ({ id: a.id, reference: a.external_ref, currency: a.currency.trim(), status: a.status, creditorId: a.creditor_id })),
    flags,
    assignedTo: queue?.assigned_to ?? null,
    priority: queue === null ? null : { priority: queue.priority, reasons: queue.priority_reasons },
    contactPoints,
  };
}

// What each disclosure the gate names means in words a specialist says (the gate's ids, RULES.md).
const disclosureScript: Record<string, string> = {
  MM_INITIAL: 'This is a communication from a debt collector. This is an attempt to collect a debt and any information obtained will be used for that purpose.',
  MM_SUBSEQUENT: 'This is a communication from a debt collector.',
  CA_1812_700_NOTICE: 'The state Rosenthal Fair Debt Collection Practices Act and the federal Fair Debt Collection Practices Act require that, except under unusual circumstances, collectors may not contact you before 8 a.m. or after 9 p.m.',
  NO_PERSONAL_LIABILITY_IMPLIED: 'You are not personally liable for this debt; we are contacting you about the estate.',
  NY_1_3_NOTICE_SAME_MEDIUM: 'Tell the debtor they may ask us to contact them only in a particular medium.',
  AUTOMATED_OPT_OUT_MECHANISM: 'Tell the debtor how to opt out of these calls.',
};

export type CallScript = { contactPointId: string | null; decision: ContactCheck | null; disclosures: Array<{ id: string; source: 'gate' | 'script'; text: string }>; script: string[] };

/** The call script for a phone contact point: the opening, the disclosures the gate requires, and the steps. */
export async function loadCallScript(db: Queryable, tenantId: string, debtorId: string, contactPointId: string | null, now: Date, specialistName: string): Promise<CallScript | null> {
  const entry = await loadDebtorSnapshot(db, tenantId, debtorId, now);
  if (entry === undefined) return null;
  const point = entry.gate.contactPoints.find((candidate) => (contactPointId === null ? candidate.type === 'phone' : candidate.id === contactPointId));
  const decision = point === undefined ? null : checkContact(entry, point, 'call_task', now);
  // The gate lists what this call requires (MM_INITIAL on a first communication, state notices); the routine
  // "this is a debt collector" of later calls is carried by the script itself (RULES.md 0.6), so it is added here.
  const required = decision?.disclosures ?? [];
  const routine = entry.debtPurpose === 'consumer' && !required.includes('MM_INITIAL') && !required.includes('MM_SUBSEQUENT') ? ['MM_SUBSEQUENT'] : [];
  const disclosures = [
    ...required.map((id) => ({ id, source: 'gate' as const, text: disclosureScript[id] ?? id.replace(/_/g, ' ') })),
    ...routine.map((id) => ({ id, source: 'script' as const, text: disclosureScript[id]! })),
  ];
  const total = entry.invoices.reduce((sum, invoice) => sum + invoice.balanceMinor, 0n);
  const currency = entry.invoices[0]?.currency ?? null;
  const script = [
    `Hello, may I speak with ${entry.name}? (Speak about the debt only with the debtor: if someone else answers, leave only your name and number.)`,
    `My name is ${specialistName}. To protect your privacy, can you confirm your date of birth or postcode?`,
    ...disclosures.map((disclosure) => disclosure.text),
    currency === null ? 'Nothing is open on this account today.' : `Our records show ${entry.invoices.length} open invoice(s), ${total.toString()} in minor units of ${currency} in total.`,
    'Can you pay this today? If not: what can you pay, and when? (Offer a plan within policy.)',
    'If the debtor disputes the debt, log the outcome "dispute": collection pauses until it is answered.',
    'Confirm what was agreed, and the best time and channel to reach them.',
  ];
  return { contactPointId: point?.id ?? null, decision, disclosures, script };
}
