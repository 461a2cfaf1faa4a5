import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildNachaDebitFile, type NachaDebitBatchInput, type NachaDebitEntryInput, type NachaDebitFileInput } from './build-nacha-debit-file.ts';
import { computeRoutingCheckDigit } from './compute-routing-check-digit.ts';
import type { NachaFile } from './nacha-file.ts';
import { parseNachaFile } from './parse-nacha-file.ts';

const entry = (overrides: Partial<NachaDebitEntryInput> = {}): NachaDebitEntryInput => ({
  rdfiRoutingNumber: '231380104', accountNumber: '12345678', amountMinor: 12_550n, individualId: 'acct_1', individualName: 'Jane Roe', transactionCode: '27', ...overrides,
});

const batch = (overrides: Partial<NachaDebitBatchInput> = {}): NachaDebitBatchInput => ({
  secCode: 'PPD', companyName: 'RECOUP COLLECT', companyId: '1234567890', entryDescription: 'PAYMENT', effectiveEntryDate: '2026-11-25',
  originatingDfi: '12104288', entries: [entry()], ...overrides,
});

const fileInput = (overrides: Partial<NachaDebitFileInput> = {}): NachaDebitFileInput => ({
  immediateDestination: '231380104', immediateOrigin: '121042882', immediateDestinationName: 'Federal Reserve Bank', immediateOriginName: 'Recoup Collections',
  fileCreationDate: '2026-11-24', fileCreationTime: '14:05', batches: [batch()], ...overrides,
});

function built(input: NachaDebitFileInput) {
  const result = buildNachaDebitFile(input);
  if (!result.ok) throw new Error(`${result.field}: ${result.message}`);
  return result.value;
}

function parsedBack(text: string): NachaFile {
  const result = parseNachaFile(text);
  if (!result.ok) throw new Error(`line ${result.lineNumber} ${result.field}: ${result.message}`);
  return result.value;
}

const refusal = (input: NachaDebitFileInput) => {
  const result = buildNachaDebitFile(input);
  return result.ok ? null : { code: result.code, field: result.field };
};

describe('buildNachaDebitFile', () => {
  it('writes each record in its NACHA layout', () => {
    const lines = built(fileInput({ batches: [batch({ entries: [entry({ individualName: 'José Müller-Łukasiewicz Longname' })] })] })).text.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '101 231380104 1210428822611241405A094101Federal Reserve Bank   Recoup Collections             ',
      '5225RECOUP COLLECT                      1234567890PPDPAYMENT         261125   1121042880000001',
      '62723138010412345678         0000012550acct_1         Jose Muller-Lukasiewic  0121042880000001',
      '822500000100231380100000000125500000000000001234567890                         121042880000001',
      '9000001000001000000010023138010000000012550000000000000                                       ',
    ]);
  });

  it('fills the last block of ten with 9-filler lines and ends every line, LF by default or CRLF', () => {
    const text = built(fileInput()).text;
    const lines = text.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1)).toHaveLength(10);
    expect(lines.slice(5, 10).every((line) => line === '9'.repeat(94))).toBe(true);
    const crlf = built(fileInput({ lineEnding: '\r\n' })).text;
    expect(crlf).toBe(text.replaceAll('\n', '\r\n'));
  });

  it('puts the WEB Payment Type Code in the Discretionary Data field', () => {
    const file = built(fileInput({ batches: [batch({ secCode: 'WEB', entries: [entry({ paymentTypeCode: 'R', transactionCode: '37' })] })] }));
    expect(file.text.split('\n')[2]?.slice(76, 79)).toBe('R 0');
    const parsed = parsedBack(file.text).batches[0]?.entries[0];
    expect(parsed && 'discretionaryData' in parsed ? parsed.discretionaryData : null).toBe('R');
  });

  it('numbers trace numbers after the ODFI with a sequence that runs across batches and starts where asked', () => {
    const file = built(fileInput({
      firstTraceSequence: 41,
      batches: [batch({ entries: [entry(), entry()] }), batch({ originatingDfi: '23138010', entries: [entry()] })],
    }));
    expect(file.batches.map((each) => each.traceNumbers)).toEqual([['121042880000041', '121042880000042'], ['231380100000043']]);
  });

  it('keeps trace numbers the caller assigned when they are unique, ascending and from the ODFI', () => {
    const file = built(fileInput({ batches: [batch({ entries: [entry({ traceNumber: '121042880000900' }), entry({ traceNumber: '121042880000901' })] })] }));
    expect(file.batches[0]?.traceNumbers).toEqual(['121042880000900', '121042880000901']);
    expect(refusal(fileInput({ batches: [batch({ entries: [entry({ traceNumber: '121042880000901' }), entry({ traceNumber: '121042880000900' })] })] })))
      .toEqual({ code: 'invalid_trace_number', field: 'batches[0].entries[1].traceNumber' });
    expect(refusal(fileInput({ batches: [batch({ entries: [entry({ traceNumber: '999999990000001' })] })] })))
      .toEqual({ code: 'invalid_trace_number', field: 'batches[0].entries[0].traceNumber' });
    // The generated sequence counts every entry: the second batch's entry gets sequence 2, which is taken.
    expect(refusal(fileInput({ batches: [batch({ entries: [entry({ traceNumber: '121042880000002' })] }), batch()] })))
      .toEqual({ code: 'invalid_trace_number', field: 'batches[1].entries[0].traceNumber' });
  });

  it('refuses routing numbers that are not 9 digits or fail the check digit, naming the field', () => {
    expect(refusal(fileInput({ batches: [batch({ entries: [entry(), entry({ rdfiRoutingNumber: '231380105' })] })] })))
      .toEqual({ code: 'invalid_check_digit', field: 'batches[0].entries[1].rdfiRoutingNumber' });
    expect(refusal(fileInput({ batches: [batch({ entries: [entry({ rdfiRoutingNumber: '23138010' })] })] })))
      .toEqual({ code: 'invalid_routing_number', field: 'batches[0].entries[0].rdfiRoutingNumber' });
    expect(refusal(fileInput({ immediateDestination: '231380105' }))).toEqual({ code: 'invalid_check_digit', field: 'immediateDestination' });
    expect(refusal(fileInput({ batches: [batch({ originatingDfi: '1210428' })] }))).toEqual({ code: 'invalid_value', field: 'batches[0].originatingDfi' });
  });

  it('accepts amounts from one cent to $99,999,999.99 and refuses the rest', () => {
    const amountRefusal = (amountMinor: bigint) => refusal(fileInput({ batches: [batch({ entries: [entry({ amountMinor })] })] }));
    expect(amountRefusal(1n)).toBeNull();
    expect(amountRefusal(9_999_999_999n)).toBeNull();
    for (const amountMinor of [0n, -1n, 10_000_000_000n]) {
      expect(amountRefusal(amountMinor)).toEqual({ code: 'invalid_amount', field: 'batches[0].entries[0].amountMinor' });
    }
  });

  it('truncates debtor names to 22 characters and spells accented letters without accents', () => {
    const file = built(fileInput({ batches: [batch({ entries: [entry({ individualName: 'Ærøskøbing Straße Ågård-Ødegaard' })] })] }));
    const parsed = parsedBack(file.text).batches[0]?.entries[0];
    expect(parsed && 'individualName' in parsed ? parsed.individualName : null).toBe('AEroskobing Strasse Ag');
  });

  it('refuses names in scripts it cannot spell in ASCII, and blank names', () => {
    expect(refusal(fileInput({ batches: [batch({ entries: [entry({ individualName: '王小明' })] })] })))
      .toEqual({ code: 'unsupported_character', field: 'batches[0].entries[0].individualName' });
    expect(refusal(fileInput({ batches: [batch({ entries: [entry({ individualName: '  ' })] })] })))
      .toEqual({ code: 'missing_value', field: 'batches[0].entries[0].individualName' });
  });

  it('refuses, rather than cuts, identifiers and texts longer than their field', () => {
    const cases: Array<[NachaDebitFileInput, string]> = [
      [fileInput({ batches: [batch({ entries: [entry({ accountNumber: '123456789012345678' })] })] }), 'batches[0].entries[0].accountNumber'],
      [fileInput({ batches: [batch({ entries: [entry({ individualId: 'ID-0123456789ABC' })] })] }), 'batches[0].entries[0].individualId'],
      [fileInput({ batches: [batch({ companyName: 'RECOUP COLLECTIONS' })] }), 'batches[0].companyName'],
      [fileInput({ batches: [batch({ companyId: '12345678901' })] }), 'batches[0].companyId'],
      [fileInput({ batches: [batch({ entryDescription: 'INSTALLMENT' })] }), 'batches[0].entryDescription'],
      [fileInput({ immediateOriginName: 'Recoup Collections Agency Inc' }), 'immediateOriginName'],
    ];
    for (const [input, field] of cases) expect(refusal(input), field).toEqual({ code: 'value_too_long', field });
    expect(refusal(fileInput({ batches: [batch({ entries: [entry({ accountNumber: '1234\u00e9' })] })] })))
      .toEqual({ code: 'unsupported_character', field: 'batches[0].entries[0].accountNumber' });
  });

  it('requires a payment type code in WEB entries and refuses one in PPD entries', () => {
    expect(refusal(fileInput({ batches: [batch({ secCode: 'WEB' })] }))).toEqual({ code: 'missing_value', field: 'batches[0].entries[0].paymentTypeCode' });
    expect(refusal(fileInput({ batches: [batch({ entries: [entry({ paymentTypeCode: 'S' })] })] }))).toEqual({ code: 'invalid_value', field: 'batches[0].entries[0].paymentTypeCode' });
  });

  it('refuses credits and other transaction codes: it writes debits only', () => {
    const credit = entry({ transactionCode: '22' as unknown as '27' });
    expect(refusal(fileInput({ batches: [batch({ entries: [credit] })] }))).toEqual({ code: 'invalid_value', field: 'batches[0].entries[0].transactionCode' });
  });

  it('refuses dates and times that do not exist', () => {
    expect(refusal(fileInput({ fileCreationDate: '2026-02-29' }))).toEqual({ code: 'invalid_date', field: 'fileCreationDate' });
    expect(refusal(fileInput({ fileCreationDate: '1999-12-31' }))).toEqual({ code: 'invalid_date', field: 'fileCreationDate' });
    expect(refusal(fileInput({ batches: [batch({ effectiveEntryDate: '2026-11-31' })] }))).toEqual({ code: 'invalid_date', field: 'batches[0].effectiveEntryDate' });
    expect(refusal(fileInput({ fileCreationTime: '24:00' }))).toEqual({ code: 'invalid_time', field: 'fileCreationTime' });
    expect(refusal(fileInput({ fileIdModifier: 'a' }))).toEqual({ code: 'invalid_value', field: 'fileIdModifier' });
  });

  it('refuses a file without batches and a batch without entries', () => {
    expect(refusal(fileInput({ batches: [] }))).toEqual({ code: 'missing_value', field: 'batches' });
    expect(refusal(fileInput({ batches: [batch({ entries: [] })] }))).toEqual({ code: 'missing_value', field: 'batches[0].entries' });
  });

  it('refuses a batch whose debits exceed the 12 digits of its control total', () => {
    const entries = Array.from({ length: 101 }, () => entry({ amountMinor: 9_999_999_999n }));
    expect(refusal(fileInput({ batches: [batch({ entries })] }))).toEqual({ code: 'limit_exceeded', field: 'batches[0].entries' });
  });
});

describe('buildNachaDebitFile and parseNachaFile round trip', () => {
  const routingNumber = fc.stringMatching(/^\d{8}$/).map((prefix) => prefix + (computeRoutingCheckDigit(prefix) ?? ''));
  const entryArbitrary = fc.record({
    rdfiRoutingNumber: routingNumber,
    accountNumber: fc.stringMatching(/^[0-9A-Z-]{1,17}$/),
    amountMinor: fc.bigInt({ min: 1n, max: 9_999_999_999n }),
    individualId: fc.stringMatching(/^[A-Za-z0-9]{0,15}$/),
    individualName: fc.stringMatching(/^[A-Za-z][A-Za-z .'-]{0,30}$/),
    transactionCode: fc.constantFrom('27' as const, '37' as const),
    paymentTypeCode: fc.constantFrom('R' as const, 'S' as const),
  });
  const batchArbitrary = fc.record({
    secCode: fc.constantFrom('PPD' as const, 'WEB' as const),
    originatingDfi: fc.stringMatching(/^\d{8}$/),
    entries: fc.array(entryArbitrary, { minLength: 1, maxLength: 8 }),
  });

  it('parses back whatever it builds: same entries, controls recomputed independently', () => {
    fc.assert(fc.property(fc.array(batchArbitrary, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 9_000_000 }), (batches, firstTraceSequence) => {
      const input = fileInput({
        firstTraceSequence,
        batches: batches.map((each) => batch({
          secCode: each.secCode, originatingDfi: each.originatingDfi,
          entries: each.entries.map(({ paymentTypeCode, ...rest }) => (each.secCode === 'WEB' ? { ...rest, paymentTypeCode } : rest)),
        })),
      });
      const file = built(input);
      const lines = file.text.split('\n').slice(0, -1);
      expect(lines.length % 10).toBe(0);
      expect(lines.every((line) => line.length === 94)).toBe(true);

      const parsed = parsedBack(file.text);
      expect(parsed.warnings).toEqual([]);
      let hash = 0n;
      let total = 0n;
      let count = 0;
      input.batches.forEach((inputBatch, batchIndex) => {
        const parsedBatch = parsed.batches[batchIndex];
        expect(parsedBatch?.layout).toBe('standard');
        if (parsedBatch?.layout !== 'standard') return;
        expect(parsedBatch.header.standardEntryClassCode).toBe(inputBatch.secCode);
        let batchHash = 0n;
        let batchTotal = 0n;
        inputBatch.entries.forEach((inputEntry, entryIndex) => {
          const parsedEntry = parsedBatch.entries[entryIndex];
          expect(parsedEntry).toMatchObject({
            transactionCode: inputEntry.transactionCode,
            rdfiRoutingNumber: inputEntry.rdfiRoutingNumber,
            accountNumber: inputEntry.accountNumber,
            amountMinor: inputEntry.amountMinor,
            individualIdentification: inputEntry.individualId ?? '',
            individualName: inputEntry.individualName.trim().slice(0, 22).trimEnd(),
            discretionaryData: inputBatch.secCode === 'WEB' ? inputEntry.paymentTypeCode : '',
            traceNumber: file.batches[batchIndex]?.traceNumbers[entryIndex],
          });
          batchHash += BigInt(inputEntry.rdfiRoutingNumber.slice(0, 8));
          batchTotal += inputEntry.amountMinor;
        });
        expect(parsedBatch.control).toMatchObject({
          entryAddendaCount: inputBatch.entries.length, entryHash: Number(batchHash % 10_000_000_000n), totalDebitMinor: batchTotal, totalCreditMinor: 0n,
        });
        hash += batchHash;
        total += batchTotal;
        count += inputBatch.entries.length;
      });
      expect(parsed.control).toEqual({
        lineNumber: 2 + input.batches.length * 2 + count,
        batchCount: input.batches.length,
        blockCount: Math.ceil((2 + input.batches.length * 2 + count) / 10),
        entryAddendaCount: count,
        entryHash: Number(hash % 10_000_000_000n),
        totalDebitMinor: total,
        totalCreditMinor: 0n,
      });
      expect(file).toMatchObject({ entryCount: count, totalDebitMinor: total, entryHash: Number(hash % 10_000_000_000n) });
    }), { numRuns: 200 });
  });
});
