import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateExampleBook } from '../../src/app/example-book/generate-example-book.ts';
import { writeExampleCsv, type ExampleCsvSummary } from '../../src/app/example-book/write-example-csv.ts';

export type BenchBookOptions = { directory: string; seed: number; asOf: string; debtors: number; invoicesPerDebtor: number };

export type BenchBookCsv = ExampleCsvSummary & { path: string; bytes: number; generatedMs: number | null };

/**
 * The benchmark's synthetic book as a CSV in the standard layout, generated once per seed, date and size
 * and reused afterwards (the generator is deterministic, so the file is the same). The counts are kept in
 * a sidecar written after the CSV is complete; a CSV without one is generated again.
 */
export async function ensureBenchBookCsv(options: BenchBookOptions): Promise<BenchBookCsv> {
  const { directory, seed, asOf, debtors, invoicesPerDebtor } = options;
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `book-seed${seed}-asof${asOf}-${debtors}x${invoicesPerDebtor}.csv`);
  const countsPath = `${path}.counts.json`;
  if (existsSync(path) && existsSync(countsPath)) {
    const counts = JSON.parse(readFileSync(countsPath, 'utf8')) as ExampleCsvSummary;
    return { ...counts, path, bytes: statSync(path).size, generatedMs: null };
  }
  const started = performance.now();
  const counts = await writeExampleCsv(generateExampleBook({ seed, asOf, debtors, invoicesPerDebtor }), path);
  const generatedMs = performance.now() - started;
  writeFileSync(countsPath, JSON.stringify(counts));
  return { ...counts, path, bytes: statSync(path).size, generatedMs };
}
