import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/** The one database interface the app uses, over the embedded PGlite engine or a PostgreSQL server. */
export type Queryable = {
  readonly engine: 'pglite' | 'postgres';
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[]; rowCount: number }>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Bulk load CSV text (no header) into `table(columns)` with COPY, the fastest path on both engines. */
  copyCsv(table: string, columns: readonly string[], csvChunks: AsyncIterable<string> | Iterable<string>): Promise<void>;
};

export type Database = Queryable & {
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Refreshes the planner's statistics after a bulk write. PostgreSQL's autovacuum does this by itself;
   * the embedded engine has no autovacuum, so without it a grown book gets nested-loop plans.
   */
  refreshStatistics(): Promise<void>;
  close(): Promise<void>;
  readonly description: string;
};

export type DatabaseOptions = {
  /** postgres://… selects PostgreSQL; otherwise the embedded engine. */
  url?: string | undefined;
  /** Data directory of the embedded engine; `memory://` for a throwaway in-memory database. */
  dataDir?: string | undefined;
  /** PostgreSQL schema to work in (tests use one schema each). */
  schema?: string | undefined;
  /** Role to SET after connecting, so the app runs with the app role's privileges (see migrations). */
  role?: string | undefined;
  poolSize?: number | undefined;
};

const INT8 = 20;
const DATE = 1082;

// int8 -> bigint (money is bigint minor units), date -> 'YYYY-MM-DD' (a calendar date has no time zone).
const parseInt8 = (value: string) => BigInt(value);
const parseDate = (value: string) => value;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url !== undefined && /^postgres(ql)?:\/\//.test(options.url)) return openPostgres(options.url, options);
  return openEmbedded(options.dataDir ?? './recoup-data');
}

async function openEmbedded(dataDir: string): Promise<Database> {
  const inMemory = dataDir === 'memory://' || dataDir === '';
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const db = new PGlite({ ...(inMemory ? {} : { dataDir: resolve(dataDir) }), parsers: { [INT8]: parseInt8, [DATE]: parseDate } });
  await db.waitReady;
  const wrap = (target: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    engine: 'pglite',
    async exec(sql: string) {
      await target.exec(sql);
    },
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await target.query<Row>(sql, params);
      // PGlite reports affectedRows = 0 for a SELECT; count its rows instead, as pg's rowCount does.
      return { rows: result.rows, rowCount: Math.max(result.affectedRows ?? 0, result.rows.length) };
    },
    async copyCsv(table, columns, csvChunks) {
      // PGlite reads COPY input from a Blob; feed it in slices so memory stays bounded by the slice size.
      let parts: string[] = [];
      let size = 0;
      const flush = async () => {
        if (size === 0) return;
        await target.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
          blob: new Blob(parts),
        });
        parts = [];
        size = 0;
      };
      for await (const chunk of csvChunks) {
        parts.push(chunk);
        size += chunk.length;
        if (size >= 8 * 1024 * 1024) await flush();
      }
      await flush();
    },
  });
  const root = wrap(db);
  // PGlite is one connection: transactions must not interleave, so they queue.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    ...root,
    description: inMemory ? 'embedded (in memory)' : `embedded (${resolve(dataDir)})`,
    async refreshStatistics() {
      // ANALYZE needs the tables' owner: step out of the app role for it, inside this process only.
      const { rows } = await db.query<{ role: string }>('SELECT current_user AS role');
      await db.exec('RESET ROLE; ANALYZE;');
      await db.exec(`SET ROLE ${quoteIdentifier(rows[0]!.role)}`);
    },
    transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      const run = queue.then(() => db.transaction((tx) => work(wrap(tx))));
      queue = run.catch(() => undefined);
      return run;
    },
    close: () => db.close(),
  };
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8 ? parseInt8 : oid === DATE ? parseDate : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
    // Startup options: the schema to work in, and the role to act as (like SET ROLE, from the first query).
    options: [
      options.schema !== undefined ? `-c search_path=${options.schema}` : '',
      options.role !== undefined ? `-c role=${options.role}` : '',
    ].join(' ').trim() || undefined,
  });
  const wrap = (client: pg.Pool | pg.PoolClient): Queryable => ({
    engine: 'postgres',
    async exec(sql: string) {
      await client.query(sql);
    },
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await client.query(sql, params.map(toPgParam));
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
    },
    async copyCsv(table, columns, csvChunks) {
      const connection = 'release' in client ? client : await client.connect();
      try {
        const stream = connection.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
        await pipeline(Readable.from(csvChunks), stream);
      } finally {
        if (connection !== client) (connection as pg.PoolClient).release();
      }
    },
  });
  // Surface connection problems now, with the URL (without password) in the message.
  const probe = await pool.connect().catch((error: Error) => {
    throw new Error(`cannot connect to PostgreSQL at ${redact(url)}: ${error.message}`);
  });
  probe.release();
  return {
    ...wrap(pool),
    description: `PostgreSQL (${redact(url)}${options.schema ? `, schema ${options.schema}` : ''})`,
    async refreshStatistics() {
      // Autovacuum analyzes PostgreSQL's tables once the import has committed.
    },
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

const toPgParam = (value: unknown) => (typeof value === 'bigint' ? value.toString() : value);
const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
export const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Quote one CSV field for COPY: always quoted, so commas, quotes and newlines survive; undefined/null -> NULL. */
export function csvField(value: string | number | bigint | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return `"${text.replace(/"/g, '""')}"`;
}
