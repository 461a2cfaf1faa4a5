// REGF-MINI-MIRANDA: 12 CFR 1006.18(e); FDCPA 1692e(11).
// The initial communication must disclose that the collector is attempting to collect a debt and that any
// information obtained will be used for that purpose (MM_INITIAL); each subsequent communication must
// disclose that it is from a debt collector (MM_SUBSEQUENT). A limited-content message is not a
// communication and must not carry either. RULES.md 0.6: "first communication" is a stated fact; call
// scripts and letter templates carry the routine subsequent disclosure by template, so only electronic
// messages list MM_SUBSEQUENT, and any first communication lists MM_INITIAL.
import { addRequirement, electronicChannels, isContact, type DecisionContext } from './decision-context.ts';

export function decideMiniMiranda(context: DecisionContext): void {
  const { action } = context.facts;
  if (!context.regulationFApplies || !isContact(action.channel)) return;
  // Not communications with the consumer: a voicemail (a limited-content message, REGF-LCM), an opt-out
  // confirmation, a location contact (1006.10) and anything said to a third party.
  if (action.channel === 'voicemail' || action.template === 'optout_confirmation' || action.purpose === 'location') return;
  if (action.recipient === 'third_party' || action.channel === 'social_public_post') return;
  if (action.isFirstCommunication) {
    addRequirement(context, 'REGF-MINI-MIRANDA', 'MM_INITIAL',
      'This is the first communication: state that the collector is attempting to collect a debt and that any information obtained will be used for that purpose.');
    return;
  }
  if (electronicChannels.has(action.channel)) {
    addRequirement(context, 'REGF-MINI-MIRANDA', 'MM_SUBSEQUENT', 'The message must state that it is from a debt collector.');
  }
}
