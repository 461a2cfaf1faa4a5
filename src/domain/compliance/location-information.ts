// REGF-LOCATION: 12 CFR 1006.10; FDCPA 1692b.
// A collector may contact a third party only to confirm or correct the consumer's location information,
// must not say the consumer owes a debt, must not contact the same person more than once unless asked or
// reasonably believing the earlier answer wrong or incomplete, must not use postcards or revealing
// envelopes, and must stop once it knows of an attorney (checked in REGF-ATTY).
import { addReason, isContact, type DecisionContext } from './decision-context.ts';

export function decideLocationInformation(context: DecisionContext): void {
  const { action } = context.facts;
  if (!context.regulationFApplies || !isContact(action.channel) || action.purpose !== 'location' || action.recipient === 'consumer') return;
  if (action.contentTags.some((tag) => tag === 'debt_mention' || tag === 'debt_details' || tag === 'balance' || tag === 'payment_demand')) {
    addReason(context, 'REGF-LOCATION', 'block', 'A location contact must not say or suggest that the consumer owes a debt, and this script does.');
  }
  if (action.channel === 'postcard' || action.contentTags.includes('envelope_reveals_debt_collection')) {
    addReason(context, 'REGF-LOCATION', 'block', 'Location information may not be sought by postcard or in an envelope that reveals debt collection.');
  }
  if (!context.historyAvailable) return;
  const earlier = context.history.filter((entry) =>
    entry.direction === 'outbound' && entry.purpose === 'location' && entry.person === action.recipient &&
    (action.thirdPartyId === undefined || entry.thirdPartyId === undefined || entry.thirdPartyId === action.thirdPartyId));
  if (earlier.length > 0 && action.locationRecontactReason === undefined) {
    addReason(context, 'REGF-LOCATION', 'block',
      'This person was already contacted for location information; contact them again only if they asked, or if their earlier answer is believed wrong or incomplete.');
  }
}
