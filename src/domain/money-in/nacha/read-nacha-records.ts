// One function per record layout: fields are cut and checked by readRecordFields, then the record's own
// rules (codes from the NACHA tables, check digits) are applied and a typed record is built. Rules that
// need the surrounding batch (service class, addenda allowed by SEC code, control totals) live in
// parseNachaFile.
import { ok } from '../../shared/result.ts';
import { changeCodeTitle, isRefusedChangeCode } from './change-codes.ts';
import { computeRoutingCheckDigit, isValidRoutingNumber } from './compute-routing-check-digit.ts';
import {
  standardEntryClassCodes,
  type NachaAddenda, type NachaAdvEntry, type NachaBatchControl, type NachaBatchHeader, type NachaEntry, type NachaError,
  type NachaFileControl, type NachaFileHeader, type NachaIatAddenda, type NachaIatBatchHeader, type NachaIatEntry,
  type NachaResult, type NachaServiceClassCode, type NachaStandardEntryClassCode, type NachaWarning,
} from './nacha-file.ts';
import {
  addendaTypeCodeLayout, advBatchControlLayout, corporateTradeNameLayout, advEntryDetailLayout, advFileControlLayout, batchControlLayout, batchHeaderLayout,
  buildNachaError, changeAddendaLayout, contestedDishonoredReturnAddendaLayout, dishonoredReturnAddendaLayout,
  entryDetailLayout, fileControlLayout, fileHeaderLayout, iatAddendaLayouts, iatBatchHeaderLayout, iatEntryDetailLayout,
  paymentAddendaLayout, readRecordFields, returnAddendaLayout, sliceRecord, terminalAddendaLayout, type NachaRecord,
} from './nacha-record-layouts.ts';
import { returnReasonCategory, returnReasonTitle } from './return-reason-codes.ts';
import { iatTransactionTypeCodes, isAccountTransactionCode, isAdvTransactionCode } from './transaction-codes.ts';

export type WarningSink = (warning: NachaWarning) => void;

// Text fields hold no control characters (readRecordFields refuses them), so trimEnd removes only blanks.
const trimEnd = (value: string) => value.trimEnd();

function invalid(record: NachaRecord, field: string, position: number, message: string): NachaError {
  return buildNachaError('invalid_value', message, { lineNumber: record.lineNumber, recordType: record.recordType, field, position });
}

export function readFileHeader(record: NachaRecord, warn: WarningSink): NachaResult<NachaFileHeader> {
  const read = readRecordFields(record, fileHeaderLayout);
  if (!read.ok) return read;
  const fields = read.fields;
  if (fields['Record Size'] !== '094') return invalid(record, 'Record Size', 35, `Record Size (positions 35-37) must be 094, found "${fields['Record Size']}"`);
  if (fields['Blocking Factor'] !== '10') return invalid(record, 'Blocking Factor', 38, `Blocking Factor (positions 38-39) must be 10, found "${fields['Blocking Factor']}"`);
  if (fields['Format Code'] !== '1') return invalid(record, 'Format Code', 40, `Format Code (position 40) must be 1, found "${fields['Format Code']}"`);
  // bTTTTAAAAC: a blank and a 9-digit routing number; some banks write 10 digits instead.
  const routingShape = /^( \d{9}|\d{10})$/;
  const destination = fields['Immediate Destination'];
  if (!routingShape.test(destination)) {
    return invalid(record, 'Immediate Destination', 4, `Immediate Destination (positions 4-13) must be a blank and a 9-digit routing number, found "${destination}"`);
  }
  const origin = fields['Immediate Origin'];
  if (!routingShape.test(origin)) {
    return invalid(record, 'Immediate Origin', 14, `Immediate Origin (positions 14-23) must be a blank and a 9-digit routing number, or a 10-digit number, found "${origin}"`);
  }
  // Processors address files to themselves with identifiers that are not routing numbers: report, read on.
  if (!isValidRoutingNumber(destination.slice(1))) {
    warn({ code: 'routing_number_check_digit', message: `Immediate Destination "${destination.trim()}" does not end in a valid routing number check digit`, lineNumber: record.lineNumber, recordType: '1', field: 'Immediate Destination' });
  }
  const modifier = fields['File ID Modifier'];
  if (!/^[A-Z0-9]$/.test(modifier)) {
    warn({ code: 'invalid_file_id_modifier', message: `File ID Modifier "${modifier}" is not an upper-case letter or a digit`, lineNumber: record.lineNumber, recordType: '1', field: 'File ID Modifier' });
  }
  const time = fields['File Creation Time'];
  return ok({
    lineNumber: record.lineNumber,
    priorityCode: fields['Priority Code'],
    immediateDestination: destination.trim(),
    immediateOrigin: origin.trim(),
    fileCreationDate: fields['File Creation Date'],
    fileCreationTime: time.trim() === '' ? null : time,
    fileIdModifier: modifier,
    immediateDestinationName: trimEnd(fields['Immediate Destination Name']),
    immediateOriginName: trimEnd(fields['Immediate Origin Name']),
    referenceCode: trimEnd(fields['Reference Code']),
  });
}

const serviceClassCodes = new Set<string>(['200', '220', '225', '280']);
const secCodes = new Set<string>(standardEntryClassCodes);

/** IAT batches, and COR batches answering IAT entries ("IATCOR" in positions 5-20), use the IAT layout. */
export function isIatBatchHeader(record: NachaRecord): boolean {
  const sec = sliceRecord(record, 51, 3);
  return sec === 'IAT' || (sec === 'COR' && sliceRecord(record, 5, 16).trim() === 'IATCOR');
}

function checkServiceClass(record: NachaRecord, serviceClassCode: string, sec: string): NachaError | null {
  if (!serviceClassCodes.has(serviceClassCode)) {
    return invalid(record, 'Service Class Code', 2, `Service Class Code (positions 2-4) must be 200, 220, 225 or 280, found "${serviceClassCode}"`);
  }
  if (!secCodes.has(sec)) {
    return invalid(record, 'Standard Entry Class Code', 51, `Standard Entry Class Code (positions 51-53) "${sec}" is not a NACHA SEC code`);
  }
  if ((sec === 'ADV') !== (serviceClassCode === '280')) {
    return invalid(record, 'Service Class Code', 2, `Service Class Code 280 goes with ADV batches only; this ${sec} batch has ${serviceClassCode}`);
  }
  return null;
}

export function readBatchHeader(record: NachaRecord): NachaResult<NachaBatchHeader> {
  const read = readRecordFields(record, batchHeaderLayout);
  if (!read.ok) return read;
  const fields = read.fields;
  const problem = checkServiceClass(record, fields['Service Class Code'], fields['Standard Entry Class Code']);
  if (problem) return problem;
  const settlement = fields['Settlement Date'];
  return ok({
    lineNumber: record.lineNumber,
    serviceClassCode: fields['Service Class Code'] as NachaServiceClassCode,
    companyName: trimEnd(fields['Company Name']),
    companyDiscretionaryData: trimEnd(fields['Company Discretionary Data']),
    companyIdentification: fields['Company Identification'].trim(),
    standardEntryClassCode: fields['Standard Entry Class Code'] as NachaStandardEntryClassCode,
    companyEntryDescription: trimEnd(fields['Company Entry Description']),
    companyDescriptiveDate: trimEnd(fields['Company Descriptive Date']),
    effectiveEntryDate: fields['Effective Entry Date'],
    settlementDate: settlement.trim() === '' ? null : settlement,
    originatorStatusCode: fields['Originator Status Code'],
    originatingDfiIdentification: fields['Originating DFI Identification'],
    batchNumber: Number(fields['Batch Number']),
  });
}

export function readIatBatchHeader(record: NachaRecord): NachaResult<NachaIatBatchHeader> {
  const read = readRecordFields(record, iatBatchHeaderLayout);
  if (!read.ok) return read;
  const fields = read.fields;
  const problem = checkServiceClass(record, fields['Service Class Code'], fields['Standard Entry Class Code']);
  if (problem) return problem;
  const settlement = fields['Settlement Date'];
  return ok({
    lineNumber: record.lineNumber,
    serviceClassCode: fields['Service Class Code'] as NachaServiceClassCode,
    iatIndicator: trimEnd(fields['IAT Indicator']),
    foreignExchangeIndicator: fields['Foreign Exchange Indicator'],
    foreignExchangeReferenceIndicator: fields['Foreign Exchange Reference Indicator'],
    foreignExchangeReference: trimEnd(fields['Foreign Exchange Reference']),
    isoDestinationCountryCode: fields['ISO Destination Country Code'],
    originatorIdentification: fields['Originator Identification'].trim(),
    standardEntryClassCode: fields['Standard Entry Class Code'] as 'IAT' | 'COR',
    companyEntryDescription: trimEnd(fields['Company Entry Description']),
    isoOriginatingCurrencyCode: fields['ISO Originating Currency Code'],
    isoDestinationCurrencyCode: fields['ISO Destination Currency Code'],
    effectiveEntryDate: fields['Effective Entry Date'],
    settlementDate: settlement.trim() === '' ? null : settlement,
    originatorStatusCode: fields['Originator Status Code'],
    originatingDfiIdentification: fields['Originating DFI Identification'],
    batchNumber: Number(fields['Batch Number']),
  });
}

/** Transaction code, routing check digit and addenda indicator: the rules every entry layout shares. */
function checkEntryBasics(
  record: NachaRecord,
  fields: { 'Transaction Code': string; 'Receiving DFI Identification': string; 'Check Digit': string; 'Addenda Record Indicator': string },
  isKnownCode: (code: string) => boolean,
): NachaError | null {
  const code = fields['Transaction Code'];
  if (!isKnownCode(code)) return invalid(record, 'Transaction Code', 2, `Transaction Code (positions 2-3) "${code}" is not a NACHA transaction code for this batch`);
  const expected = computeRoutingCheckDigit(fields['Receiving DFI Identification']);
  if (expected !== fields['Check Digit']) {
    return buildNachaError('invalid_check_digit',
      `Check Digit (position 12) of routing number ${fields['Receiving DFI Identification']}${fields['Check Digit']} must be ${expected} (ABA weights 3, 7, 1)`,
      { lineNumber: record.lineNumber, recordType: '6', field: 'Check Digit', position: 12 });
  }
  const indicator = fields['Addenda Record Indicator'];
  if (indicator !== '0' && indicator !== '1') return invalid(record, 'Addenda Record Indicator', 79, `Addenda Record Indicator (position 79) must be 0 or 1, found "${indicator}"`);
  return null;
}

const corporateTradeSecCodes = new Set(['CTX', 'ATX', 'ENR', 'TRX']);

export function readEntry(record: NachaRecord, standardEntryClassCode: string): NachaResult<NachaEntry> {
  const read = readRecordFields(record, entryDetailLayout);
  if (!read.ok) return read;
  const fields = read.fields;
  const problem = checkEntryBasics(record, fields, isAccountTransactionCode);
  if (problem) return problem;
  let individualName = trimEnd(fields['Individual Name']);
  if (corporateTradeSecCodes.has(standardEntryClassCode)) {
    const trade = readRecordFields(record, corporateTradeNameLayout);
    if (!trade.ok) return trade;
    individualName = trimEnd(trade.fields['Receiving Company Name']);
  }
  return ok({
    lineNumber: record.lineNumber,
    transactionCode: fields['Transaction Code'],
    receivingDfiIdentification: fields['Receiving DFI Identification'],
    checkDigit: fields['Check Digit'],
    rdfiRoutingNumber: fields['Receiving DFI Identification'] + fields['Check Digit'],
    accountNumber: fields['DFI Account Number'].trim(),
    amountMinor: BigInt(fields.Amount),
    individualIdentification: trimEnd(fields['Individual Identification Number']),
    individualName,
    discretionaryData: trimEnd(fields['Discretionary Data']),
    addendaRecordIndicator: fields['Addenda Record Indicator'] === '1' ? 1 : 0,
    traceNumber: fields['Trace Number'],
    addenda: [],
  });
}

export function readIatEntry(record: NachaRecord): NachaResult<NachaIatEntry> {
  const read = readRecordFields(record, iatEntryDetailLayout);
  if (!read.ok) return read;
  const fields = read.fields;
  const problem = checkEntryBasics(record, fields, isAccountTransactionCode);
  if (problem) return problem;
  // Every IAT entry carries the seven mandatory addenda 10-16.
  if (fields['Addenda Record Indicator'] !== '1') return invalid(record, 'Addenda Record Indicator', 79, 'Addenda Record Indicator (position 79) of an IAT entry must be 1: IAT entries carry addenda 10-16');
  return ok({
    lineNumber: record.lineNumber,
    transactionCode: fields['Transaction Code'],
    receivingDfiIdentification: fields['Receiving DFI Identification'],
    checkDigit: fields['Check Digit'],
    rdfiRoutingNumber: fields['Receiving DFI Identification'] + fields['Check Digit'],
    numberOfAddendaRecords: Number(fields['Number of Addenda Records']),
    amountMinor: BigInt(fields.Amount),
    accountNumber: fields["Foreign Receiver's Account Number/DFI Account Number"].trim(),
    gatewayOperatorOfacScreeningIndicator: fields['Gateway Operator OFAC Screening Indicator'],
    secondaryOfacScreeningIndicator: fields['Secondary OFAC Screening Indicator'],
    addendaRecordIndicator: 1,
    traceNumber: fields['Trace Number'],
    addenda: [],
  });
}

export function readAdvEntry(record: NachaRecord): NachaResult<NachaAdvEntry> {
  const read = readRecordFields(record, advEntryDetailLayout);
  if (!read.ok) return read;
  const fields = read.fields;
  const problem = checkEntryBasics(record, fields, isAdvTransactionCode);
  if (problem) return problem;
  return ok({
    lineNumber: record.lineNumber,
    transactionCode: fields['Transaction Code'],
    receivingDfiIdentification: fields['Receiving DFI Identification'],
    checkDigit: fields['Check Digit'],
    rdfiRoutingNumber: fields['Receiving DFI Identification'] + fields['Check Digit'],
    accountNumber: fields['DFI Account Number'].trim(),
    amountMinor: BigInt(fields.Amount),
    adviceRoutingNumber: fields['Advice Routing Number'],
    fileIdentification: trimEnd(fields['File Identification']),
    achOperatorData: fields['ACH Operator Data'],
    individualName: trimEnd(fields['Individual Name']),
    discretionaryData: trimEnd(fields['Discretionary Data']),
    addendaRecordIndicator: fields['Addenda Record Indicator'] === '1' ? 1 : 0,
    achOperatorRoutingNumber: fields['Routing Number of ACH Operator'],
    julianDateCreated: fields['Julian Date on which this File was Created'],
    sequenceNumber: fields['Sequence Number within Batch'],
    addenda: [],
  });
}

const iatAddendaTypes = new Set(['10', '11', '12', '13', '14', '15', '16', '17', '18']);

/** Reads an addenda record of any type. `customReturnCodes` accepts R-codes the NACHA table lacks. */
export function readAddenda(record: NachaRecord, options: { customReturnCodes: boolean }): NachaResult<NachaAddenda> {
  const typeRead = readRecordFields(record, addendaTypeCodeLayout);
  if (!typeRead.ok) return typeRead;
  const typeCode = typeRead.fields['Addenda Type Code'];
  const lineNumber = record.lineNumber;
  switch (typeCode) {
    case '05': {
      const read = readRecordFields(record, paymentAddendaLayout);
      if (!read.ok) return read;
      const fields = read.fields;
      return ok({
        typeCode, lineNumber,
        paymentRelatedInformation: trimEnd(fields['Payment Related Information']),
        addendaSequenceNumber: Number(fields['Addenda Sequence Number']),
        entryDetailSequenceNumber: fields['Entry Detail Sequence Number'],
      });
    }
    case '02': {
      const read = readRecordFields(record, terminalAddendaLayout);
      if (!read.ok) return read;
      const fields = read.fields;
      return ok({
        typeCode, lineNumber,
        referenceInformation1: trimEnd(fields['Reference Information #1']),
        referenceInformation2: trimEnd(fields['Reference Information #2']),
        terminalIdentificationCode: trimEnd(fields['Terminal Identification Code']),
        transactionSerialNumber: trimEnd(fields['Transaction Serial Number']),
        transactionDate: fields['Transaction Date'],
        authorizationCodeOrCardExpirationDate: trimEnd(fields['Authorization Code or Card Expiration Date']),
        terminalLocation: trimEnd(fields['Terminal Location']),
        terminalCity: trimEnd(fields['Terminal City']),
        terminalState: trimEnd(fields['Terminal State']),
        traceNumber: fields['Trace Number'],
      });
    }
    case '98': {
      const read = readRecordFields(record, changeAddendaLayout);
      if (!read.ok) return read;
      const fields = read.fields;
      const changeCode = fields['Change Code'];
      if (changeCodeTitle(changeCode) === null) {
        return buildNachaError('unknown_change_code', `Change Code (positions 4-6) "${changeCode}" is not a NACHA change code (C01-C14, C61-C69)`, { lineNumber, recordType: '7', field: 'Change Code', position: 4 });
      }
      return ok({
        typeCode, lineNumber, changeCode,
        originalEntryTraceNumber: fields['Original Entry Trace Number'],
        originalReceivingDfiIdentification: fields['Original Receiving DFI Identification'],
        correctedData: trimEnd(fields['Corrected Data']),
        refusedChangeCode: isRefusedChangeCode(changeCode) ? sliceRecord(record, 65, 3).trim() || null : null,
        traceNumber: fields['Trace Number'],
      });
    }
    case '99':
      return readReturnAddenda(record, options);
    default: {
      if (!iatAddendaTypes.has(typeCode)) {
        return invalid(record, 'Addenda Type Code', 2, `Addenda Type Code (positions 2-3) "${typeCode}" is not 02, 05, 10-18, 98 or 99`);
      }
      const iatType = typeCode as NachaIatAddenda['typeCode'];
      const read = readRecordFields(record, iatAddendaLayouts[iatType]);
      if (!read.ok) return read;
      const fields: Record<string, string> = {};
      for (const [name, value] of Object.entries(read.fields as Record<string, string>)) if (name !== 'Reserved') fields[name] = trimEnd(value);
      if (iatType === '10' && !iatTransactionTypeCodes.has(fields['Transaction Type Code'] ?? '')) {
        return invalid(record, 'Transaction Type Code', 4, `Transaction Type Code (positions 4-6) "${fields['Transaction Type Code']}" is not an IAT transaction type code (ANN, BUS, DEP, ...)`);
      }
      return ok({ typeCode: iatType, lineNumber, fields });
    }
  }
}

function readReturnAddenda(record: NachaRecord, options: { customReturnCodes: boolean }): NachaResult<NachaAddenda> {
  const code = sliceRecord(record, 4, 3);
  const lineNumber = record.lineNumber;
  const known = returnReasonTitle(code) !== null;
  if (!known && !(options.customReturnCodes && /^R\d\d$/.test(code))) {
    return buildNachaError('unknown_return_reason_code',
      `Return Reason Code (positions 4-6) "${code}" is not a NACHA return reason code${/^R\d\d$/.test(code) ? ' (custom codes are accepted only when asked for)' : ''}`,
      { lineNumber, recordType: '7', field: 'Return Reason Code', position: 4 });
  }
  const base = { typeCode: '99' as const, lineNumber, returnReasonCode: code };
  switch (returnReasonCategory(code)) {
    case 'return': {
      const read = readRecordFields(record, returnAddendaLayout);
      if (!read.ok) return read;
      const fields = read.fields;
      return ok({
        ...base, variant: 'return',
        originalEntryTraceNumber: fields['Original Entry Trace Number'],
        dateOfDeath: fields['Date of Death'].trim() === '' ? null : fields['Date of Death'],
        originalReceivingDfiIdentification: fields['Original Receiving DFI Identification'],
        addendaInformation: trimEnd(fields['Addenda Information']),
        returnTraceNumber: null, returnSettlementDate: null, originalReturnReasonCode: null,
        dishonoredReturnTraceNumber: null, dishonoredReturnReasonCode: null,
        traceNumber: fields['Trace Number'],
      });
    }
    case 'dishonored_return': {
      const read = readRecordFields(record, dishonoredReturnAddendaLayout);
      if (!read.ok) return read;
      const fields = read.fields;
      return ok({
        ...base, variant: 'dishonored_return',
        originalEntryTraceNumber: fields['Original Entry Trace Number'],
        dateOfDeath: null,
        originalReceivingDfiIdentification: fields['Original Receiving DFI Identification'],
        addendaInformation: trimEnd(fields['Addenda Information']),
        returnTraceNumber: fields['Return Trace Number'],
        returnSettlementDate: fields['Return Settlement Date'].trim() || null,
        originalReturnReasonCode: `R${fields['Return Reason Code']}`,
        dishonoredReturnTraceNumber: null, dishonoredReturnReasonCode: null,
        traceNumber: fields['Trace Number'],
      });
    }
    case 'contested_dishonored_return': {
      const read = readRecordFields(record, contestedDishonoredReturnAddendaLayout);
      if (!read.ok) return read;
      const fields = read.fields;
      return ok({
        ...base, variant: 'contested_dishonored_return',
        originalEntryTraceNumber: fields['Original Entry Trace Number'],
        dateOfDeath: null,
        originalReceivingDfiIdentification: fields['Original Receiving DFI Identification'],
        addendaInformation: '',
        returnTraceNumber: fields['Return Trace Number'],
        returnSettlementDate: fields['Return Settlement Date'].trim() || null,
        originalReturnReasonCode: `R${fields['Return Reason Code']}`,
        dishonoredReturnTraceNumber: fields['Dishonored Return Trace Number'],
        dishonoredReturnReasonCode: `R${fields['Dishonored Return Reason Code']}`,
        traceNumber: fields['Trace Number'],
      });
    }
  }
}

export function readBatchControl(record: NachaRecord, layout: 'standard' | 'iat' | 'adv'): NachaResult<NachaBatchControl> {
  if (layout === 'adv') {
    const read = readRecordFields(record, advBatchControlLayout);
    if (!read.ok) return read;
    const fields = read.fields;
    return ok({
      lineNumber: record.lineNumber,
      serviceClassCode: fields['Service Class Code'] as NachaServiceClassCode,
      entryAddendaCount: Number(fields['Entry/Addenda Count']),
      entryHash: Number(fields['Entry Hash']),
      totalDebitMinor: BigInt(fields['Total Debit Entry Dollar Amount']),
      totalCreditMinor: BigInt(fields['Total Credit Entry Dollar Amount']),
      companyIdentification: '',
      messageAuthenticationCode: trimEnd(fields['ACH Operator Data']),
      originatingDfiIdentification: fields['Originating DFI Identification'],
      batchNumber: Number(fields['Batch Number']),
    });
  }
  const read = readRecordFields(record, batchControlLayout);
  if (!read.ok) return read;
  const fields = read.fields;
  return ok({
    lineNumber: record.lineNumber,
    serviceClassCode: fields['Service Class Code'] as NachaServiceClassCode,
    entryAddendaCount: Number(fields['Entry/Addenda Count']),
    entryHash: Number(fields['Entry Hash']),
    totalDebitMinor: BigInt(fields['Total Debit Entry Dollar Amount']),
    totalCreditMinor: BigInt(fields['Total Credit Entry Dollar Amount']),
    companyIdentification: fields['Company Identification'].trim(),
    messageAuthenticationCode: trimEnd(fields['Message Authentication Code']),
    originatingDfiIdentification: fields['Originating DFI Identification'],
    batchNumber: Number(fields['Batch Number']),
  });
}

export function readFileControl(record: NachaRecord, layout: 'standard' | 'adv'): NachaResult<NachaFileControl> {
  const read = layout === 'adv' ? readRecordFields(record, advFileControlLayout) : readRecordFields(record, fileControlLayout);
  if (!read.ok) return read;
  const fields = read.fields;
  return ok({
    lineNumber: record.lineNumber,
    batchCount: Number(fields['Batch Count']),
    blockCount: Number(fields['Block Count']),
    entryAddendaCount: Number(fields['Entry/Addenda Count']),
    entryHash: Number(fields['Entry Hash']),
    totalDebitMinor: BigInt(fields['Total Debit Entry Dollar Amount in File']),
    totalCreditMinor: BigInt(fields['Total Credit Entry Dollar Amount in File']),
  });
}

