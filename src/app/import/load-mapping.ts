import { readFileSync } from 'node:fs';
import { importMappingSchema, standardMapping, type ImportMapping } from '../../domain/book/import-mapping.ts';
import { ImportError } from './import-receivables.ts';

/** Reads and validates a mapping file; errors name the field, e.g. `columns.dueDate: expected string`. */
export function loadMapping(path: string | undefined): ImportMapping {
  if (path === undefined) return importMappingSchema.parse(standardMapping);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ImportError(`cannot read the mapping ${path}: ${(error as Error).message}`, '--mapping');
  }
  const parsed = importMappingSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || '(root)';
    throw new ImportError(`mapping ${path}: ${field}: ${issue.message}`, field);
  }
  return parsed.data;
}
