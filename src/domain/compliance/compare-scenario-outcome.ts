// How a worked case's expected answer (scenarios.json) is compared with the gate's decision: the decision
// always; reason ids, allow_after_utc and required disclosures when the case states them (as sets: the
// order of reasons is not part of the answer); dates the case says were computed, when it states them.
import type { ComplianceDecisionJson } from './compliance-decision.ts';
import type { ExpectedOutcome } from './input-schema.ts';

export type ScenarioComparison = { passed: boolean; differences: string[] };

function isSameSet(left: string[], right: string[]): boolean {
  const leftSet = new Set(left);
  const rightSet = new Set(right);
  return leftSet.size === rightSet.size && [...leftSet].every((item) => rightSet.has(item));
}

/** Compares a decision with a case's expected answer; `differences` says what differs, one line each. */
export function compareScenarioOutcome(expected: ExpectedOutcome, actual: ComplianceDecisionJson): ScenarioComparison {
  const differences: string[] = [];
  if (actual.decision !== expected.decision) differences.push(`decision: expected ${expected.decision}, got ${actual.decision}`);
  if (expected.reason_ids !== undefined && !isSameSet(expected.reason_ids, actual.reason_ids)) {
    differences.push(`reason_ids: expected [${expected.reason_ids.join(', ')}], got [${actual.reason_ids.join(', ')}]`);
  }
  if (expected.decision === 'allow' && actual.reason_ids.length > 0) {
    differences.push(`reason_ids: expected none for allow, got [${actual.reason_ids.join(', ')}]`);
  }
  if (expected.allow_after_utc !== undefined) {
    const got = actual.allow_after_utc;
    if (got === undefined || Date.parse(got) !== Date.parse(expected.allow_after_utc)) {
      differences.push(`allow_after_utc: expected ${expected.allow_after_utc}, got ${got ?? 'none'}`);
    }
  }
  if (expected.required_disclosures !== undefined && !isSameSet(expected.required_disclosures, actual.required_disclosures)) {
    differences.push(`required_disclosures: expected [${expected.required_disclosures.join(', ')}], got [${actual.required_disclosures.join(', ')}]`);
  }
  const computedExpected = {
    ...(expected.computed ?? {}),
    ...(typeof expected.follow_up === 'object' ? expected.follow_up : {}),
  };
  for (const [key, value] of Object.entries(computedExpected)) {
    const got = actual.computed?.[key];
    if (got !== value) differences.push(`computed.${key}: expected ${value}, got ${got ?? 'none'}`);
  }
  return { passed: differences.length === 0, differences };
}
