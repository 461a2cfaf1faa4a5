// Small measuring and printing helpers shared by the benchmarks: durations, medians, memory, a heartbeat.

/** The median of some timings (the mean of the middle two for an even count). */
export function computeMedian(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('the median of no values is undefined');
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs `work` and returns its result with the wall time it took, in milliseconds. */
export async function measure<T>(work: () => Promise<T>): Promise<{ value: T; elapsedMs: number }> {
  const started = performance.now();
  const value = await work();
  return { value, elapsedMs: performance.now() - started };
}

/** "842 ms", "12.35 s", "3 min 05.2 s". */
export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1000) return `${milliseconds.toFixed(0)} ms`;
  if (milliseconds < 60_000) return `${(milliseconds / 1000).toFixed(2)} s`;
  const minutes = Math.floor(milliseconds / 60_000);
  return `${minutes} min ${((milliseconds - minutes * 60_000) / 1000).toFixed(1).padStart(4, '0')} s`;
}

export const formatMegabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** "2.31×": how many times the baseline a figure is. */
export const formatRatio = (ratio: number): string => `${ratio.toFixed(2)}×`;

/** Resident set size of this process now, in bytes. */
export const readRssBytes = (): number => process.memoryUsage.rss();

/** Peak resident set size of this process so far, in bytes (the OS reports kilobytes). */
export const readPeakRssBytes = (): number => process.resourceUsage().maxRSS * 1024;

/**
 * Prints a line every `intervalMs` while a long phase runs, so a slow run can be told from a hung one.
 * A synchronous stretch (the embedded engine runs on this thread) delays the line, it does not lose it.
 * Returns the function that stops it.
 */
export function startHeartbeat(label: string, intervalMs = 30_000): () => void {
  const started = performance.now();
  const timer = setInterval(() => {
    console.log(`      … ${label}: ${formatDuration(performance.now() - started)} so far, RSS ${formatMegabytes(readRssBytes())}`);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Left-aligned text columns, two spaces apart, under a header and a rule. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}
