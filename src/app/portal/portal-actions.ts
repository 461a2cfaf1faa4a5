import { createHash } from 'node:crypto';
import type { Database } from '../../adapters/db/database.ts';
import { appendAuditEvents } from '../../adapters/db/audit-log.ts';
import { newId } from '../../adapters/ids.ts';
import { formatAmount } from '../../domain/money/money.ts';
import { fail, ok, type Result } from '../../domain/shared/result.ts';
import { canonicalJson } from '../../domain/audit/canonical-json.ts';
import { postPayment, type PostedPayment } from '../payments/post-payment.ts';
import { activatePlan, createPlan, type PlanView } from '../negotiation/create-plan.ts';
import { refreshQueueItems } from '../workbench/work-queue.ts';
import type { PaymentProvider, PortalPaymentMethod } from './payment-provider.ts';
import type { PortalPrincipal } from './portal-session.ts';

// What a debtor can do at the portal, each audited with the debtor as actor (`debtor:dbt_…`) and debtorId
// in the payload. Plans are proposed within the `portal` role's policy; the agreement is signed electronically.

const actorOf = (portal: PortalPrincipal) => `debtor:${portal.debtorId}`;
const today = (now: Date) => now.toISOString().slice(0, 10);

export type PortalAccount = {
  debtor: { name: string; reference: string };
  balances: Array<{ currency: string; totalMinor: string }>;
  invoices: Array<{ invoiceNumber: string; issueDate: string; dueDate: string; currency: string; originalMinor: string; principalMinor: string; interestMinor: string; feeMinor: string; paidMinor: string; openMinor: string; disputed: boolean }>;
  plans: Array<{ planId: string; status: string; agreementId: string | null; signed: boolean }>;
};

/** The itemized balance: per invoice, what was charged, what was paid, and what is open by component. */
export async function loadPortalAccount(db: Database, portal: PortalPrincipal): Promise<PortalAccount> {
  const [debtor, invoices, plans] = await Promise.all([
    db.query<{ name: string; external_ref: string }>('SELECT name, external_ref FROM debtor WHERE tenant_id = $1 AND id = $2', [portal.tenantId, portal.debtorId]),
    db.query<{ invoice_number: string; issue_date: string; due_date: string; currency: string; amount_minor: bigint; disputed: boolean; principal: bigint; interest: bigint; fee: bigint; paid: bigint }>(
      `SELECT i.invoice_number, i.issue_date, i.due_date, i.currency, i.amount_minor, i.disputed,
              COALESCE(sum(CASE WHEN e.debit_account = 'receivable' THEN e.amount_minor ELSE -e.amount_minor END) FILTER (WHERE e.component = 'principal'), 0)::bigint AS principal,
              COALESCE(sum(CASE WHEN e.debit_account = 'receivable' THEN e.amount_minor ELSE -e.amount_minor END) FILTER (WHERE e.component = 'interest'), 0)::bigint AS interest,
              COALESCE(sum(CASE WHEN e.debit_account = 'receivable' THEN e.amount_minor ELSE -e.amount_minor END) FILTER (WHERE e.component = 'fee'), 0)::bigint AS fee,
              COALESCE(sum(e.amount_minor) FILTER (WHERE e.kind = 'payment' AND e.credit_account = 'receivable'), 0)::bigint AS paid
       FROM invoice i LEFT JOIN ledger_entry e ON e.tenant_id = i.tenant_id AND e.invoice_id = i.id AND e.component IS NOT NULL
       WHERE i.tenant_id = $1 AND i.debtor_id = $2
       GROUP BY i.id, i.invoice_number, i.issue_date, i.due_date, i.currency, i.amount_minor, i.disputed ORDER BY i.due_date, i.invoice_number`,
      [portal.tenantId, portal.debtorId]),
    db.query<{ id: string; status: string; agreement_id: string | null; signed: boolean }>(
      `SELECT p.id, p.status, a.id AS agreement_id, (a.status = 'signed') AS signed FROM payment_plan p
       LEFT JOIN agreement_document a ON a.tenant_id = p.tenant_id AND a.plan_id = p.id
       WHERE p.tenant_id = $1 AND p.debtor_id = $2 ORDER BY p.id DESC`, [portal.tenantId, portal.debtorId]),
  ]);
  const totals = new Map<string, bigint>();
  const items = invoices.rows.map((row) => {
    const open = row.principal + row.interest + row.fee;
    const currency = row.currency.trim();
    totals.set(currency, (totals.get(currency) ?? 0n) + (open > 0n ? open : 0n));
    return {
      invoiceNumber: row.invoice_number, issueDate: row.issue_date, dueDate: row.due_date, currency, originalMinor: row.amount_minor.toString(),
      principalMinor: row.principal.toString(), interestMinor: row.interest.toString(), feeMinor: row.fee.toString(), paidMinor: row.paid.toString(),
      openMinor: open.toString(), disputed: row.disputed,
    };
  });
  return {
    debtor: { name: debtor.rows[0]!.name, reference: debtor.rows[0]!.external_ref },
    balances: [...totals].map(([currency, total]) => ({ currency, totalMinor: total.toString() })),
    invoices: items,
    plans: plans.rows.map((row) => ({ planId: row.id, status: row.status, agreementId: row.agreement_id, signed: row.signed === true })),
  };
}

/** Charges through the payment provider, then posts the payment to the book. Both are idempotent by the key. */
export async function payAtPortal(
  db: Database, provider: PaymentProvider, portal: PortalPrincipal,
  input: { amountMinor: bigint; currency: string; method: PortalPaymentMethod; idempotencyKey: string; now: Date },
): Promise<Result<PostedPayment & { provider: string; providerReference: string }, string>> {
  const key = `portal:${portal.debtorId}:${input.idempotencyKey}`;
  const charge = await provider.charge({ amountMinor: input.amountMinor, currency: input.currency, idempotencyKey: key, method: input.method });
  if (!charge.ok) return fail(charge.code, charge.message, 'method');
  const posted = await postPayment(db, {
    tenantId: portal.tenantId, actor: actorOf(portal), debtor: portal.debtorId, amountMinor: input.amountMinor, currency: input.currency,
    receivedOn: today(input.now), method: `portal_${input.method.kind}`, reference: `${provider.name}:${charge.providerReference}`, idempotencyKey: key, now: input.now,
  });
  if (!posted.ok) return posted;
  await refreshQueueItems(db, portal.tenantId, [portal.debtorId], today(input.now));
  return ok({ ...posted.value, provider: provider.name, providerReference: charge.providerReference });
}

export type ProposedAgreement = { plan: PlanView; agreementId: string; documentSha256: string; text: string };

/** The agreement text the debtor reads and signs; its sha256 is what the signature binds to. */
export function buildAgreementText(debtorName: string, plan: PlanView): string {
  const money = (minor: string) => `${formatAmount(BigInt(minor), plan.currency)} ${plan.currency}`;
  const lines = [
    'PAYMENT PLAN AGREEMENT',
    `Between ${debtorName} (the debtor) and the creditor of account ${plan.accountId}.`,
    `The debtor agrees to pay ${money(plan.principalMinor)}${BigInt(plan.downPaymentMinor) > 0n ? `, of which ${money(plan.downPaymentMinor)} down on ${plan.startDate}` : ''},`,
    `in ${plan.installmentCount} ${plan.frequency} installments${plan.interestMethod === 'none' ? ' with no interest' : ` with ${plan.interestMethod} interest at ${plan.aprPercent} % APR`}:`,
    ...plan.installments.map((row) => `  ${String(row.number).padStart(3)}. ${row.dueDate}  ${money(row.amountMinor)}`),
    'While the plan is kept, the creditor will not take further collection action on this account.',
    'Missing installments may end the plan; the remaining balance then becomes due.',
    'Signing electronically has the same effect as a handwritten signature (E-SIGN Act, UETA).',
  ];
  return lines.join('\n');
}

export async function proposePortalPlan(
  db: Database, portal: PortalPrincipal,
  input: { accountId: string; currency: string; installments: number; frequency: 'weekly' | 'biweekly' | 'monthly'; startDate: string; downPaymentMinor?: bigint; idempotencyKey: string; now: Date },
): Promise<Result<ProposedAgreement, string>> {
  const created = await createPlan(db, {
    tenantId: portal.tenantId, actor: actorOf(portal), role: 'portal', account: input.accountId, currency: input.currency, installments: input.installments,
    frequency: input.frequency, startDate: input.startDate, ...(input.downPaymentMinor === undefined ? {} : { downPaymentMinor: input.downPaymentMinor }),
    interest: { method: 'none' }, idempotencyKey: `portal:${portal.debtorId}:${input.idempotencyKey}`, now: input.now,
  });
  if (!created.ok) return created;
  const plan = created.value;
  return db.transaction(async (tx) => {
    const existing = await tx.query<{ id: string; sha256: string; text: string }>('SELECT id, sha256, text FROM agreement_document WHERE tenant_id = $1 AND plan_id = $2', [portal.tenantId, plan.planId]);
    if (existing.rows[0] !== undefined) return ok({ plan, agreementId: existing.rows[0].id, documentSha256: existing.rows[0].sha256, text: existing.rows[0].text });
    const debtor = await tx.query<{ name: string }>('SELECT name FROM debtor WHERE tenant_id = $1 AND id = $2', [portal.tenantId, portal.debtorId]);
    const text = buildAgreementText(debtor.rows[0]!.name, plan);
    const sha256 = createHash('sha256').update(text).digest('hex');
    const id = newId('agr');
    await tx.query(
      `INSERT INTO agreement_document (tenant_id, id, debtor_id, kind, plan_id, terms, text, sha256, created_at) VALUES ($1, $2, $3, 'payment_plan', $4, $5::jsonb, $6, $7, $8)`,
      [portal.tenantId, id, portal.debtorId, plan.planId, canonicalJson(plan), text, sha256, input.now.toISOString()],
    );
    await appendAuditEvents(tx, portal.tenantId, actorOf(portal), input.now, [{
      type: 'agreement.proposed', subjectType: 'agreement', subjectId: id,
      payload: { debtorId: portal.debtorId, documentSha256: sha256, totalMinor: plan.principalMinor, currency: plan.currency, installments: plan.installmentCount },
    }]);
    return ok({ plan, agreementId: id, documentSha256: sha256, text });
  });
}

export type Signature = { signatureId: string; agreementId: string; planId: string | null; signerName: string; signedAt: string; ip: string; userAgent: string; documentSha256: string };

/** Signs an agreement electronically: who, when, from where, and the hash of exactly the text shown; then the plan is active. */
export async function signAgreement(
  db: Database, portal: PortalPrincipal, input: { agreementId: string; fullName: string; ip: string; userAgent: string; now: Date },
): Promise<Result<Signature, 'not_found' | 'already_signed' | 'name_mismatch' | string>> {
  const signed = await db.transaction(async (tx): Promise<Result<Signature, string>> => {
    const { rows } = await tx.query<{ id: string; plan_id: string | null; sha256: string; text: string; status: string; name: string }>(
      `SELECT a.id, a.plan_id, a.sha256, a.text, a.status, d.name FROM agreement_document a JOIN debtor d ON d.tenant_id = a.tenant_id AND d.id = a.debtor_id
       WHERE a.tenant_id = $1 AND a.id = $2 AND a.debtor_id = $3 FOR UPDATE OF a`, [portal.tenantId, input.agreementId, portal.debtorId]);
    const agreement = rows[0];
    if (agreement === undefined) return fail('not_found', `no agreement "${input.agreementId}"`, 'id');
    if (agreement.status === 'signed') return fail('already_signed', 'this agreement is already signed');
    const simplify = (text: string) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
    if (simplify(input.fullName) !== simplify(agreement.name)) return fail('name_mismatch', 'type your full name as it appears on the account', 'fullName');
    // The hash is recomputed from the stored text, so a changed document cannot be signed under the old hash.
    const documentSha256 = createHash('sha256').update(agreement.text).digest('hex');
    if (documentSha256 !== agreement.sha256) throw new Error(`agreement ${agreement.id} no longer matches its hash`);
    const signatureId = newId('sig');
    await tx.query(
      `INSERT INTO e_signature (tenant_id, id, debtor_id, document_id, signer_name, signed_at, ip, user_agent, document_sha256) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [portal.tenantId, signatureId, portal.debtorId, agreement.id, input.fullName.trim(), input.now.toISOString(), input.ip, input.userAgent.slice(0, 500), documentSha256],
    );
    await tx.query(`UPDATE agreement_document SET status = 'signed' WHERE tenant_id = $1 AND id = $2`, [portal.tenantId, agreement.id]);
    await appendAuditEvents(tx, portal.tenantId, actorOf(portal), input.now, [{
      type: 'agreement.signed', subjectType: 'agreement', subjectId: agreement.id,
      payload: { debtorId: portal.debtorId, signatureId, signerName: input.fullName.trim(), ip: input.ip, userAgent: input.userAgent.slice(0, 500), documentSha256 },
    }]);
    return ok({ signatureId, agreementId: agreement.id, planId: agreement.plan_id, signerName: input.fullName.trim(), signedAt: input.now.toISOString(), ip: input.ip, userAgent: input.userAgent.slice(0, 500), documentSha256 });
  });
  if (!signed.ok || signed.value.planId === null) return signed;
  const activated = await activatePlan(db, { tenantId: portal.tenantId, actor: actorOf(portal), planId: signed.value.planId, acceptedOn: today(input.now), now: input.now });
  if (!activated.ok && activated.code !== 'invalid_state') return activated;
  await refreshQueueItems(db, portal.tenantId, [portal.debtorId], today(input.now));
  return signed;
}

/** A written dispute: recorded as a debtor dispute, which the compliance gate reads as a pause on collection. */
export async function disputeAtPortal(db: Database, portal: PortalPrincipal, input: { text: string; now: Date }): Promise<{ disputeId: string; receivedAt: string; written: true }> {
  return db.transaction(async (tx) => {
    const disputeId = newId('dsp');
    await tx.query(
      `INSERT INTO debtor_dispute (tenant_id, id, debtor_id, kind, written, medium, submitted_at, received_at, source, note)
       VALUES ($1, $2, $3, 'dispute', true, 'portal', $4, $4, 'portal', $5)`,
      [portal.tenantId, disputeId, portal.debtorId, input.now.toISOString(), input.text],
    );
    await appendAuditEvents(tx, portal.tenantId, actorOf(portal), input.now, [{
      type: 'dispute.received', subjectType: 'debtor', subjectId: portal.debtorId, payload: { debtorId: portal.debtorId, disputeId, written: true, medium: 'portal' },
    }]);
    return { disputeId, receivedAt: input.now.toISOString(), written: true as const };
  });
}

export const preferenceChannels = { email: 'email', sms: 'sms', phone: 'call', letter: 'letter' } as const;
export type PreferenceChannel = keyof typeof preferenceChannels;
export type ContactPreferences = { channels: Record<PreferenceChannel, { optOut: boolean }>; preferredTimes: string[] };

export async function loadContactPreferences(db: Database, portal: PortalPrincipal): Promise<ContactPreferences> {
  const [optOuts, preference] = await Promise.all([
    db.query<{ medium: string }>('SELECT DISTINCT medium FROM contact_opt_out WHERE tenant_id = $1 AND debtor_id = $2 AND contact_point_id IS NULL AND revoked_at IS NULL', [portal.tenantId, portal.debtorId]),
    db.query<{ preferred_times: string[] }>('SELECT preferred_times FROM contact_preference WHERE tenant_id = $1 AND debtor_id = $2', [portal.tenantId, portal.debtorId]),
  ]);
  const media = new Set(optOuts.rows.map((row) => row.medium));
  const channels = Object.fromEntries(Object.entries(preferenceChannels).map(([channel, medium]) =>
    [channel, { optOut: media.has(medium) || media.has('all') || (medium !== 'call' && medium !== 'letter' && media.has('all_electronic')) }])) as ContactPreferences['channels'];
  return { channels, preferredTimes: preference.rows[0]?.preferred_times ?? [] };
}

/** Sets opt-outs per channel (medium-wide contact_opt_out rows the gate reads) and preferred times. */
export async function saveContactPreferences(db: Database, portal: PortalPrincipal, input: { channels: Partial<Record<PreferenceChannel, { optOut: boolean }>>; preferredTimes?: string[] | undefined; now: Date }): Promise<ContactPreferences> {
  await db.transaction(async (tx) => {
    const optedOut: string[] = [];
    const optedIn: string[] = [];
    for (const [channel, setting] of Object.entries(input.channels) as Array<[PreferenceChannel, { optOut: boolean }]>) {
      const medium = preferenceChannels[channel];
      const active = await tx.query('SELECT 1 FROM contact_opt_out WHERE tenant_id = $1 AND debtor_id = $2 AND contact_point_id IS NULL AND medium = $3 AND revoked_at IS NULL', [portal.tenantId, portal.debtorId, medium]);
      if (setting.optOut && active.rowCount === 0) {
        await tx.query(`INSERT INTO contact_opt_out (tenant_id, id, debtor_id, contact_point_id, medium, effective_at, raw_text, source) VALUES ($1, $2, $3, NULL, $4, $5, $6, 'portal')`,
          [portal.tenantId, newId('opt'), portal.debtorId, medium, input.now.toISOString(), `opted out of ${channel} at the portal`]);
        optedOut.push(channel);
      } else if (!setting.optOut && active.rowCount > 0) {
        await tx.query('UPDATE contact_opt_out SET revoked_at = $4 WHERE tenant_id = $1 AND debtor_id = $2 AND contact_point_id IS NULL AND medium = $3 AND revoked_at IS NULL', [portal.tenantId, portal.debtorId, medium, input.now.toISOString()]);
        optedIn.push(channel);
      }
    }
    if (input.preferredTimes !== undefined) {
      await tx.query(`INSERT INTO contact_preference (tenant_id, debtor_id, preferred_times, updated_at) VALUES ($1, $2, $3::jsonb, $4)
        ON CONFLICT (tenant_id, debtor_id) DO UPDATE SET preferred_times = EXCLUDED.preferred_times, updated_at = EXCLUDED.updated_at`,
        [portal.tenantId, portal.debtorId, JSON.stringify(input.preferredTimes), input.now.toISOString()]);
    }
    await appendAuditEvents(tx, portal.tenantId, actorOf(portal), input.now, [{
      type: 'contact_preferences.changed', subjectType: 'debtor', subjectId: portal.debtorId,
      payload: { debtorId: portal.debtorId, optedOut, optedIn, preferredTimes: input.preferredTimes ?? [] },
    }]);
  });
  return loadContactPreferences(db, portal);
}
