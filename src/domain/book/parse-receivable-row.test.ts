import { describe, expect, it } from 'vitest';
import { parseDate, parseReceivableRow } from './parse-receivable-row.ts';
import { importMappingSchema, standardMapping } from './import-mapping.ts';

describe('parseDate', () => {
  it('reads the formats a mapping names, strictly', () => {
    expect(parseDate('1/2/2013', ['M/d/yyyy'])).toBe('2013-01-02');
    expect(parseDate('12/31/2013', ['M/d/yyyy'])).toBe('2013-12-31');
    expect(parseDate('31.12.2013', ['dd.MM.yyyy'])).toBe('2013-12-31');
    expect(parseDate('2024-02-29', ['yyyy-MM-dd'])).toBe('2024-02-29');
    expect(parseDate('Jan 5, 2024', ['MMM d, yyyy'])).toBe('2024-01-05');
  });

  it('refuses dates that do not exist, and other formats', () => {
    expect(parseDate('2023-02-29', ['yyyy-MM-dd'])).toBeNull();
    expect(parseDate('2/30/2013', ['M/d/yyyy'])).toBeNull();
    expect(parseDate('13/1/2013', ['M/d/yyyy'])).toBeNull();
    expect(parseDate('1/2/13', ['M/d/yyyy'])).toBeNull();
    expect(parseDate('yesterday', ['M/d/yyyy'])).toBeNull();
  });

  it('falls back to ISO dates, which spreadsheet readers produce', () => {
    expect(parseDate('2013-01-02', ['M/d/yyyy'])).toBe('2013-01-02');
  });
});

describe('parseReceivableRow', () => {
  const mapping = importMappingSchema.parse(standardMapping);
  const base = { debtor_ref: 'C1', invoice_number: 'I1', issue_date: '2026-01-01', due_date: '2026-01-31', amount: '100.00', currency: 'usd' };

  it('reports every problem of a row, each with its column', () => {
    const result = parseReceivableRow({ ...base, issue_date: '2026-13-01', amount: 'abc', currency: 'ZZZ', debtor_ref: '' }, mapping, 7);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.lineNumber, p.column, p.code])).toEqual([
      [7, 'debtor_ref', 'missing_field'],
      [7, 'issue_date', 'invalid_date'],
      [7, 'currency', 'unknown_currency'],
    ]);
  });

  it('a settled date without an amount column means paid in full; a paid amount is a partial payment', () => {
    const full = parseReceivableRow({ ...base, paid_date: '2026-02-03' }, { ...mapping, settlement: { dateColumn: 'paid_date' } }, 2);
    expect(full.ok && [full.row.paidDate, full.row.paidMinor]).toEqual(['2026-02-03', 10000n]);
    const partial = parseReceivableRow({ ...base, paid_date: '2026-02-03', paid_amount: '40.50' }, mapping, 2);
    expect(partial.ok && [partial.row.currency, partial.row.paidMinor]).toEqual(['USD', 4050n]);
    const orphan = parseReceivableRow({ ...base, paid_amount: '40.50' }, mapping, 2);
    expect(!orphan.ok && orphan.problems[0]).toMatchObject({ column: 'paid_date', code: 'missing_field' });
  });
});
