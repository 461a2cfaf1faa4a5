import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standardColumns } from '../../domain/book/import-mapping.ts';
import { generateExampleBook, type ExampleBookRow } from './generate-example-book.ts';
import { writeExampleCsv } from './write-example-csv.ts';

const asOf = '2026-11-24';

describe('writeExampleCsv', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'recoup-example-csv-'));
  });
  afterAll(async () => rm(directory, { recursive: true, force: true }));

  it('writes the standard header and rows that parse back to exactly what was generated', async () => {
    const path = join(directory, 'book.csv');
    const summary = await writeExampleCsv(generateExampleBook({ seed: 5, asOf, debtors: 400 }), path);
    const expected = [...generateExampleBook({ seed: 5, asOf, debtors: 400 })];
    expect(summary).toEqual({ debtorCount: 400, invoiceCount: expected.length });

    const text = await readFile(path, 'utf8');
    expect(text.split('\n', 1)[0]).toBe(standardColumns.join(','));
    // Partnerships' names hold commas: the writer must quote them.
    expect(text).toMatch(/,"[^"]+, [^"]+ & (Associates|Partners) LLP",/);
    const parsed = parse(text, { columns: true }) as ExampleBookRow[];
    expect(parsed).toEqual(expected);
    expect(await readdir(directory)).toEqual(['book.csv']);
  });

  it('writes to a stream, with the summary of debtors and invoices', async () => {
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on('data', (chunk: Buffer) => chunks.push(chunk));
    const summary = await writeExampleCsv(generateExampleBook({ seed: 6, asOf, debtors: 25 }), sink);
    const lines = Buffer.concat(chunks).toString('utf8').trimEnd().split('\n');
    expect(summary.debtorCount).toBe(25);
    expect(lines.length).toBe(summary.invoiceCount + 1);
  });

  it('pulls rows only as fast as the destination drains (backpressure)', async () => {
    let pulled = 0;
    let written = 0;
    let largestLead = 0;
    const rows = generateExampleBook({ seed: 7, asOf, debtors: 4_000 });
    function* watched(): Generator<ExampleBookRow> {
      for (const row of rows) {
        pulled++;
        largestLead = Math.max(largestLead, pulled - written);
        yield row;
      }
    }
    // A slow disk: each chunk is acknowledged on a later turn of the event loop.
    const slow = new Writable({
      highWaterMark: 1_024,
      write(chunk: Buffer, _encoding, callback) {
        for (const byte of chunk) if (byte === 0x0a) written++;
        setImmediate(callback);
      },
    });
    const summary = await writeExampleCsv(watched(), slow);
    expect(summary.invoiceCount).toBeGreaterThan(15_000);
    // Unbounded buffering would let the source run thousands of rows ahead; streams keep it to a few hundred.
    expect(largestLead).toBeLessThan(1_000);
  });

  it('leaves no file behind, truncated or partial, when the rows fail midway', async () => {
    const path = join(directory, 'broken.csv');
    function* failing(): Generator<ExampleBookRow> {
      let count = 0;
      for (const row of generateExampleBook({ seed: 8, asOf, debtors: 200 })) {
        if (++count === 300) throw new Error('source failed');
        yield row;
      }
    }
    await expect(writeExampleCsv(failing(), path)).rejects.toThrow('source failed');
    expect((await readdir(directory)).filter((name) => name.startsWith('broken'))).toEqual([]);
  });

  it('fails with the file system error when the destination directory does not exist', async () => {
    const rows = generateExampleBook({ seed: 1, asOf, debtors: 3 });
    await expect(writeExampleCsv(rows, join(directory, 'missing', 'book.csv'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
