import { useMemo } from 'react';
import { newIdempotencyKey } from './api.ts';

/**
 * The Idempotency-Key of a form: the same while the request is the same (a double submit or a retry after a
 * network error is recorded once), a new one when the user changes the request after a refusal.
 */
export function useIdempotencyKey(request: unknown): string {
  const serialized = JSON.stringify(request) ?? '';
  return useMemo(() => newIdempotencyKey(), [serialized]);
}
