// Worked cases (scenarios.json) whose expected answer the engine believes is wrong. The engine is never bent
// to such a case: it is listed in known-disagreements.json with the clause that decides it and explained in
// docs/compliance.md, and the scenario test and `recoup compliance check --cases` report it as skipped.
import { z } from 'zod';
import entries from './known-disagreements.json' with { type: 'json' };

export type KnownDisagreement = {
  /** The case id in scenarios.json. */
  id: string;
  /** The rule clause that decides the case, e.g. "12 CFR 1006.30(a)(1), comment 30(a)(1)-2". */
  clause: string;
  /** One sentence: what the case expects, what the engine answers, and why. */
  summary: string;
};

const knownDisagreementSchema = z.array(z.strictObject({ id: z.string().min(1), clause: z.string().min(1), summary: z.string().min(1) }));

export const knownDisagreements: ReadonlyArray<KnownDisagreement> = knownDisagreementSchema.parse(entries);

/** The disagreement recorded for a case id, if any. */
export function findKnownDisagreement(id: string | undefined): KnownDisagreement | undefined {
  return id === undefined ? undefined : knownDisagreements.find((entry) => entry.id === id);
}
