// REGF-MAIL-SOCIAL: 12 CFR 1006.22(f)(1) (postcards), (f)(2) (envelope language or symbols), (f)(4) (social
// media visible to the public or the consumer's contacts).
// No debt communication by postcard; nothing on an envelope that reveals debt collection; nothing on social
// media that others can see. Private messages are allowed subject to the other rules, and a connection
// request must say who is asking.
import { addReason, type DecisionContext } from './decision-context.ts';

export function decideMailAndSocialMedia(context: DecisionContext): void {
  const { action } = context.facts;
  if (!context.regulationFApplies) return;
  if (action.channel === 'postcard') {
    addReason(context, 'REGF-MAIL-SOCIAL', 'block', 'A debt collector may not communicate by postcard; send a sealed letter.');
  }
  if ((action.channel === 'letter' || action.channel === 'postcard') && action.contentTags.includes('envelope_reveals_debt_collection')) {
    addReason(context, 'REGF-MAIL-SOCIAL', 'block', 'The envelope may show only the collector\'s address and a business name that does not indicate debt collection.');
  }
  if (action.channel === 'social_public_post') {
    addReason(context, 'REGF-MAIL-SOCIAL', 'block',
      'A collector may not communicate through social media that the public or the consumer\'s contacts can see; use a private message, subject to the other rules.');
  }
  if (action.channel === 'social_connection_request' && !action.contentTags.includes('identifies_collector')) {
    addReason(context, 'REGF-MAIL-SOCIAL', 'block', 'A social-media connection request must identify the debt collector.');
  }
}
