import type { Queryable } from '../../adapters/db/database.ts';
import { renderDocumentPdf, type RenderDocumentPdfOptions } from '../../adapters/pdf/render-document-pdf.ts';
import type { AddressBlock } from '../../domain/documents/document.ts';
import { buildPlanAgreementDocument, buildSettlementLetterDocument, type LetterParties } from '../../domain/negotiation/build-agreement-letters.ts';
import { fail, ok, type Result } from '../../domain/shared/result.ts';
import { loadPlan } from './create-plan.ts';
import { reviveSchedule } from './evaluate-plans.ts';
import { loadSettlement } from './settle-account.ts';

type PostalAddress = { line1?: string; line2?: string; city?: string; region?: string; postalCode?: string; country?: string };

/** The debtor's name and postal address (the verified one first), and the creditor's name. */
async function loadParties(q: Queryable, tenantId: string, accountId: string): Promise<LetterParties> {
  const { rows } = await q.query<{ debtor_name: string; creditor_name: string; external_ref: string; debtor_id: string }>(
    `SELECT d.name AS debtor_name, c.name AS creditor_name, a.external_ref, d.id AS debtor_id FROM account a
     JOIN debtor d ON d.tenant_id = a.tenant_id AND d.id = a.debtor_id JOIN creditor c ON c.tenant_id = a.tenant_id AND c.id = a.creditor_id
     WHERE a.tenant_id = $1 AND a.id = $2`, [tenantId, accountId]);
  const row = rows[0]!;
  const { rows: addresses } = await q.query<{ value: string; postal_address: PostalAddress | null }>(
    `SELECT value, postal_address FROM contact_point WHERE tenant_id = $1 AND debtor_id = $2 AND type = 'postal' ORDER BY verified DESC, created_at LIMIT 1`, [tenantId, row.debtor_id]);
  const address = addresses[0];
  const lines = address === undefined ? [] : address.postal_address === null ? [address.value] : [
    address.postal_address.line1, address.postal_address.line2,
    [address.postal_address.city, [address.postal_address.region, address.postal_address.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', '),
    address.postal_address.country,
  ].filter((line): line is string => typeof line === 'string' && line.trim() !== '');
  const debtor: AddressBlock = { name: row.debtor_name, lines };
  return { creditor: { name: row.creditor_name, lines: [] }, debtor, accountReference: row.external_ref };
}

/**
 * The payment plan agreement as a PDF (pdfkit), dated `date`; `now` becomes the PDF's creation date, so the
 * same plan, date and instant give the same bytes.
 */
export async function renderPlanAgreementPdf(q: Queryable, input: { tenantId: string; planId: string; date: string; now: Date; pdf?: RenderDocumentPdfOptions }): Promise<Result<Buffer, 'plan_not_found'>> {
  const plan = await loadPlan(q, input.tenantId, input.planId);
  if (plan === undefined) return fail('plan_not_found', `no payment plan "${input.planId}"`, 'planId');
  const { rows } = await q.query<{ schedule: unknown; debit_authorization: { accountNumber: string } | null }>(`SELECT schedule, debit_authorization FROM payment_plan WHERE tenant_id = $1 AND id = $2`, [input.tenantId, input.planId]);
  const schedule = reviveSchedule(rows[0]!.schedule);
  const authorization = rows[0]!.debit_authorization;
  const parties = await loadParties(q, input.tenantId, plan.accountId);
  const document = buildPlanAgreementDocument(parties, {
    planId: plan.planId, currency: plan.currency, principalMinor: schedule.principalMinor, downPayment: schedule.downPayment ?? null, frequency: plan.frequency,
    interestMethod: plan.interestMethod, aprPercent: plan.aprPercent, installments: schedule.installments, graceDays: plan.graceDays, missedInstallmentsToBreak: plan.missedInstallmentsToBreak,
    paymentMethod: authorization === null ? 'by card, bank transfer or check' : `by ACH debit from your bank account ending ${authorization.accountNumber.slice(-4)}`,
  }, { date: input.date, createdAt: input.now.toISOString() });
  return ok(await renderDocumentPdf(document, input.pdf));
}

/** The settlement letter as a PDF. */
export async function renderSettlementLetterPdf(q: Queryable, input: { tenantId: string; settlementId: string; date: string; now: Date; pdf?: RenderDocumentPdfOptions }): Promise<Result<Buffer, 'settlement_not_found'>> {
  const settlement = await loadSettlement(q, input.tenantId, input.settlementId);
  if (settlement === undefined) return fail('settlement_not_found', `no settlement "${input.settlementId}"`, 'settlementId');
  const plan = settlement.planId === null ? undefined : await loadPlan(q, input.tenantId, settlement.planId);
  const { rows } = await q.query<{ grace_days: number }>(`SELECT grace_days FROM settlement WHERE tenant_id = $1 AND id = $2`, [input.tenantId, input.settlementId]);
  const parties = await loadParties(q, input.tenantId, settlement.accountId);
  const document = buildSettlementLetterDocument(parties, {
    settlementId: settlement.settlementId, currency: settlement.currency, balanceMinor: BigInt(settlement.balanceMinor), settlementMinor: BigInt(settlement.settlementMinor),
    discountPercent: settlement.discountPercent, form: settlement.form, dueDate: settlement.dueDate, graceDays: rows[0]!.grace_days,
    installments: (plan?.installments ?? []).map((row) => ({ number: row.number, dueDate: row.dueDate, paymentMinor: BigInt(row.amountMinor) })),
  }, { date: input.date, createdAt: input.now.toISOString() });
  return ok(await renderDocumentPdf(document, input.pdf));
}
