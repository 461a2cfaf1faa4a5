import { parseCommandArgs } from '../args.ts';
import { UsageError, type Io } from '../io.ts';
import { toJson, withBook } from '../context.ts';
import { verifyAuditChain } from '../../adapters/db/audit-log.ts';

export const usage = `Usage: recoup audit verify [--json]

Recomputes the tenant's audit-log hash chain and names the first row that was edited or removed.
Exit code 0 when the chain is intact, 1 when it is not.
`;

export async function run(verb: string | undefined, args: string[], io: Io): Promise<number> {
  if (verb !== 'verify') throw new UsageError(verb === undefined ? 'which audit command? (verify)' : `unknown verb "${verb}"`);
  const { values } = parseCommandArgs(args, { json: { type: 'boolean' } }, false);
  const result = await withBook(io, ({ db, tenantId }) => verifyAuditChain(db, tenantId));
  if (values.json) io.stdout(toJson(result));
  else if (result.ok) io.stdout(`Audit log intact: ${result.rows.toLocaleString('en-US')} events, head ${result.headHash.slice(0, 16)}…\n`);
  else io.stdout(`Audit log BROKEN after ${result.rows.toLocaleString('en-US')} intact events: ${result.message}\n`);
  return result.ok ? 0 : 1;
}
