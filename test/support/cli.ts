import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { main } from '../../src/cli/main.ts';
import type { Io } from '../../src/cli/io.ts';
import { Readable } from 'node:stream';

/** Runs `recoup …` in process against a fresh book (embedded in a temp dir, or a PostgreSQL schema). */
export async function runRecoup(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, stdin: Readable.from([]), env: { ...env }, cwd: env.CWD ?? process.cwd() };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

export async function freshBookEnv(): Promise<{ env: Record<string, string>; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'recoup-cli-'));
  const url = process.env.DATABASE_URL;
  if (!url) return { env: { RECOUP_DATA_DIR: join(dir, 'data'), CWD: dir }, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  return {
    env: { DATABASE_URL: url, RECOUP_DB_SCHEMA: schema, CWD: dir },
    dispose: async () => {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP SCHEMA ${schema} CASCADE`);
      await cleanup.query(`DROP SCHEMA IF EXISTS ${schema}_pgboss CASCADE`); // the outreach scheduler's job queue, when serve ran
      await cleanup.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

