// CA-ROSENTHAL: Cal. Civ. Code 1788–1788.33; 1788.2 (creditors are debt collectors too); 1788.17 (the FDCPA
// conduct rules apply); 1812.700 (the Rosenthal notice in the first written notice to a California debtor).
// The Reg F time, frequency and third-party rules run for California creditors as well (REGF-SCOPE).
import { addRequirement, type DecisionContext } from './decision-context.ts';

const writtenChannels = new Set(['letter', 'email', 'sms', 'social_dm']);

export function decideCaliforniaRosenthal(context: DecisionContext): void {
  const { action, consumer } = context.facts;
  if (context.jurisdiction !== 'united_states' || consumer.state !== 'CA') return;
  if (!action.isFirstWrittenNotice || !writtenChannels.has(action.channel)) return;
  addRequirement(context, 'CA-ROSENTHAL', 'CA_1812_700_NOTICE',
    'The first written notice to a California debtor must include the Cal. Civ. Code 1812.700 notice of the debtor\'s rights, in the required type size.');
}
