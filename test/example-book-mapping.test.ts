import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateExampleBook } from '../src/app/example-book/generate-example-book.ts';
import { importMappingSchema, standardColumns, standardMapping } from '../src/domain/book/import-mapping.ts';

const mappingUrl = new URL('../examples/mappings/recoup-standard.json', import.meta.url);

describe('examples/mappings/recoup-standard.json', () => {
  it('parses as an import mapping and equals standardMapping once parsed', async () => {
    const json = JSON.parse(await readFile(mappingUrl, 'utf8')) as unknown;
    const parsed = importMappingSchema.parse(json);
    expect(parsed).toEqual(importMappingSchema.parse(standardMapping));
    expect(parsed.description).toBeTruthy();
  });

  it('names only columns the example book writes, and every column it writes', async () => {
    const parsed = importMappingSchema.parse(JSON.parse(await readFile(mappingUrl, 'utf8')));
    const mapped = [...Object.values(parsed.columns), parsed.settlement?.dateColumn, parsed.settlement?.amountColumn];
    expect(new Set(mapped)).toEqual(new Set(standardColumns));
    const [row] = generateExampleBook({ seed: 1, asOf: '2026-11-24', debtors: 1 });
    expect(Object.keys(row!)).toEqual([...standardColumns]);
  });
});
