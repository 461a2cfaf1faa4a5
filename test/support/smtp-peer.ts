// A real SMTP server (smtp-server) for the outreach tests: it accepts mail, parses it with mailparser and keeps
// it; it refuses recipients whose local part starts with "bounce" (550, a synchronous bounce). With
// `receivedLog` it appends each accepted Message-ID to that file before answering 250 (the provider lookup the
// dispatcher's reconciliation reads; see docs/outreach.md).
import { appendFileSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export type SmtpPeer = { port: number; messages: ParsedMail[]; close: () => Promise<void> };

export async function startSmtpPeer(options: { receivedLog?: string; port?: number; parse?: boolean } = {}): Promise<SmtpPeer> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase().startsWith('bounce')) {
        const error = new Error('5.1.1 mailbox unavailable') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const header = /^message-id:\s*(<[^>]+>)/im.exec(raw.subarray(0, 8192).toString('utf8'));
        if (options.receivedLog !== undefined && header !== null) appendFileSync(options.receivedLog, `${header[1]}\n`);
        if (options.parse === false) {
          callback();
          return;
        }
        simpleParser(raw).then((mail) => {
          messages.push(mail);
          callback();
        }, callback);
      });
    },
  });
  // A client killed mid-conversation resets its connection: that is expected here, not a reason to stop.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, messages, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
