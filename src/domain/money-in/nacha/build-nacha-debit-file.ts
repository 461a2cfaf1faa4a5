// Writes a NACHA file of PPD or WEB debits (plan installments collected from debtors' accounts): one
// file header, batches of service class 225 (debits only), a file control, and 9-filler lines up to a
// whole block of ten records. Control totals, entry hashes, counts and trace numbers are computed here, so
// whatever this builds reads back through parseNachaFile with the same amounts and matching controls.
import { assert, fail, ok, type Failure, type Success } from '../../shared/result.ts';
import { computeEntryHash, sumEntryHashes } from './compute-entry-hash.ts';
import { isValidRoutingNumber } from './compute-routing-check-digit.ts';

export type NachaDebitEntryInput = {
  /** 9 digits, check digit included. */
  rdfiRoutingNumber: string;
  accountNumber: string;
  amountMinor: bigint;
  individualId?: string;
  /** Truncated to the 22 characters of the field; accents are dropped (José → Jose). */
  individualName: string;
  /** 27 debit to a checking account, 37 debit to a savings account. */
  transactionCode: '27' | '37';
  /** 15 digits starting with the batch's originating DFI; assigned in sequence when absent. */
  traceNumber?: string;
  /** WEB only: R recurring (a payment plan), S single. */
  paymentTypeCode?: 'R' | 'S';
};

export type NachaDebitBatchInput = {
  secCode: 'PPD' | 'WEB';
  companyName: string;
  /** Company Identification, usually '1' and the originator's EIN. */
  companyId: string;
  companyDiscretionaryData?: string;
  /** Shown on the debtor's bank statement, e.g. 'PAYMENT'. */
  entryDescription: string;
  companyDescriptiveDate?: string;
  /** 'YYYY-MM-DD': the banking day the debtor is to be debited. */
  effectiveEntryDate: string;
  /** The first 8 digits of the originating bank's routing number. */
  originatingDfi: string;
  entries: NachaDebitEntryInput[];
};

export type NachaDebitFileInput = {
  /** 9-digit routing number of the bank (or ACH operator) that receives the file. */
  immediateDestination: string;
  /** 9-digit routing number, or the 10-digit identifier the bank assigned to the originator. */
  immediateOrigin: string;
  immediateDestinationName: string;
  immediateOriginName: string;
  /** 'YYYY-MM-DD' and 'HH:MM': passed in, since the domain never reads the clock. */
  fileCreationDate: string;
  fileCreationTime: string;
  /** A-Z or 0-9, different for each file sent the same day; 'A' when absent. */
  fileIdModifier?: string;
  referenceCode?: string;
  /** Sequence of the first generated trace number (1 when absent); continue it across files of one day. */
  firstTraceSequence?: number;
  /** '\n' when absent; banks accept either. */
  lineEnding?: '\n' | '\r\n';
  batches: NachaDebitBatchInput[];
};

export type NachaBuiltBatch = { batchNumber: number; entryHash: number; totalDebitMinor: bigint; traceNumbers: string[] };

export type NachaDebitFile = {
  text: string;
  batches: NachaBuiltBatch[];
  entryCount: number;
  blockCount: number;
  entryHash: number;
  totalDebitMinor: bigint;
};

export type NachaBuildErrorCode =
  | 'missing_value' | 'value_too_long' | 'unsupported_character' | 'invalid_routing_number' | 'invalid_check_digit'
  | 'invalid_amount' | 'invalid_date' | 'invalid_time' | 'invalid_value' | 'invalid_trace_number' | 'limit_exceeded';

/** Why the file could not be built: a code, a message, and the input field at fault (`batches[0].entries[2].amountMinor`). */
export type NachaBuildError = Failure<NachaBuildErrorCode> & { field: string };

const recordLength = 94;
const blockingFactor = 10;
/** The Amount field holds 10 digits: $99,999,999.99. */
const entryAmountMaximumMinor = 9_999_999_999n;
/** Control totals hold 12 digits. */
const totalAmountMaximumMinor = 999_999_999_999n;
const traceSequenceMaximum = 9_999_999;

const letterReplacements: Readonly<Record<string, string>> = {
  ß: 'ss', Æ: 'AE', æ: 'ae', Ø: 'O', ø: 'o', Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Œ: 'OE', œ: 'oe', Þ: 'TH', þ: 'th', Ð: 'D', ð: 'd', ı: 'i',
};

const refuse = (code: NachaBuildErrorCode, message: string, field: string): NachaBuildError => fail(code, message, field) as NachaBuildError;

/** Printable ASCII for text the debtor's bank will show (accents removed, a few letters spelled out), or null. */
function toBankText(value: string): string | null {
  const spelled = Array.from(value.trim().normalize('NFD').replace(/\p{M}/gu, ''), (character) => letterReplacements[character] ?? character).join('');
  return /^[\x20-\x7e]*$/.test(spelled) ? spelled : null;
}

type TextRules = { required?: boolean; truncate?: boolean };

function checkText(value: string | undefined, width: number, field: string, rules: TextRules = {}): NachaBuildError | null {
  const cleaned = toBankText(value ?? '');
  if (cleaned === null) return refuse('unsupported_character', `${field} "${value}" holds characters NACHA files cannot carry; give a Latin-script spelling`, field);
  if (rules.required === true && cleaned === '') return refuse('missing_value', `${field} is required`, field);
  if (cleaned.length > width && rules.truncate !== true) {
    return refuse('value_too_long', `${field} "${cleaned}" is longer than the ${width} characters of its NACHA field`, field);
  }
  return null;
}

/** A checked text value, left-justified in its field; only fields checked with `truncate` can be cut here. */
function formatText(value: string | undefined, width: number): string {
  const cleaned = toBankText(value ?? '');
  assert(cleaned !== null, 'text is checked before it is formatted');
  return cleaned.slice(0, width).trimEnd().padEnd(width, ' ');
}

function digits(value: bigint | number, width: number): string {
  const written = String(value);
  assert(written.length <= width, `${written} fits ${width} digits`);
  return written.padStart(width, '0');
}

/** 'YYYY-MM-DD' of this century as NACHA's YYMMDD, or null when it is not such a date. */
function toYymmdd(value: string): string | null {
  const match = /^20(\d\d)-(\d\d)-(\d\d)$/.exec(value);
  if (match === null) return null;
  const date = new Date(Date.UTC(Number(value.slice(0, 4)), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value ? `${match[1]}${match[2]}${match[3]}` : null;
}

function checkDate(value: string, field: string): NachaBuildError | null {
  return toYymmdd(value) === null ? refuse('invalid_date', `${field} "${value}" is not a date 'YYYY-MM-DD' between 2000 and 2099`, field) : null;
}

function checkRoutingNumber(value: string, field: string): NachaBuildError | null {
  if (!/^\d{9}$/.test(value)) return refuse('invalid_routing_number', `${field} "${value}" is not a 9-digit routing number`, field);
  if (!isValidRoutingNumber(value)) return refuse('invalid_check_digit', `${field} ${value} fails the routing number check digit (ABA weights 3, 7, 1)`, field);
  return null;
}

function checkFileHeader(input: NachaDebitFileInput): NachaBuildError | null {
  const modifier = input.fileIdModifier ?? 'A';
  return checkRoutingNumber(input.immediateDestination, 'immediateDestination')
    ?? (/^(\d{9}|\d{10})$/.test(input.immediateOrigin) ? null
      : refuse('invalid_value', `immediateOrigin "${input.immediateOrigin}" must be a 9-digit routing number or a 10-digit identifier`, 'immediateOrigin'))
    ?? checkDate(input.fileCreationDate, 'fileCreationDate')
    ?? (/^([01]\d|2[0-3]):[0-5]\d$/.test(input.fileCreationTime) ? null
      : refuse('invalid_time', `fileCreationTime "${input.fileCreationTime}" is not a time 'HH:MM'`, 'fileCreationTime'))
    ?? (/^[A-Z0-9]$/.test(modifier) ? null : refuse('invalid_value', `fileIdModifier "${modifier}" must be one upper-case letter or digit`, 'fileIdModifier'))
    ?? checkText(input.immediateDestinationName, 23, 'immediateDestinationName')
    ?? checkText(input.immediateOriginName, 23, 'immediateOriginName')
    ?? checkText(input.referenceCode, 8, 'referenceCode');
}

function checkBatchHeader(batch: NachaDebitBatchInput, path: string): NachaBuildError | null {
  if (batch.secCode !== 'PPD' && batch.secCode !== 'WEB') return refuse('invalid_value', `${path}.secCode must be PPD or WEB`, `${path}.secCode`);
  if (!/^\d{8}$/.test(batch.originatingDfi)) {
    return refuse('invalid_value', `${path}.originatingDfi "${batch.originatingDfi}" must be the 8 digits of a routing number without its check digit`, `${path}.originatingDfi`);
  }
  if (batch.entries.length === 0) return refuse('missing_value', `${path} has no entries; a batch needs at least one`, `${path}.entries`);
  if (batch.entries.length > 999_999) return refuse('limit_exceeded', `${path} holds more than 999,999 entries (Entry/Addenda Count has 6 digits)`, `${path}.entries`);
  return checkText(batch.companyName, 16, `${path}.companyName`, { required: true })
    ?? checkText(batch.companyId, 10, `${path}.companyId`, { required: true })
    ?? checkText(batch.companyDiscretionaryData, 20, `${path}.companyDiscretionaryData`)
    ?? checkText(batch.entryDescription, 10, `${path}.entryDescription`, { required: true })
    ?? checkText(batch.companyDescriptiveDate, 6, `${path}.companyDescriptiveDate`)
    ?? checkDate(batch.effectiveEntryDate, `${path}.effectiveEntryDate`);
}

function checkEntry(entry: NachaDebitEntryInput, secCode: 'PPD' | 'WEB', at: string): NachaBuildError | null {
  const routing = checkRoutingNumber(entry.rdfiRoutingNumber, `${at}.rdfiRoutingNumber`);
  if (routing) return routing;
  if (entry.transactionCode !== '27' && entry.transactionCode !== '37') {
    return refuse('invalid_value', `${at}.transactionCode must be 27 (checking debit) or 37 (savings debit)`, `${at}.transactionCode`);
  }
  if (typeof entry.amountMinor !== 'bigint' || entry.amountMinor <= 0n || entry.amountMinor > entryAmountMaximumMinor) {
    return refuse('invalid_amount', `${at}.amountMinor must be from 1 to ${entryAmountMaximumMinor} cents ($99,999,999.99)`, `${at}.amountMinor`);
  }
  // An account number is copied, never transliterated or cut: a changed one would debit someone else.
  const account = entry.accountNumber.trim();
  if (account === '') return refuse('missing_value', `${at}.accountNumber is required`, `${at}.accountNumber`);
  if (!/^[\x20-\x7e]+$/.test(account)) return refuse('unsupported_character', `${at}.accountNumber holds characters other than printable ASCII`, `${at}.accountNumber`);
  if (account.length > 17) return refuse('value_too_long', `${at}.accountNumber is longer than the 17 characters of its NACHA field`, `${at}.accountNumber`);
  if (secCode === 'WEB' && entry.paymentTypeCode !== 'R' && entry.paymentTypeCode !== 'S') {
    return refuse('missing_value', `${at}.paymentTypeCode must be R (recurring) or S (single) in a WEB batch`, `${at}.paymentTypeCode`);
  }
  if (secCode === 'PPD' && entry.paymentTypeCode !== undefined) return refuse('invalid_value', `${at}.paymentTypeCode belongs to WEB entries only`, `${at}.paymentTypeCode`);
  return checkText(entry.individualId, 15, `${at}.individualId`)
    ?? checkText(entry.individualName, 22, `${at}.individualName`, { required: true, truncate: true });
}

/**
 * Trace numbers of every entry, generated in sequence where the input gives none: the ODFI's 8 digits and
 * a 7-digit sequence that runs on across batches, so no two entries of the file share one.
 */
function assignTraceNumbers(input: NachaDebitFileInput): { ok: true; traceNumbers: string[][] } | NachaBuildError {
  const firstTraceSequence = input.firstTraceSequence ?? 1;
  if (!Number.isInteger(firstTraceSequence) || firstTraceSequence < 1 || firstTraceSequence > traceSequenceMaximum) {
    return refuse('invalid_value', `firstTraceSequence must be an integer from 1 to ${traceSequenceMaximum}`, 'firstTraceSequence');
  }
  let sequence = firstTraceSequence;
  const used = new Set<string>();
  const traceNumbers: string[][] = [];
  for (const [batchIndex, batch] of input.batches.entries()) {
    const batchTraceNumbers: string[] = [];
    for (const [entryIndex, entry] of batch.entries.entries()) {
      const field = `batches[${batchIndex}].entries[${entryIndex}].traceNumber`;
      if (entry.traceNumber === undefined && sequence > traceSequenceMaximum) return refuse('limit_exceeded', `trace sequence numbers run past ${traceSequenceMaximum}`, field);
      const traceNumber = entry.traceNumber ?? batch.originatingDfi + digits(sequence, 7);
      sequence += 1;
      if (!/^\d{15}$/.test(traceNumber) || !traceNumber.startsWith(batch.originatingDfi)) {
        return refuse('invalid_trace_number', `${field} "${traceNumber}" must be 15 digits starting with the originating DFI ${batch.originatingDfi}`, field);
      }
      const previous = batchTraceNumbers.at(-1);
      if (used.has(traceNumber) || (previous !== undefined && traceNumber <= previous)) {
        return refuse('invalid_trace_number', `${field} ${traceNumber} must be unique in the file and ascending in its batch`, field);
      }
      used.add(traceNumber);
      batchTraceNumbers.push(traceNumber);
    }
    traceNumbers.push(batchTraceNumbers);
  }
  return { ok: true, traceNumbers };
}

function checkInput(input: NachaDebitFileInput): NachaBuildError | null {
  const header = checkFileHeader(input);
  if (header) return header;
  if (input.batches.length === 0) return refuse('missing_value', 'a file needs at least one batch', 'batches');
  if (input.batches.length > 999_999) return refuse('limit_exceeded', 'a file holds at most 999,999 batches (Batch Count has 6 digits)', 'batches');
  let fileDebitMinor = 0n;
  let entryCount = 0;
  for (const [batchIndex, batch] of input.batches.entries()) {
    const path = `batches[${batchIndex}]`;
    const problem = checkBatchHeader(batch, path);
    if (problem) return problem;
    let batchDebitMinor = 0n;
    for (const [entryIndex, entry] of batch.entries.entries()) {
      const entryProblem = checkEntry(entry, batch.secCode, `${path}.entries[${entryIndex}]`);
      if (entryProblem) return entryProblem;
      batchDebitMinor += entry.amountMinor;
    }
    if (batchDebitMinor > totalAmountMaximumMinor) return refuse('limit_exceeded', `${path} debits more than $9,999,999,999.99, the most a batch control can total`, `${path}.entries`);
    fileDebitMinor += batchDebitMinor;
    entryCount += batch.entries.length;
  }
  if (fileDebitMinor > totalAmountMaximumMinor) return refuse('limit_exceeded', 'the file debits more than $9,999,999,999.99, the most a file control can total', 'batches');
  if (entryCount > 99_999_999) return refuse('limit_exceeded', 'the file holds more than 99,999,999 entries', 'batches');
  const recordCount = 2 + input.batches.length * 2 + entryCount;
  if (Math.ceil(recordCount / blockingFactor) > 999_999) return refuse('limit_exceeded', 'the file needs more than 999,999 blocks', 'batches');
  return null;
}

/**
 * Builds the text of a NACHA debit file, or says which input field is wrong. Names of debtors are
 * truncated to their field; every other field that is too long, and every bad routing number, is refused.
 * The result carries the trace number of each entry: returns name the entry by it.
 *
 * @example
 * const built = buildNachaDebitFile({ immediateDestination: '231380104', immediateOrigin: '121042882', ..., batches: [...] });
 * if (built.ok) save(built.value.text, built.value.batches[0].traceNumbers);
 */
export function buildNachaDebitFile(input: NachaDebitFileInput): Success<NachaDebitFile> | NachaBuildError {
  const problem = checkInput(input);
  if (problem) return problem;
  const assigned = assignTraceNumbers(input);
  if (!assigned.ok) return assigned;

  const records: string[] = [];
  const [, hours, minutes] = /^(\d\d):(\d\d)$/.exec(input.fileCreationTime) ?? [];
  records.push('101' + ` ${input.immediateDestination}` + input.immediateOrigin.padStart(10, ' ')
    + toYymmdd(input.fileCreationDate) + hours + minutes + (input.fileIdModifier ?? 'A') + '094' + '10' + '1'
    + formatText(input.immediateDestinationName, 23) + formatText(input.immediateOriginName, 23) + formatText(input.referenceCode, 8));

  const builtBatches: NachaBuiltBatch[] = [];
  let fileDebitMinor = 0n;
  let entryCount = 0;
  for (const [batchIndex, batch] of input.batches.entries()) {
    const batchNumber = batchIndex + 1;
    const companyId = formatText(batch.companyId, 10);
    records.push('5' + '225' + formatText(batch.companyName, 16) + formatText(batch.companyDiscretionaryData, 20) + companyId + batch.secCode
      + formatText(batch.entryDescription, 10) + formatText(batch.companyDescriptiveDate, 6) + toYymmdd(batch.effectiveEntryDate)
      // Settlement date blank (the ACH operator fills it in); originator status 1 (the ODFI is bound by the NACHA rules).
      + '   ' + '1' + batch.originatingDfi + digits(batchNumber, 7));
    const traceNumbers = assigned.traceNumbers[batchIndex] ?? [];
    let batchDebitMinor = 0n;
    for (const [entryIndex, entry] of batch.entries.entries()) {
      batchDebitMinor += entry.amountMinor;
      // WEB: Payment Type Code in the Discretionary Data field (77-78), left-justified.
      const discretionaryData = batch.secCode === 'WEB' ? `${entry.paymentTypeCode ?? ''} ` : '  ';
      records.push('6' + entry.transactionCode + entry.rdfiRoutingNumber + entry.accountNumber.trim().padEnd(17, ' ') + digits(entry.amountMinor, 10)
        + formatText(entry.individualId, 15) + formatText(entry.individualName, 22) + discretionaryData + '0' + (traceNumbers[entryIndex] ?? ''));
    }
    const entryHash = computeEntryHash(batch.entries.map((entry) => entry.rdfiRoutingNumber.slice(0, 8)));
    records.push('8' + '225' + digits(batch.entries.length, 6) + digits(entryHash, 10) + digits(batchDebitMinor, 12) + digits(0, 12)
      + companyId + ' '.repeat(19) + ' '.repeat(6) + batch.originatingDfi + digits(batchNumber, 7));
    builtBatches.push({ batchNumber, entryHash, totalDebitMinor: batchDebitMinor, traceNumbers });
    fileDebitMinor += batchDebitMinor;
    entryCount += batch.entries.length;
  }

  const blockCount = Math.ceil((records.length + 1) / blockingFactor);
  const entryHash = sumEntryHashes(builtBatches.map((batch) => batch.entryHash));
  records.push('9' + digits(builtBatches.length, 6) + digits(blockCount, 6) + digits(entryCount, 8) + digits(entryHash, 10)
    + digits(fileDebitMinor, 12) + digits(0, 12) + ' '.repeat(39));
  while (records.length % blockingFactor !== 0) records.push('9'.repeat(recordLength));
  for (const record of records) assert(record.length === recordLength, `every built record is ${recordLength} characters: ${record}`);

  const lineEnding = input.lineEnding ?? '\n';
  return ok({ text: records.join(lineEnding) + lineEnding, batches: builtBatches, entryCount, blockCount, entryHash, totalDebitMinor: fileDebitMinor });
}
