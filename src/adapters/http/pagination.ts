import { z } from 'zod';
import { HttpError } from './http-error.ts';

/** `?limit=&cursor=` on every list; the cursor is opaque to clients (base64url of the last row's sort key). */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('items per page (1-200, default 50)'),
  cursor: z.string().max(500).optional().describe('nextCursor from the previous page'),
});

export const encodeCursor = (key: readonly (string | number)[]): string => Buffer.from(JSON.stringify(key)).toString('base64url');

export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === arity && key.every((part) => typeof part === 'string' || typeof part === 'number')) return key;
  } catch {
    // fall through
  }
  throw new HttpError(400, 'invalid_cursor', 'cursor: not a cursor this API returned', 'cursor');
}

/** Rows fetched with `limit + 1`: the page and the cursor of its last row when there is more. */
export function buildPage<T>(rows: T[], limit: number, keyOf: (row: T) => readonly (string | number)[]): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(keyOf(items[items.length - 1]!)) : null };
}

export const pageSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
