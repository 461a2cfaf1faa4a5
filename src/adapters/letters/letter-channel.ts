// Letters (issue #4, point 3): each letter is drawn as a PDF by the shared document renderer and kept in
// RECOUP_LETTER_DIR/<business date>/ with its document as JSON; `writeDailyPrintFile` puts the day's letters
// into one print file (print-<date>.pdf) for the print shop or mail house. The letter's file is its proof of
// sending for reconciliation: a letter whose PDF exists was produced (exactly once, by Message-ID file name).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChannelAdapter, OutboundMessage } from '../../app/outreach/dispatch-outbox.ts';
import { renderDocumentPdf } from '../pdf/render-document-pdf.ts';
import { buildLetterDocument, buildPrintBatchDocument, type LetterInput } from '../../domain/outreach/build-letter-document.ts';

export type LetterConfig = { dir: string; sender: { name: string; lines: string[] } };

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
      };
      const pdf = await renderDocumentPdf(buildLetterDocument(letter));
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
