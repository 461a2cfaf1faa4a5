import { openDatabase, type Database } from './database.ts';
import { migrate } from './migrate.ts';

export type DatabaseConfig = {
  /** DATABASE_URL: postgres://… for PostgreSQL; unset for the embedded database. */
  url?: string | undefined;
  /** RECOUP_DATA_DIR: where the embedded database keeps its files (default ./recoup-data). */
  dataDir?: string | undefined;
  /** PostgreSQL schema (tests use a schema each). */
  schema?: string | undefined;
};

export const APP_ROLE = 'recoup_app';

export function databaseConfigFromEnv(env: Record<string, string | undefined>, cwd: string): DatabaseConfig {
  return {
    url: env.DATABASE_URL || undefined,
    dataDir: env.RECOUP_DATA_DIR || `${cwd}/recoup-data`,
    schema: env.RECOUP_DB_SCHEMA || undefined,
  };
}

/**
 * Opens Recoup's database, applies pending migrations as the connecting (owner) role, then works as the
 * app role, which may only INSERT and SELECT the ledger and the audit log.
 */
export async function openRecoupDatabase(config: DatabaseConfig): Promise<Database> {
  const isPostgres = config.url !== undefined && /^postgres(ql)?:\/\//.test(config.url);
  if (!isPostgres) {
    const db = await openDatabase({ dataDir: config.dataDir });
    await migrate(db);
    // PGlite feeds COPY from an in-process blob, which PostgreSQL counts as reading a server file. The
    // embedded engine lives inside this process, so this grants nothing the process does not have;
    // on a PostgreSQL server the app role never gets it (COPY goes over the protocol there).
    await db.exec(`GRANT pg_read_server_files TO ${APP_ROLE}`);
    await db.exec(`SET ROLE ${APP_ROLE}`);
    await db.refreshStatistics();
    return db;
  }
  const owner = await openDatabase({ url: config.url, schema: config.schema, poolSize: 1 });
  try {
    await migrate(owner);
  } finally {
    await owner.close();
  }
  return openDatabase({ url: config.url, schema: config.schema, role: APP_ROLE });
}
