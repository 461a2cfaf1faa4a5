// REGF-DECEASED: 12 CFR 1006.6(a)(1), (a)(4) and comments 6(a)(1)-1, 6(a)(4)-1; 1006.34(a)(2); comment 38-3;
// 1006.18 (no false representation of liability); FTC Policy Statement on Decedents' Debts (2011).
// After death, communicate about the debt only with persons who count as the "consumer": the surviving
// spouse, the parent of a deceased minor, the executor, administrator or personal representative (anyone
// with authority to act for the estate), and the estate's attorney. Never imply that family members are
// personally liable. Outreach to the decedent's own channels stops. Probate claim deadlines make the legal
// path state-specific: review. A hard stop (0.3 step 1).
import { factPresence, type PersonRole } from './compliance-facts.ts';
import {
  addReason, addRequirement, hasFacts, isContact, legalActionChannels, type DecisionContext,
} from './decision-context.ts';

const survivorRoles: ReadonlySet<PersonRole> = new Set(['spouse', 'parent_of_minor', 'guardian', 'successor_in_interest']);

export function decideDeceasedConsumer(context: DecisionContext): void {
  if (!hasFacts(context, factPresence.flags)) return;
  const deceased = context.facts.consumer.flags.deceased;
  if (deceased === undefined) return;
  const { action } = context.facts;
  const died = deceased.dateOfDeath === undefined ? '' : ` on ${deceased.dateOfDeath}`;
  if (legalActionChannels.has(action.channel)) {
    addReason(context, 'REGF-DECEASED', 'review',
      `The consumer died${died}; claims against an estate follow state probate deadlines, so legal action needs counsel's review.`);
    return;
  }
  if (!isContact(action.channel)) return;
  const recipient = action.recipient;
  if (recipient === 'consumer' || recipient === 'codebtor') {
    addReason(context, 'REGF-DECEASED', 'block',
      `The consumer died${died}; stop outreach to the decedent's own channels and communicate only with a verified personal representative, surviving spouse or the estate's attorney.`);
    return;
  }
  if (recipient === 'third_party') {
    // 1006.10: a third party may be asked only for location information, here to find the representative.
    if (action.purpose === 'location') return;
    addReason(context, 'REGF-DECEASED', 'block',
      `The consumer died${died}; a relative or other person without authority over the estate is a third party and may not be told about the debt.`);
    return;
  }
  if (recipient === 'personal_rep') {
    if (deceased.personalRepresentative?.verified !== true) {
      addReason(context, 'REGF-DECEASED', 'review',
        `The consumer died${died} and no personal representative is verified; confirm the person's authority over the estate before discussing the debt.`);
      return;
    }
  } else if (survivorRoles.has(recipient) && action.recipientIdentityVerified !== true) {
    addReason(context, 'REGF-DECEASED', 'review',
      `The consumer died${died}; confirm that the recipient really is the decedent's ${recipient.replaceAll('_', ' ')} before discussing the debt.`);
    return;
  }
  if (recipient === 'attorney' || recipient === 'personal_rep' || survivorRoles.has(recipient)) {
    if (action.template === 'optout_confirmation' || action.purpose === 'non_collection') return;
    addRequirement(context, 'REGF-DECEASED', 'NO_PERSONAL_LIABILITY_IMPLIED',
      'The message must not state or imply that the recipient is personally liable for the decedent\'s debt (1006.18, FTC decedent-debt policy).');
  }
}
