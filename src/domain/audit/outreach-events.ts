// Audit events of outreach (issue #4). Every event about a debtor carries `debtorId` (and the account ids it
// concerns) in its payload, so the debtor's timeline shows every decision, attempt and outcome.

export type OutreachAuditEventInput =
  /** A daily cycle finished: what it evaluated, queued, delayed and blocked (by reason), interest and fees posted. */
  | { type: 'outreach.cycle_completed'; subjectType: 'tenant'; subjectId: string; payload: { businessDate: string; accountsEvaluated: number; contactsQueued: number; contactsDelayed: number; contactsBlocked: number; blockedByReason: Record<string, number>; enrolled: number; exited: number; chargesPosted: number } }
  /** The gate (or the lack of a usable channel) stopped an intended contact, at queue or at send time. */
  | { type: 'outreach.contact_blocked'; subjectType: 'debtor'; subjectId: string; payload: { debtorId: string; accountIds: string[]; stage: 'queue' | 'send'; channel: string; template: string; decision: string; reasonIds: string[]; explanation: string; outboxId: string | null; stepId: string | null } }
  /** The gate said "not yet" at send time: the message waits until the instant it names. */
  | { type: 'outreach.contact_rescheduled'; subjectType: 'debtor'; subjectId: string; payload: { debtorId: string; accountIds: string[]; outboxId: string; channel: string; notBefore: string; reasonIds: string[] } }
  /** A message left Recoup (the provider accepted it), or a call task was put in the queue. */
  | { type: 'outreach.contact_sent'; subjectType: 'debtor'; subjectId: string; payload: { debtorId: string; accountIds: string[]; outboxId: string; attemptId: string; channel: string; template: string; to: string | null; messageId: string; providerId: string | null; disclosures: string[]; reconciled: boolean } }
  /** A try failed before the provider accepted it (the outbox retries or gives up). */
  | { type: 'outreach.contact_failed'; subjectType: 'debtor'; subjectId: string; payload: { debtorId: string; accountIds: string[]; outboxId: string; attemptId: string; channel: string; error: string; willRetry: boolean } }
  /** A provider reported on an attempt afterwards: delivered, bounced, failed, returned. */
  | { type: 'outreach.delivery_reported'; subjectType: 'debtor'; subjectId: string; payload: { debtorId: string; accountIds: string[]; attemptId: string; channel: string; kind: string; detail: string | null } }
  /** Feedback made a contact point unusable for outreach (bounce, failed SMS, returned letter). */
  | { type: 'outreach.contact_point_unusable'; subjectType: 'debtor'; subjectId: string; payload: { debtorId: string; contactPointId: string; reason: string; attemptId: string | null } }
  /** A person queued a contact by hand (CLI or API); the dispatcher asks the gate again when sending. */
  | { type: 'outreach.contact_queued'; subjectType: 'debtor'; subjectId: string; payload: { debtorId: string; accountIds: string[]; outboxId: string; channel: string; template: string; notBefore: string } }
  /** A specialist recorded the outcome of a call task; the call is a contact attempt. */
  | { type: 'outreach.call_completed'; subjectType: 'debtor'; subjectId: string; payload: { debtorId: string; accountIds: string[]; taskId: string; attemptId: string; outcome: string } }
  /** A strategy version was loaded from its file. */
  | { type: 'outreach.strategy_loaded'; subjectType: 'tenant'; subjectId: string; payload: { strategyId: string; version: number; sha256: string } };
