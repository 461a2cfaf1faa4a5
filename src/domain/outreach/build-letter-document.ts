// A rendered letter (template text with its disclosures) as a printable document (src/domain/documents), and
// the day's letters as one print file: each letter starts on a new page with its own address block.
import type { DocumentBlock, RecoupDocument } from '../documents/document.ts';

export type LetterInput = {
  letterId: string;
  title: string;
  createdAt: string;
  dateLine: string;
  sender: { name: string; lines: readonly string[] };
  recipient: { name: string; lines: readonly string[] };
  reference: string;
  /** The rendered letter text: paragraphs separated by blank lines. */
  text: string;
  language: string;
  /** A letter laid out as a form (the Reg F validation notice as Model Form B-1): its blocks replace `text`'s paragraphs. */
  blocks?: DocumentBlock[];
  footer?: string[];
  /** Which layout was used, and why the form could not be (then `text` is printed). */
  form?: 'model_form_b1' | 'template';
  formProblem?: string;
};

function paragraphs(text: string): DocumentBlock[] {
  return text.split(/\n\s*\n/).map((paragraph) => paragraph.trim()).filter((paragraph) => paragraph !== '')
    .map((paragraph) => ({ kind: 'paragraph', text: paragraph.replace(/\s*\n\s*/g, paragraph.includes(':') && paragraph.split('\n').length > 1 ? '\n' : ' ') }));
}

export function buildLetterDocument(letter: LetterInput): RecoupDocument {
  return {
    documentId: letter.letterId,
    title: letter.title,
    createdAt: letter.createdAt,
    dateLine: letter.dateLine,
    sender: letter.sender,
    recipient: letter.recipient,
    reference: letter.reference,
    blocks: letter.blocks ?? paragraphs(letter.text),
    ...(letter.footer === undefined ? {} : { footer: letter.footer }),
    pageSize: 'LETTER',
    language: letter.language,
  };
}

/** One document for the print shop: every letter of the day, each from a new page, in the order given. */
export function buildPrintBatchDocument(batchId: string, date: string, createdAt: string, sender: { name: string; lines: readonly string[] }, letters: readonly LetterInput[]): RecoupDocument {
  const blocks: DocumentBlock[] = [
    { kind: 'key_values', rows: [{ key: 'Print batch', value: batchId }, { key: 'Date', value: date }, { key: 'Letters', value: String(letters.length) }] },
  ];
  for (const letter of letters) {
    blocks.push({ kind: 'page_break' });
    blocks.push({ kind: 'paragraph', text: [letter.recipient.name, ...letter.recipient.lines].join('\n'), emphasis: 'bold' });
    blocks.push({ kind: 'paragraph', text: `${letter.dateLine}\n${letter.reference}` });
    blocks.push({ kind: 'heading', text: letter.title });
    blocks.push(...(letter.blocks ?? paragraphs(letter.text)));
  }
  return { documentId: batchId, title: `Letters of ${date}`, createdAt, dateLine: date, sender, blocks, pageSize: 'LETTER' };
}
