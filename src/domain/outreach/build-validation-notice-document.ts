// The Reg F validation notice as a printable document laid out like Model Form B-1 (12 CFR 1006 Appendix B):
// the collector's and the consumer's name and address, the debt collector disclosure, "Our information shows:"
// with the itemization, "How can you dispute the debt?", "What else can you do?", and the tear-off
// "How do you want to respond?" form with its check boxes (printed "[ ]": the standard PDF fonts have no
// ballot box). Pure: every sentence with a date or an amount comes from buildValidationNotice
// (src/domain/compliance/validation-notice.ts), which checks the itemization to the cent and takes the end date
// from computeValidationPeriodEnd; this module only lays them out. English only: see docs/outreach.md.
import { buildValidationNotice, type PostalAddress, type ValidationNotice, type ValidationNoticeInput } from '../compliance/validation-notice.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { AddressBlock, DocumentBlock, RecoupDocument } from '../documents/document.ts';

export const validationNoticeTitle = 'Notice of debt: important information about your debt';

export type ValidationNoticeDocumentMeta = {
  documentId: string;
  /** ISO instant the letter is dated as of (the PDF's CreationDate). */
  createdAt: string;
  /** The date as printed at the top. */
  dateLine: string;
  language?: string;
};

/** "1 Main St", "Austin, TX 78701" from a structured postal address. */
export function formatPostalLines(address: PostalAddress): string[] {
  const country = address.country === undefined || address.country === 'US' || address.country === 'USA' ? [] : [address.country];
  return [...address.lines.filter((line) => line.trim() !== ''), `${address.city}, ${address.state} ${address.postalCode}`, ...country];
}

/**
 * Reads a US postal address from its printed lines: the last line "City, ST 12345" (or "City, ST", "12345" as
 * two lines, or "City", "ST 12345"); the lines before it are the street. Undefined when the city, state or ZIP
 * code cannot be found (B-1 needs all three).
 *
 * @example
 * parseUsPostalLines(['1 Main St', 'Austin, TX 78701']) // { lines: ['1 Main St'], city: 'Austin', state: 'TX', postalCode: '78701' }
 */
export function parseUsPostalLines(lines: readonly string[]): PostalAddress | undefined {
  const clean = lines.map((line) => line.trim()).filter((line) => line !== '');
  const joined = clean.join(', ');
  const match = /^(.*?),\s*([^,]+?),?\s+([A-Z]{2}),?\s+(\d{5}(?:-\d{4})?)(?:,\s*(?:US|USA|United States))?$/.exec(joined);
  if (match === null) return undefined;
  const street = match[1]!.split(/\s*,\s*/).filter((line) => line !== '');
  if (street.length === 0) return undefined;
  return { lines: street, city: match[2]!, state: match[3]!, postalCode: match[4]! };
}

const addressBlock = (party: { name: string; mailingAddress: PostalAddress }): AddressBlock =>
  ({ name: party.name, lines: formatPostalLines(party.mailingAddress) });

// "You were charged this amount in interest: + $3.20" → ["You were charged this amount in interest:", "+ $3.20"]
function splitAmount(statement: string): [string, string] {
  const at = statement.lastIndexOf(': ');
  return [statement.slice(0, at + 1), statement.slice(at + 2)];
}

/** The blocks of one notice (without the letterhead): the front, then the tear-off form on its own page. */
export function buildValidationNoticeBlocks(notice: ValidationNotice): DocumentBlock[] {
  const s = notice.statements;
  const collector = notice.debtCollector;
  const contact = [collector.telephone === undefined ? undefined : `Call: ${collector.telephone}`, collector.contactHours]
    .filter((part): part is string => part !== undefined);
  const blocks: DocumentBlock[] = [];
  if (contact.length > 0) blocks.push({ kind: 'paragraph', text: contact.join(', ') });
  if (notice.referenceNumber !== undefined) blocks.push({ kind: 'paragraph', text: `Reference: ${notice.referenceNumber}` });
  blocks.push({ kind: 'paragraph', text: notice.debtCollectorDisclosure, emphasis: 'bold' });
  blocks.push({ kind: 'heading', text: 'Our information shows:' });
  if (s.debtDescription !== undefined) blocks.push({ kind: 'paragraph', text: s.debtDescription });
  const row = (statement: string): string[] => splitAmount(statement);
  blocks.push({
    kind: 'table',
    columns: [{ header: 'Itemization of the debt', widthShare: 3 }, { header: 'Amount', align: 'right', widthShare: 1 }],
    rows: [
      row(s.owedOnItemizationDate),
      [s.sinceItemizationHeading, ''],
      row(s.interestCharged),
      row(s.feesCharged),
      row(s.paidOrCredited),
    ],
    totalRow: row(s.totalNow),
  });
  blocks.push({ kind: 'heading', text: 'How can you dispute the debt?' });
  blocks.push({ kind: 'paragraph', text: s.disputeByDate, emphasis: 'bold' });
  blocks.push({ kind: 'paragraph', text: s.disputeInWriting });
  blocks.push({ kind: 'heading', text: 'What else can you do?' });
  blocks.push({ kind: 'paragraph', text: s.originalCreditorRequest });
  blocks.push({ kind: 'paragraph', text: s.cfpbWebsite });
  if (s.paymentOptions !== undefined) blocks.push({ kind: 'paragraph', text: s.paymentOptions });
  if (s.spanishOffer !== undefined) blocks.push({ kind: 'paragraph', text: s.spanishOffer });

  // The tear-off (1006.34(c)(4)): B-1 prints it at the foot of the page; here it starts a page of its own.
  const form = notice.responseForm;
  blocks.push({ kind: 'page_break' });
  blocks.push({ kind: 'paragraph', text: `Mail this form to:\n${[form.mailTo.name, ...formatPostalLines(form.mailTo.mailingAddress)].join('\n')}` });
  blocks.push({ kind: 'paragraph', text: [form.consumer.name, ...formatPostalLines(form.consumer.mailingAddress)].join('\n') });
  if (form.referenceNumber !== undefined) blocks.push({ kind: 'paragraph', text: `Reference: ${form.referenceNumber}` });
  blocks.push({ kind: 'heading', text: 'How do you want to respond?' });
  blocks.push({ kind: 'paragraph', text: 'Check all that apply:' });
  blocks.push({ kind: 'paragraph', text: form.disputePrompt, emphasis: 'bold' });
  blocks.push({ kind: 'paragraph', text: form.disputeReasons.map((reason) => `[ ] ${reason}`).join('\n') });
  blocks.push({ kind: 'paragraph', text: `[ ] ${form.originalCreditorPrompt}` });
  if (form.enclosedAmountPrompt !== undefined) {
    const reference = form.referenceNumber === undefined ? '' : ` Include the reference number ${form.referenceNumber}.`;
    blocks.push({ kind: 'paragraph', text: `[ ] ${form.enclosedAmountPrompt.prompt} $________\nMake your check payable to ${form.enclosedAmountPrompt.payableTo}.${reference}` });
  }
  if (form.spanishPrompt !== undefined) blocks.push({ kind: 'paragraph', text: `[ ] ${form.spanishPrompt}` });
  return blocks;
}

/**
 * One letter carrying the validation notices of one or more debts (one per account), each laid out as Model
 * Form B-1; the letterhead is the first notice's collector (sender) and consumer (recipient).
 *
 * @example
 * buildValidationNoticeDocument([notice], { documentId: 'vn-1', createdAt: '2026-11-24T12:00:00.000Z', dateLine: 'November 24, 2026' })
 * // { title: 'Notice of debt: …', sender: { name: 'Acme Collections', … }, blocks: [ …, { kind: 'table', … }, … ] }
 */
export function buildValidationNoticeDocument(notices: readonly ValidationNotice[], meta: ValidationNoticeDocumentMeta): RecoupDocument {
  const first = notices[0];
  if (first === undefined) throw new RangeError('a validation notice document needs at least one notice');
  const blocks: DocumentBlock[] = [];
  for (const [index, notice] of notices.entries()) {
    if (index > 0) blocks.push({ kind: 'page_break' }, { kind: 'heading', text: validationNoticeTitle });
    blocks.push(...buildValidationNoticeBlocks(notice));
  }
  return {
    documentId: meta.documentId,
    title: validationNoticeTitle,
    createdAt: meta.createdAt,
    dateLine: meta.dateLine,
    sender: addressBlock(first.debtCollector),
    recipient: addressBlock(first.consumer),
    blocks,
    footer: ['This is a communication from a debt collector.'],
    pageSize: 'LETTER',
    language: meta.language ?? 'en',
  };
}

/** What the book says about one debt for its validation notice (src/app/outreach/load-validation-notice.ts). */
export type ValidationNoticeDebtFacts = Pick<ValidationNoticeInput,
  'consumer' | 'currentCreditor' | 'consumerFinancialProduct' | 'itemizationDateCreditor' | 'accountNumber' | 'referenceNumber' | 'itemization'> & { accountId: string };

/**
 * The validation notice letter of one or more debts: each debt's facts completed with the collector and the
 * dates, checked by buildValidationNotice (itemization to the cent, end date no earlier than
 * computeValidationPeriodEnd gives for `providedDate`), laid out as Model Form B-1. `endDate` is the end date
 * the compliance gate computed for the send; it is printed when it is not earlier than the minimum.
 */
export function buildValidationNoticeLetter(
  debts: readonly ValidationNoticeDebtFacts[],
  options: {
    collector: ValidationNoticeInput['debtCollector'];
    providedDate: string;
    endDate?: string;
    offerSpanishTranslation?: boolean;
    meta: ValidationNoticeDocumentMeta;
  },
): Result<{ document: RecoupDocument; notices: ValidationNotice[] }> {
  if (debts.length === 0) return fail('missing_field', 'a validation notice needs at least one debt', 'accounts');
  const notices: ValidationNotice[] = [];
  for (const debt of debts) {
    const { accountId, ...facts } = debt;
    const built = buildValidationNotice({
      ...facts,
      providedDate: options.providedDate,
      ...(options.endDate === undefined ? {} : { extendedEndDate: options.endDate }),
      debtCollector: options.collector,
      offerSpanishTranslation: options.offerSpanishTranslation ?? false,
      delivery: { method: 'mail' },
    });
    if (!built.ok) return fail(built.code, `account ${accountId}: ${built.message}`, built.field);
    notices.push(built.value);
  }
  return ok({ document: buildValidationNoticeDocument(notices, options.meta), notices });
}
