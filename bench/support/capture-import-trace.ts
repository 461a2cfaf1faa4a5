// importReceivables prints its per-step timings to stderr when RECOUP_IMPORT_TRACE is set, one write per
// step ("import: <step> <n> ms"). The benchmark turns the trace on for the import it times, keeps the steps
// for its report and prints each as it comes, which doubles as a sign of life on a long import.

export type ImportTraceStep = { step: string; elapsedMs: number };

const traceLine = /^import: (.+) (\d+) ms\n?$/;

/** Runs `work` with the import trace on, returning what it returned and the traced steps in order. */
export async function captureImportTrace<T>(
  work: () => Promise<T>,
  onStep: (step: ImportTraceStep) => void,
): Promise<{ value: T; steps: ImportTraceStep[] }> {
  const steps: ImportTraceStep[] = [];
  const previousSetting = process.env.RECOUP_IMPORT_TRACE;
  const originalWrite = process.stderr.write;
  process.env.RECOUP_IMPORT_TRACE = '1';
  process.stderr.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    const match = typeof chunk === 'string' ? traceLine.exec(chunk) : null;
    if (match === null) return (originalWrite as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    const step = { step: match[1]!, elapsedMs: Number(match[2]) };
    steps.push(step);
    onStep(step);
    return true;
  } as typeof process.stderr.write;
  try {
    return { value: await work(), steps };
  } finally {
    process.stderr.write = originalWrite;
    if (previousSetting === undefined) delete process.env.RECOUP_IMPORT_TRACE;
    else process.env.RECOUP_IMPORT_TRACE = previousSetting;
  }
}
