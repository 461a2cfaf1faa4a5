import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io.ts';

/** node:util parseArgs, with its errors turned into usage errors (exit 2). */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
