// REGF-PLACE: 12 CFR 1006.6(b)(1)(ii) (inconvenient places), (b)(3) (the workplace when the employer
// prohibits it), 1006.22(f)(3) (employer-provided email).
// No communication at a place the collector knows or should know is inconvenient; no communication at work
// if the employer prohibits it or the consumer said work is inconvenient ("don't call me at work"); no email
// to an address the collector knows the employer provided, unless the consumer used it to communicate with
// the collector or consented to its use.
import { factPresence } from './compliance-facts.ts';
import { addReason, hasFacts, isContact, type DecisionContext } from './decision-context.ts';
import { isSameAddress } from './medium-opt-outs.ts';

const workplaceWords = new Set(['work', 'workplace', 'employer', 'office']);

export function decideInconvenientPlaces(context: DecisionContext): void {
  const { action, consumer } = context.facts;
  if (!context.regulationFApplies || !isContact(action.channel) || !hasFacts(context, factPresence.workplace)) return;
  const to = action.to;
  const places = consumer.inconvenientPlaces.map((place) => place.trim().toLowerCase());
  const workIsInconvenient = consumer.employerProhibitsContact || places.some((place) => workplaceWords.has(place));

  const toWorkNumber = (action.channel === 'call' || action.channel === 'voicemail' || action.channel === 'sms') &&
    (action.numberUse === 'work' || (to !== undefined && consumer.workNumbers.some((number) => isSameAddress(number, to))));
  const atWorkplace = action.channel === 'in_person' && action.place !== undefined && workplaceWords.has(action.place.trim().toLowerCase());
  if ((toWorkNumber || atWorkplace) && workIsInconvenient) {
    addReason(context, 'REGF-PLACE', 'block',
      consumer.employerProhibitsContact
        ? "The consumer's employer prohibits such communications at work; use a personal number or another medium."
        : 'The consumer said contact at work is inconvenient; use a personal number or another medium.');
  }
  if (action.channel === 'in_person' && action.place !== undefined && places.includes(action.place.trim().toLowerCase()) && !atWorkplace) {
    addReason(context, 'REGF-PLACE', 'block', `The consumer said ${action.place} is an inconvenient place to be contacted.`);
  }
  if (action.channel === 'email' && to !== undefined && consumer.workEmailAddresses.some((address) => isSameAddress(address, to))) {
    const usedOrConsented = consumer.consents.addressesUsedByConsumer.some((address) => isSameAddress(address, to)) ||
      consumer.consents.email.some((consent) => consent.address !== undefined && isSameAddress(consent.address, to) && consent.revokedMs === undefined) ||
      context.history.some((entry) => entry.direction === 'inbound' && entry.channel === 'email' && entry.address !== undefined && isSameAddress(entry.address, to));
    if (!usedOrConsented) {
      addReason(context, 'REGF-PLACE', 'block',
        `The address ${to} was provided by the consumer's employer and the consumer has neither used it with the collector nor agreed to its use; email a personal address instead.`);
    }
  }
}
