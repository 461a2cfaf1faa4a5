// Reads a bounce (a delivery status notification, RFC 3464 multipart/report) with mailparser: which message
// bounced (its Message-ID, from the returned headers), for which recipient, and whether it is permanent.
import { simpleParser } from 'mailparser';

export type ParsedBounce = {
  originalMessageId: string | undefined;
  recipient: string | undefined;
  action: string | undefined;
  status: string | undefined;
  diagnostic: string | undefined;
  /** 5.x.x status or action "failed": the address does not work. */
  permanent: boolean;
};

function field(text: string, name: string): string | undefined {
  const match = new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(text);
  return match?.[1]?.trim();
}

export async function parseBounce(raw: string | Buffer): Promise<ParsedBounce | undefined> {
  const mail = await simpleParser(raw);
  let statusText: string | undefined;
  let returnedHeaders: string | undefined;
  for (const attachment of mail.attachments) {
    const type = attachment.contentType.toLowerCase();
    if (type === 'message/delivery-status') statusText = attachment.content.toString('utf8');
    else if (type === 'text/rfc822-headers' || type === 'message/rfc822' || type === 'message/rfc822-headers') returnedHeaders = attachment.content.toString('utf8');
  }
  const reportType = (mail.headers.get('content-type') as { params?: Record<string, string> } | undefined)?.params?.['report-type'];
  if (statusText === undefined && reportType !== 'delivery-status') return undefined;
  // mailparser shows a message/delivery-status part as body text rather than as an attachment.
  statusText ??= mail.text;
  const status = statusText === undefined ? undefined : field(statusText, 'Status');
  const action = statusText === undefined ? undefined : field(statusText, 'Action')?.toLowerCase();
  const recipient = statusText === undefined ? undefined : (field(statusText, 'Final-Recipient') ?? field(statusText, 'Original-Recipient'))?.replace(/^rfc822;\s*/i, '');
  const originalMessageId = returnedHeaders === undefined ? undefined : field(returnedHeaders, 'Message-ID');
  return {
    originalMessageId,
    recipient,
    action,
    status,
    diagnostic: statusText === undefined ? undefined : field(statusText, 'Diagnostic-Code'),
    permanent: action === 'failed' || (status !== undefined && status.startsWith('5')),
  };
}
