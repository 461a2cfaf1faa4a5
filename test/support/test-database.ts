import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openRecoupDatabase } from '../../src/adapters/db/open-recoup-database.ts';
import type { Database } from '../../src/adapters/db/database.ts';

/**
 * The engine under test: PostgreSQL when DATABASE_URL is set (CI runs the whole suite a second time so),
 * otherwise the embedded database, in memory. Every test database is a fresh, migrated schema.
 */
export const testEngine: 'postgres' | 'pglite' = process.env.DATABASE_URL ? 'postgres' : 'pglite';

export type TestDatabase = Database & { dispose: () => Promise<void>; schema: string | undefined };

export async function openTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openRecoupDatabase({ dataDir: 'memory://' });
    return Object.assign(db, { dispose: () => db.close(), schema: undefined });
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = await openRecoupDatabase({ url, schema });
  return Object.assign(db, {
    schema,
    dispose: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.query(`DROP SCHEMA IF EXISTS ${schema}_pgboss CASCADE`); // the outreach scheduler's job queue, when serve ran
      await cleanup.end();
    },
  });
}

/**
 * Runs `work` as the database owner, bypassing the app role: tests use it to play a rogue DBA who edits
 * history behind the app's back.
 */
export async function asOwner<T>(db: TestDatabase, work: (query: (sql: string) => Promise<unknown>) => Promise<T>): Promise<T> {
  if (db.engine === 'pglite') {
    await db.exec('RESET ROLE');
    try {
      return await work((sql) => db.exec(sql));
    } finally {
      await db.exec('SET ROLE recoup_app');
    }
  }
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL, options: `-c search_path=${db.schema}` });
  await client.connect();
  try {
    return await work((sql) => client.query(sql));
  } finally {
    await client.end();
  }
}

/** The URL of a PostgreSQL server for tests that need one specifically; undefined (skip) when none answers outside CI. */
export async function findPostgres(): Promise<string | undefined> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return url;
  } catch (error) {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL is required in CI but ${url} did not answer: ${(error as Error).message}`);
    console.warn(`skipping PostgreSQL-only tests: no server answered at ${url}`);
    return undefined;
  }
}
