import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { csvField, quoteIdentifier, type Database } from '../../src/adapters/db/database.ts';
import { openRecoupDatabase } from '../../src/adapters/db/open-recoup-database.ts';

/** A table's rows written out as CSV files (no header, columns in `columns` order) for a later COPY. */
export type ExportedTable = { table: string; columns: string[]; files: string[]; rows: number; bytes: number };

/** A fresh, migrated book on one engine, opened as the app opens it (app role), and removed afterwards. */
export type BenchDatabase = {
  readonly db: Database;
  readonly description: string;
  /** Every row of `table`, in the table's physical order, as CSV files under `directory`. */
  exportTable(table: string, columns: readonly string[], directory: string): Promise<ExportedTable>;
  /**
   * Brings freshly written tables to the state the engine keeps them in between imports, before queries are
   * timed; returns what it did, for the report, or null when the engine needs nothing.
   */
  settle(tables: readonly string[]): Promise<string | null>;
  dispose(): Promise<void>;
};

export type BenchEngine = {
  readonly engine: 'postgres' | 'pglite';
  readonly label: string;
  openFreshBook(purpose: string): Promise<BenchDatabase>;
  /** An exported table's CSV in chunks this engine's `copyCsv` takes (the embedded one needs whole rows). */
  readCopyChunks(exported: ExportedTable): AsyncIterable<string>;
};

/**
 * PostgreSQL at `url`, each book in a schema of its own (`bench_<random>_<purpose>`, dropped on dispose),
 * or the reason it cannot be used.
 */
export async function findPostgresEngine(url: string): Promise<BenchEngine | { unavailable: string }> {
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await probe.connect();
  } catch (error) {
    return { unavailable: (error as Error).message };
  } finally {
    await probe.end().catch(() => undefined);
  }
  const runId = randomBytes(4).toString('hex');
  const withOwner = async <T>(schema: string | null, work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url, ...(schema === null ? {} : { options: `-c search_path=${schema}` }) });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    engine: 'postgres',
    label: 'PostgreSQL',
    async openFreshBook(purpose) {
      const schema = `bench_${runId}_${purpose}`;
      await withOwner(null, (client) => client.query(`CREATE SCHEMA ${schema}`));
      let db: Database;
      try {
        db = await openRecoupDatabase({ url, schema });
      } catch (error) {
        await withOwner(null, (client) => client.query(`DROP SCHEMA ${schema} CASCADE`));
        throw error;
      }
      return {
        db,
        description: `schema ${schema}`,
        exportTable: (table, columns, directory) => withOwner(schema, async (client) => {
          const file = join(directory, `${table}.csv`);
          const stream = client.query(copyTo(`COPY ${table} (${columns.map(quoteIdentifier).join(', ')}) TO STDOUT WITH (FORMAT csv)`));
          await pipeline(stream, createWriteStream(file));
          return { table, columns: [...columns], files: [file], rows: stream.rowCount, bytes: statSync(file).size };
        }),
        async settle(tables) {
          // What autovacuum does to a freshly loaded table (visibility map, hint bits, statistics), done here
          // so that it is done, and not running, while queries are timed.
          const autovacuum = await withOwner(schema, async (client) => {
            await client.query(`VACUUM (ANALYZE) ${tables.join(', ')}`);
            return (await client.query<{ autovacuum: string }>('SHOW autovacuum')).rows[0]!.autovacuum;
          });
          return `VACUUM (ANALYZE) of the book's tables, as autovacuum would (autovacuum is ${autovacuum} on this server)`;
        },
        async dispose() {
          await db.close();
          await withOwner(null, (client) => client.query(`DROP SCHEMA ${schema} CASCADE`));
        },
      };
    },
    async *readCopyChunks(exported) {
      // COPY FROM STDIN takes a byte stream: the file goes as it is read, rows split anywhere.
      for (const file of exported.files) yield* createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
    },
  };
}

/** Heap blocks per exported file of the embedded engine: 8 MB of table, a few MB of CSV. */
const embeddedExportBlocks = 1024;

/** The embedded engine (PGlite), each book in a data directory of its own under `directory`, deleted on dispose. */
export function buildEmbeddedEngine(directory: string): BenchEngine {
  const runId = randomBytes(4).toString('hex');
  return {
    engine: 'pglite',
    label: 'embedded (PGlite)',
    async openFreshBook(purpose) {
      const dataDir = join(directory, `pglite-${runId}-${purpose}`);
      mkdirSync(directory, { recursive: true });
      const db = await openRecoupDatabase({ dataDir });
      return {
        db,
        description: `data directory ${dataDir}`,
        async exportTable(table, columns, exportDirectory) {
          // No COPY TO a file through the app's interface: read the heap a block range at a time (a TID range
          // scan, physical order) with every value as its text form, which COPY reads back exactly.
          const { rows: size } = await db.query<{ blocks: number }>(
            `SELECT (pg_relation_size($1::regclass) / current_setting('block_size')::int)::int AS blocks`, [table]);
          const blocks = size[0]!.blocks;
          const select = columns.map((column) => `${quoteIdentifier(column)}::text AS ${quoteIdentifier(column)}`).join(', ');
          const exported: ExportedTable = { table, columns: [...columns], files: [], rows: 0, bytes: 0 };
          for (let first = 0; first < Math.max(blocks, 1); first += embeddedExportBlocks) {
            const { rows } = await db.query<Record<string, string | null>>(
              `SELECT ${select} FROM ${table} WHERE ctid >= '(${first},0)'::tid AND ctid < '(${first + embeddedExportBlocks},0)'::tid`);
            if (rows.length === 0) continue;
            const text = rows.map((row) => columns.map((column) => csvField(row[column])).join(',') + '\n').join('');
            const file = join(exportDirectory, `${table}.${String(exported.files.length).padStart(4, '0')}.csv`);
            await writeFile(file, text);
            exported.files.push(file);
            exported.rows += rows.length;
            exported.bytes += Buffer.byteLength(text);
          }
          return exported;
        },
        // The app refreshes the embedded engine's statistics after each import and there is no autovacuum:
        // the book is queried as the import leaves it.
        settle: async () => null,
        async dispose() {
          await db.close();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
    async *readCopyChunks(exported) {
      // copyCsv of the embedded engine cuts its input into separate COPY statements between chunks, so each
      // chunk must hold whole rows: each exported file does.
      for (const file of exported.files) yield await readFile(file, 'utf8');
    },
  };
}
