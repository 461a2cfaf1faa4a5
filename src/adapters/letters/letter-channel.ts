// Letters (issue #4, point 3): each letter is drawn as a PDF by the shared document renderer and kept in
// RECOUP_LETTER_DIR/<business date>/ with its document as JSON; `writeDailyPrintFile` puts the day's letters
// into one print file (print-<date>.pdf) for the print shop or mail house. The letter's file is its proof of
// sending for reconciliation: a letter whose PDF exists was produced (exactly once, by Message-ID file name).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChannelAdapter, OutboundMessage } from '../../app/outreach/dispatch-outbox.ts';
import { renderDocumentPdf } from '../pdf/render-document-pdf.ts';
import { buildLetterDocument, buildPrintBatchDocument, type LetterInput } from '../../domain/outreach/build-letter-document.ts';
import { buildDocumentPlainText, type DocumentBlock } from '../../domain/documents/document.ts';
import { buildValidationNoticeLetter, parseUsPostalLines } from '../../domain/outreach/build-validation-notice-document.ts';

export type LetterConfig = {
  dir: string;
  sender: { name: string; lines: string[] };
  /** Compress the PDFs' content streams (default true); tests read the text of uncompressed letters. */
  compress?: boolean;
};

export function letterConfigFromEnv(env: Record<string, string | undefined>, cwd: string): LetterConfig {
  return {
    dir: env.RECOUP_LETTER_DIR || join(cwd, 'recoup-letters'),
    sender: { name: env.RECOUP_COLLECTOR_NAME || 'Recoup', lines: (env.RECOUP_COLLECTOR_ADDRESS || '').split('|').filter((line) => line !== '') },
  };
}

const fileNameOf = (messageId: string) => messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9._-]/g, '_');
const titles: Record<string, string> = { validation_notice: 'Important information about your debt', final_notice: 'Final notice', reminder_overdue: 'Payment reminder' };
const titlesEs: Record<string, string> = { validation_notice: 'Información importante sobre su deuda', final_notice: 'Último aviso', reminder_overdue: 'Recordatorio de pago' };

export function createLetterChannel(config: LetterConfig): ChannelAdapter {
  return {
    async send(message: OutboundMessage) {
      const dayDir = join(config.dir, message.businessDate);
      mkdirSync(dayDir, { recursive: true });
      const name = fileNameOf(message.messageId);
      const createdAt = `${message.businessDate}T12:00:00.000Z`;
      const letter: LetterInput = {
        letterId: name,
        title: (message.rendered.locale === 'es' ? titlesEs : titles)[message.rendered.template] ?? message.rendered.template,
        createdAt,
        dateLine: message.businessDate,
        sender: config.sender,
        recipient: { name: message.recipientName, lines: message.to.split(/\s*[,|]\s*/).filter((line) => line !== '') },
        reference: `Reference: ${message.outboxId}`,
        text: message.rendered.text,
        language: message.rendered.locale,
        ...(message.validationNotice === undefined ? {} : layOutValidationNotice(message, config, createdAt)),
      };
      const pdf = await renderDocumentPdf(buildLetterDocument(letter), { compress: config.compress ?? true });
      // Write then rename: a crash never leaves a half-written letter that reconciliation would count as sent.
      writeFileSync(join(dayDir, `${name}.json.tmp`), JSON.stringify(letter));
      renameSync(join(dayDir, `${name}.json.tmp`), join(dayDir, `${name}.json`));
      writeFileSync(join(dayDir, `${name}.pdf.tmp`), pdf);
      renameSync(join(dayDir, `${name}.pdf.tmp`), join(dayDir, `${name}.pdf`));
      return { providerId: join(message.businessDate, `${name}.pdf`) };
    },
    async lookup({ messageId }) {
      const name = `${fileNameOf(messageId)}.pdf`;
      if (!existsSync(config.dir)) return false;
      return readdirSync(config.dir).some((day) => existsSync(join(config.dir, day, name)));
    },
  };
}

// B-1 covers the debt collector disclosure (1006.18(e)) and the end date in its own words; any other disclosure
// the gate requires (a state notice) is printed on the front, after "What else can you do?" (1006.34(d)(3)(iv)).
const coveredByModelForm = new Set(['MM_INITIAL', 'VALIDATION_END_DATE']);

/**
 * A validation notice letter as Model Form B-1, when the book has every field and the itemization adds up;
 * otherwise the template's letter is printed and `formProblem` says why (kept in the letter's JSON).
 */
function layOutValidationNotice(message: OutboundMessage, config: LetterConfig, createdAt: string): Partial<LetterInput> {
  const notice = message.validationNotice!;
  if (!notice.facts.ok) return { form: 'template', formProblem: notice.facts.message };
  const mailingAddress = parseUsPostalLines(config.sender.lines);
  if (mailingAddress === undefined) {
    return { form: 'template', formProblem: `the collector's address (RECOUP_COLLECTOR_ADDRESS) "${config.sender.lines.join(' | ')}" has no "City, ST ZIP" line` };
  }
  const built = buildValidationNoticeLetter(notice.facts.value, {
    collector: { name: config.sender.name, mailingAddress },
    providedDate: notice.providedDate,
    ...(notice.endDate === undefined ? {} : { endDate: notice.endDate }),
    offerSpanishTranslation: message.rendered.locale === 'es',
    meta: { documentId: fileNameOf(message.messageId), createdAt, dateLine: message.businessDate, language: 'en' },
  });
  if (!built.ok) return { form: 'template', formProblem: built.message };
  const extra = (message.rendered.disclosureTexts ?? []).filter((disclosure) => !coveredByModelForm.has(disclosure.code));
  const blocks: DocumentBlock[] = [...built.value.document.blocks];
  if (extra.length > 0) {
    const tearOff = blocks.findIndex((block) => block.kind === 'page_break');
    blocks.splice(tearOff < 0 ? blocks.length : tearOff, 0, ...extra.map((disclosure): DocumentBlock => ({ kind: 'paragraph', text: disclosure.text })));
  }
  const document = { ...built.value.document, blocks };
  return {
    form: 'model_form_b1', title: document.title, sender: document.sender, recipient: document.recipient!, blocks, footer: [...(document.footer ?? [])],
    text: buildDocumentPlainText(document), language: 'en',
  };
}

/** The day's letters as one PDF (print-<date>.pdf in the day's folder). Returns its path and the count. */
export async function writeDailyPrintFile(config: LetterConfig, date: string): Promise<{ path: string; letters: number }> {
  const dayDir = join(config.dir, date);
  const letters = existsSync(dayDir)
    ? readdirSync(dayDir).filter((file) => file.endsWith('.json')).sort().map((file) => JSON.parse(readFileSync(join(dayDir, file), 'utf8')) as LetterInput)
    : [];
  mkdirSync(dayDir, { recursive: true });
  const path = join(dayDir, `print-${date}.pdf`);
  const pdf = await renderDocumentPdf(buildPrintBatchDocument(`print-${date}`, date, `${date}T23:59:00.000Z`, config.sender, letters));
  writeFileSync(path, pdf);
  return { path, letters: letters.length };
}
