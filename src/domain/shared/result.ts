/** Expected outcomes are values (STYLE.md §6): a snake_case code, a message a person can read, the field at fault. */
export type Failure<Code extends string = string> = { ok: false; code: Code; message: string; field?: string };
export type Success<T> = { ok: true; value: T };
export type Result<T, Code extends string = string> = Success<T> | Failure<Code>;

export const ok = <T>(value: T): Success<T> => ({ ok: true, value });
export const fail = <Code extends string>(code: Code, message: string, field?: string): Failure<Code> =>
  field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };

/** A broken invariant: a bug, not a user error. Crash loudly (STYLE.md §6). */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`invariant violated: ${message}`);
}
