import { parseCommandArgs } from '../args.ts';
import { UsageError, UserError, type Io } from '../io.ts';
import { formatTable, toJson, withBook } from '../context.ts';
import { createUser, listUsers } from '../../app/auth/users.ts';
import { generatePassword } from '../../app/auth/secrets.ts';
import { roles, type Role } from '../../app/auth/roles.ts';

export const usage = `Usage: recoup user add --email EMAIL --name NAME --role admin|supervisor|specialist|auditor [--password-stdin] [--json]
       recoup user list [--json]

add   creates a user of the tenant (RECOUP_TENANT). Without --password-stdin a password is generated and
      printed once; with it, the first line of standard input is the password (at least 12 characters).
      Passwords are stored as argon2id hashes only.
list  prints the tenant's users and their roles.
`;

async function readFirstLine(io: Io): Promise<string> {
  let text = '';
  for await (const chunk of io.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

export async function run(verb: string | undefined, args: string[], io: Io): Promise<number> {
  if (verb === 'list') {
    const { values } = parseCommandArgs(args, { json: { type: 'boolean' } }, false);
    const users = await withBook(io, ({ db, tenantId }) => listUsers(db, tenantId, { after: null, limit: 10_000 }));
    io.stdout(values.json ? toJson(users) : formatTable(['id', 'email', 'name', 'role', 'locked until'], users.map((u) => [u.id, u.email, u.name, u.role, u.lockedUntil ?? ''])));
    return 0;
  }
  if (verb !== 'add') throw new UsageError(verb === undefined ? 'which user command? (add, list)' : `unknown verb "${verb}"`);
  const { values } = parseCommandArgs(args, {
    email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, 'password-stdin': { type: 'boolean' }, json: { type: 'boolean' },
  }, false);
  for (const name of ['email', 'name', 'role'] as const) {
    if (values[name] === undefined) throw new UsageError(`--${name} is required`);
  }
  if (!(roles as readonly string[]).includes(values.role!)) throw new UserError(`--role: "${values.role}" is not one of ${roles.join(', ')}`, '--role');
  const generated = !values['password-stdin'];
  const password = generated ? generatePassword() : await readFirstLine(io);
  const result = await withBook(io, ({ db, tenantId, actor }) => createUser(db, {
    tenantId, actor, email: values.email!, name: values.name!, role: values.role as Role, password, now: new Date(),
  }));
  if (!result.ok) throw new UserError(`--${result.field ?? 'email'}: ${result.message}`, `--${result.field ?? 'email'}`);
  const user = result.value;
  if (values.json) {
    io.stdout(toJson({ ...user, ...(generated ? { password } : {}) }));
  } else {
    io.stdout(`Created ${user.role} ${user.email} (${user.id}).\n${generated ? `Password (shown once): ${password}\n` : ''}`);
  }
  return 0;
}
