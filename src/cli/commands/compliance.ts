// `recoup compliance check`: runs the compliance gate (src/domain/compliance) on one case, or on a whole
// scenarios file. Reading files and stdin happens here; deciding is pure.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { buildComplianceDecisionJson } from '../../domain/compliance/compliance-decision.ts';
import { compareScenarioOutcome } from '../../domain/compliance/compare-scenario-outcome.ts';
import { decideCompliance } from '../../domain/compliance/decide-compliance.ts';
import {
  buildComplianceCase, buildInputProblems, scenarioFileSchema, type ComplianceCase, type InputProblem,
} from '../../domain/compliance/input-schema.ts';
import { findKnownDisagreement } from '../../domain/compliance/known-disagreements.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, UserError, type Io } from '../io.ts';

export const usage = `Usage: recoup compliance check [FILE|-]
       recoup compliance check --cases FILE

Runs the compliance gate on a proposed contact and prints the decision as JSON: decision (allow,
allow_with_requirements, allow_after, block, review), reason_ids, allow_after_utc (for allow_after),
required_disclosures, and one explanation per reason.

  FILE          one case shaped like an element of scenarios.json ({ "given": ..., "proposed_action": ... });
                "-" or nothing reads it from standard input
  --cases FILE  run every case of a scenarios file and print PASS/FAIL per case id, then "N passed, N failed";
                cases listed as known disagreements are reported as SKIP

Exit code 0 on success (for --cases: every case passed), 1 when a case is malformed (the message names the
field) or a case failed, 2 on a usage error.
`;

async function readStream(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function readInput(source: string, io: Io): Promise<{ text: string; name: string }> {
  if (source === '-') return { text: await readStream(io.stdin), name: 'standard input' };
  const path = resolve(io.cwd, source);
  try {
    return { text: await readFile(path, 'utf8'), name: source };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `${source}: no such file` : `${source}: cannot read (${code ?? (error as Error).message})`, source);
  }
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UserError(`${name}: not valid JSON (${(error as Error).message})`);
  }
}

function describeProblems(name: string, problems: InputProblem[]): string {
  const lines = problems.map((problem) => `${problem.path}: ${problem.message}`);
  return lines.length === 1 ? `${name}: ${lines[0]}` : `${name}: ${lines.length} problems\n  ${lines.join('\n  ')}`;
}

async function checkOne(source: string, io: Io): Promise<number> {
  const { text, name } = await readInput(source, io);
  const built = buildComplianceCase(parseJson(text, name));
  if (!built.ok) throw new UserError(describeProblems(name, built.problems), built.problems[0]?.path);
  const json = buildComplianceDecisionJson(decideCompliance(built.value.facts));
  io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  return 0;
}

async function checkCases(source: string, io: Io): Promise<number> {
  const { text, name } = await readInput(source, io);
  const file = scenarioFileSchema.safeParse(parseJson(text, name));
  if (!file.success) throw new UserError(describeProblems(name, buildInputProblems(file.error.issues)));
  const cases: ComplianceCase[] = [];
  const problems: InputProblem[] = [];
  file.data.scenarios.forEach((scenario, index) => {
    const built = buildComplianceCase(scenario, ['scenarios', index]);
    if (!built.ok) problems.push(...built.problems);
    else if (built.value.expected === undefined) problems.push({ path: `scenarios[${index}].expected`, message: 'required field is missing' });
    else cases.push(built.value);
  });
  if (problems.length > 0) throw new UserError(describeProblems(name, problems), problems[0]?.path);

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  cases.forEach((scenario, index) => {
    const id = scenario.id ?? `#${index}`;
    const disagreement = findKnownDisagreement(scenario.id);
    if (disagreement !== undefined) {
      skipped += 1;
      io.stdout(`SKIP ${id}  known disagreement (${disagreement.clause})\n`);
      return;
    }
    const comparison = compareScenarioOutcome(scenario.expected!, buildComplianceDecisionJson(decideCompliance(scenario.facts)));
    if (comparison.passed) {
      passed += 1;
      io.stdout(`PASS ${id}\n`);
    } else {
      failed += 1;
      io.stdout(`FAIL ${id}  ${comparison.differences.join('; ')}\n`);
    }
  });
  if (skipped > 0) io.stdout(`${skipped} skipped as known disagreements\n`);
  io.stdout(`${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

export async function run(verb: string | undefined, args: string[], io: Io): Promise<number> {
  if (verb === undefined) throw new UsageError('missing verb: expected "check"');
  if (verb !== 'check') throw new UsageError(`unknown verb "${verb}": expected "check"`);
  const { values, positionals } = parseCommandArgs(args, { cases: { type: 'string' } });
  if (values.cases !== undefined) {
    if (positionals.length > 0) throw new UsageError('give either FILE or --cases FILE, not both');
    if (values.cases === '') throw new UsageError('--cases needs a file');
    return checkCases(values.cases, io);
  }
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  return checkOne(positionals[0] ?? '-', io);
}
