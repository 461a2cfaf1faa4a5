import type { WebAuditEventInput } from './web-events.ts';
import type { NegotiationAuditEventInput } from './negotiation-events.ts';
import type { OutreachAuditEventInput } from './outreach-events.ts';

/** The audit log's event types, one comment each (STYLE.md §5). Payload amounts are strings of minor units. */
export type AuditEventInput =
  /** A tenant was created (first start, or an admin). */
  | { type: 'tenant.created'; subjectType: 'tenant'; subjectId: string; payload: { name: string } }
  /** A receivables file was imported (not written for a dry run): counts, file hash, mapping. */
  | { type: 'receivables.imported'; subjectType: 'import'; subjectId: string; payload: ImportAuditPayload }
  /** An invoice's facts changed through a later import: the fields before and after. */
  | { type: 'invoice.changed'; subjectType: 'invoice'; subjectId: string; payload: { importId: string; invoiceNumber: string; changes: Record<string, { before: string | boolean | null; after: string | boolean | null }> } }
  /** A debtor's facts changed through a later import. */
  | { type: 'debtor.changed'; subjectType: 'debtor'; subjectId: string; payload: { importId: string; changes: Record<string, { before: string | null; after: string | null }> } }
  /** A payment was posted and allocated. */
  | { type: 'payment.posted'; subjectType: 'payment'; subjectId: string; payload: { debtorId: string; amountMinor: string; currency: string; receivedOn: string; method: string; reference: string | null; allocations: Array<{ invoiceId: string; component: string; amountMinor: string }>; creditBalanceMinor: string } }
  /** A payment was reversed (returned, posted in error), restoring what it had paid. */
  | { type: 'payment.reversed'; subjectType: 'payment'; subjectId: string; payload: { reason: string; entries: string[]; debtorId?: string; accountId?: string; returnCode?: string; feeMinor?: string } }
  /** The example book was loaded into an empty database. */
  | { type: 'example_book.loaded'; subjectType: 'tenant'; subjectId: string; payload: { seed: number; debtors: number; invoices: number; asOf: string } }
  | WebAuditEventInput
  | NegotiationAuditEventInput
  | OutreachAuditEventInput;

export type ImportAuditPayload = {
  fileName: string;
  fileSha256: string;
  rowsRead: number;
  invoicesCreated: number;
  invoicesChanged: number;
  invoicesUnchanged: number;
  paymentsPosted: number;
  paymentsReversed: number;
  rejected: number;
  ledgerEntries: number;
};

export type AuditEventType = AuditEventInput['type'];
export const GENESIS_HASH = '0'.repeat(64);

/** What the hash covers: every column of the row except the hash itself. */
export type AuditRecord = {
  seq: bigint;
  id: string;
  type: string;
  actor: string;
  subjectType: string | null;
  subjectId: string | null;
  occurredAt: string;
  recordedAt: string;
  payload: unknown;
  prevHash: string;
};
