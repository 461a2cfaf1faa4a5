// Field tables of the 94-character NACHA records (NACHA Operating Rules, Appendix Three), and the one
// function that cuts a record into named fields and checks each field's character class. Positions are
// 1-based and inclusive, as in the rules. Field names are the rules' names: errors quote them.
import type { NachaError, NachaErrorCode, NachaRecordType } from './nacha-file.ts';

/**
 * numeric: digits only. numeric_or_blank: digits, or blanks when the field is optional or filled in later
 * (settlement date, date of death). text: any character from space (0x20) up, except DEL: the rules allow
 * every character above 0x1F, so extended ASCII and UTF-8 letters pass. required_text: text, not all blank.
 * reserved: not looked at (some originators put identifiers there).
 */
export type NachaFieldKind = 'numeric' | 'numeric_or_blank' | 'text' | 'required_text' | 'reserved';

export type NachaFieldSpec<Name extends string = string> = {
  readonly name: Name;
  readonly start: number;
  readonly length: number;
  readonly kind: NachaFieldKind;
};

function field<const Name extends string>(name: Name, start: number, length: number, kind: NachaFieldKind): NachaFieldSpec<Name> {
  return { name, start, length, kind };
}

/** One record of the file: its characters (code points; 94 of them once padded) and where it was. */
export type NachaRecord = {
  lineNumber: number;
  recordType: NachaRecordType;
  /** A string when the record is ASCII; its code points otherwise, so positions count characters, not UTF-16 units. */
  characters: string | readonly string[];
};

export type NachaFields<Layout extends readonly NachaFieldSpec[]> = { readonly [Name in Layout[number]['name']]: string };

export function buildNachaError(
  code: NachaErrorCode,
  message: string,
  where: { lineNumber: number; recordType: NachaRecordType; field: string; position?: number | undefined },
): NachaError {
  const error: NachaError = { ok: false, code, message, lineNumber: where.lineNumber, recordType: where.recordType, field: where.field };
  if (where.position !== undefined) error.position = where.position;
  return error;
}

export function sliceRecord(record: NachaRecord, start: number, length: number): string {
  const { characters } = record;
  return typeof characters === 'string'
    ? characters.slice(start - 1, start - 1 + length)
    : characters.slice(start - 1, start - 1 + length).join('');
}

const recordNames: Readonly<Record<NachaRecordType, string>> = {
  '1': 'file header',
  '5': 'batch header',
  '6': 'entry detail',
  '7': 'addenda',
  '8': 'batch control',
  '9': 'file control',
};

export function describeRecord(recordType: NachaRecordType): string {
  return `${recordNames[recordType]} record ('${recordType}')`;
}

function firstBadCharacter(value: string, isGood: (character: string) => boolean): number {
  let index = 0;
  for (const character of value) {
    if (!isGood(character)) return index;
    index += 1;
  }
  return -1;
}

const isDigit = (character: string) => character >= '0' && character <= '9';
// NACHA: alphanumeric fields may hold any character above hexadecimal 1F. DEL (0x7F) is a control
// character too; C1 controls (0x80-0x9F) only appear when a file was decoded with the wrong code page.
const isTextCharacter = (character: string) => {
  const codePoint = character.codePointAt(0) ?? 0;
  return codePoint >= 0x20 && codePoint !== 0x7f && !(codePoint >= 0x80 && codePoint <= 0x9f);
};

function fieldError(record: NachaRecord, spec: NachaFieldSpec, code: NachaErrorCode, problem: string, position: number): NachaError {
  const label = `${spec.name} (positions ${spec.start}-${spec.start + spec.length - 1}) of the ${describeRecord(record.recordType)}`;
  return buildNachaError(code, `${label} ${problem}`, { lineNumber: record.lineNumber, recordType: record.recordType, field: spec.name, position });
}

const allDigits = /^\d+$/;
const allBlanks = /^ +$/;
const noControlCharacters = /^[^\x00-\x1f\x7f-\x9f]*$/;

/** Cuts `record` into the fields of `layout`, refusing the first field whose characters break its kind. */
export function readRecordFields<const Layout extends readonly NachaFieldSpec[]>(
  record: NachaRecord,
  layout: Layout,
): { ok: true; fields: NachaFields<Layout> } | NachaError {
  const fields: Record<string, string> = {};
  for (const spec of layout) {
    const value = sliceRecord(record, spec.start, spec.length);
    fields[spec.name] = value;
    if (spec.kind === 'reserved') continue;
    if (spec.kind === 'numeric' || spec.kind === 'numeric_or_blank') {
      if (allDigits.test(value) || (spec.kind === 'numeric_or_blank' && allBlanks.test(value))) continue;
      const bad = firstBadCharacter(value, isDigit);
      if (bad >= 0) {
        return fieldError(record, spec, 'not_numeric', `must be digits, found "${value}"`, spec.start + bad);
      }
      continue;
    }
    const bad = noControlCharacters.test(value) ? -1 : firstBadCharacter(value, isTextCharacter);
    if (bad >= 0) {
      const codePoint = [...value][bad]?.codePointAt(0) ?? 0;
      return fieldError(record, spec, 'invalid_character', `holds the control character U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`, spec.start + bad);
    }
    if (spec.kind === 'required_text' && value.trim() === '') {
      return fieldError(record, spec, 'missing_value', 'is blank', spec.start);
    }
  }
  return { ok: true, fields: fields as NachaFields<Layout> };
}

export const fileHeaderLayout = [
  field('Priority Code', 2, 2, 'numeric'),
  field('Immediate Destination', 4, 10, 'required_text'),
  field('Immediate Origin', 14, 10, 'required_text'),
  field('File Creation Date', 24, 6, 'numeric'),
  field('File Creation Time', 30, 4, 'numeric_or_blank'),
  field('File ID Modifier', 34, 1, 'text'),
  field('Record Size', 35, 3, 'numeric'),
  field('Blocking Factor', 38, 2, 'numeric'),
  field('Format Code', 40, 1, 'numeric'),
  field('Immediate Destination Name', 41, 23, 'text'),
  field('Immediate Origin Name', 64, 23, 'text'),
  field('Reference Code', 87, 8, 'text'),
] as const;

export const batchHeaderLayout = [
  field('Service Class Code', 2, 3, 'numeric'),
  field('Company Name', 5, 16, 'required_text'),
  field('Company Discretionary Data', 21, 20, 'text'),
  field('Company Identification', 41, 10, 'required_text'),
  field('Standard Entry Class Code', 51, 3, 'required_text'),
  field('Company Entry Description', 54, 10, 'required_text'),
  field('Company Descriptive Date', 64, 6, 'text'),
  field('Effective Entry Date', 70, 6, 'numeric'),
  field('Settlement Date', 76, 3, 'numeric_or_blank'),
  field('Originator Status Code', 79, 1, 'numeric'),
  field('Originating DFI Identification', 80, 8, 'numeric'),
  field('Batch Number', 88, 7, 'numeric'),
] as const;

export const iatBatchHeaderLayout = [
  field('Service Class Code', 2, 3, 'numeric'),
  field('IAT Indicator', 5, 16, 'text'),
  field('Foreign Exchange Indicator', 21, 2, 'required_text'),
  field('Foreign Exchange Reference Indicator', 23, 1, 'numeric'),
  field('Foreign Exchange Reference', 24, 15, 'text'),
  field('ISO Destination Country Code', 39, 2, 'required_text'),
  field('Originator Identification', 41, 10, 'required_text'),
  field('Standard Entry Class Code', 51, 3, 'required_text'),
  field('Company Entry Description', 54, 10, 'required_text'),
  field('ISO Originating Currency Code', 64, 3, 'required_text'),
  field('ISO Destination Currency Code', 67, 3, 'required_text'),
  field('Effective Entry Date', 70, 6, 'numeric'),
  field('Settlement Date', 76, 3, 'numeric_or_blank'),
  field('Originator Status Code', 79, 1, 'numeric'),
  field('Originating DFI Identification', 80, 8, 'numeric'),
  field('Batch Number', 88, 7, 'numeric'),
] as const;

export const entryDetailLayout = [
  field('Transaction Code', 2, 2, 'numeric'),
  field('Receiving DFI Identification', 4, 8, 'numeric'),
  field('Check Digit', 12, 1, 'numeric'),
  field('DFI Account Number', 13, 17, 'required_text'),
  field('Amount', 30, 10, 'numeric'),
  field('Individual Identification Number', 40, 15, 'text'),
  field('Individual Name', 55, 22, 'text'),
  field('Discretionary Data', 77, 2, 'text'),
  field('Addenda Record Indicator', 79, 1, 'numeric'),
  field('Trace Number', 80, 15, 'numeric'),
] as const;

/** CTX, ATX, ENR and TRX entries split the Individual Name positions 55-76 (NACHA Appendix Three). */
export const corporateTradeNameLayout = [
  field('Number of Addenda Records', 55, 4, 'numeric'),
  field('Receiving Company Name', 59, 16, 'text'),
] as const;

export const iatEntryDetailLayout = [
  field('Transaction Code', 2, 2, 'numeric'),
  field('Receiving DFI Identification', 4, 8, 'numeric'),
  field('Check Digit', 12, 1, 'numeric'),
  field('Number of Addenda Records', 13, 4, 'numeric'),
  field('Reserved', 17, 13, 'reserved'),
  field('Amount', 30, 10, 'numeric'),
  field("Foreign Receiver's Account Number/DFI Account Number", 40, 35, 'required_text'),
  field('Reserved', 75, 2, 'reserved'),
  field('Gateway Operator OFAC Screening Indicator', 77, 1, 'text'),
  field('Secondary OFAC Screening Indicator', 78, 1, 'text'),
  field('Addenda Record Indicator', 79, 1, 'numeric'),
  field('Trace Number', 80, 15, 'numeric'),
] as const;

export const advEntryDetailLayout = [
  field('Transaction Code', 2, 2, 'numeric'),
  field('Receiving DFI Identification', 4, 8, 'numeric'),
  field('Check Digit', 12, 1, 'numeric'),
  field('DFI Account Number', 13, 15, 'required_text'),
  field('Amount', 28, 12, 'numeric'),
  field('Advice Routing Number', 40, 9, 'numeric'),
  field('File Identification', 49, 5, 'text'),
  field('ACH Operator Data', 54, 1, 'text'),
  field('Individual Name', 55, 22, 'text'),
  field('Discretionary Data', 77, 2, 'text'),
  field('Addenda Record Indicator', 79, 1, 'numeric'),
  field('Routing Number of ACH Operator', 80, 8, 'numeric'),
  field('Julian Date on which this File was Created', 88, 3, 'numeric'),
  field('Sequence Number within Batch', 91, 4, 'numeric'),
] as const;

export const addendaTypeCodeLayout = [field('Addenda Type Code', 2, 2, 'numeric')] as const;

export const paymentAddendaLayout = [
  field('Payment Related Information', 4, 80, 'text'),
  field('Addenda Sequence Number', 84, 4, 'numeric'),
  field('Entry Detail Sequence Number', 88, 7, 'numeric'),
] as const;

export const terminalAddendaLayout = [
  field('Reference Information #1', 4, 7, 'text'),
  field('Reference Information #2', 11, 3, 'text'),
  field('Terminal Identification Code', 14, 6, 'text'),
  field('Transaction Serial Number', 20, 6, 'text'),
  field('Transaction Date', 26, 4, 'numeric_or_blank'),
  field('Authorization Code or Card Expiration Date', 30, 6, 'text'),
  field('Terminal Location', 36, 27, 'text'),
  field('Terminal City', 63, 15, 'text'),
  field('Terminal State', 78, 2, 'text'),
  field('Trace Number', 80, 15, 'numeric'),
] as const;

export const changeAddendaLayout = [
  field('Change Code', 4, 3, 'required_text'),
  field('Original Entry Trace Number', 7, 15, 'numeric'),
  field('Reserved', 22, 6, 'reserved'),
  field('Original Receiving DFI Identification', 28, 8, 'numeric'),
  field('Corrected Data', 36, 29, 'required_text'),
  field('Reserved', 65, 15, 'reserved'),
  field('Trace Number', 80, 15, 'numeric'),
] as const;

export const returnAddendaLayout = [
  field('Return Reason Code', 4, 3, 'required_text'),
  field('Original Entry Trace Number', 7, 15, 'numeric'),
  field('Date of Death', 22, 6, 'numeric_or_blank'),
  field('Original Receiving DFI Identification', 28, 8, 'numeric'),
  field('Addenda Information', 36, 44, 'text'),
  field('Trace Number', 80, 15, 'numeric'),
] as const;

export const dishonoredReturnAddendaLayout = [
  field('Dishonored Return Reason Code', 4, 3, 'required_text'),
  field('Original Entry Trace Number', 7, 15, 'numeric'),
  field('Reserved', 22, 6, 'reserved'),
  field('Original Receiving DFI Identification', 28, 8, 'numeric'),
  field('Reserved', 36, 3, 'reserved'),
  field('Return Trace Number', 39, 15, 'numeric'),
  field('Return Settlement Date', 54, 3, 'numeric_or_blank'),
  field('Return Reason Code', 57, 2, 'numeric'),
  field('Addenda Information', 59, 21, 'text'),
  field('Trace Number', 80, 15, 'numeric'),
] as const;

export const contestedDishonoredReturnAddendaLayout = [
  field('Contested Dishonored Return Reason Code', 4, 3, 'required_text'),
  field('Original Entry Trace Number', 7, 15, 'numeric'),
  field('Date Original Entry Returned', 22, 6, 'numeric_or_blank'),
  field('Original Receiving DFI Identification', 28, 8, 'numeric'),
  field('Original Settlement Date', 36, 3, 'numeric_or_blank'),
  field('Return Trace Number', 39, 15, 'numeric'),
  field('Return Settlement Date', 54, 3, 'numeric_or_blank'),
  field('Return Reason Code', 57, 2, 'numeric'),
  field('Dishonored Return Trace Number', 59, 15, 'numeric'),
  field('Dishonored Return Settlement Date', 74, 3, 'numeric_or_blank'),
  field('Dishonored Return Reason Code', 77, 2, 'numeric'),
  field('Reserved', 79, 1, 'reserved'),
  field('Trace Number', 80, 15, 'numeric'),
] as const;

/** IAT addenda 10-18. Names are the rules'; the last field of each is the Entry Detail Sequence Number. */
export const iatAddendaLayouts: Readonly<Record<'10' | '11' | '12' | '13' | '14' | '15' | '16' | '17' | '18', readonly NachaFieldSpec[]>> = {
  '10': [
    field('Transaction Type Code', 4, 3, 'required_text'),
    field('Foreign Payment Amount', 7, 18, 'numeric'),
    field('Foreign Trace Number', 25, 22, 'text'),
    field('Receiving Company Name/Individual Name', 47, 35, 'required_text'),
    field('Reserved', 82, 6, 'reserved'),
    field('Entry Detail Sequence Number', 88, 7, 'numeric'),
  ],
  '11': [
    field('Originator Name', 4, 35, 'required_text'),
    field('Originator Street Address', 39, 35, 'required_text'),
    field('Reserved', 74, 14, 'reserved'),
    field('Entry Detail Sequence Number', 88, 7, 'numeric'),
  ],
  '12': [
    field('Originator City & State/Province', 4, 35, 'required_text'),
    field('Originator Country & Postal Code', 39, 35, 'required_text'),
    field('Reserved', 74, 14, 'reserved'),
    field('Entry Detail Sequence Number', 88, 7, 'numeric'),
  ],
  '13': [
    field('Originating DFI Name', 4, 35, 'required_text'),
    field('Originating DFI Identification Number Qualifier', 39, 2, 'required_text'),
    field('Originating DFI Identification', 41, 34, 'required_text'),
    field('Originating DFI Branch Country Code', 75, 3, 'required_text'),
    field('Reserved', 78, 10, 'reserved'),
    field('Entry Detail Sequence Number', 88, 7, 'numeric'),
  ],
  '14': [
    field('Receiving DFI Name', 4, 35, 'required_text'),
    field('Receiving DFI Identification Number Qualifier', 39, 2, 'required_text'),
    field('Receiving DFI Identification', 41, 34, 'required_text'),
    field('Receiving DFI Branch Country Code', 75, 3, 'required_text'),
    field('Reserved', 78, 10, 'reserved'),
    field('Entry Detail Sequence Number', 88, 7, 'numeric'),
  ],
  '15': [
    field('Receiver Identification Number', 4, 15, 'text'),
    field('Receiver Street Address', 19, 35, 'required_text'),
    field('Reserved', 54, 34, 'reserved'),
    field('Entry Detail Sequence Number', 88, 7, 'numeric'),
  ],
  '16': [
    field('Receiver City & State/Province', 4, 35, 'required_text'),
    field('Receiver Country & Postal Code', 39, 35, 'required_text'),
    field('Reserved', 74, 14, 'reserved'),
    field('Entry Detail Sequence Number', 88, 7, 'numeric'),
  ],
  '17': [
    field('Payment Related Information', 4, 80, 'text'),
    field('Addenda Sequence Number', 84, 4, 'numeric'),
    field('Entry Detail Sequence Number', 88, 7, 'numeric'),
  ],
  '18': [
    field('Foreign Correspondent Bank Name', 4, 35, 'required_text'),
    field('Foreign Correspondent Bank Identification Number Qualifier', 39, 2, 'required_text'),
    field('Foreign Correspondent Bank Identification Number', 41, 34, 'required_text'),
    field('Foreign Correspondent Bank Branch Country Code', 75, 3, 'required_text'),
    field('Reserved', 78, 6, 'reserved'),
    field('Addenda Sequence Number', 84, 4, 'numeric'),
    field('Entry Detail Sequence Number', 88, 7, 'numeric'),
  ],
};

export const batchControlLayout = [
  field('Service Class Code', 2, 3, 'numeric'),
  field('Entry/Addenda Count', 5, 6, 'numeric'),
  field('Entry Hash', 11, 10, 'numeric'),
  field('Total Debit Entry Dollar Amount', 21, 12, 'numeric'),
  field('Total Credit Entry Dollar Amount', 33, 12, 'numeric'),
  field('Company Identification', 45, 10, 'text'),
  field('Message Authentication Code', 55, 19, 'text'),
  field('Reserved', 74, 6, 'reserved'),
  field('Originating DFI Identification', 80, 8, 'numeric'),
  field('Batch Number', 88, 7, 'numeric'),
] as const;

export const advBatchControlLayout = [
  field('Service Class Code', 2, 3, 'numeric'),
  field('Entry/Addenda Count', 5, 6, 'numeric'),
  field('Entry Hash', 11, 10, 'numeric'),
  field('Total Debit Entry Dollar Amount', 21, 20, 'numeric'),
  field('Total Credit Entry Dollar Amount', 41, 20, 'numeric'),
  field('ACH Operator Data', 61, 19, 'text'),
  field('Originating DFI Identification', 80, 8, 'numeric'),
  field('Batch Number', 88, 7, 'numeric'),
] as const;

export const fileControlLayout = [
  field('Batch Count', 2, 6, 'numeric'),
  field('Block Count', 8, 6, 'numeric'),
  field('Entry/Addenda Count', 14, 8, 'numeric'),
  field('Entry Hash', 22, 10, 'numeric'),
  field('Total Debit Entry Dollar Amount in File', 32, 12, 'numeric'),
  field('Total Credit Entry Dollar Amount in File', 44, 12, 'numeric'),
  field('Reserved', 56, 39, 'reserved'),
] as const;

export const advFileControlLayout = [
  field('Batch Count', 2, 6, 'numeric'),
  field('Block Count', 8, 6, 'numeric'),
  field('Entry/Addenda Count', 14, 8, 'numeric'),
  field('Entry Hash', 22, 10, 'numeric'),
  field('Total Debit Entry Dollar Amount in File', 32, 20, 'numeric'),
  field('Total Credit Entry Dollar Amount in File', 52, 20, 'numeric'),
  field('Reserved', 72, 23, 'reserved'),
] as const;
