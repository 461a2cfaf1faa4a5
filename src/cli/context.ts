import type { Database } from '../adapters/db/database.ts';
import { databaseConfigFromEnv, openRecoupDatabase } from '../adapters/db/open-recoup-database.ts';
import { DEFAULT_TENANT, ensureTenant } from '../app/book/ensure-tenant.ts';
import type { Io } from './io.ts';

export type BookContext = { db: Database; tenantId: string; actor: string };

/** Opens the book the environment names (DATABASE_URL or RECOUP_DATA_DIR), runs `work`, closes it. */
export async function withBook<T>(io: Io, work: (context: BookContext) => Promise<T>): Promise<T> {
  const db = await openRecoupDatabase(databaseConfigFromEnv(io.env, io.cwd));
  try {
    const tenantId = io.env.RECOUP_TENANT || DEFAULT_TENANT;
    await ensureTenant(db, tenantId);
    return await work({ db, tenantId, actor: io.env.RECOUP_ACTOR || `cli:${io.env.USER ?? 'unknown'}` });
  } finally {
    await db.close();
  }
}

/** Today's date in UTC as 'YYYY-MM-DD' (the CLI's default business date). */
export const todayUtc = (now: Date = new Date()) => now.toISOString().slice(0, 10);

/** Rows of cells as an aligned text table; numbers and amounts right-aligned. */
export function formatTable(header: string[], rows: string[][], rightAligned: ReadonlySet<number> = new Set()): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

/** JSON with bigint as strings (amounts are strings of minor units in every JSON Recoup prints). */
export const toJson = (value: unknown) => JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n';
