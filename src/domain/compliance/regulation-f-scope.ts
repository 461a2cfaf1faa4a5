// REGF-SCOPE: 15 USC 1692a(5)–(6); 12 CFR 1006.1–1006.2; Cal. Civ. Code 1788.2(c), 1788.17; 940 CMR 7.03;
// 6 RCNY 5-76/5-77.
// Regulation F binds debt collectors collecting consumer debt (personal, family or household purposes);
// a debt of unknown purpose is treated as consumer. Original creditors are generally outside it, but
// California (Rosenthal), Massachusetts and New York City reach creditors too, and RULES.md recommends
// running Reg F as best practice, so the gate runs it for first-party creditors as well. Business-purpose
// debts are outside the FDCPA; the TCPA, bankruptcy, SCRA and state rules still run for them.
import type { DebtFacts } from './compliance-facts.ts';

/** True when the Reg F / FDCPA modules run for the debts of an action by a collector of a US consumer. */
export function decideRegulationFScope(debts: DebtFacts[]): boolean {
  // Any consumer-purpose debt in the action brings the consumer rules in (unknown purpose is consumer).
  return debts.length === 0 || debts.some((debt) => debt.purpose === 'consumer');
}
