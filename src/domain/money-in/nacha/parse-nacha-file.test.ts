import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildNachaDebitFile } from './build-nacha-debit-file.ts';
import { decodeNachaText } from './decode-nacha-text.ts';
import type { NachaError, NachaFile, NachaResult } from './nacha-file.ts';
import { parseNachaFile } from './parse-nacha-file.ts';

// Copies of moov-io/ach test files (Apache-2.0): see test/fixtures/nacha/README.md.
const fixture = (name: string) => decodeNachaText(readFileSync(new URL(`../../../../test/fixtures/nacha/${name}`, import.meta.url))).text;

/** Writes `replacement` over line `lineNumber` (1-based) from column `position` (1-based). */
function patch(text: string, lineNumber: number, position: number, replacement: string): string {
  const lines = text.split('\n');
  const line = lines[lineNumber - 1] ?? '';
  lines[lineNumber - 1] = line.slice(0, position - 1) + replacement + line.slice(position - 1 + replacement.length);
  return lines.join('\n');
}

function withoutLine(text: string, lineNumber: number): string {
  return text.split('\n').filter((_, index) => index !== lineNumber - 1).join('\n');
}

function parsed(result: NachaResult<NachaFile>): NachaFile {
  if (!result.ok) throw new Error(`expected the file to parse: line ${result.lineNumber}, ${result.field}: ${result.message}`);
  return result.value;
}

function refused(result: NachaResult<NachaFile>): NachaError {
  if (result.ok) throw new Error('expected the file to be refused');
  return result;
}

const ppdDebit = fixture('ppd-debit.ach');

describe('parseNachaFile: records and fields', () => {
  it('reads a PPD debit into typed records, with the amount in cents', () => {
    const file = parsed(parseNachaFile(ppdDebit));
    expect(file.header).toMatchObject({
      immediateDestination: '231380104', immediateOrigin: '0121042882', fileCreationDate: '190624', fileCreationTime: '0000',
      fileIdModifier: 'A', immediateDestinationName: 'Federal Reserve Bank', immediateOriginName: 'My Bank Name',
    });
    const batch = file.batches[0];
    expect(batch?.layout).toBe('standard');
    if (batch?.layout !== 'standard') return;
    expect(batch.header).toMatchObject({
      serviceClassCode: '225', companyName: 'Name on Account', companyIdentification: '121042882', standardEntryClassCode: 'PPD',
      companyEntryDescription: 'REG.SALARY', effectiveEntryDate: '190625', settlementDate: null, originatingDfiIdentification: '12104288', batchNumber: 1,
    });
    expect(batch.entries).toEqual([expect.objectContaining({
      lineNumber: 3, transactionCode: '27', rdfiRoutingNumber: '231380104', accountNumber: '12345678', amountMinor: 100000000n,
      individualIdentification: '', individualName: 'Receiver Account Name', addendaRecordIndicator: 0, traceNumber: '121042880000001',
    })]);
    expect(batch.control).toMatchObject({ entryAddendaCount: 1, entryHash: 23138010, totalDebitMinor: 100000000n, totalCreditMinor: 0n });
    expect(file.control).toMatchObject({ batchCount: 1, blockCount: 1, entryAddendaCount: 1, entryHash: 23138010, totalDebitMinor: 100000000n });
    expect(file.recordCount).toBe(5);
    expect(file.warnings).toEqual([]);
  });

  it('reads CRLF, LF and CR line ends alike', () => {
    const withLf = parsed(parseNachaFile(ppdDebit));
    expect(parsed(parseNachaFile(ppdDebit.replaceAll('\n', '\r\n')))).toEqual(withLf);
    expect(parsed(parseNachaFile(ppdDebit.replaceAll('\n', '\r')))).toEqual(withLf);
  });

  it('refuses non-digits in a numeric field, pointing at the column', () => {
    expect(refused(parseNachaFile(patch(ppdDebit, 3, 35, 'O')))).toMatchObject({
      code: 'not_numeric', lineNumber: 3, recordType: '6', field: 'Amount', position: 35,
    });
    expect(refused(parseNachaFile(patch(ppdDebit, 4, 11, ' ')))).toMatchObject({ code: 'not_numeric', recordType: '8', field: 'Entry Hash', position: 11 });
  });

  it('refuses control characters in text fields', () => {
    expect(refused(parseNachaFile(patch(ppdDebit, 3, 62, '\u001a')))).toMatchObject({
      code: 'invalid_character', lineNumber: 3, recordType: '6', field: 'Individual Name', position: 62,
    });
  });

  it('keeps UTF-8 and Windows-1252 letters in names, counting characters rather than bytes', () => {
    const utf8 = parsed(parseNachaFile(fixture('extended-ascii.ach')));
    const entry = utf8.batches[1]?.entries[2];
    expect(entry && 'individualName' in entry ? entry.individualName : null).toBe('Distracted Aużtin');
    // nonascii.ach's file control claims 1 block and 1 entry/addenda for its 17 records and 13 entries and
    // addenda; with those corrected, its 0xA6 bytes read as '¦'.
    const windows1252 = fixture('nonascii.ach');
    expect(refused(parseNachaFile(windows1252))).toMatchObject({ lineNumber: 17, recordType: '9', field: 'Block Count' });
    const corrected = parsed(parseNachaFile(windows1252.replace(/^900000100000100000001/m, '900000100000200000013')));
    const ctxEntry = corrected.batches[0]?.entries[0];
    // A CTX entry names the receiving company in positions 59-74: the file's 17-character name loses its last letter.
    expect(ctxEntry && 'individualName' in ctxEntry ? ctxEntry.individualName : null).toBe('Receiver¦Acc Nam');
    expect(ctxEntry?.addenda).toHaveLength(12);
    expect(ctxEntry?.addenda[0]).toMatchObject({ typeCode: '05', paymentRelatedInformation: expect.stringMatching(/^ISA¦00¦ {10}¦00¦/) });
  });

  it('refuses a routing number whose check digit is wrong', () => {
    expect(refused(parseNachaFile(fixture('ppd-debit-invalid-entryDetail-checkDigit.ach')))).toMatchObject({
      code: 'invalid_check_digit', lineNumber: 3, recordType: '6', field: 'Check Digit', position: 12,
    });
  });

  it('refuses a transaction code the rules do not define', () => {
    expect(refused(parseNachaFile(patch(ppdDebit, 3, 2, '90')))).toMatchObject({ code: 'invalid_value', recordType: '6', field: 'Transaction Code' });
  });

  it('refuses header fields with the wrong fixed values', () => {
    expect(refused(parseNachaFile(patch(ppdDebit, 1, 35, '095')))).toMatchObject({ code: 'invalid_value', recordType: '1', field: 'Record Size' });
    expect(refused(parseNachaFile(patch(ppdDebit, 1, 38, '20')))).toMatchObject({ code: 'invalid_value', recordType: '1', field: 'Blocking Factor' });
    expect(refused(parseNachaFile(patch(ppdDebit, 1, 14, ' ORIGIN123')))).toMatchObject({ code: 'invalid_value', recordType: '1', field: 'Immediate Origin' });
    expect(refused(parseNachaFile(patch(ppdDebit, 2, 2, '100')))).toMatchObject({ code: 'invalid_value', recordType: '5', field: 'Service Class Code' });
    expect(refused(parseNachaFile(patch(ppdDebit, 2, 51, 'XYZ')))).toMatchObject({ code: 'invalid_value', recordType: '5', field: 'Standard Entry Class Code' });
  });

  it('refuses an empty file', () => {
    expect(refused(parseNachaFile(''))).toMatchObject({ code: 'empty_file', recordType: '1' });
    expect(refused(parseNachaFile('\n\n'))).toMatchObject({ code: 'empty_file' });
  });
});

describe('parseNachaFile: record size', () => {
  it('restores the trailing blanks a tool stripped: a short line that ends in a non-blank', () => {
    // ppd-debit.ach's file header is 75 characters and its file control 55: both lost only blanks.
    const lengths = ppdDebit.split('\n').map((line) => line.length);
    expect(lengths.slice(0, 5)).toEqual([75, 94, 94, 94, 55]);
    expect(parseNachaFile(ppdDebit).ok).toBe(true);
  });

  it('refuses a short line that still ends in blanks: it was cut, not trimmed', () => {
    expect(refused(parseNachaFile(fixture('short-line.ach')))).toMatchObject({
      code: 'wrong_record_size', lineNumber: 5, recordType: '9', field: 'Record Size', position: 75,
    });
  });

  it('refuses a line longer than 94 characters, even when the excess is blank', () => {
    expect(refused(parseNachaFile(fixture('long-line.ach')))).toMatchObject({ code: 'wrong_record_size', lineNumber: 3, recordType: '6', field: 'Record Size' });
  });

  it('refuses a short line of block filler', () => {
    const text = ppdDebit.split('\n').map((line, index) => (index === 6 ? line.slice(0, 50) : line)).join('\n');
    expect(refused(parseNachaFile(text))).toMatchObject({ code: 'wrong_record_size', lineNumber: 7, recordType: '9', field: 'Record Size' });
  });

  it('cuts a file without line breaks into 94-character records, and refuses one whose length is not a multiple of 94', () => {
    const unbroken = fixture('ppd-debit-fixedLength.ach');
    expect(unbroken.replace(/\n$/, '')).toHaveLength(470);
    const file = parsed(parseNachaFile(unbroken));
    expect(file.batches[0]?.entries).toHaveLength(1);
    expect(file.control.lineNumber).toBe(5);
    expect(refused(parseNachaFile(`1${unbroken}`))).toMatchObject({ code: 'wrong_record_size', lineNumber: 1, recordType: '1', field: 'Record Size' });
  });

  it('warns about a blank line inside the file and ignores empty lines', () => {
    const lines = ppdDebit.split('\n');
    const text = [...lines.slice(0, 3), ' '.repeat(94), ...lines.slice(3), '', ''].join('\n');
    const file = parsed(parseNachaFile(text));
    expect(file.warnings).toEqual([expect.objectContaining({ code: 'blank_line', lineNumber: 4 })]);
  });
});

describe('parseNachaFile: record order', () => {
  it('refuses a file that does not start with a file header', () => {
    expect(refused(parseNachaFile(withoutLine(ppdDebit, 1)))).toMatchObject({
      code: 'missing_file_header', lineNumber: 1, recordType: '5', field: 'Record Type Code',
    });
  });

  it('refuses a batch without its batch control, naming the record that came instead', () => {
    expect(refused(parseNachaFile(withoutLine(ppdDebit, 4)))).toMatchObject({ code: 'missing_batch_control', lineNumber: 4, recordType: '9', field: 'Record Type Code' });
  });

  it('refuses a file that ends without a file control', () => {
    const text = ppdDebit.split('\n').slice(0, 4).join('\n');
    expect(refused(parseNachaFile(text))).toMatchObject({ code: 'missing_file_control', lineNumber: 5, recordType: '9', field: 'Record Type Code' });
  });

  it('refuses block filler before the file control', () => {
    const lines = ppdDebit.split('\n');
    const text = [...lines.slice(0, 4), '9'.repeat(94), ...lines.slice(4)].join('\n');
    expect(refused(parseNachaFile(text))).toMatchObject({ code: 'missing_file_control', lineNumber: 5, recordType: '9' });
  });

  it('accepts only 9-filler lines after the file control', () => {
    const lines = ppdDebit.split('\n');
    expect(refused(parseNachaFile([...lines, lines[2]].join('\n')))).toMatchObject({ code: 'unexpected_record', lineNumber: 11, recordType: '6' });
  });

  it('refuses an entry outside a batch, a batch control closing nothing and a second file header', () => {
    const lines = ppdDebit.split('\n');
    const entryAfterControl = [...lines.slice(0, 4), lines[2], ...lines.slice(4)].join('\n');
    expect(refused(parseNachaFile(entryAfterControl))).toMatchObject({ code: 'unexpected_record', lineNumber: 5, recordType: '6' });
    const twoControls = [...lines.slice(0, 4), lines[3], ...lines.slice(4)].join('\n');
    expect(refused(parseNachaFile(twoControls))).toMatchObject({ code: 'unexpected_record', lineNumber: 5, recordType: '8' });
    const twoHeaders = [lines[0], ...lines].join('\n');
    expect(refused(parseNachaFile(twoHeaders))).toMatchObject({ code: 'unexpected_record', lineNumber: 2, recordType: '1' });
  });

  it('refuses a batch without entries', () => {
    expect(refused(parseNachaFile(withoutLine(ppdDebit, 3)))).toMatchObject({ code: 'unexpected_record', lineNumber: 3, recordType: '8', field: 'Record Type Code' });
  });

  it('refuses a line that starts with no record type, naming the record expected there', () => {
    expect(refused(parseNachaFile(patch(ppdDebit, 3, 1, '4')))).toMatchObject({ code: 'unknown_record_type', lineNumber: 3, recordType: '6', field: 'Record Type Code' });
  });
});

describe('parseNachaFile: control totals', () => {
  it('refuses batch controls whose counts, hash or totals differ from the entries', () => {
    const cases: Array<[position: number, replacement: string, field: string]> = [
      [5, '000002', 'Entry/Addenda Count'],
      [11, '0023138011', 'Entry Hash'],
      [21, '000100000001', 'Total Debit Entry Dollar Amount'],
      [33, '000000000001', 'Total Credit Entry Dollar Amount'],
      [80, '12104289', 'Originating DFI Identification'],
      [88, '0000002', 'Batch Number'],
      [45, '999999999 ', 'Company Identification'],
    ];
    for (const [position, replacement, field] of cases) {
      expect(refused(parseNachaFile(patch(ppdDebit, 4, position, replacement))), field).toMatchObject({ lineNumber: 4, recordType: '8', field, position });
    }
    expect(refused(parseNachaFile(patch(ppdDebit, 4, 2, '200')))).toMatchObject({ code: 'header_control_mismatch', recordType: '8', field: 'Service Class Code' });
  });

  it('refuses file controls whose counts, hash or totals differ from the batches', () => {
    const cases: Array<[position: number, replacement: string, field: string]> = [
      [2, '000002', 'Batch Count'],
      [8, '000002', 'Block Count'],
      [14, '00000002', 'Entry/Addenda Count'],
      [22, '0023138011', 'Entry Hash'],
      [32, '000100000001', 'Total Debit Entry Dollar Amount in File'],
      [44, '000000000001', 'Total Credit Entry Dollar Amount in File'],
    ];
    for (const [position, replacement, field] of cases) {
      expect(refused(parseNachaFile(patch(ppdDebit, 5, position, replacement))), field).toMatchObject({
        code: 'control_total_mismatch', lineNumber: 5, recordType: '9', field, position,
      });
    }
  });

  it('keeps the 10 rightmost digits of an entry hash that overflows', () => {
    // 101 entries to routing prefix 99999999 sum to 10,099,999,899: the hash is 0099999899.
    const entries = Array.from({ length: 101 }, (_, index) => ({
      rdfiRoutingNumber: '999999992', accountNumber: `A${index}`, amountMinor: 100n, individualName: 'Debtor', transactionCode: '27' as const,
    }));
    const built = buildNachaDebitFile({
      immediateDestination: '231380104', immediateOrigin: '121042882', immediateDestinationName: 'Bank', immediateOriginName: 'Recoup',
      fileCreationDate: '2026-11-24', fileCreationTime: '09:30',
      batches: [{ secCode: 'PPD', companyName: 'Recoup', companyId: '1234567890', entryDescription: 'PAYMENT', effectiveEntryDate: '2026-11-25', originatingDfi: '12104288', entries }],
    });
    if (!built.ok) throw new Error(built.message);
    const file = parsed(parseNachaFile(built.value.text));
    expect(file.batches[0]?.control.entryHash).toBe(99_999_899);
    expect(file.control.entryHash).toBe(99_999_899);
    expect(file.control.blockCount).toBe(11);
  });

  it('refuses a debit in a credits-only batch (220) and a credit in a debits-only batch (225)', () => {
    expect(refused(parseNachaFile(patch(ppdDebit, 3, 2, '22')))).toMatchObject({
      code: 'transaction_code_not_allowed', lineNumber: 3, recordType: '6', field: 'Transaction Code',
    });
    const creditsOnly = patch(patch(ppdDebit, 2, 2, '220'), 4, 2, '220');
    expect(refused(parseNachaFile(creditsOnly))).toMatchObject({ code: 'transaction_code_not_allowed', lineNumber: 3, field: 'Transaction Code' });
  });

  it('counts returns of debits (26) as debits and of credits (21) as credits in a mixed batch', () => {
    const file = parsed(parseNachaFile(fixture('return-WEB.ach')));
    expect(file.batches.map((batch) => [batch.control.totalDebitMinor, batch.control.totalCreditMinor])).toEqual([[12354n, 0n], [0n, 4565n]]);
  });
});

describe('parseNachaFile: addenda', () => {
  const microDeposits = fixture('two-micro-deposits.ach');

  it('attaches each addenda to the entry before it and counts it in the controls', () => {
    const file = parsed(parseNachaFile(microDeposits));
    expect(file.batches.map((batch) => batch.control.entryAddendaCount)).toEqual([6, 6]);
    const entry = file.batches[0]?.entries[0];
    expect(entry?.addenda).toEqual([{ typeCode: '05', lineNumber: 4, paymentRelatedInformation: 'paygate transaction', addendaSequenceNumber: 1, entryDetailSequenceNumber: '6829038' }]);
  });

  it('refuses an addenda after an entry whose Addenda Record Indicator is 0, naming the entry', () => {
    expect(refused(parseNachaFile(patch(microDeposits, 3, 79, '0')))).toMatchObject({
      code: 'addenda_indicator_mismatch', lineNumber: 3, recordType: '6', field: 'Addenda Record Indicator', position: 79,
    });
  });

  it('refuses an entry whose Addenda Record Indicator is 1 when no addenda follows', () => {
    expect(refused(parseNachaFile(patch(ppdDebit, 3, 79, '1')))).toMatchObject({
      code: 'addenda_indicator_mismatch', lineNumber: 3, recordType: '6', field: 'Addenda Record Indicator',
    });
  });

  it('refuses an addenda that follows no entry', () => {
    const lines = microDeposits.split('\n');
    const text = [lines[0], lines[1], lines[3], ...lines.slice(2)].join('\n');
    expect(refused(parseNachaFile(text))).toMatchObject({ code: 'addenda_outside_entry', lineNumber: 3, recordType: '7', field: 'Record Type Code' });
  });

  it('refuses a second addenda on a PPD entry and addenda types its SEC code does not allow', () => {
    const lines = microDeposits.split('\n');
    const twice = [...lines.slice(0, 4), lines[3], ...lines.slice(4)].join('\n');
    expect(refused(parseNachaFile(twice))).toMatchObject({ code: 'addenda_not_allowed', lineNumber: 5, recordType: '7', field: 'Addenda Type Code' });
    // cor-example.ach with its COR batch relabelled PPD: a notification of change has no place there.
    const cor = patch(fixture('cor-example.ach'), 2, 51, 'PPD');
    expect(refused(parseNachaFile(cor))).toMatchObject({ code: 'addenda_not_allowed', lineNumber: 4, recordType: '7', field: 'Addenda Type Code' });
  });

  it('refuses a return reason code the NACHA rules do not assign, unless custom codes are accepted', () => {
    const custom = fixture('return-PPD-custom-reason-code.ach');
    expect(refused(parseNachaFile(custom))).toMatchObject({
      code: 'unknown_return_reason_code', lineNumber: 4, recordType: '7', field: 'Return Reason Code', position: 4,
    });
    const accepted = parsed(parseNachaFile(custom, { customReturnCodes: true }));
    expect(accepted.batches[0]?.entries[0]?.addenda[0]).toMatchObject({ typeCode: '99', returnReasonCode: 'R97', originalEntryTraceNumber: '092221172022300' });
    // Custom codes still look like return codes.
    expect(refused(parseNachaFile(patch(custom, 4, 4, 'X97'), { customReturnCodes: true }))).toMatchObject({ field: 'Return Reason Code' });
  });

  it('refuses a change code the NACHA rules do not assign', () => {
    expect(refused(parseNachaFile(patch(fixture('cor-example.ach'), 4, 4, 'C92')))).toMatchObject({
      code: 'unknown_change_code', lineNumber: 4, recordType: '7', field: 'Change Code',
    });
  });

  it('reads the contested dishonored return layout for R71-R77', () => {
    const file = parsed(parseNachaFile(fixture('contested_addenda.txt')));
    expect(file.batches[0]?.entries[0]?.addenda[0]).toMatchObject({
      typeCode: '99', variant: 'contested_dishonored_return', returnReasonCode: 'R72', originalEntryTraceNumber: '123456780000069',
      returnTraceNumber: '756392180000001', returnSettlementDate: '067', originalReturnReasonCode: 'R01',
      dishonoredReturnTraceNumber: '123456780000070', dishonoredReturnReasonCode: 'R68', traceNumber: '364275034310088',
    });
  });
});

describe('parseNachaFile: IAT and ADV batches', () => {
  const iatDebit = fixture('iat-debit.ach');

  it('reads an IAT batch with its own header and entry layouts and addenda 10-18 by field name', () => {
    const file = parsed(parseNachaFile(iatDebit));
    const batch = file.batches[0];
    expect(batch?.layout).toBe('iat');
    if (batch?.layout !== 'iat') return;
    expect(batch.header).toMatchObject({ foreignExchangeIndicator: 'FF', isoDestinationCountryCode: 'US', originatorIdentification: '123456789', isoOriginatingCurrencyCode: 'CAD', isoDestinationCurrencyCode: 'USD' });
    const entry = batch.entries[0];
    expect(entry).toMatchObject({ transactionCode: '27', rdfiRoutingNumber: '121042882', numberOfAddendaRecords: 7, amountMinor: 100000n, accountNumber: '123456789' });
    expect(entry?.addenda.map((addenda) => addenda.typeCode)).toEqual(['10', '11', '12', '13', '14', '15', '16', '17', '18']);
    expect(entry?.addenda[0]).toMatchObject({ fields: { 'Transaction Type Code': 'ANN', 'Receiving Company Name/Individual Name': 'BEK Enterprises' } });
  });

  it('refuses an IAT entry that lacks one of the mandatory addenda 10-16', () => {
    expect(refused(parseNachaFile(withoutLine(iatDebit, 7)))).toMatchObject({ code: 'addenda_not_allowed', lineNumber: 7, recordType: '7', field: 'Addenda Type Code' });
    // Only addenda 10 before the batch control: addenda 11 is missing where the batch control stands.
    const lines = iatDebit.split('\n');
    const onlyTen = [...lines.slice(0, 4), ...lines.slice(12)].join('\n');
    expect(refused(parseNachaFile(onlyTen))).toMatchObject({ code: 'missing_value', lineNumber: 5, recordType: '7', field: 'Addenda Type Code' });
  });

  it('refuses an unknown IAT transaction type code', () => {
    expect(refused(parseNachaFile(patch(iatDebit, 4, 4, 'BIL')))).toMatchObject({ code: 'invalid_value', lineNumber: 4, recordType: '7', field: 'Transaction Type Code' });
  });

  it('reads ADV batches with their 12-digit amounts and 20-digit control totals', () => {
    const file = parsed(parseNachaFile(fixture('adv.ach')));
    const batch = file.batches[0];
    expect(batch?.layout).toBe('adv');
    expect(batch?.entries.map((entry) => [entry.transactionCode, entry.amountMinor])).toEqual([['81', 50000n], ['82', 250000n]]);
    expect(batch?.control).toMatchObject({ totalDebitMinor: 250000n, totalCreditMinor: 50000n });
    expect(file.control).toMatchObject({ totalDebitMinor: 250000n, totalCreditMinor: 50000n, entryAddendaCount: 2 });
  });
});

describe('parseNachaFile: warnings', () => {
  it('warns, without refusing, about trace numbers that do not start with the ODFI or repeat in the file', () => {
    const foreign = parsed(parseNachaFile(patch(ppdDebit, 3, 80, '11111111')));
    expect(foreign.warnings).toEqual([expect.objectContaining({ code: 'trace_number_not_from_odfi', lineNumber: 3, recordType: '6', field: 'Trace Number' })]);
    const microDeposits = fixture('two-micro-deposits.ach');
    const repeated = parsed(parseNachaFile(patch(patch(microDeposits, 11, 80, '121042886829038'), 12, 88, '6829038')));
    expect(repeated.warnings.map((warning) => warning.code)).toEqual(['duplicate_trace_number']);
  });

  it('warns about an Immediate Destination that fails the check digit (processors use their own identifiers)', () => {
    const file = parsed(parseNachaFile(patch(ppdDebit, 1, 5, '231380105')));
    expect(file.warnings.map((warning) => [warning.code, warning.field])).toEqual([['routing_number_check_digit', 'Immediate Destination']]);
  });
});
