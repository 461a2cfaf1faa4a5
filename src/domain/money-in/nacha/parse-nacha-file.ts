// Reads a NACHA (ACH) file: 94-character records, a file header, batches (batch header, entries with
// their addenda, batch control), a file control, and 9-filler lines up to the end of the last block of
// ten. Every field is checked against its layout; every control total is recomputed. The first problem
// in file order refuses the whole file, naming the line, the record type and the NACHA field.
import { addToEntryHash, sumEntryHashes } from './compute-entry-hash.ts';
import type {
  NachaAddenda, NachaAdvEntry, NachaBatch, NachaBatchControl, NachaBatchHeader, NachaEntry, NachaError, NachaErrorCode, NachaFile,
  NachaFileControl, NachaFileHeader, NachaIatBatchHeader, NachaIatEntry, NachaRecordType, NachaResult, NachaWarning, NachaWarningCode,
} from './nacha-file.ts';
import { buildNachaError, describeRecord, type NachaRecord } from './nacha-record-layouts.ts';
import {
  isIatBatchHeader, readAddenda, readAdvEntry, readBatchControl, readBatchHeader, readEntry, readFileControl, readFileHeader,
  readIatBatchHeader, readIatEntry,
} from './read-nacha-records.ts';
import { transactionDirection } from './transaction-codes.ts';

export type ParseNachaOptions = {
  /**
   * Accept return reason codes of the form R + two digits that the NACHA table does not assign (some
   * banks use private codes). Off by default: an unknown code then refuses the file.
   */
  customReturnCodes?: boolean;
};

const recordLength = 94;
const blockingFactor = 10;
const fillerRecord = '9'.repeat(recordLength);
const recordTypes = new Set(['1', '5', '6', '7', '8', '9']);
/** Entries of these SEC codes may carry up to 9,999 addenda 05; others at most one addenda. */
const multipleAddendaSecCodes = new Set(['CTX', 'ENR', 'TRX', 'ATX']);
const terminalSecCodes = new Set(['POS', 'SHR', 'MTE']);

type Line = { lineNumber: number; text: string };
type AnyEntry = NachaEntry | NachaIatEntry | NachaAdvEntry;

type OpenBatch = {
  layout: 'standard' | 'iat' | 'adv';
  header: NachaBatchHeader | NachaIatBatchHeader;
  entries: AnyEntry[];
  addendaCount: number;
  entryHash: number;
  totalDebitMinor: bigint;
  totalCreditMinor: bigint;
  warned: Set<NachaWarningCode>;
  previousTraceNumber: string | null;
};

/** Physical lines; a file without line breaks whose length is a multiple of 94 is cut into records. */
function splitLines(text: string): Line[] {
  const withoutMark = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = withoutMark.split(/\r\n|\n|\r/).map((part, index) => ({ lineNumber: index + 1, text: part }));
  const first = lines[0]?.text ?? '';
  if (first.length > recordLength && lines.slice(1).every((line) => line.text.trim() === '')) {
    const characters = Array.from(first);
    if (characters.length % recordLength === 0) {
      const records: Line[] = [];
      for (let start = 0; start < characters.length; start += recordLength) {
        records.push({ lineNumber: start / recordLength + 1, text: characters.slice(start, start + recordLength).join('') });
      }
      return records;
    }
  }
  return lines;
}

const nonAscii = /[^\x00-\x7f]/;
const isAscii = (text: string) => !nonAscii.test(text);

/**
 * Parses the text of a NACHA file (decode the bytes first: see decodeNachaText). Returns the typed file
 * with its warnings, or the first error, which names the line, the record type ('1', '5', '6', '7', '8',
 * '9') and the NACHA field at fault.
 *
 * @example
 * const result = parseNachaFile(text);
 * if (!result.ok) console.error(`line ${result.lineNumber}, record ${result.recordType}, ${result.field}: ${result.message}`);
 */
export function parseNachaFile(text: string, options: ParseNachaOptions = {}): NachaResult<NachaFile> {
  const addendaOptions = { customReturnCodes: options.customReturnCodes === true };
  const warnings: NachaWarning[] = [];
  const warn = (warning: NachaWarning) => warnings.push(warning);

  let fileHeader: NachaFileHeader | null = null;
  let fileControl: NachaFileControl | null = null;
  let fileLayout: 'standard' | 'adv' | null = null;
  const batches: NachaBatch[] = [];
  let open: OpenBatch | null = null;
  let recordCount = 0;
  let lastLineNumber = 0;
  let previousBatchNumber = 0;

  const fail = (code: NachaErrorCode, message: string, where: { lineNumber: number; recordType: NachaRecordType; field: string; position?: number }): NachaError =>
    buildNachaError(code, message, where);

  const expectedRecordType = (): NachaRecordType => {
    if (fileHeader === null) return '1';
    if (fileControl !== null) return '9';
    return open === null ? '5' : '6';
  };

  /** An entry whose Addenda Record Indicator is 1 must be followed by its addenda; IAT entries by 10-16. */
  const closeEntry = (nextLineNumber: number): NachaError | null => {
    const entry = open?.entries.at(-1);
    if (open === null || entry === undefined) return null;
    if (entry.addendaRecordIndicator === 1 && entry.addenda.length === 0) {
      return fail('addenda_indicator_mismatch', `the entry detail at line ${entry.lineNumber} has Addenda Record Indicator 1 but no addenda record follows it`,
        { lineNumber: entry.lineNumber, recordType: '6', field: 'Addenda Record Indicator', position: 79 });
    }
    if (open.layout === 'iat' && entry.addenda.length < 7) {
      const missing = String(10 + entry.addenda.length);
      return fail('missing_value', `the IAT entry at line ${entry.lineNumber} lacks its addenda ${missing}: addenda 10-16 are mandatory`,
        { lineNumber: nextLineNumber, recordType: '7', field: 'Addenda Type Code', position: 2 });
    }
    return null;
  };

  const warnOnce = (batch: OpenBatch, code: NachaWarningCode, message: string, lineNumber: number, recordType: NachaRecordType, field: string) => {
    if (batch.warned.has(code)) return;
    batch.warned.add(code);
    warn({ code, message, lineNumber, recordType, field });
  };

  const seenTraceNumbers = new Set<string>();

  const acceptEntry = (batch: OpenBatch, entry: AnyEntry): NachaError | null => {
    const serviceClass = batch.header.serviceClassCode;
    const direction = transactionDirection(entry.transactionCode);
    if ((serviceClass === '220' && direction === 'debit') || (serviceClass === '225' && direction === 'credit')) {
      return fail('transaction_code_not_allowed',
        `Transaction Code ${entry.transactionCode} is a ${direction}, but the batch header at line ${batch.header.lineNumber} has Service Class Code ${serviceClass} (${serviceClass === '220' ? 'credits' : 'debits'} only)`,
        { lineNumber: entry.lineNumber, recordType: '6', field: 'Transaction Code', position: 2 });
    }
    if (direction === 'debit') batch.totalDebitMinor += entry.amountMinor;
    else batch.totalCreditMinor += entry.amountMinor;
    batch.entryHash = addToEntryHash(batch.entryHash, entry.receivingDfiIdentification);
    batch.entries.push(entry);
    if ('traceNumber' in entry) {
      // NACHA: a trace number is the ODFI's routing prefix and an ascending sequence, unique in the file.
      const trace = entry.traceNumber;
      if (!trace.startsWith(batch.header.originatingDfiIdentification)) {
        warnOnce(batch, 'trace_number_not_from_odfi', `trace number ${trace} does not start with the batch's Originating DFI Identification ${batch.header.originatingDfiIdentification}`, entry.lineNumber, '6', 'Trace Number');
      }
      if (batch.previousTraceNumber !== null && trace <= batch.previousTraceNumber) {
        warnOnce(batch, 'trace_numbers_not_ascending', `trace number ${trace} does not follow ${batch.previousTraceNumber} in ascending order`, entry.lineNumber, '6', 'Trace Number');
      }
      if (seenTraceNumbers.has(trace)) {
        warnOnce(batch, 'duplicate_trace_number', `trace number ${trace} appears twice in the file`, entry.lineNumber, '6', 'Trace Number');
      }
      seenTraceNumbers.add(trace);
      batch.previousTraceNumber = trace;
    }
    return null;
  };

  const acceptAddenda = (batch: OpenBatch, entry: AnyEntry, addenda: NachaAddenda, record: NachaRecord): NachaError | null => {
    const where = { lineNumber: record.lineNumber, recordType: '7' as const, field: 'Addenda Type Code', position: 2 };
    const sec = batch.header.standardEntryClassCode;
    if (batch.layout === 'adv') return fail('addenda_not_allowed', 'ADV entries carry no addenda records', where);
    if (batch.layout === 'iat') {
      const count = entry.addenda.length;
      const types = entry.addenda.map((previous) => previous.typeCode);
      const closed = types.includes('98') || types.includes('99');
      const allowed =
        count < 7 ? addenda.typeCode === String(10 + count)
          : !closed && ((addenda.typeCode === '17' && !types.includes('18') && types.filter((type) => type === '17').length < 2)
            || (addenda.typeCode === '18' && types.filter((type) => type === '18').length < 5)
            || addenda.typeCode === '98' || addenda.typeCode === '99');
      if (!allowed) {
        const expected = count < 7 ? `addenda ${10 + count}` : 'addenda 17 (two at most), 18 (five at most), 98 or 99';
        return fail('addenda_not_allowed', `addenda ${addenda.typeCode} is out of place in an IAT entry: expected ${expected}`, where);
      }
    } else {
      const type = addenda.typeCode;
      const permitted =
        type === '99' ? true
          : type === '98' ? sec === 'COR'
            : type === '02' ? terminalSecCodes.has(sec)
              : type === '05' ? sec !== 'COR' && !terminalSecCodes.has(sec)
                : false;
      if (!permitted) return fail('addenda_not_allowed', `addenda ${type} is not allowed in a ${sec} batch`, where);
      const many = type === '05' && multipleAddendaSecCodes.has(sec) && entry.addenda.every((previous) => previous.typeCode === '05');
      if (entry.addenda.length > 0 && !many) {
        return fail('addenda_not_allowed', `the entry detail at line ${entry.lineNumber} already has an addenda record; ${sec} entries carry one`, where);
      }
    }
    if ('traceNumber' in entry) {
      const sequence = entry.traceNumber.slice(-7);
      const claimed = addenda.typeCode === '05' ? addenda.entryDetailSequenceNumber
        : 'fields' in addenda ? addenda.fields['Entry Detail Sequence Number'] : undefined;
      if (claimed !== undefined && claimed !== sequence) {
        warnOnce(batch, 'addenda_sequence_mismatch', `addenda Entry Detail Sequence Number ${claimed} is not the last 7 digits of its entry's trace number ${entry.traceNumber}`, record.lineNumber, '7', 'Entry Detail Sequence Number');
      }
    }
    entry.addenda.push(addenda);
    batch.addendaCount += 1;
    return null;
  };

  const closeBatch = (batch: OpenBatch, control: NachaBatchControl): NachaError | null => {
    const at = (field: string, position: number) => ({ lineNumber: control.lineNumber, recordType: '8' as const, field, position });
    const header = batch.header;
    if (control.serviceClassCode !== header.serviceClassCode) {
      return fail('header_control_mismatch', `Service Class Code ${control.serviceClassCode} differs from ${header.serviceClassCode} in the batch header at line ${header.lineNumber}`, at('Service Class Code', 2));
    }
    const count = batch.entries.length + batch.addendaCount;
    if (control.entryAddendaCount !== count) {
      return fail('control_total_mismatch', `Entry/Addenda Count is ${control.entryAddendaCount}, but the batch holds ${batch.entries.length} entries and ${batch.addendaCount} addenda (${count})`, at('Entry/Addenda Count', 5));
    }
    if (control.entryHash !== batch.entryHash) {
      return fail('control_total_mismatch', `Entry Hash is ${control.entryHash}, but the Receiving DFI Identifications of the batch sum to ${batch.entryHash} (last 10 digits)`, at('Entry Hash', 11));
    }
    if (control.totalDebitMinor !== batch.totalDebitMinor) {
      return fail('control_total_mismatch', `Total Debit Entry Dollar Amount is ${control.totalDebitMinor} cents, but the debit entries sum to ${batch.totalDebitMinor}`, at('Total Debit Entry Dollar Amount', 21));
    }
    if (control.totalCreditMinor !== batch.totalCreditMinor) {
      const position = batch.layout === 'adv' ? 41 : 33;
      return fail('control_total_mismatch', `Total Credit Entry Dollar Amount is ${control.totalCreditMinor} cents, but the credit entries sum to ${batch.totalCreditMinor}`, at('Total Credit Entry Dollar Amount', position));
    }
    if (batch.layout === 'standard' && 'companyIdentification' in header && control.companyIdentification !== header.companyIdentification) {
      return fail('header_control_mismatch', `Company Identification "${control.companyIdentification}" differs from "${header.companyIdentification}" in the batch header at line ${header.lineNumber}`, at('Company Identification', 45));
    }
    if (control.originatingDfiIdentification !== header.originatingDfiIdentification) {
      return fail('header_control_mismatch', `Originating DFI Identification ${control.originatingDfiIdentification} differs from ${header.originatingDfiIdentification} in the batch header at line ${header.lineNumber}`, at('Originating DFI Identification', 80));
    }
    if (control.batchNumber !== header.batchNumber) {
      return fail('header_control_mismatch', `Batch Number ${control.batchNumber} differs from ${header.batchNumber} in the batch header at line ${header.lineNumber}`, at('Batch Number', 88));
    }
    // The layout chose the header and entry readers when the batch opened, so header and entries match it.
    batches.push({ layout: batch.layout, header, entries: batch.entries, control } as NachaBatch);
    return null;
  };

  const checkFileControl = (control: NachaFileControl): NachaError | null => {
    const adv = fileLayout === 'adv';
    const at = (field: string, position: number) => ({ lineNumber: control.lineNumber, recordType: '9' as const, field, position });
    if (control.batchCount !== batches.length) {
      return fail('control_total_mismatch', `Batch Count is ${control.batchCount}, but the file holds ${batches.length} batches`, at('Batch Count', 2));
    }
    const blocks = Math.ceil(recordCount / blockingFactor);
    if (control.blockCount !== blocks) {
      return fail('control_total_mismatch', `Block Count is ${control.blockCount}, but ${recordCount} records make ${blocks} blocks of ${blockingFactor}`, at('Block Count', 8));
    }
    const count = batches.reduce((sum, batch) => sum + batch.control.entryAddendaCount, 0);
    if (control.entryAddendaCount !== count) {
      return fail('control_total_mismatch', `Entry/Addenda Count is ${control.entryAddendaCount}, but the batches hold ${count} entries and addenda`, at('Entry/Addenda Count', 14));
    }
    const entryHash = sumEntryHashes(batches.map((batch) => batch.control.entryHash));
    if (control.entryHash !== entryHash) {
      return fail('control_total_mismatch', `Entry Hash is ${control.entryHash}, but the batches' entry hashes sum to ${entryHash} (last 10 digits)`, at('Entry Hash', 22));
    }
    const debit = batches.reduce((sum, batch) => sum + batch.control.totalDebitMinor, 0n);
    if (control.totalDebitMinor !== debit) {
      return fail('control_total_mismatch', `Total Debit Entry Dollar Amount in File is ${control.totalDebitMinor} cents, but the batches' debits sum to ${debit}`, at('Total Debit Entry Dollar Amount in File', 32));
    }
    const credit = batches.reduce((sum, batch) => sum + batch.control.totalCreditMinor, 0n);
    if (control.totalCreditMinor !== credit) {
      return fail('control_total_mismatch', `Total Credit Entry Dollar Amount in File is ${control.totalCreditMinor} cents, but the batches' credits sum to ${credit}`, at('Total Credit Entry Dollar Amount in File', adv ? 52 : 44));
    }
    return null;
  };

  for (const line of splitLines(text)) {
    if (line.text.trim() === '') {
      if (line.text !== '') warn({ code: 'blank_line', message: `line ${line.lineNumber} holds only blanks`, lineNumber: line.lineNumber, recordType: expectedRecordType(), field: 'Record Type Code' });
      continue;
    }
    lastLineNumber = line.lineNumber;
    const characters: string | readonly string[] = isAscii(line.text) ? line.text : Array.from(line.text);
    const typeCharacter = characters[0] ?? '';
    if (!recordTypes.has(typeCharacter)) {
      return fail('unknown_record_type', `line ${line.lineNumber} starts with "${typeCharacter}", which is not a record type (1, 5, 6, 7, 8 or 9)`,
        { lineNumber: line.lineNumber, recordType: expectedRecordType(), field: 'Record Type Code', position: 1 });
    }
    const recordType = typeCharacter as NachaRecordType;
    const length = characters.length;
    const isFiller = typeof characters === 'string' && characters === fillerRecord;
    if (length !== recordLength) {
      // Tools that strip trailing blanks shorten the file header and file control; such a line ends in a
      // non-blank and is restored by padding. A short line that still ends in blanks, or a long one, was cut or joined.
      const trimmed = length < recordLength && !/ $/.test(line.text) && !/^9+$/.test(line.text);
      if (!trimmed) {
        return fail('wrong_record_size',
          `the ${describeRecord(recordType)} at line ${line.lineNumber} is ${length} characters long; NACHA records are ${recordLength}${length < recordLength ? ' (it ends in blanks, so it was cut short rather than trimmed)' : ''}`,
          { lineNumber: line.lineNumber, recordType, field: 'Record Size', position: Math.min(length, recordLength) + 1 });
      }
    }
    const padded = length < recordLength
      ? (typeof characters === 'string' ? characters.padEnd(recordLength, ' ') : [...characters, ...Array<string>(recordLength - length).fill(' ')])
      : characters;
    const record: NachaRecord = { lineNumber: line.lineNumber, recordType, characters: padded };

    if (fileControl !== null) {
      if (isFiller) continue;
      return fail('unexpected_record', `line ${line.lineNumber} follows the file control record (line ${fileControl.lineNumber}); only 9-filler lines may`,
        { lineNumber: line.lineNumber, recordType, field: 'Record Type Code', position: 1 });
    }
    if (fileHeader === null && recordType !== '1') {
      return fail('missing_file_header', `the file must start with a file header record ('1'); line ${line.lineNumber} is a ${describeRecord(recordType)}`,
        { lineNumber: line.lineNumber, recordType, field: 'Record Type Code', position: 1 });
    }

    switch (recordType) {
      case '1': {
        if (fileHeader !== null) {
          return fail('unexpected_record', `a second file header record at line ${line.lineNumber} (the first is at line ${fileHeader.lineNumber}); one file per text`,
            { lineNumber: line.lineNumber, recordType, field: 'Record Type Code', position: 1 });
        }
        const header = readFileHeader(record, warn);
        if (!header.ok) return header;
        fileHeader = header.value;
        break;
      }
      case '5': {
        if (open !== null) {
          return fail('missing_batch_control', `the batch header at line ${line.lineNumber} opens a batch while the batch opened at line ${open.header.lineNumber} has no batch control record ('8')`,
            { lineNumber: line.lineNumber, recordType, field: 'Record Type Code', position: 1 });
        }
        const iat = isIatBatchHeader(record);
        const header = iat ? readIatBatchHeader(record) : readBatchHeader(record);
        if (!header.ok) return header;
        const layout = iat ? 'iat' : header.value.standardEntryClassCode === 'ADV' ? 'adv' : 'standard';
        const batchFileLayout = layout === 'adv' ? 'adv' : 'standard';
        if (fileLayout !== null && fileLayout !== batchFileLayout) {
          return fail('invalid_value', `an ADV file holds ADV batches only, and ADV batches go in ADV files; the ${header.value.standardEntryClassCode} batch at line ${line.lineNumber} mixes them`,
            { lineNumber: line.lineNumber, recordType, field: 'Standard Entry Class Code', position: 51 });
        }
        fileLayout = batchFileLayout;
        if (header.value.batchNumber <= previousBatchNumber) {
          warn({ code: 'batch_numbers_not_ascending', message: `Batch Number ${header.value.batchNumber} does not follow ${previousBatchNumber} in ascending order`, lineNumber: line.lineNumber, recordType, field: 'Batch Number' });
        }
        previousBatchNumber = header.value.batchNumber;
        open = { layout, header: header.value, entries: [], addendaCount: 0, entryHash: 0, totalDebitMinor: 0n, totalCreditMinor: 0n, warned: new Set(), previousTraceNumber: null };
        break;
      }
      case '6': {
        if (open === null) {
          return fail('unexpected_record', `the entry detail record at line ${line.lineNumber} is outside a batch (no batch header before it)`,
            { lineNumber: line.lineNumber, recordType, field: 'Record Type Code', position: 1 });
        }
        const problem = closeEntry(line.lineNumber);
        if (problem) return problem;
        const entry = open.layout === 'iat' ? readIatEntry(record) : open.layout === 'adv' ? readAdvEntry(record) : readEntry(record, open.header.standardEntryClassCode);
        if (!entry.ok) return entry;
        const refused = acceptEntry(open, entry.value);
        if (refused) return refused;
        break;
      }
      case '7': {
        const entry = open?.entries.at(-1);
        if (open === null || entry === undefined) {
          return fail('addenda_outside_entry', `the addenda record at line ${line.lineNumber} does not follow an entry detail record`,
            { lineNumber: line.lineNumber, recordType, field: 'Record Type Code', position: 1 });
        }
        if (entry.addendaRecordIndicator === 0) {
          return fail('addenda_indicator_mismatch', `the entry detail at line ${entry.lineNumber} has Addenda Record Indicator 0, but an addenda record follows it at line ${line.lineNumber}`,
            { lineNumber: entry.lineNumber, recordType: '6', field: 'Addenda Record Indicator', position: 79 });
        }
        const addenda = readAddenda(record, addendaOptions);
        if (!addenda.ok) return addenda;
        const refused = acceptAddenda(open, entry, addenda.value, record);
        if (refused) return refused;
        break;
      }
      case '8': {
        if (open === null) {
          return fail('unexpected_record', `the batch control record at line ${line.lineNumber} closes no batch`,
            { lineNumber: line.lineNumber, recordType, field: 'Record Type Code', position: 1 });
        }
        if (open.entries.length === 0) {
          return fail('unexpected_record', `the batch opened at line ${open.header.lineNumber} closes at line ${line.lineNumber} without any entry detail record; a batch holds at least one entry`,
            { lineNumber: line.lineNumber, recordType, field: 'Record Type Code', position: 1 });
        }
        const problem = closeEntry(line.lineNumber);
        if (problem) return problem;
        const control = readBatchControl(record, open.layout);
        if (!control.ok) return control;
        const mismatch = closeBatch(open, control.value);
        if (mismatch) return mismatch;
        open = null;
        break;
      }
      case '9': {
        if (open !== null) {
          return fail('missing_batch_control', `the file control record at line ${line.lineNumber} comes while the batch opened at line ${open.header.lineNumber} has no batch control record ('8')`,
            { lineNumber: line.lineNumber, recordType, field: 'Record Type Code', position: 1 });
        }
        if (isFiller) {
          return fail('missing_file_control', `line ${line.lineNumber} is block filler, but no file control record came before it`,
            { lineNumber: line.lineNumber, recordType, field: 'Record Type Code', position: 1 });
        }
        recordCount += 1;
        const control = readFileControl(record, fileLayout ?? 'standard');
        if (!control.ok) return control;
        fileControl = control.value;
        const mismatch = checkFileControl(control.value);
        if (mismatch) return mismatch;
        continue;
      }
    }
    recordCount += 1;
  }

  if (fileHeader === null) {
    return fail('empty_file', 'the file holds no records', { lineNumber: 1, recordType: '1', field: 'Record Type Code', position: 1 });
  }
  if (open !== null) {
    const problem = closeEntry(lastLineNumber + 1);
    if (problem) return problem;
    return fail('missing_batch_control', `the file ends after line ${lastLineNumber} while the batch opened at line ${open.header.lineNumber} has no batch control record ('8')`,
      { lineNumber: lastLineNumber + 1, recordType: '8', field: 'Record Type Code', position: 1 });
  }
  if (fileControl === null) {
    return fail('missing_file_control', `the file ends after line ${lastLineNumber} without a file control record ('9')`,
      { lineNumber: lastLineNumber + 1, recordType: '9', field: 'Record Type Code', position: 1 });
  }
  return { ok: true, value: { header: fileHeader, batches, control: fileControl, recordCount, warnings } };
}
