// The server under load in the workbench benchmark, in a process of its own so that the load generator does
// not share its event loop. Reads DATABASE_URL and RECOUP_DB_SCHEMA (already migrated and loaded), listens on
// an ephemeral port and prints `listening <url>`.
import { openDatabase } from '../../src/adapters/db/database.ts';
import { APP_ROLE } from '../../src/adapters/db/open-recoup-database.ts';
import { startHttpServer } from '../../src/adapters/http/server.ts';

const db = await openDatabase({ url: process.env.DATABASE_URL, schema: process.env.RECOUP_DB_SCHEMA, role: APP_ROLE, poolSize: Number(process.env.BENCH_POOL_SIZE ?? 20) });
const server = await startHttpServer({ db, webRoot: null, portalTenantId: 'bench' }, 0);
console.log(`listening ${server.url}`);
// Stop at once: requests still in flight when the load ends are of no interest.
process.on('SIGTERM', () => process.exit(0));
