// Strategies as versioned data: strategies/*.yaml are validated and stored as outreach_strategy rows. A
// version, once stored, never changes: editing a file without raising its version is refused (as with migrations).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Database, Queryable } from '../../adapters/db/database.ts';
import { appendAuditEvents } from '../../adapters/db/audit-log.ts';
import { formatStrategyProblems, parseStrategy, type StrategyProblem } from '../../domain/outreach/parse-strategy.ts';
import type { StrategyDefinition } from '../../domain/outreach/strategy-definition.ts';

export const defaultStrategyDir = resolve(import.meta.dirname, '../../../strategies');

export type StrategyFile = { file: string; text: string; sha256: string; result: { ok: true; strategy: StrategyDefinition } | { ok: false; problems: StrategyProblem[] } };

export class StrategyFileError extends Error {}

export function readStrategyFiles(paths: readonly string[]): StrategyFile[] {
  const files = paths.flatMap((path) => (existsSync(path) && !path.match(/\.(ya?ml|json)$/)
    ? readdirSync(path).filter((name) => /\.(ya?ml|json)$/.test(name)).sort().map((name) => join(path, name))
    : [path]));
  return files.map((file) => {
    if (!existsSync(file)) throw new StrategyFileError(`${file}: no such file`);
    const text = readFileSync(file, 'utf8');
    return { file, text, sha256: createHash('sha256').update(text).digest('hex'), result: parseStrategy(text) };
  });
}

/** Validates the strategy files and stores new versions. Throws StrategyFileError naming file, line and field. */
export async function syncStrategies(db: Database, tenantId: string, actor: string, dir: string = defaultStrategyDir): Promise<StrategyDefinition[]> {
  const files = readStrategyFiles([dir]);
  const problems = files.flatMap((file) => (file.result.ok ? [] : [formatStrategyProblems(basename(file.file), file.result.problems)]));
  if (problems.length > 0) throw new StrategyFileError(problems.join('\n'));
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; version: number; sha256: string }>('SELECT id, version, sha256 FROM outreach_strategy WHERE tenant_id = $1', [tenantId]);
    const stored = new Map(rows.map((row) => [`${row.id}@${row.version}`, row.sha256]));
    const added: StrategyFile[] = [];
    for (const file of files) {
      if (!file.result.ok) continue;
      const { strategy } = file.result;
      const previous = stored.get(`${strategy.id}@${strategy.version}`);
      if (previous === file.sha256) continue;
      if (previous !== undefined) {
        throw new StrategyFileError(`${basename(file.file)}: strategy ${strategy.id} version ${strategy.version} is already in use with other content; raise its version to change it`);
      }
      await tx.query(
        `INSERT INTO outreach_strategy (tenant_id, id, version, name, definition, source_text, sha256) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
        [tenantId, strategy.id, strategy.version, strategy.name, JSON.stringify(strategy), file.text, file.sha256]);
      added.push(file);
    }
    await appendAuditEvents(tx, tenantId, actor, new Date(), added.map((file) => {
      const strategy = (file.result as { strategy: StrategyDefinition }).strategy;
      return { type: 'outreach.strategy_loaded', subjectType: 'tenant', subjectId: tenantId, payload: { strategyId: strategy.id, version: strategy.version, sha256: file.sha256 } };
    }));
  });
  return loadStoredStrategies(db, tenantId);
}

/** Every stored strategy version (the evaluation keeps enrolled accounts on their version). */
export async function loadStoredStrategies(db: Queryable, tenantId: string): Promise<StrategyDefinition[]> {
  const { rows } = await db.query<{ definition: StrategyDefinition }>('SELECT definition FROM outreach_strategy WHERE tenant_id = $1 ORDER BY id, version', [tenantId]);
  return rows.map((row) => row.definition);
}
