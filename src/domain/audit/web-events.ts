/**
 * The web app's audit events (issue #6), joined to `AuditEventInput`. The actor column names the user
 * (`user:usr_…`) or the debtor in the portal (`debtor:dbt_…`); every event about a debtor carries `debtorId`.
 */
export type WebAuditEventInput =
  /** A user was created (CLI or admin). */
  | { type: 'user.created'; subjectType: 'user'; subjectId: string; payload: { email: string; name: string; role: string } }
  /** A user signed in, or failed to (the count and whether it locked the account). */
  | { type: 'user.login_succeeded'; subjectType: 'user'; subjectId: string; payload: { ip: string | null } }
  | { type: 'user.login_failed'; subjectType: 'user'; subjectId: string; payload: { ip: string | null; failedLogins: number; lockedUntil: string | null } }
  /** An API token was issued for a user (its hash is stored, never the token). */
  | { type: 'api_token.created'; subjectType: 'api_token'; subjectId: string; payload: { userId: string; name: string } }
  /** A specialist wrote a note on a debtor. */
  | { type: 'note.added'; subjectType: 'debtor'; subjectId: string; payload: { debtorId: string; noteId: string; text: string } }
  /** The outcome of a call was logged (the contact attempt has the details). */
  | { type: 'call.logged'; subjectType: 'debtor'; subjectId: string; payload: { debtorId: string; attemptId: string; contactPointId: string | null; outcome: string; note: string | null } }
  /** A callback was scheduled. */
  | { type: 'callback.scheduled'; subjectType: 'debtor'; subjectId: string; payload: { debtorId: string; callbackId: string; dueAt: string; assignedTo: string } }
  /** A debtor was escalated to a supervisor, an agency or legal. */
  | { type: 'debtor.escalated'; subjectType: 'debtor'; subjectId: string; payload: { debtorId: string; escalationId: string; to: string; reason: string } }
  /** Debtors were assigned to a specialist (one event per debtor). */
  | { type: 'debtor.assigned'; subjectType: 'debtor'; subjectId: string; payload: { debtorId: string; userId: string; previousUserId: string | null } }
  /** A one-time portal link was issued for a debtor. */
  | { type: 'portal.link_issued'; subjectType: 'debtor'; subjectId: string; payload: { debtorId: string; expiresAt: string } }
  /** The debtor proved who they are at the portal. */
  | { type: 'portal.verified'; subjectType: 'debtor'; subjectId: string; payload: { debtorId: string; method: 'link' | 'reference'; ip: string | null } }
  /** A plan agreement was proposed at the portal, within policy. */
  | { type: 'agreement.proposed'; subjectType: 'agreement'; subjectId: string; payload: { debtorId: string; documentSha256: string; totalMinor: string; currency: string; installments: number } }
  /** The debtor signed an agreement electronically. */
  | { type: 'agreement.signed'; subjectType: 'agreement'; subjectId: string; payload: { debtorId: string; signatureId: string; signerName: string; ip: string; userAgent: string; documentSha256: string } }
  /** The debtor disputed the debt in writing at the portal (collection pauses through the gate). */
  | { type: 'dispute.received'; subjectType: 'debtor'; subjectId: string; payload: { debtorId: string; disputeId: string; written: true; medium: string } }
  /** The debtor changed contact preferences or opted out of (or back into) a channel. */
  | { type: 'contact_preferences.changed'; subjectType: 'debtor'; subjectId: string; payload: { debtorId: string; optedOut: string[]; optedIn: string[]; preferredTimes: string[] } };
