// A small book for the outreach tests: debtors with a purpose, an address (state), contact points (email,
// mobile phone with TCPA consent, postal address) and overdue invoices with their charges.
import type { Database } from '../../src/adapters/db/database.ts';
import { createBookFixture, type BookFixture } from './book-fixtures.ts';

export type OutreachDebtor = {
  id: string;
  purpose?: 'consumer' | 'commercial';
  country?: string;
  region?: string;
  email?: string | null;
  phone?: string | null;
  postal?: string | null;
  invoices: Array<{ id: string; dueDate: string; amountMinor: bigint; disputed?: boolean }>;
};

export async function createOutreachBook(db: Database, tenantId: string, debtors: readonly OutreachDebtor[]): Promise<BookFixture> {
  const book = await createBookFixture(db, tenantId);
  for (const debtor of debtors) {
    await book.addDebtor(debtor.id, { ref: `REF-${debtor.id}`, name: `Debtor ${debtor.id}` });
    await db.query(`UPDATE debtor SET debt_purpose = $3, country = $4, region = $5, kind = $6 WHERE tenant_id = $1 AND id = $2`,
      [tenantId, debtor.id, debtor.purpose ?? 'consumer', debtor.country ?? 'US', debtor.region ?? 'TX', debtor.purpose === 'commercial' ? 'business' : 'person']);
    const zone = 'America/Chicago';
    const points: Array<[string, string, string, string | null, string | null, string]> = [];
    if (debtor.email !== null) points.push([`cp_${debtor.id}_email`, 'email', debtor.email ?? `${debtor.id}@example.test`, null, null, '{}']);
    if (debtor.phone !== null && debtor.phone !== undefined) {
      points.push([`cp_${debtor.id}_phone`, 'phone', debtor.phone, 'mobile', zone, JSON.stringify({ tcpa_prior_express: { given_at: '2026-01-01T00:00:00Z', source: 'application' } })]);
    }
    if (debtor.postal !== null) points.push([`cp_${debtor.id}_postal`, 'postal', debtor.postal ?? `1 Main St, Austin, TX 78701`, null, zone, '{}']);
    for (const [id, type, value, lineType, pointZone, consent] of points) {
      await db.query(
        `INSERT INTO contact_point (tenant_id, id, debtor_id, type, value, phone_line_type, source, consent, candidate_time_zones, postal_address)
         VALUES ($1, $2, $3, $4, $5, $6, 'import', $7::jsonb, $8, $9::jsonb)`,
        [tenantId, id, debtor.id, type, value, lineType, consent, pointZone === null ? [] : [pointZone],
          type === 'postal' ? JSON.stringify({ postalCode: '78701', region: debtor.region ?? 'TX', country: debtor.country ?? 'US' }) : null]);
    }
    for (const invoice of debtor.invoices) {
      await book.addInvoice({ id: invoice.id, debtorId: debtor.id, currency: 'USD', issueDate: '2026-01-01', dueDate: invoice.dueDate, amountMinor: invoice.amountMinor });
      if (invoice.disputed) await db.query('UPDATE invoice SET disputed = true WHERE tenant_id = $1 AND id = $2', [tenantId, invoice.id]);
    }
  }
  return book;
}
