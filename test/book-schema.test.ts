import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, asOwner, testEngine, type TestDatabase } from './support/test-database.ts';
import { ensureTenant } from '../src/app/book/ensure-tenant.ts';
import { appendAuditEvents, verifyAuditChain } from '../src/adapters/db/audit-log.ts';
import { loadMigrations, migrate } from '../src/adapters/db/migrate.ts';

describe(`schema and history on ${testEngine}`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
    await ensureTenant(db, 'ten_a');
  });
  afterAll(async () => db.dispose());

  it('migrations are applied once; running them again applies nothing', async () => {
    const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migration ORDER BY version');
    // Every migration file, in order (issues add theirs: 0004 negotiation, 0005 outreach, 0006 web).
    expect(rows.map((r) => r.name)).toEqual(loadMigrations().map((migration) => migration.name));
    expect(rows.slice(0, 3).map((r) => r.name)).toEqual(['0001_book.sql', '0002_app_role.sql', '0003_ledger_covering_index.sql']);
    await asOwner(db, async () => undefined);
  });

  it('the app role cannot UPDATE or DELETE ledger or audit rows', async () => {
    await db.query(`INSERT INTO debtor (tenant_id, id, external_ref, kind, debt_purpose, name) VALUES ('ten_a', 'dbt_1', 'C1', 'person', 'consumer', 'Ann')`);
    await db.query(`INSERT INTO account (tenant_id, id, creditor_id, debtor_id, external_ref, currency) VALUES ('ten_a', 'acct_1', 'cred_ten_a', 'dbt_1', 'C1', 'USD')`);
    await db.query(`INSERT INTO ledger_entry (tenant_id, id, kind, debit_account, credit_account, amount_minor, currency, debtor_id, account_id, component, effective_date, occurred_at, source)
                    VALUES ('ten_a', 'le_1', 'charge', 'receivable', 'revenue', 1000, 'USD', 'dbt_1', 'acct_1', 'principal', '2026-01-01', now(), 'test')`);
    await expect(db.query(`UPDATE ledger_entry SET amount_minor = 1 WHERE id = 'le_1'`)).rejects.toThrow(/permission denied|append-only/);
    await expect(db.query(`DELETE FROM ledger_entry WHERE id = 'le_1'`)).rejects.toThrow(/permission denied|append-only/);
    await expect(db.query(`UPDATE audit_event SET actor = 'mallory'`)).rejects.toThrow(/permission denied|append-only/);
    await expect(db.query(`DELETE FROM audit_event`)).rejects.toThrow(/permission denied|append-only/);
    const { rows } = await db.query<{ role: string }>('SELECT current_user AS role');
    expect(rows[0]!.role).toBe('recoup_app');
  });

  it('even the owner is refused by the append-only guard', async () => {
    await asOwner(db, async (query) => {
      await expect(query(`UPDATE ledger_entry SET amount_minor = 1 WHERE id = 'le_1'`)).rejects.toThrow(/append-only/);
    });
  });

  it('a ledger row balances by construction: equal accounts, zero or negative amounts are refused', async () => {
    await expect(db.query(`INSERT INTO ledger_entry (tenant_id, id, kind, debit_account, credit_account, amount_minor, currency, debtor_id, account_id, component, effective_date, occurred_at, source)
      VALUES ('ten_a', 'le_x', 'charge', 'receivable', 'revenue', -5, 'USD', 'dbt_1', 'acct_1', 'principal', '2026-01-01', now(), 'test')`)).rejects.toThrow();
    await expect(db.query(`INSERT INTO ledger_entry (tenant_id, id, kind, debit_account, credit_account, amount_minor, currency, debtor_id, account_id, component, effective_date, occurred_at, source)
      VALUES ('ten_a', 'le_y', 'charge', 'receivable', 'receivable', 5, 'USD', 'dbt_1', 'acct_1', 'principal', '2026-01-01', now(), 'test')`)).rejects.toThrow();
  });

  it('migrating a second time applies nothing', async () => {
    const again = await asOwner(db, async () => (db.engine === 'pglite' ? migrate(db) : { applied: [] }));
    expect(again.applied).toEqual([]);
  });

  describe('audit verify', () => {
    it('a chain of untouched events verifies', async () => {
      await ensureTenant(db, 'ten_chain');
      for (let i = 0; i < 5; i++) {
        await db.transaction((tx) => appendAuditEvents(tx, 'ten_chain', `user_${i}`, new Date('2026-11-01T10:00:00Z'), [
          { type: 'payment.reversed', subjectType: 'payment', subjectId: `pay_${i}`, payload: { reason: 'test', entries: [`le_${i}`] } },
        ]));
      }
      expect(await verifyAuditChain(db, 'ten_chain')).toMatchObject({ ok: true, rows: 6 });
    });

    it('names the first row that was edited', async () => {
      await asOwner(db, async (query) => {
        await query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
        await query(`UPDATE audit_event SET payload = '{"reason":"forged","entries":["le_3"]}' WHERE tenant_id = 'ten_chain' AND seq = 4`);
        await query(`UPDATE audit_event SET actor = 'mallory' WHERE tenant_id = 'ten_chain' AND seq = 5`);
        await query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
      });
      const result = await verifyAuditChain(db, 'ten_chain');
      expect(result).toMatchObject({ ok: false, firstBadSeq: 4n, problem: 'edited' });
    });

    it('names the first row that was removed, including the newest', async () => {
      await ensureTenant(db, 'ten_gap');
      for (let i = 0; i < 4; i++) {
        await db.transaction((tx) => appendAuditEvents(tx, 'ten_gap', 'u', new Date('2026-11-01T10:00:00Z'), [
          { type: 'payment.reversed', subjectType: 'payment', subjectId: `pay_${i}`, payload: { reason: 'r', entries: [] } },
        ]));
      }
      await asOwner(db, async (query) => {
        await query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
        await query(`DELETE FROM audit_event WHERE tenant_id = 'ten_gap' AND seq = 3`);
        await query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
      });
      expect(await verifyAuditChain(db, 'ten_gap')).toMatchObject({ ok: false, firstBadSeq: 3n, problem: 'removed' });

      await ensureTenant(db, 'ten_tail');
      await db.transaction((tx) => appendAuditEvents(tx, 'ten_tail', 'u', new Date(), [
        { type: 'payment.reversed', subjectType: 'payment', subjectId: 'p', payload: { reason: 'r', entries: [] } },
      ]));
      await asOwner(db, async (query) => {
        await query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
        await query(`DELETE FROM audit_event WHERE tenant_id = 'ten_tail' AND seq = 2`);
        await query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
      });
      expect(await verifyAuditChain(db, 'ten_tail')).toMatchObject({ ok: false, firstBadSeq: 2n, problem: 'removed' });
    });
  });
});
