// REGF-CALL-IDENTITY: 12 CFR 1006.14(g); FDCPA 1692d(6).
// A telephone call must meaningfully disclose the caller's identity (the caller's or agent's name and the
// business name), except a location call under 1006.10. A blank or spoofed caller ID is the opposite of a
// meaningful disclosure. A limited-content voicemail satisfies this with its non-debt business name.
import { addReason, type DecisionContext } from './decision-context.ts';

export function decideCallIdentity(context: DecisionContext): void {
  const { action } = context.facts;
  if (!context.regulationFApplies || (action.channel !== 'call' && action.channel !== 'voicemail')) return;
  if (action.contentTags.includes('caller_id_blank_or_spoofed')) {
    addReason(context, 'REGF-CALL-IDENTITY', 'block', 'A call must meaningfully disclose who is calling, and this one would go out with a blank or spoofed caller ID.');
    return;
  }
  // Only a stated live-call script can be checked; voicemails are checked by REGF-LCM.
  if (action.channel !== 'call' || action.contentElements === undefined || action.purpose === 'location') return;
  const elements = new Set(action.contentElements);
  const hasPerson = elements.has('caller_name') || elements.has('natural_person_name');
  const hasBusiness = elements.has('business_name') || elements.has('neutral_business_name') || elements.has('business_name_indicating_collection');
  if (hasPerson && hasBusiness) return;
  addReason(context, 'REGF-CALL-IDENTITY', 'block',
    `The call script must state ${!hasPerson && !hasBusiness ? "the caller's name and the company's name" : !hasPerson ? "the caller's name" : "the company's name"}.`);
}
