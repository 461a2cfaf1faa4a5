import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The lint rule that keeps src/domain pure (STYLE.md §1): proven here on code it must refuse.
const eslint = new ESLint({ cwd: process.cwd() });
const lintDomain = async (code: string) => {
  const [result] = await eslint.lintText(code, { filePath: 'src/domain/example/impure.ts' });
  return result!.messages.map((m) => m.message);
};

describe('src/domain purity lint rule', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", /no node:\*/],
    ["import pg from 'pg';\nexport const x = pg;", /no node:\*, database/],
    ["import { PGlite } from '@electric-sql/pglite';\nexport const x = PGlite;", /database/],
    ["import { openDatabase } from '../../adapters/db/database.ts';\nexport const x = openDatabase;", /must not import app, adapters or cli/],
    ["export const now = () => Date.now();", /never reads the clock/],
    ["export const now = () => new Date();", /never reads the clock/],
    ["import { DateTime } from 'luxon';\nexport const now = () => DateTime.now();", /never reads the clock/],
    ["export const roll = () => Math.random();", /never reads randomness/],
    ["export const id = () => crypto.randomUUID();", /no randomness/],
    ["export const env = () => process.env.TZ;", /configuration comes in as parameters/],
  ])('refuses %s', async (code, message) => {
    const messages = await lintDomain(code);
    expect(messages.some((m) => message.test(m)), messages.join('\n')).toBe(true);
  });

  it('accepts pure code: a date from a parameter, luxon parsing, zod', async () => {
    const messages = await lintDomain(
      "import { DateTime } from 'luxon';\nimport { z } from 'zod';\n" +
      "export const parse = (text: string, zone: string) => DateTime.fromISO(text, { zone }).toISODate();\n" +
      "export const at = (instant: string) => new Date(instant).getTime();\nexport const schema = z.string();\n",
    );
    expect(messages).toEqual([]);
  });

  it('does not apply outside src/domain', async () => {
    const [result] = await eslint.lintText("import { readFileSync } from 'node:fs';\nexport const x = () => [readFileSync, Date.now()];", { filePath: 'src/adapters/example.ts' });
    expect(result!.messages).toEqual([]);
  });
});
