import type { Database } from '../../adapters/db/database.ts';
import { countUsers, createUser } from './users.ts';
import { generatePassword } from './secrets.ts';
import type { Role } from './roles.ts';

export type FirstUser = { email: string; name: string; role: Role; password: string };

/**
 * On a tenant without users, creates a first admin and a demo supervisor and specialist, each with a
 * generated password returned once (to print): nothing is shared or guessable. Later starts do nothing.
 */
export async function ensureFirstUsers(db: Database, input: { tenantId: string; domain?: string; now: Date }): Promise<FirstUser[]> {
  if ((await countUsers(db, input.tenantId)) > 0) return [];
  const domain = input.domain ?? 'recoup.local';
  const people: Array<Omit<FirstUser, 'password'>> = [
    { email: `admin@${domain}`, name: 'Admin', role: 'admin' },
    { email: `supervisor@${domain}`, name: 'Sam Supervisor', role: 'supervisor' },
    { email: `specialist@${domain}`, name: 'Alex Specialist', role: 'specialist' },
  ];
  const created: FirstUser[] = [];
  for (const person of people) {
    const password = generatePassword();
    const result = await createUser(db, { tenantId: input.tenantId, actor: 'system:first-start', ...person, password, now: input.now });
    if (result.ok) created.push({ ...person, password });
  }
  return created;
}
