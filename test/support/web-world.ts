import { fixedClock } from '../../src/adapters/clock.ts';
import { buildHttpServer, type App } from '../../src/adapters/http/server.ts';
import { ensureTenant } from '../../src/app/book/ensure-tenant.ts';
import { createApiToken, createUser } from '../../src/app/auth/users.ts';
import { roles, type Role } from '../../src/app/auth/roles.ts';
import { refreshWorkQueue } from '../../src/app/workbench/work-queue.ts';
import type { Database } from '../../src/adapters/db/database.ts';

// Two tenants, each with a small book imported through the HTTP upload, a user and an API token per role.
// Tests use it to check what each role may do, and that one tenant never sees the other's records.

export const worldNow = new Date('2026-11-24T15:00:00Z'); // 10:00 in New York, a Tuesday
export const password = 'correct horse battery staple';

const header = 'debtor_ref,debtor_name,debtor_kind,debt_purpose,country,region,postal_code,city,address_line1,phone,email,time_zone,account_ref,invoice_number,issue_date,due_date,amount,currency,disputed,paid_date,paid_amount';
export function buildBookCsv(prefix: string): string {
  const rows = [
    `${prefix}-D1,Jane Doe,person,consumer,US,NY,10001,New York,1 Main St,+12125550101,jane@${prefix}.test,,${prefix}-A1,${prefix}-I1,2026-06-01,2026-07-01,1200.00,USD,false,,`,
    `${prefix}-D1,Jane Doe,person,consumer,US,NY,10001,New York,1 Main St,+12125550101,jane@${prefix}.test,,${prefix}-A1,${prefix}-I2,2026-08-01,2026-09-01,300.00,USD,false,2026-09-15,100.00`,
    `${prefix}-D2,John Roe,person,consumer,US,CA,94105,San Francisco,2 Market St,+14155550102,john@${prefix}.test,,${prefix}-A2,${prefix}-I3,2026-10-01,2026-11-01,80.00,USD,false,,`,
    `${prefix}-D3,Acme Ltd,business,commercial,US,TX,73301,Austin,3 Congress Ave,+15125550103,ap@${prefix}.test,,${prefix}-A3,${prefix}-I4,2026-03-01,2026-04-01,25000.00,USD,false,,`,
  ];
  return `${header}\n${rows.join('\n')}\n`;
}

export function multipartBody(fileName: string, content: string, fields: Record<string, string> = {}): { body: Buffer; contentType: string } {
  const boundary = `----recoup${Math.random().toString(16).slice(2)}`;
  const parts = [
    ...Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n`,
    `--${boundary}--\r\n`,
  ];
  return { body: Buffer.from(parts.join('')), contentType: `multipart/form-data; boundary=${boundary}` };
}

export type TenantWorld = {
  tenantId: string;
  users: Record<Role, { id: string; email: string; token: string }>;
  debtors: Record<'jane' | 'john' | 'acme', string>;
  contactPoints: { janePhone: string; janeEmail: string };
};

export type World = { app: App; db: Database; a: TenantWorld; b: TenantWorld; bearer: (tenant: TenantWorld, role: Role) => Record<string, string> };

async function buildTenant(app: App, db: Database, tenantId: string, prefix: string): Promise<TenantWorld> {
  await ensureTenant(db, tenantId, { now: worldNow });
  const users = {} as TenantWorld['users'];
  for (const role of roles) {
    const email = `${role}@${prefix}.test`;
    const user = await createUser(db, { tenantId, actor: 'test', email, name: `${role} of ${prefix}`, role, password, now: worldNow });
    if (!user.ok) throw new Error(user.message);
    const token = await createApiToken(db, { tenantId, actor: 'test', userId: user.value.id, name: role, now: worldNow });
    if (!token.ok) throw new Error(token.message);
    users[role] = { id: user.value.id, email, token: token.value.token };
  }
  const upload = multipartBody(`${prefix}.csv`, buildBookCsv(prefix));
  const imported = await app.inject({
    method: 'POST', url: '/api/imports/receivables', payload: upload.body,
    headers: { 'content-type': upload.contentType, authorization: `Bearer ${users.supervisor.token}` },
  });
  if (imported.statusCode !== 200) throw new Error(`import failed: ${imported.body}`);
  const { rows } = await db.query<{ id: string; external_ref: string }>('SELECT id, external_ref FROM debtor WHERE tenant_id = $1', [tenantId]);
  const id = (ref: string) => rows.find((row) => row.external_ref === ref)!.id;
  const debtors = { jane: id(`${prefix}-D1`), john: id(`${prefix}-D2`), acme: id(`${prefix}-D3`) };
  const points = await db.query<{ id: string; type: string }>('SELECT id, type FROM contact_point WHERE tenant_id = $1 AND debtor_id = $2', [tenantId, debtors.jane]);
  await refreshWorkQueue(db, { tenantId, today: worldNow.toISOString().slice(0, 10) });
  return {
    tenantId, users, debtors,
    contactPoints: { janePhone: points.rows.find((p) => p.type === 'phone')!.id, janeEmail: points.rows.find((p) => p.type === 'email')!.id },
  };
}

export async function buildWorld(db: Database): Promise<World> {
  const app = await buildHttpServer({ db, clock: fixedClock(worldNow), webRoot: null, portalTenantId: 'ten_a' });
  const a = await buildTenant(app, db, 'ten_a', 'alpha');
  const b = await buildTenant(app, db, 'ten_b', 'beta');
  return { app, db, a, b, bearer: (tenant, role) => ({ authorization: `Bearer ${tenant.users[role].token}` }) };
}
