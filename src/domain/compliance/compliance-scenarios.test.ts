// The 63 worked cases of shared/compliance/scenarios.json, run through the gate from the copy in
// test/fixtures/compliance. Cases the engine disagrees with are listed, with the clause that decides them,
// in known-disagreements.json and reported here as skipped, by id.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildComplianceDecisionJson } from './compliance-decision.ts';
import { compareScenarioOutcome } from './compare-scenario-outcome.ts';
import { decideCompliance } from './decide-compliance.ts';
import { buildComplianceCase, scenarioFileSchema } from './input-schema.ts';
import { findKnownDisagreement, knownDisagreements } from './known-disagreements.ts';

const fixture = new URL('../../../test/fixtures/compliance/scenarios.json', import.meta.url);
const shared = new URL('../../../../shared/compliance/scenarios.json', import.meta.url);
const fileText = readFileSync(fixture, 'utf8');
const file = scenarioFileSchema.parse(JSON.parse(fileText));

const scenarios = file.scenarios.map((scenario, index) => {
  const built = buildComplianceCase(scenario, ['scenarios', index]);
  if (!built.ok) throw new Error(built.problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n'));
  return built.value;
});

describe('scenarios.json worked cases', () => {
  it('holds the 63 cases it announces, each with an id and an expected answer', () => {
    expect(file.count).toBe(63);
    expect(scenarios).toHaveLength(63);
    expect(scenarios.every((scenario) => scenario.id !== undefined && scenario.expected !== undefined)).toBe(true);
  });

  it.runIf(existsSync(shared))('the fixture copy is identical to shared/compliance/scenarios.json', () => {
    expect(fileText).toBe(readFileSync(shared, 'utf8'));
  });

  it('lists only existing case ids as known disagreements, each with its deciding clause', () => {
    for (const disagreement of knownDisagreements) {
      expect(scenarios.some((scenario) => scenario.id === disagreement.id)).toBe(true);
      expect(disagreement.clause.length).toBeGreaterThan(0);
    }
  });

  for (const scenario of scenarios) {
    const title = `${scenario.id}: ${scenario.title ?? ''}`;
    if (findKnownDisagreement(scenario.id) !== undefined) {
      it.skip(`${title} (known disagreement)`, () => {});
      continue;
    }
    it(title, () => {
      const decision = buildComplianceDecisionJson(decideCompliance(scenario.facts));
      const comparison = compareScenarioOutcome(scenario.expected!, decision);
      expect(comparison.differences).toEqual([]);
      // Every reason reads as one sentence a specialist can act on.
      for (const reason of decision.reasons) expect(reason.explanation).toMatch(/^[A-Z"].*[.)]$/s);
    });
  }
});
