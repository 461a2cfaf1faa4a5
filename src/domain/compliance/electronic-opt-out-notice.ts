// REGF-ELEC-OPTOUT-NOTICE: 12 CFR 1006.6(e).
// Every email, text or other electronic communication (or attempt) to a particular address or number must
// include a clear and conspicuous statement of a reasonable, simple way to opt out of further electronic
// communications to it, without a fee or information beyond the preference and the address. Voicemail is
// not electronic for this purpose. RULES.md 0.6: a template that lacks the notice is `block`; a template
// that has it gets `allow_with_requirements` listing OPTOUT_NOTICE. A template whose notice is not stated
// is required to carry one (the dispatcher must check it), the reading that never lets a message go without.
import { addReason, addRequirement, electronicChannels, type DecisionContext } from './decision-context.ts';

export function decideElectronicOptOutNotice(context: DecisionContext): void {
  const { action } = context.facts;
  if (!context.regulationFApplies || !electronicChannels.has(action.channel)) return;
  // The single opt-out confirmation carries the confirmation only (1006.14(h)(2)(i)).
  if (action.template === 'optout_confirmation') return;
  if (action.templateHasOptOutNotice === false) {
    addReason(context, 'REGF-ELEC-OPTOUT-NOTICE', 'block',
      'Every email, text or other electronic message must tell the consumer how to opt out of messages to that address or number, and this template does not; add OPTOUT_NOTICE.');
    return;
  }
  addRequirement(context, 'REGF-ELEC-OPTOUT-NOTICE', 'OPTOUT_NOTICE',
    'The message must carry a clear, simple way to opt out of further messages to this address or number (for example "Reply STOP").');
}
