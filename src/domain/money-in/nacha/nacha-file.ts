// The typed shape of a NACHA (ACH) file as parseNachaFile reads it. Field names follow the NACHA
// Operating Rules, Appendix Three ("ACH Record Format Specifications"); the comments give the positions.
// Text fields keep their characters (extended ASCII and UTF-8 included) with the right-padding blanks
// removed; numbers that identify things (routing numbers, trace numbers) stay strings with their leading
// zeros; amounts are bigint cents; counts are numbers.
import type { Failure, Success } from '../../shared/result.ts';

/** '1' file header, '5' batch header, '6' entry detail, '7' addenda, '8' batch control, '9' file control. */
export type NachaRecordType = '1' | '5' | '6' | '7' | '8' | '9';

export type NachaErrorCode =
  | 'empty_file'
  | 'wrong_record_size'
  | 'unknown_record_type'
  | 'unexpected_record'
  | 'missing_file_header'
  | 'missing_batch_control'
  | 'missing_file_control'
  | 'addenda_outside_entry'
  | 'not_numeric'
  | 'invalid_character'
  | 'missing_value'
  | 'invalid_value'
  | 'invalid_check_digit'
  | 'transaction_code_not_allowed'
  | 'addenda_indicator_mismatch'
  | 'addenda_not_allowed'
  | 'unknown_return_reason_code'
  | 'unknown_change_code'
  | 'header_control_mismatch'
  | 'control_total_mismatch';

/**
 * Why a file was refused: the first problem in file order, with the physical line (1-based; in a file
 * without line breaks, the record's ordinal), the record type, the NACHA name of the field and, when one
 * column is at fault, its position (1-94).
 */
export type NachaError = Failure<NachaErrorCode> & {
  lineNumber: number;
  recordType: NachaRecordType;
  field: string;
  position?: number;
};

export type NachaWarningCode =
  | 'blank_line'
  | 'trace_number_not_from_odfi'
  | 'trace_numbers_not_ascending'
  | 'duplicate_trace_number'
  | 'routing_number_check_digit'
  | 'invalid_file_id_modifier'
  | 'addenda_sequence_mismatch'
  | 'batch_numbers_not_ascending';

/** Something the NACHA rules forbid that does not change what the file means: reported, not refused. */
export type NachaWarning = {
  code: NachaWarningCode;
  message: string;
  lineNumber: number;
  recordType: NachaRecordType;
  field: string;
};

export type NachaResult<T> = Success<T> | NachaError;

export type NachaFileHeader = {
  lineNumber: number;
  priorityCode: string; // 2-3
  /** 4-13 without its leading blank: a 9-digit routing number (or a 10-character identifier). */
  immediateDestination: string;
  /** 14-23 without its leading blank: a routing number or a 10-digit company identifier. */
  immediateOrigin: string;
  fileCreationDate: string; // 24-29 YYMMDD
  fileCreationTime: string | null; // 30-33 HHMM, optional
  fileIdModifier: string; // 34
  immediateDestinationName: string; // 41-63
  immediateOriginName: string; // 64-86
  referenceCode: string; // 87-94
};

export const standardEntryClassCodes = [
  'ACK', 'ADV', 'ARC', 'ATX', 'BOC', 'CCD', 'CIE', 'COR', 'CTX', 'DNE', 'ENR', 'IAT', 'MTE', 'POP', 'POS',
  'PPD', 'RCK', 'SHR', 'TEL', 'TRC', 'TRX', 'WEB', 'XCK',
] as const;
export type NachaStandardEntryClassCode = (typeof standardEntryClassCodes)[number];

/** 200 mixed debits and credits, 220 credits only, 225 debits only, 280 automated accounting advices. */
export type NachaServiceClassCode = '200' | '220' | '225' | '280';

export type NachaBatchHeader = {
  lineNumber: number;
  serviceClassCode: NachaServiceClassCode; // 2-4
  companyName: string; // 5-20
  companyDiscretionaryData: string; // 21-40
  companyIdentification: string; // 41-50
  standardEntryClassCode: NachaStandardEntryClassCode; // 51-53
  companyEntryDescription: string; // 54-63
  companyDescriptiveDate: string; // 64-69
  effectiveEntryDate: string; // 70-75 YYMMDD
  settlementDate: string | null; // 76-78 Julian day, inserted by the ACH operator
  originatorStatusCode: string; // 79
  originatingDfiIdentification: string; // 80-87
  batchNumber: number; // 88-94
};

/** The IAT batch header (positions 5-50 and 64-69 differ from other batches). */
export type NachaIatBatchHeader = {
  lineNumber: number;
  serviceClassCode: NachaServiceClassCode;
  iatIndicator: string; // 5-20
  foreignExchangeIndicator: string; // 21-22
  foreignExchangeReferenceIndicator: string; // 23
  foreignExchangeReference: string; // 24-38
  isoDestinationCountryCode: string; // 39-40
  originatorIdentification: string; // 41-50
  standardEntryClassCode: 'IAT' | 'COR'; // 51-53 (COR for IAT notifications of change)
  companyEntryDescription: string; // 54-63
  isoOriginatingCurrencyCode: string; // 64-66
  isoDestinationCurrencyCode: string; // 67-69
  effectiveEntryDate: string;
  settlementDate: string | null;
  originatorStatusCode: string;
  originatingDfiIdentification: string;
  batchNumber: number;
};

export type NachaBatchControl = {
  lineNumber: number;
  serviceClassCode: NachaServiceClassCode; // 2-4
  entryAddendaCount: number; // 5-10
  entryHash: number; // 11-20
  totalDebitMinor: bigint; // 21-32 (ADV: 21-40)
  totalCreditMinor: bigint; // 33-44 (ADV: 41-60)
  companyIdentification: string; // 45-54 (ADV: none)
  messageAuthenticationCode: string; // 55-73 (ADV: ACH operator data 61-79)
  originatingDfiIdentification: string; // 80-87
  batchNumber: number; // 88-94
};

export type NachaFileControl = {
  lineNumber: number;
  batchCount: number; // 2-7
  blockCount: number; // 8-13
  entryAddendaCount: number; // 14-21
  entryHash: number; // 22-31
  totalDebitMinor: bigint; // 32-43 (ADV: 32-51)
  totalCreditMinor: bigint; // 44-55 (ADV: 52-71)
};

/** Addenda 05: free-form payment related information (PPD, WEB, CCD, CTX, TEL, ...). */
export type NachaPaymentAddenda = {
  typeCode: '05';
  lineNumber: number;
  paymentRelatedInformation: string; // 4-83
  addendaSequenceNumber: number; // 84-87
  entryDetailSequenceNumber: string; // 88-94
};

/** Addenda 02: point-of-sale terminal data (POS, SHR, MTE). */
export type NachaTerminalAddenda = {
  typeCode: '02';
  lineNumber: number;
  referenceInformation1: string; // 4-10
  referenceInformation2: string; // 11-13
  terminalIdentificationCode: string; // 14-19
  transactionSerialNumber: string; // 20-25
  transactionDate: string; // 26-29 MMDD
  authorizationCodeOrCardExpirationDate: string; // 30-35
  terminalLocation: string; // 36-62
  terminalCity: string; // 63-77
  terminalState: string; // 78-79
  traceNumber: string; // 80-94
};

/** Addenda 98: a notification of change (C01-C14) or a refused one (C61-C69). */
export type NachaChangeAddenda = {
  typeCode: '98';
  lineNumber: number;
  changeCode: string; // 4-6
  originalEntryTraceNumber: string; // 7-21
  originalReceivingDfiIdentification: string; // 28-35
  correctedData: string; // 36-64
  /** Refused notifications (C61-C69) only: the change code of the notification being refused (65-67). */
  refusedChangeCode: string | null;
  traceNumber: string; // 80-94
};

/**
 * Addenda 99: a return. `variant` says which of the three NACHA layouts the reason code selects:
 * a return (R01-R53, R80-R85), a dishonored return (R61, R62, R67-R70) or a contested dishonored return (R71-R77).
 */
export type NachaReturnAddenda = {
  typeCode: '99';
  lineNumber: number;
  variant: 'return' | 'dishonored_return' | 'contested_dishonored_return';
  returnReasonCode: string; // 4-6
  originalEntryTraceNumber: string; // 7-21
  /** Returns only: 22-27 YYMMDD, for R14/R15 (death of the receiver or payee). */
  dateOfDeath: string | null;
  originalReceivingDfiIdentification: string; // 28-35
  /** 36-79 for returns, 59-79 for dishonored returns, empty for contested ones. */
  addendaInformation: string;
  /** Dishonored and contested returns: the return being dishonored (39-53, 54-56, 57-58). */
  returnTraceNumber: string | null;
  returnSettlementDate: string | null;
  originalReturnReasonCode: string | null;
  /** Contested dishonored returns only (59-73, 77-78). */
  dishonoredReturnTraceNumber: string | null;
  dishonoredReturnReasonCode: string | null;
  traceNumber: string; // 80-94
};

/** IAT addenda 10-18, validated field by field and kept by their NACHA field names (no typed model: see docs/nacha.md). */
export type NachaIatAddenda = {
  typeCode: '10' | '11' | '12' | '13' | '14' | '15' | '16' | '17' | '18';
  lineNumber: number;
  fields: Readonly<Record<string, string>>;
};

export type NachaAddenda = NachaPaymentAddenda | NachaTerminalAddenda | NachaChangeAddenda | NachaReturnAddenda | NachaIatAddenda;

type EntryCommon = {
  lineNumber: number;
  transactionCode: string; // 2-3
  receivingDfiIdentification: string; // 4-11
  checkDigit: string; // 12
  /** Positions 4-12: the 9-digit routing number of the receiver's bank, check digit included. */
  rdfiRoutingNumber: string;
  amountMinor: bigint;
  addendaRecordIndicator: 0 | 1; // 79
  addenda: NachaAddenda[];
};

export type NachaEntry = EntryCommon & {
  accountNumber: string; // 13-29 DFI Account Number
  individualIdentification: string; // 40-54 (CCD: Identification Number)
  /** 55-76 (CCD: Receiving Company Name); for CTX, ATX, ENR and TRX the Receiving Company Name in 59-74. */
  individualName: string;
  /** 77-78; for WEB entries the Payment Type Code ('R' recurring, 'S' single). */
  discretionaryData: string;
  traceNumber: string; // 80-94
};

export type NachaIatEntry = EntryCommon & {
  numberOfAddendaRecords: number; // 13-16
  accountNumber: string; // 40-74
  gatewayOperatorOfacScreeningIndicator: string; // 77
  secondaryOfacScreeningIndicator: string; // 78
  traceNumber: string; // 80-94
};

/** An automated accounting advice entry (ADV): no trace number; its amount field is 12 digits. */
export type NachaAdvEntry = EntryCommon & {
  accountNumber: string; // 13-27
  adviceRoutingNumber: string; // 40-48
  fileIdentification: string; // 49-53
  achOperatorData: string; // 54
  individualName: string; // 55-76
  discretionaryData: string; // 77-78
  achOperatorRoutingNumber: string; // 80-87
  julianDateCreated: string; // 88-90
  sequenceNumber: string; // 91-94
};

export type NachaStandardBatch = { layout: 'standard'; header: NachaBatchHeader; entries: NachaEntry[]; control: NachaBatchControl };
export type NachaIatBatch = { layout: 'iat'; header: NachaIatBatchHeader; entries: NachaIatEntry[]; control: NachaBatchControl };
export type NachaAdvBatch = { layout: 'adv'; header: NachaBatchHeader; entries: NachaAdvEntry[]; control: NachaBatchControl };
export type NachaBatch = NachaStandardBatch | NachaIatBatch | NachaAdvBatch;

export type NachaFile = {
  header: NachaFileHeader;
  batches: NachaBatch[];
  control: NachaFileControl;
  /** Records other than the 9-filler lines that pad the last block. */
  recordCount: number;
  warnings: NachaWarning[];
};
