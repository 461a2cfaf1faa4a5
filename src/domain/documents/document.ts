// A printable document as data: letters, agreements, notices. Pure: the PDF adapter
// (src/adapters/pdf/render-document-pdf.ts) draws it, and `buildDocumentPlainText` gives the same words as
// text (for previews, e-mail bodies and tests). Callers format money and dates before they get here, so a
// renderer never decides how an amount reads.
import { formatAmount } from '../money/money.ts';

/** A postal address block: a name and its lines, printed as given. */
export type AddressBlock = { name: string; lines: readonly string[] };

export type TableColumn = {
  header: string;
  /** Money and counts are right-aligned so their digits line up. */
  align?: 'left' | 'right';
  /** Relative width (default 1); the renderer shares the text width in these proportions. */
  widthShare?: number;
};

export type DocumentBlock =
  /** A section heading. */
  | { kind: 'heading'; text: string }
  /** A paragraph; long text wraps. `emphasis: 'bold'` for a sentence the law wants prominent. */
  | { kind: 'paragraph'; text: string; emphasis?: 'bold' }
  /** Label–value pairs (an itemized balance, the terms of an agreement). */
  | { kind: 'key_values'; rows: readonly { key: string; value: string; emphasis?: 'bold' }[] }
  /** A table: every row has one cell per column; `totalRow` is printed bold under a rule. */
  | { kind: 'table'; columns: readonly TableColumn[]; rows: readonly (readonly string[])[]; totalRow?: readonly string[] }
  /** Signature lines: one per signer, with the printed name and, once signed, when. */
  | { kind: 'signature'; signers: readonly { label: string; name?: string; signedAt?: string }[] }
  /** Start the next block on a new page. */
  | { kind: 'page_break' };

export type RecoupDocument = {
  /** Stable id of this document; the PDF's file identifier is derived from it and `createdAt`. */
  documentId: string;
  title: string;
  /** ISO 8601 instant the document is dated as of; it becomes the PDF's CreationDate (deterministic output). */
  createdAt: string;
  /** The date as printed in the letter (already formatted for the reader, e.g. "November 24, 2026"). */
  dateLine: string;
  sender: AddressBlock;
  recipient?: AddressBlock;
  /** A short "Reference: …" line under the date. */
  reference?: string;
  blocks: readonly DocumentBlock[];
  /** Printed at the bottom of every page (disclosures such as "This is a communication from a debt collector."). */
  footer?: readonly string[];
  /** Paper size; US letters default to LETTER. */
  pageSize?: 'LETTER' | 'A4';
  /** BCP 47 tag, recorded in the PDF. */
  language?: string;
};

/** An amount as a document prints it: "1,234.50 USD". */
export function formatDocumentMoney(amountMinor: bigint, currency: string): string {
  return `${formatAmount(amountMinor, currency)} ${currency}`;
}

/** Checks the shape a renderer relies on: tables are rectangular and the title is not blank. */
export function findDocumentProblem(document: RecoupDocument): string | undefined {
  if (document.title.trim() === '') return 'title is blank';
  if (Number.isNaN(Date.parse(document.createdAt))) return `createdAt "${document.createdAt}" is not an instant`;
  for (const [index, block] of document.blocks.entries()) {
    if (block.kind !== 'table') continue;
    const width = block.columns.length;
    const rows = block.totalRow === undefined ? block.rows : [...block.rows, block.totalRow];
    const bad = rows.findIndex((row) => row.length !== width);
    if (bad >= 0) return `block ${index + 1}: table row ${bad + 1} has ${rows[bad]!.length} cells for ${width} columns`;
  }
  return undefined;
}

/** The document's words in reading order, one line per line or table row (cells separated by " | "). */
export function buildDocumentPlainText(document: RecoupDocument): string {
  const lines: string[] = [];
  lines.push(document.sender.name, ...document.sender.lines, '');
  lines.push(document.dateLine);
  if (document.reference !== undefined) lines.push(document.reference);
  lines.push('');
  if (document.recipient !== undefined) lines.push(document.recipient.name, ...document.recipient.lines, '');
  lines.push(document.title, '');
  for (const block of document.blocks) {
    switch (block.kind) {
      case 'heading': lines.push(block.text); break;
      case 'paragraph': lines.push(block.text); break;
      case 'key_values': for (const row of block.rows) lines.push(`${row.key}: ${row.value}`); break;
      case 'table':
        lines.push(block.columns.map((column) => column.header).join(' | '));
        for (const row of block.rows) lines.push(row.join(' | '));
        if (block.totalRow !== undefined) lines.push(block.totalRow.join(' | '));
        break;
      case 'signature':
        for (const signer of block.signers) {
          lines.push(`${signer.label}: ${signer.name ?? ''}${signer.signedAt === undefined ? '' : ` (signed ${signer.signedAt})`}`);
        }
        break;
      case 'page_break': lines.push('\f'); continue;
    }
    lines.push('');
  }
  if (document.footer !== undefined) lines.push(...document.footer);
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
