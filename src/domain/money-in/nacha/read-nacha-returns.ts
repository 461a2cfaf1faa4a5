// What a bank's return file says about entries Recoup originated: returns (addenda 99), each pointing at
// the original entry by its trace number, and notifications of change (addenda 98) asking the originator
// to correct an account, routing number or name before the next entry.
import { changeCodeTitle, isRefusedChangeCode } from './change-codes.ts';
import type { NachaAddenda, NachaBatch, NachaFile } from './nacha-file.ts';
import { returnReasonTitle } from './return-reason-codes.ts';

export type NachaReturn = {
  /** Line of the return entry detail record. */
  lineNumber: number;
  /** The trace number of the entry Recoup sent: the key to the payment it reverses. */
  originalTraceNumber: string;
  returnReasonCode: string;
  /** The NACHA title of the code; null for a custom code (parseNachaFile with customReturnCodes). */
  returnReasonText: string | null;
  amountMinor: bigint;
  transactionCode: string;
  rdfiRoutingNumber: string;
  accountNumber: string;
  individualId: string;
  individualName: string;
  /** R14/R15: the receiver's date of death, 'YYYY-MM-DD'; null when absent or not a date. */
  dateOfDeath: string | null;
  addendaInformation: string;
  /** Trace number of the addenda 99 record and of the return entry itself (assigned by the returning bank). */
  addendaTraceNumber: string;
  entryTraceNumber: string;
  /** R61, R62, R67-R70: the originator's bank dishonors a return it received. */
  isDishonored: boolean;
  /** R71-R77: the returning bank contests such a dishonor. */
  isContested: boolean;
  /** Dishonored and contested returns: the reason code of the return being dishonored. */
  originalReturnReasonCode: string | null;
  standardEntryClassCode: string;
  companyIdentification: string;
  effectiveEntryDate: string;
};

/** The fields a notification of change corrects, cut from its Corrected Data by change code. */
export type NachaCorrection = {
  accountNumber?: string;
  routingNumber?: string;
  transactionCode?: string;
  individualName?: string;
  individualId?: string;
  companyName?: string;
  companyIdentification?: string;
};

export type NachaNotificationOfChange = {
  lineNumber: number;
  originalTraceNumber: string;
  changeCode: string;
  changeReasonText: string | null;
  /** Corrected Data as in the file (positions 36-64 of the addenda 98). */
  correctedData: string;
  correction: NachaCorrection;
  /** C61-C69: an originator's bank refusing a notification of change, and the change code it refuses. */
  isRefused: boolean;
  refusedChangeCode: string | null;
  addendaTraceNumber: string;
  entryTraceNumber: string;
  rdfiRoutingNumber: string;
  accountNumber: string;
  individualId: string;
  individualName: string;
  companyIdentification: string;
};

/** Corrected Data layouts of NACHA Appendix Five, as 1-based positions within the 29-character field. */
function buildCorrection(changeCode: string, correctedData: string): NachaCorrection {
  const cut = (start: number, length: number) => correctedData.slice(start - 1, start - 1 + length).trim();
  switch (changeCode) {
    case 'C01': return { accountNumber: cut(1, 17) };
    case 'C02': return { routingNumber: cut(1, 9) };
    case 'C03': return { routingNumber: cut(1, 9), accountNumber: cut(13, 17) };
    case 'C04': return { individualName: cut(1, 22) };
    case 'C05': return { transactionCode: cut(1, 2) };
    case 'C06': return { accountNumber: cut(1, 17), transactionCode: cut(21, 2) };
    case 'C07': return { routingNumber: cut(1, 9), accountNumber: cut(10, 17), transactionCode: cut(27, 2) };
    case 'C09': return { individualId: cut(1, 22) };
    case 'C10': return { companyName: cut(1, 16) };
    case 'C11': return { companyIdentification: cut(1, 10) };
    case 'C12': return { companyName: cut(1, 16), companyIdentification: cut(17, 10) };
    default: return {};
  }
}

/**
 * A YYMMDD date as 'YYYY-MM-DD', or null when it is not a calendar date. Two-digit years later than the
 * file's creation year belong to the previous century (a date of death is never after the file).
 */
function toIsoDate(yymmdd: string | null, fileCreationDate: string): string | null {
  if (yymmdd === null || !/^\d{6}$/.test(yymmdd)) return null;
  const twoDigitYear = Number(yymmdd.slice(0, 2));
  const fileYear = Number(fileCreationDate.slice(0, 2));
  const year = (twoDigitYear > fileYear ? 1900 : 2000) + twoDigitYear;
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

type EntryView = {
  lineNumber: number;
  transactionCode: string;
  rdfiRoutingNumber: string;
  accountNumber: string;
  amountMinor: bigint;
  individualId: string;
  individualName: string;
  traceNumber: string;
  addenda: readonly NachaAddenda[];
};

/** Entries of standard and IAT batches seen alike; IAT names and identifiers live in addenda 10 and 15. */
function entriesOf(batch: NachaBatch): EntryView[] {
  switch (batch.layout) {
    case 'standard':
      return batch.entries.map((entry) => ({ ...entry, individualId: entry.individualIdentification }));
    case 'iat':
      return batch.entries.map((entry) => {
        const fieldOf = (typeCode: string, name: string) => {
          const addenda = entry.addenda.find((candidate) => candidate.typeCode === typeCode);
          return addenda !== undefined && 'fields' in addenda ? addenda.fields[name] ?? '' : '';
        };
        return {
          ...entry,
          individualName: fieldOf('10', 'Receiving Company Name/Individual Name'),
          individualId: fieldOf('15', 'Receiver Identification Number'),
        };
      });
    case 'adv':
      // Accounting advices from the ACH operator carry neither returns nor notifications of change.
      return [];
  }
}

function companyIdentificationOf(batch: NachaBatch): string {
  return batch.layout === 'iat' ? batch.header.originatorIdentification : batch.header.companyIdentification;
}

/**
 * The returns and notifications of change of a parsed NACHA file, in file order.
 *
 * @example
 * const parsed = parseNachaFile(text);
 * if (parsed.ok) for (const item of readNachaReturns(parsed.value).returns) console.log(item.originalTraceNumber, item.returnReasonCode);
 */
export function readNachaReturns(file: NachaFile): { returns: NachaReturn[]; notificationsOfChange: NachaNotificationOfChange[] } {
  const returns: NachaReturn[] = [];
  const notificationsOfChange: NachaNotificationOfChange[] = [];
  for (const batch of file.batches) {
    const companyIdentification = companyIdentificationOf(batch);
    for (const entry of entriesOf(batch)) {
      for (const addenda of entry.addenda) {
        if (addenda.typeCode === '99') {
          const returned = addenda;
          returns.push({
            lineNumber: entry.lineNumber,
            originalTraceNumber: returned.originalEntryTraceNumber,
            returnReasonCode: returned.returnReasonCode,
            returnReasonText: returnReasonTitle(returned.returnReasonCode),
            amountMinor: entry.amountMinor,
            transactionCode: entry.transactionCode,
            rdfiRoutingNumber: entry.rdfiRoutingNumber,
            accountNumber: entry.accountNumber,
            individualId: entry.individualId,
            individualName: entry.individualName,
            dateOfDeath: toIsoDate(returned.dateOfDeath, file.header.fileCreationDate),
            addendaInformation: returned.addendaInformation,
            addendaTraceNumber: returned.traceNumber,
            entryTraceNumber: entry.traceNumber,
            isDishonored: returned.variant === 'dishonored_return',
            isContested: returned.variant === 'contested_dishonored_return',
            originalReturnReasonCode: returned.originalReturnReasonCode,
            standardEntryClassCode: batch.header.standardEntryClassCode,
            companyIdentification,
            effectiveEntryDate: batch.header.effectiveEntryDate,
          });
        } else if (addenda.typeCode === '98') {
          const change = addenda;
          notificationsOfChange.push({
            lineNumber: entry.lineNumber,
            originalTraceNumber: change.originalEntryTraceNumber,
            changeCode: change.changeCode,
            changeReasonText: changeCodeTitle(change.changeCode),
            correctedData: change.correctedData,
            correction: buildCorrection(change.changeCode, change.correctedData),
            isRefused: isRefusedChangeCode(change.changeCode),
            refusedChangeCode: change.refusedChangeCode,
            addendaTraceNumber: change.traceNumber,
            entryTraceNumber: entry.traceNumber,
            rdfiRoutingNumber: entry.rdfiRoutingNumber,
            accountNumber: entry.accountNumber,
            individualId: entry.individualId,
            individualName: entry.individualName,
            companyIdentification,
          });
        }
      }
    }
  }
  return { returns, notificationsOfChange };
}
