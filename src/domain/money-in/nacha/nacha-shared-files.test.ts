// Every NACHA file of the shared data set (../shared/data/nacha: moov-io/ach test data, Apache-2.0) read by
// parseNachaFile: the files that parse with their batch and entry counts (counted with grep from the
// files), and the files that are refused with the line, record type and field of their first error. Where
// moov-io/ach judges a file otherwise, the note says why (see also docs/nacha.md).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeNachaText } from './decode-nacha-text.ts';
import type { NachaErrorCode, NachaFile, NachaRecordType, NachaWarningCode } from './nacha-file.ts';
import { parseNachaFile, type ParseNachaOptions } from './parse-nacha-file.ts';

const dataDirectory = fileURLToPath(new URL('../../../../../shared/data/nacha/', import.meta.url));
const fixtureDirectory = fileURLToPath(new URL('../../../../test/fixtures/nacha/', import.meta.url));
const dataPresent = existsSync(dataDirectory);
const inContinuousIntegration = process.env.CI === 'true';
if (!dataPresent && !inContinuousIntegration) {
  console.warn(`Skipping the NACHA shared-file tests: ${dataDirectory} is missing (with CI=true they fail instead). The fixture tests still run.`);
}
const shared = it.skipIf(!dataPresent && !inContinuousIntegration);

function readShared(name: string): string {
  if (!dataPresent) throw new Error(`CI=true but the shared NACHA data set is missing: ${dataDirectory}`);
  return decodeNachaText(readFileSync(`${dataDirectory}${name}`)).text;
}

type Parses = { parses: { batches: number; entries: number; addenda: number; warnings?: NachaWarningCode[] }; options?: ParseNachaOptions; note?: string };
type Refused = { refused: { lineNumber: number; recordType: NachaRecordType; field: string; code: NachaErrorCode }; options?: ParseNachaOptions; note: string };

const refused = (lineNumber: number, recordType: NachaRecordType, field: string, code: NachaErrorCode, note: string): Refused =>
  ({ refused: { lineNumber, recordType, field, code }, note });
const parses = (batches: number, entries: number, addenda: number, warnings: NachaWarningCode[] = [], note?: string): Parses =>
  (note === undefined ? { parses: { batches, entries, addenda, warnings } } : { parses: { batches, entries, addenda, warnings }, note });

const expectations: Record<string, Parses | Refused> = {
  // Files moov-io/ach reads and validates.
  'ppd-debit.ach': parses(1, 1, 0, [], 'file header and file control lost their trailing blanks; restored'),
  'ppd-mixedDebitCredit.ach': parses(1, 3, 0),
  'ppd-debit-fixedLength.ach': parses(1, 1, 0, [], 'one 470-character line without line breaks, cut into five records'),
  'web-debit.ach': parses(3, 6, 0),
  'cor-example.ach': parses(1, 1, 1),
  'rck.ach': parses(1, 1, 0),
  'adv.ach': parses(1, 2, 0),
  'return-WEB.ach': parses(2, 2, 2),
  'gl-debit.ach': parses(1, 1, 0),
  'loan-credit.ach': parses(1, 1, 0),
  'two-micro-deposits.ach': parses(2, 6, 6),
  'extended-ascii.ach': parses(2, 6, 6, [], 'a UTF-8 name, kept'),
  'contested_addenda.txt': parses(1, 1, 1),
  'NACHA_SAMPLE_TEL_REVERSAL.ach': parses(1, 2, 0),
  'iat-debit.ach': parses(1, 1, 9),
  'iat-mixedDebitCredit.ach': parses(1, 2, 18),
  'iat-addenda98.ach': parses(1, 1, 8),
  'iat-addenda99.ach': parses(1, 1, 8),
  'flattenBatchesOneBatchHeader.ach': parses(1, 3, 3),
  'flattenBatchesMultipleBatchHeaders.ach': parses(4, 12, 12),
  'flattenBatchesTraceNumberCollision.ach': parses(5, 15, 15, ['duplicate_trace_number'], 'trace numbers 1 and 2 repeat in batch 2: a warning'),
  'flattenIATBatchesOneBatchHeader.ach': parses(4, 12, 108, ['duplicate_trace_number', 'duplicate_trace_number', 'duplicate_trace_number']),
  'flattenIATBatchesMultipleBatchHeaders.ach': parses(4, 12, 108),
  'flattenADVBatchesOneBatchHeader.ach': parses(4, 12, 0),
  // Files moov-io/ach reads only with options.
  'ppd-debit-customTraceNumber.ach': parses(1, 1, 0, ['trace_number_not_from_odfi'], 'moov needs CustomTraceNumbers; here a warning'),
  'FISERV-ZEROFILE-PIMRET825324_032720_110221.ach': parses(0, 0, 0, ['routing_number_check_digit', 'invalid_file_id_modifier'],
    'a real empty return file (CRLF, blank File ID Modifier, processor id as destination); moov needs SkipAll; here warnings'),
  'return-PPD-custom-reason-code.ach': { ...parses(1, 1, 1), options: { customReturnCodes: true }, note: 'R97 is not a NACHA code: read with customReturnCodes, as moov needs CustomReturnCodes' },
  'moov-ids.ach': refused(10, '9', 'Entry Hash', 'control_total_mismatch', 'file control Entry Hash 9999999999; the batches sum to 0144488931 (moov reads it with CustomTraceNumbers)'),
  'shr-credit.ach': refused(32, '9', 'Batch Count', 'control_total_mismatch', 'an excerpt: its file control counts 665 batches (moov reads it with SkipAll)'),
  // Files moov-io/ach reads that are refused here.
  'short-line.ach': refused(5, '9', 'Record Size', 'wrong_record_size', 'a 74-character file control that still ends in blanks; moov pads it'),
  'long-line.ach': refused(3, '6', 'Record Size', 'wrong_record_size', '98 characters; moov drops the trailing blanks'),
  '20180713-IAT.ach': refused(13, '6', 'Transaction Code', 'transaction_code_not_allowed', 'a debit (27) in a credits-only batch (220); moov does not check IAT batches'),
  '20180716-IAT-A17.ach': refused(15, '6', 'Transaction Code', 'transaction_code_not_allowed', 'the same debit in a 220 batch'),
  '20180716-IAT-A17-A18.ach': refused(20, '6', 'Transaction Code', 'transaction_code_not_allowed', 'the same debit in a 220 batch'),
  'txp-credit.ach': refused(2, '5', 'Effective Entry Date', 'not_numeric', 'the date 251016 sits two columns left, leaving "16    " in positions 70-75'),
  'txp-debit.ach': refused(4, '7', 'Entry Detail Sequence Number', 'not_numeric', 'the addenda text pushes "00001  " into positions 88-94'),
  '20110805A.ach': refused(93, '9', 'Batch Count', 'control_total_mismatch', 'Batch Count 5 for 4 batches (moov reads it, then File.Validate fails on BatchCount)'),
  'nonascii.ach': refused(17, '9', 'Block Count', 'control_total_mismatch', 'Windows-1252 bytes are read; the file control says 1 block and 1 entry for 17 records and 13 entries/addenda'),
  'nonascii-utf8.ach': refused(17, '9', 'Block Count', 'control_total_mismatch', 'the same file in UTF-8'),
  'flattenADVBatchesMultipleBatchHeaders.ach': refused(22, '9', 'Total Credit Entry Dollar Amount in File', 'control_total_mismatch', 'the batches credit 600078 cents, the file control says 600000'),
  // Files moov-io/ach refuses (as invalid, or with no header or control).
  '20110729A-invalid.ach': refused(1, '1', 'Record Size', 'wrong_record_size', 'a 93-character file header; later records are misaligned too'),
  'ppd-debit-fixedLengthInvalid.ach': refused(1, '1', 'Record Size', 'wrong_record_size', '471 characters without line breaks: not a multiple of 94'),
  'ppd-debit-invalid-entryDetail-checkDigit.ach': refused(3, '6', 'Check Digit', 'invalid_check_digit', 'routing number 231380105; the check digit is 4'),
  'ppd-mixedDebitCredit-invalid.ach': refused(1, '1', 'Immediate Origin', 'invalid_value', 'origin "TESTER" (the moov JSON equivalent says so)'),
  'invalid-two-micro-deposits.ach': refused(15, '6', 'Amount', 'not_numeric', 'amount "00CCC00004"'),
  'adv-invalidBatchEntries.ach': refused(3, '7', 'Record Type Code', 'addenda_outside_entry', 'an addenda 99 straight after the batch header'),
  'adv-invalidFileControl.ach': refused(6, '9', 'Entry/Addenda Count', 'control_total_mismatch', 'entry/addenda count 0 for 2 entries'),
  'adv-noFileControl.ach': refused(6, '9', 'Record Type Code', 'missing_file_control', 'ends after the batch control'),
  'file_parsing_missing_file_control.txt': refused(2, '5', 'Service Class Code', 'invalid_value', 'service class 280 in a PPD batch comes first; its last line is a lone "9"'),
  'return-no-batch-controls.ach': refused(1, '5', 'Record Type Code', 'missing_file_header', 'batches without file header, batch controls or file control'),
  'return-no-batch-header.ach': refused(1, '6', 'Record Type Code', 'missing_file_header', 'entries and addenda only'),
  'return-no-file-header-control.ach': refused(1, '5', 'Record Type Code', 'missing_file_header', 'one batch, no file header or control'),
  'bh-ed-ad-bh-ed-ad-ed-ad.ach': refused(1, '5', 'Record Type Code', 'missing_file_header', 'batch headers, entries and addenda only'),
  'skip-validation.ach': refused(1, '1', 'Immediate Destination', 'missing_value', 'blank destination, zero trace numbers: moov reads it with SkipAll'),
  'pos-invalidEntryDetail.ach': refused(3, '6', 'Individual Name', 'invalid_character', 'a SUB (0x1A) control character in the name'),
  'pos-invalidReturnFile.ach': refused(4, '7', 'Return Reason Code', 'unknown_return_reason_code', 'R96 is not a NACHA code'),
  'web-invalidNOCFile.ach': refused(4, '7', 'Change Code', 'unknown_change_code', 'C92 is not a NACHA code'),
  'iat-invalidAddenda98.ach': refused(11, '7', 'Change Code', 'unknown_change_code', 'C78 is not a NACHA code'),
  'iat-invalidAddenda99.ach': refused(11, '7', 'Return Reason Code', 'unknown_return_reason_code', 'R96 is not a NACHA code'),
  'iat-invalidAddenda10.ach': refused(4, '7', 'Transaction Type Code', 'invalid_value', 'IAT transaction type BIL'),
  'iat-invalidAddendaRecordIndicator.ach': refused(3, '6', 'Addenda Record Indicator', 'invalid_value', 'indicator 5'),
  'iat-invalidBatchControl.ach': refused(11, '8', 'Originating DFI Identification', 'header_control_mismatch', 'ODFI 23100000 in the control, 23138010 in the header'),
  'iat-invalidBatchHeader.ach': refused(2, '5', 'Service Class Code', 'invalid_value', 'service class 100'),
  'iat-invalidEntryDetail.ach': refused(3, '6', 'Transaction Code', 'invalid_value', 'transaction code 90'),
  'iat-batchHeaderErr.ach': refused(4, '5', 'Record Type Code', 'missing_batch_control', 'a second batch header before the first batch control'),
  // Built for a SUB control character in one IAT addenda, but an earlier error comes first: the batch is
  // labelled debits-only (225) and holds a credit (22). The derived-copy test below finds the intended one.
  'iat-invalidAddenda11.ach': refused(3, '6', 'Transaction Code', 'transaction_code_not_allowed', 'credit 22 in a 225 batch'),
  'iat-invalidAddenda12.ach': refused(3, '6', 'Transaction Code', 'transaction_code_not_allowed', 'credit 22 in a 225 batch'),
  'Iat-invalidAddenda13.ach': refused(3, '6', 'Transaction Code', 'transaction_code_not_allowed', 'credit 22 in a 225 batch'),
  'iat-invalidAddenda14.ach': refused(3, '6', 'Transaction Code', 'transaction_code_not_allowed', 'credit 22 in a 225 batch'),
  'iat-invalidAddenda15.ach': refused(3, '6', 'Transaction Code', 'transaction_code_not_allowed', 'credit 22 in a 225 batch'),
  'iat-invalidAddenda16.ach': refused(3, '6', 'Transaction Code', 'transaction_code_not_allowed', 'credit 22 in a 225 batch'),
  'iat-invalidAddenda17.ach': refused(3, '6', 'Transaction Code', 'transaction_code_not_allowed', 'credit 22 in a 225 batch'),
  'iat-invalidAddenda18.ach': refused(3, '6', 'Transaction Code', 'transaction_code_not_allowed', 'credit 22 in a 225 batch'),
};

const countOf = (file: NachaFile) => ({
  batches: file.batches.length,
  entries: file.batches.reduce((sum, batch) => sum + batch.entries.length, 0),
  addenda: file.batches.reduce((sum, batch) => sum + batch.entries.reduce((inner, entry) => inner + entry.addenda.length, 0), 0),
});

describe('the shared NACHA files (moov-io/ach test data)', () => {
  shared('lists every .ach and .txt file of the set, so none goes untested', () => {
    const names = readdirSync(dataDirectory).filter((name) => /\.(ach|txt)$/.test(name)).sort();
    expect(names).toEqual(Object.keys(expectations).sort());
  });

  for (const [name, expectation] of Object.entries(expectations)) {
    if ('parses' in expectation) {
      shared(`${name} parses: ${expectation.parses.batches} batches, ${expectation.parses.entries} entries`, () => {
        const result = parseNachaFile(readShared(name), expectation.options);
        if (!result.ok) throw new Error(`${name}: line ${result.lineNumber} record ${result.recordType} ${result.field}: ${result.message}`);
        const { warnings, ...counts } = expectation.parses;
        expect(countOf(result.value)).toEqual(counts);
        expect(result.value.warnings.map((warning) => warning.code)).toEqual(warnings);
        // The controls were checked against the entries while parsing; the entry count agrees with them too.
        expect(result.value.control.entryAddendaCount).toBe(counts.entries + counts.addenda);
      });
    } else {
      shared(`${name} is refused at line ${expectation.refused.lineNumber}, record ${expectation.refused.recordType}, ${expectation.refused.field} (${expectation.note})`, () => {
        const result = parseNachaFile(readShared(name), expectation.options);
        expect(result.ok).toBe(false);
        expect(result).toMatchObject(expectation.refused);
      });
    }
  }

  shared('each IAT addenda file is refused for the control character it was built for, once its service class is corrected', () => {
    const intended: Record<string, [lineNumber: number, field: string]> = {
      'iat-invalidAddenda11.ach': [5, 'Originator Name'],
      'iat-invalidAddenda12.ach': [6, 'Originator City & State/Province'],
      'Iat-invalidAddenda13.ach': [7, 'Originating DFI Name'],
      'iat-invalidAddenda14.ach': [8, 'Receiving DFI Name'],
      'iat-invalidAddenda15.ach': [9, 'Receiver Street Address'],
      'iat-invalidAddenda16.ach': [10, 'Receiver City & State/Province'],
      'iat-invalidAddenda17.ach': [11, 'Payment Related Information'],
      'iat-invalidAddenda18.ach': [12, 'Foreign Correspondent Bank Name'],
    };
    for (const [name, [lineNumber, field]] of Object.entries(intended)) {
      const mixed = readShared(name).replace(/^5225/m, '5200').replace(/^8225/m, '8200');
      expect(parseNachaFile(mixed), name).toMatchObject({ ok: false, code: 'invalid_character', lineNumber, recordType: '7', field });
    }
  });

  shared('the 2018 IAT files parse once their second batch says mixed (200), so the service class is their only fault', () => {
    for (const name of ['20180713-IAT.ach', '20180716-IAT-A17.ach', '20180716-IAT-A17-A18.ach']) {
      const mixed = readShared(name).replace(/^5220(.*)0000002$/m, '5200$10000002').replace(/^8220(.*)0000002$/m, '8200$10000002');
      const result = parseNachaFile(mixed);
      expect(result.ok, name).toBe(true);
      expect(result.ok && result.value.batches.map((batch) => batch.layout)).toEqual(['iat', 'iat']);
    }
  });

  shared("agrees with moov's JSON equivalent of iat-debit.ach", () => {
    const json = JSON.parse(readShared('iat-debit.json')) as {
      fileHeader: { immediateOrigin: string; fileCreationDate: string };
      IATBatches: Array<{ IATEntryDetails: Array<{ transactionCode: number; amount: number; traceNumber: string }> }>;
    };
    const result = parseNachaFile(readShared('iat-debit.ach'));
    if (!result.ok) throw new Error(result.message);
    expect(result.value.header.immediateOrigin.endsWith(json.fileHeader.immediateOrigin)).toBe(true);
    expect(result.value.header.fileCreationDate).toBe(json.fileHeader.fileCreationDate);
    const entries = result.value.batches.flatMap((batch) => batch.entries.map((entry) => [Number(entry.transactionCode), entry.amountMinor, 'traceNumber' in entry ? entry.traceNumber : null]));
    expect(entries).toEqual(json.IATBatches.flatMap((batch) => batch.IATEntryDetails.map((entry) => [entry.transactionCode, BigInt(entry.amount), entry.traceNumber])));
  });

  shared('the fixture copies in test/fixtures/nacha have not drifted from the shared set', () => {
    for (const name of readdirSync(fixtureDirectory).filter((each) => each !== 'README.md')) {
      expect(readFileSync(`${fixtureDirectory}${name}`).equals(readFileSync(`${dataDirectory}${name}`)), name).toBe(true);
    }
  });

  shared('parses the 100,199-entry file and its file control totals match totals summed from the raw records', () => {
    const text = gunzipSync(readFileSync(`${dataDirectory}PPD-200-batches-100000-entries.ach.gz`)).toString('utf8');
    const started = performance.now();
    const result = parseNachaFile(text);
    const elapsedMilliseconds = performance.now() - started;
    console.log(`parseNachaFile: PPD-200-batches-100000-entries.ach (${text.length.toLocaleString('en')} characters) in ${elapsedMilliseconds.toFixed(0)} ms`);
    if (!result.ok) throw new Error(`line ${result.lineNumber} ${result.field}: ${result.message}`);

    // Independent of the parser: sum the raw entry lines by their NACHA positions.
    let credit = 0n;
    let debit = 0n;
    let hash = 0n;
    let entries = 0;
    for (const line of text.split('\n')) {
      if (!line.startsWith('6')) continue;
      entries += 1;
      const amount = BigInt(line.slice(29, 39));
      if (Number(line[2]) <= 4) credit += amount;
      else debit += amount;
      hash += BigInt(line.slice(3, 11));
    }
    expect(entries).toBe(100_199);
    expect(result.value.control).toMatchObject({
      batchCount: 200,
      entryAddendaCount: entries,
      entryHash: Number(hash % 10_000_000_000n),
      totalDebitMinor: debit,
      totalCreditMinor: credit,
      blockCount: Math.ceil(result.value.recordCount / 10),
    });
    expect(credit).toBe(20_123_398_766n);
    expect(result.value.batches).toHaveLength(200);
  });
});
