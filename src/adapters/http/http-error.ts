import type { Failure } from '../../domain/shared/result.ts';

/** An expected refusal with its HTTP status; the error handler turns it into `{ error: { code, message, field } }`. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field: string | null = null) {
    super(message);
  }
}

export type ErrorBody = { error: { code: string; message: string; field: string | null } };
export const errorBody = (code: string, message: string, field: string | null = null): ErrorBody => ({ error: { code, message, field } });

// The status of a use case's failure code: what is not there is 404, a reused key or a state clash 409, a
// refusal by policy 422; anything else the client sent is 400.
const statusOfCode: Record<string, number> = {
  debtor_not_found: 404, user_not_found: 404, not_found: 404, plan_not_found: 404, document_not_found: 404,
  idempotency_key_reused: 409, email_taken: 409, already_signed: 409, conflict: 409,
  outside_policy: 422, policy_refused: 422, contact_blocked: 422,
  invalid_credentials: 401, account_locked: 429, verification_locked: 429,
};

/** Turns a use case's Failure into an HttpError with the right status. */
export const httpErrorOf = (failure: Failure, fallbackStatus = 400): HttpError =>
  new HttpError(statusOfCode[failure.code] ?? fallbackStatus, failure.code, failure.message, failure.field ?? null);
