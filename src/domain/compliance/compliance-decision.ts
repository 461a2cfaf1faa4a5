// What the gate answers (RULES.md 0.2), and its JSON form for the CLI, the API and the audit log.
import { ruleCatalogue, type RuleId } from './rule-catalogue.ts';

export const decisionKinds = ['allow', 'allow_with_requirements', 'allow_after', 'block', 'review'] as const;
export type DecisionKind = (typeof decisionKinds)[number];

/** What a failing rule does to the action. */
export type ReasonEffect = 'block' | 'review' | 'allow_after';

/** One failing rule, with one sentence a specialist can read. */
export type Reason = { ruleId: RuleId; effect: ReasonEffect; explanation: string };

/** A disclosure the message itself must carry for the action to proceed (`allow_with_requirements`). */
export type Requirement = { disclosure: string; ruleId: RuleId; explanation: string };

/** A step the organisation must take alongside the action (for example a data-subject response deadline). */
export type RequiredAction = { action: string; ruleId: RuleId; explanation: string; dueDate?: string };

export type ComplianceDecision = {
  decision: DecisionKind;
  reasons: Reason[];
  /** For `allow_after`: the earliest instant at which every time rule passes (and every other rule still does). */
  allowAfterMs: number | undefined;
  requirements: Requirement[];
  requiredActions: RequiredAction[];
  /** Dates the gate computed on the way (validation period, due dates), for the caller to record. */
  computed: Record<string, string>;
};

/** Distinct reason ids in the order the rules reported them. */
export function buildReasonIds(decision: ComplianceDecision): RuleId[] {
  return [...new Set(decision.reasons.map((reason) => reason.ruleId))];
}

/** Distinct disclosures in the order the rules required them. */
export function buildRequiredDisclosures(decision: ComplianceDecision): string[] {
  return [...new Set(decision.requirements.map((requirement) => requirement.disclosure))];
}

export type ComplianceDecisionJson = {
  decision: DecisionKind;
  reason_ids: string[];
  allow_after_utc?: string;
  required_disclosures: string[];
  reasons: Array<{ rule_id: string; effect: ReasonEffect; citation: string; explanation: string }>;
  requirements: Array<{ disclosure: string; rule_id: string; citation: string; explanation: string }>;
  required_actions: Array<{ action: string; rule_id: string; explanation: string; due_date?: string }>;
  computed?: Record<string, string>;
};

/** The decision as printed by `recoup compliance check` (snake_case, instants in ISO 8601 UTC). */
export function buildComplianceDecisionJson(decision: ComplianceDecision): ComplianceDecisionJson {
  const allowAfter = decision.decision === 'allow_after' && decision.allowAfterMs !== undefined
    ? { allow_after_utc: new Date(decision.allowAfterMs).toISOString().replace('.000Z', 'Z') }
    : {};
  return {
    decision: decision.decision,
    reason_ids: buildReasonIds(decision),
    ...allowAfter,
    required_disclosures: buildRequiredDisclosures(decision),
    reasons: decision.reasons.map((reason) => ({
      rule_id: reason.ruleId,
      effect: reason.effect,
      citation: ruleCatalogue[reason.ruleId].citation,
      explanation: reason.explanation,
    })),
    requirements: decision.requirements.map((requirement) => ({
      disclosure: requirement.disclosure,
      rule_id: requirement.ruleId,
      citation: ruleCatalogue[requirement.ruleId].citation,
      explanation: requirement.explanation,
    })),
    required_actions: decision.requiredActions.map((action) => ({
      action: action.action,
      rule_id: action.ruleId,
      explanation: action.explanation,
      ...(action.dueDate === undefined ? {} : { due_date: action.dueDate }),
    })),
    ...(Object.keys(decision.computed).length > 0 ? { computed: decision.computed } : {}),
  };
}
