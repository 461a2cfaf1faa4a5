// The one way the browser talks to the HTTP API: JSON in and out, the CSRF header on every mutation made
// with a session cookie, an Idempotency-Key where the request moves money or sends a message, and errors
// as ApiError carrying the server's { code, message, field }.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }

  /** The server has no such route yet (as opposed to "no such record"). */
  get endpointMissing(): boolean {
    return this.status === 404 && (this.code === 'route_not_found' || this.code === 'endpoint_not_found' || /^Route \w+:\S+ not found|no such endpoint/i.test(this.message));
  }
}

export type ApiClient = {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown, options?: { idempotencyKey?: string }): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  setCsrfToken(token: string | null): void;
};

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

export function createApiClient(onUnauthorized: () => void): ApiClient {
  let csrfToken: string | null = null;

  async function request<T>(method: string, path: string, body: unknown, idempotencyKey?: string): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken;
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
    const response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = null;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
    }
    if (!response.ok) {
      const error = (parsed as { error?: { code?: string; message?: string; field?: string | null } } | null)?.error;
      const apiError = new ApiError(
        response.status,
        error?.code ?? `http_${response.status}`,
        error?.message ?? (typeof (parsed as { message?: unknown })?.message === 'string' ? (parsed as { message: string }).message : response.statusText),
        error?.field ?? null,
      );
      if (response.status === 401) onUnauthorized();
      throw apiError;
    }
    return parsed as T;
  }

  return {
    get: (path) => request('GET', path, undefined),
    post: (path, body, options) => request('POST', path, body ?? {}, options?.idempotencyKey),
    put: (path, body) => request('PUT', path, body ?? {}),
    setCsrfToken: (token) => {
      csrfToken = token;
    },
  };
}

/** A readable sentence for an error: the field (when the server names one) and the problem. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.endpointMissing) return 'Not available yet: the server does not offer this yet.';
    return error.field ? `${error.field}: ${error.message}` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
