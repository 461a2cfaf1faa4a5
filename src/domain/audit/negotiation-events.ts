/**
 * Negotiation and money-in audit events (issue #5), joined to `AuditEventInput`. Every event about a
 * debtor's affairs carries `debtorId` (and `accountId`) in its payload, so it shows in the debtor's timeline.
 * Amounts are strings of minor units.
 */
export type NegotiationAuditEventInput =
  /** A specialist recorded a debtor's promise to pay. */
  | { type: 'promise.recorded'; subjectType: 'promise'; subjectId: string; payload: { debtorId: string; accountId: string; amountMinor: string; currency: string; madeOn: string; promisedOn: string; graceDays: number; channel: string; takenBy: string } }
  /** The promise was paid in full within its grace. */
  | { type: 'promise.kept'; subjectType: 'promise'; subjectId: string; payload: { debtorId: string; accountId: string; paidMinor: string; resolvedOn: string } }
  /**
   * The promise was not kept: nothing paid (`outcome` broken) or only a part (`partially_kept`) by the end of
   * its grace, or a payment that kept it came back (`cause` returned_payment). The outreach daily cycle
   * resumes or escalates the account's strategy on this event (see evaluatePromises).
   */
  | { type: 'promise.broken'; subjectType: 'promise'; subjectId: string; payload: { debtorId: string; accountId: string; outcome: 'broken' | 'partially_kept'; cause: 'not_paid' | 'returned_payment'; amountMinor: string; paidMinor: string; resolvedOn: string } }
  /** A promise was cancelled by a specialist. */
  | { type: 'promise.cancelled'; subjectType: 'promise'; subjectId: string; payload: { debtorId: string; accountId: string; reason: string } }
  /** A payment plan was proposed within policy (status proposed). */
  | { type: 'plan.proposed'; subjectType: 'payment_plan'; subjectId: string; payload: { debtorId: string; accountId: string; principalMinor: string; downPaymentMinor: string; currency: string; installments: number; frequency: string; startDate: string; interestMethod: string; aprPercent: string; role: string; settlementId: string | null } }
  /** The debtor accepted the plan: it is active from `acceptedOn`. */
  | { type: 'plan.activated'; subjectType: 'payment_plan'; subjectId: string; payload: { debtorId: string; accountId: string; acceptedOn: string } }
  /** An installment was missed (past its grace, or its payment returned). */
  | { type: 'plan.installment_missed'; subjectType: 'payment_plan'; subjectId: string; payload: { debtorId: string; accountId: string; number: number; dueDate: string; amountMinor: string; paidMinor: string } }
  /** The plan broke after N missed installments. */
  | { type: 'plan.broken'; subjectType: 'payment_plan'; subjectId: string; payload: { debtorId: string; accountId: string; brokenOn: string; missedInstallments: number } }
  /** The plan was paid in full. */
  | { type: 'plan.completed'; subjectType: 'payment_plan'; subjectId: string; payload: { debtorId: string; accountId: string; completedOn: string; paidMinor: string } }
  /** A plan installment was put in a NACHA debit file (and its payment posted as of the effective date). */
  | { type: 'plan.installment_debited'; subjectType: 'payment_plan'; subjectId: string; payload: { debtorId: string; accountId: string; number: number; amountMinor: string; traceNumber: string; batchId: string; paymentId: string } }
  /** A settlement was proposed; `status` says whether it needs a supervisor's approval. */
  | { type: 'settlement.proposed'; subjectType: 'settlement'; subjectId: string; payload: { debtorId: string; accountId: string; balanceMinor: string; settlementMinor: string; currency: string; discountPercent: string; form: string; dueDate: string; status: string; role: string; authorityPercent: string; planId: string | null } }
  /** A supervisor approved (or rejected) a settlement above the proposer's authority. */
  | { type: 'settlement.approved'; subjectType: 'settlement'; subjectId: string; payload: { debtorId: string; accountId: string; approvedBy: string } }
  | { type: 'settlement.rejected'; subjectType: 'settlement'; subjectId: string; payload: { debtorId: string; accountId: string; rejectedBy: string; reason: string } }
  /** The settlement amount was paid: the rest of the balance was written off (the ledger entries listed). */
  | { type: 'settlement.completed'; subjectType: 'settlement'; subjectId: string; payload: { debtorId: string; accountId: string; completedOn: string; writtenOffMinor: string; entries: string[] } }
  /** The settlement amount was not paid by its due date and grace: the full balance is owed again. */
  | { type: 'settlement.broken'; subjectType: 'settlement'; subjectId: string; payload: { debtorId: string; accountId: string; brokenOn: string; paidMinor: string } }
  /** A creditor's negotiation policy layer was set. */
  | { type: 'negotiation_policy.set'; subjectType: 'tenant'; subjectId: string; payload: { creditorId: string; role: string; fields: Record<string, string | number | string[] | null> } }
  /** A bank file was imported: what was read, matched, queued, returned. */
  | { type: 'bank_file.imported'; subjectType: 'bank_import'; subjectId: string; payload: { format: string; fileName: string; fileSha256: string; lines: number; matched: number; suggested: number; unmatched: number; returned: number; ignored: number; alreadyImported: number; paymentsPosted: number } }
  /** A bank credit was matched to invoices and posted as a payment. */
  | { type: 'bank_line.matched'; subjectType: 'bank_line'; subjectId: string; payload: { debtorId: string; accountId: string | null; importId: string; amountMinor: string; currency: string; strategy: string; confidence: string; allocations: Array<{ invoiceId: string; amountMinor: string }>; paymentIds: string[] } }
  /** A NACHA debit file was generated for the installments due on `effectiveDate`. */
  | { type: 'nacha_debits.generated'; subjectType: 'nacha_debit_batch'; subjectId: string; payload: { effectiveDate: string; entries: number; totalDebitMinor: string; entryHash: string; fileSha256: string } };
