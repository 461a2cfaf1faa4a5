import type { Readable } from 'node:stream';

/** Where a command writes; tests pass their own to capture output without spawning a process. */
export type Io = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: Readable;
  env: Record<string, string | undefined>;
  cwd: string;
};

export const processIo = (): Io => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});

/** A mistake in what the user asked for (bad file, bad value): exit 1, one clear message. */
export class UserError extends Error {
  constructor(message: string, readonly field?: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** A mistake in how the command was called (unknown verb, missing argument): exit 2 and usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** One `recoup <noun>` module: it receives the verb and the remaining arguments. */
export type CommandModule = {
  usage: string;
  run: (verb: string | undefined, args: string[], io: Io) => Promise<number>;
};
