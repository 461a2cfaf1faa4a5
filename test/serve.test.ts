import { describe, expect, it } from 'vitest';
import { freshBookEnv, runRecoup } from './support/cli.ts';

describe('recoup serve (the quick start)', () => {
  it('on an empty book loads the example book and prints what is in it', async () => {
    const { env, dispose } = await freshBookEnv();
    try {
      const first = await runRecoup(['serve', '--once'], env);
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/The book was empty: loaded the example book \(3,000 debtors, [\d,]+ invoices/);
      expect(first.stdout).toMatch(/USD\s+[\d,]+\.\d\d/);
      // How to sign in the first time: users with generated passwords, printed once.
      expect(first.stdout).toMatch(/admin\s+admin@recoup\.local\s+[A-Za-z0-9]{20}\n/);
      expect(first.stdout).toMatch(/specialist\s+specialist@recoup\.local\s+[A-Za-z0-9]{20}\n/);
      // A second start finds the book and leaves it alone.
      const second = await runRecoup(['serve', '--once'], env);
      expect(second.stdout).not.toMatch(/example book/);
      expect(second.stdout).not.toMatch(/First start/);
      const verify = await runRecoup(['audit', 'verify'], env);
      expect(verify).toMatchObject({ code: 0 });
      expect(verify.stdout).toMatch(/Audit log intact/);
    } finally {
      await dispose();
    }
  }, 180_000);

  it('says what is wrong with a bad command line instead of a stack trace', async () => {
    expect(await runRecoup(['nonsense'])).toMatchObject({ code: 2 });
    const bad = await runRecoup(['payments', 'post', '--debtor', 'X', '--amount', '12.345', '--currency', 'USD', '--idempotency-key', 'k']);
    expect(bad).toMatchObject({ code: 1, stderr: 'recoup payments: --amount: "12.345" has more than 2 decimals for USD\n' });
    const missing = await runRecoup(['import', 'receivables']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/give exactly one FILE/);
  });
});
