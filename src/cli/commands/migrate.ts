import { parseCommandArgs } from '../args.ts';
import type { Io } from '../io.ts';
import { databaseConfigFromEnv, openRecoupDatabase } from '../../adapters/db/open-recoup-database.ts';

export const usage = `Usage: recoup migrate

Applies the schema migrations not yet applied (Recoup also does this at every start).
`;

export async function run(_verb: string | undefined, args: string[], io: Io): Promise<number> {
  parseCommandArgs(args, {}, false);
  const db = await openRecoupDatabase(databaseConfigFromEnv(io.env, io.cwd));
  try {
    const { rows } = await db.query<{ name: string }>('SELECT name FROM schema_migration ORDER BY version');
    io.stdout(`Database ${db.description} is at ${rows.at(-1)?.name ?? 'no migration'} (${rows.length} applied).\n`);
  } finally {
    await db.close();
  }
  return 0;
}
