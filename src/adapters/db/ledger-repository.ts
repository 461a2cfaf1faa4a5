import type { LedgerEntryDraft } from '../../domain/ledger/ledger-entry.ts';
import { newId } from '../ids.ts';
import type { Queryable } from './database.ts';

/** Appends ledger entries (never updates): one multi-row INSERT per 1,000 entries. Returns their ids. */
export async function insertLedgerEntries(tx: Queryable, tenantId: string, drafts: readonly LedgerEntryDraft[], context: { occurredAt: Date; source: string }): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < drafts.length; start += 1000) {
    const chunk = drafts.slice(start, start + 1000);
    const values: unknown[] = [];
    const rows = chunk.map((draft) => {
      const id = newId('le');
      ids.push(id);
      const n = values.length;
      values.push(tenantId, id, draft.kind, draft.debitAccount, draft.creditAccount, draft.amountMinor, draft.currency, draft.debtorId,
        draft.accountId, draft.invoiceId, draft.paymentId, draft.component, draft.reversesEntryId, draft.effectiveDate, context.occurredAt,
        context.source, draft.reason);
      return `(${Array.from({ length: 17 }, (_, i) => `$${n + i + 1}`).join(', ')})`;
    });
    await tx.query(
      `INSERT INTO ledger_entry (tenant_id, id, kind, debit_account, credit_account, amount_minor, currency, debtor_id, account_id,
                                 invoice_id, payment_id, component, reverses_entry_id, effective_date, occurred_at, source, reason)
       VALUES ${rows.join(', ')}`,
      values,
    );
  }
  return ids;
}
