import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateExampleBook } from '../src/app/example-book/generate-example-book.ts';
import { main } from '../src/cli/main.ts';
import { standardColumns } from '../src/domain/book/import-mapping.ts';

describe('recoup example generate', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'recoup-example-cli-'));
  });
  afterAll(async () => rm(directory, { recursive: true, force: true }));

  async function recoup(...argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await main(['example', ...argv], {
      stdout: (text) => { stdout += text; },
      stderr: (text) => { stderr += text; },
      stdin: new PassThrough(),
      env: {},
      cwd: directory,
    });
    return { code, stdout, stderr };
  }

  it('writes the book for the given seed and date to --out, relative to the working directory, and says how much', async () => {
    const result = await recoup('generate', '--debtors', '120', '--seed', '42', '--as-of', '2026-11-24', '--out', 'book.csv');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const expected = [...generateExampleBook({ seed: 42, asOf: '2026-11-24', debtors: 120 })];
    expect(result.stdout).toBe(`Wrote 120 debtors and ${expected.length} invoices to ${join(directory, 'book.csv')} (as of 2026-11-24, seed 42).\n`);
    const text = await readFile(join(directory, 'book.csv'), 'utf8');
    expect(text.split('\n', 1)[0]).toBe(standardColumns.join(','));
    expect(parse(text, { columns: true })).toEqual(expected);
  });

  it('prints a JSON summary with --json, and dates the book today by default', async () => {
    const before = DateTime.local().toISODate();
    const result = await recoup('generate', '--debtors', '10', '--out', 'today.csv', '--json');
    const after = DateTime.local().toISODate();
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { asOf: string; seed: number; debtors: number; invoices: number; file: string };
    expect([before, after]).toContain(summary.asOf);
    expect(summary).toMatchObject({ seed: 1, debtors: 10, file: join(directory, 'today.csv') });
    const rows = parse(await readFile(summary.file, 'utf8'), { columns: true }) as { issue_date: string }[];
    expect(rows.length).toBe(summary.invoices);
    expect(rows.every((row) => row.issue_date <= summary.asOf)).toBe(true);
  });

  it('accepts grouped numbers such as 1,000 and 1_000', async () => {
    expect((await recoup('generate', '--debtors', '1_000', '--as-of', '2026-11-24', '--out', 'grouped.csv')).stdout).toMatch(/^Wrote 1,000 debtors/);
  });

  it.each([
    [['--debtors', 'many'], '--debtors'],
    [['--debtors', '0'], '--debtors'],
    [['--debtors', '1e6'], '--debtors'],
    [['--seed=-3'], '--seed'],
    [['--seed', '1.5'], '--seed'],
    [['--invoices-per-debtor', '0'], '--invoices-per-debtor'],
    [['--as-of', '2026-02-30'], '--as-of'],
    [['--as-of', '11/24/2026'], '--as-of'],
  ])('refuses %j with exit 1 and a message naming %s', async (options, option) => {
    const result = await recoup('generate', '--out', 'refused.csv', ...options);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(option);
    expect(await readdir(directory)).not.toContain('refused.csv');
  });

  it('refuses an --out it cannot write with exit 1, naming --out', async () => {
    const result = await recoup('generate', '--debtors', '5', '--out', join('no-such-directory', 'book.csv'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--out .*no-such-directory/);
  });

  it.each([
    [['generate'], '--out FILE is required'],
    [[], 'missing verb'],
    [['load', '--out', 'x.csv'], 'unknown verb "load"'],
    [['generate', '--out', 'x.csv', '--colour', 'red'], 'colour'],
    [['generate', '--out', 'x.csv', 'extra'], 'extra'],
  ])('treats %j as a usage error: exit 2 and the usage text', async (argv, message) => {
    const result = await recoup(...argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: recoup example generate');
  });

  it('prints its usage for --help', async () => {
    const result = await recoup('generate', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--as-of YYYY-MM-DD');
  });
});
