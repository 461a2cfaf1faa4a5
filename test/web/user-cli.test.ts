import { describe, expect, it } from 'vitest';
import { freshBookEnv, runRecoup } from '../support/cli.ts';

describe('recoup user', () => {
  it('adds users with a generated password shown once, lists them, and refuses bad input', async () => {
    const { env, dispose } = await freshBookEnv();
    try {
      const added = await runRecoup(['user', 'add', '--email', 'Kim@Example.test', '--name', 'Kim Lee', '--role', 'specialist', '--json'], env);
      expect(added.code).toBe(0);
      const user = JSON.parse(added.stdout) as { email: string; role: string; password: string };
      expect(user).toMatchObject({ email: 'kim@example.test', role: 'specialist' });
      expect(user.password).toMatch(/^[A-Za-z0-9]{20}$/);
      const listed = await runRecoup(['user', 'list'], env);
      expect(listed.stdout).toMatch(/kim@example\.test\s+Kim Lee\s+specialist/);
      expect(listed.stdout).not.toContain(user.password);
      expect(await runRecoup(['user', 'add', '--email', 'kim@example.test', '--name', 'Kim', '--role', 'admin'], env)).toMatchObject({ code: 1, stderr: 'recoup user: --email: a user with email kim@example.test already exists\n' });
      expect(await runRecoup(['user', 'add', '--email', 'x@y.test', '--name', 'X', '--role', 'boss'], env)).toMatchObject({ code: 1 });
      expect((await runRecoup(['user', 'add', '--email', 'x@y.test'], env)).code).toBe(2);
    } finally {
      await dispose();
    }
  });
});
