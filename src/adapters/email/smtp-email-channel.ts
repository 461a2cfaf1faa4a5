// Email out over SMTP with nodemailer (issue #4, point 3): server, port, TLS and credentials from the
// environment (or passed in). The Message-ID is the outbox row's deterministic id, so a resend after a crash
// carries the same Message-ID. A 5xx answer from the server is a permanent failure (a synchronous bounce).
import { readFileSync, existsSync } from 'node:fs';
import nodemailer from 'nodemailer';
import type { ChannelAdapter, OutboundMessage } from '../../app/outreach/dispatch-outbox.ts';

export type SmtpConfig = {
  host: string;
  port: number;
  /** Implicit TLS (usually port 465). */
  secure: boolean;
  /** Refuse to send unless the server offers STARTTLS. */
  requireTls: boolean;
  user?: string | undefined;
  password?: string | undefined;
  from: string;
  /** Verify the server's certificate (default true; a test server with a self-signed certificate sets false). */
  rejectUnauthorized: boolean;
  maxConnections: number;
  /** Connection, greeting and socket timeout; keep it well under the dispatcher's lease. */
  timeoutMs: number;
};

/** RECOUP_SMTP_HOST (required), _PORT (587), _SECURE, _REQUIRE_TLS, _USER, _PASSWORD, _FROM, _TLS_REJECT_UNAUTHORIZED, _MAX_CONNECTIONS, _TIMEOUT_MS. */
export function smtpConfigFromEnv(env: Record<string, string | undefined>): SmtpConfig | undefined {
  const host = env.RECOUP_SMTP_HOST;
  if (!host) return undefined;
  const flag = (value: string | undefined, fallback: boolean) => (value === undefined || value === '' ? fallback : /^(1|true|yes)$/i.test(value));
  return {
    host,
    port: Number(env.RECOUP_SMTP_PORT || 587),
    secure: flag(env.RECOUP_SMTP_SECURE, false),
    requireTls: flag(env.RECOUP_SMTP_REQUIRE_TLS, false),
    user: env.RECOUP_SMTP_USER || undefined,
    password: env.RECOUP_SMTP_PASSWORD || undefined,
    from: env.RECOUP_SMTP_FROM || `Recoup <no-reply@${host}>`,
    rejectUnauthorized: flag(env.RECOUP_SMTP_TLS_REJECT_UNAUTHORIZED, true),
    maxConnections: Number(env.RECOUP_SMTP_MAX_CONNECTIONS || 4),
    timeoutMs: Number(env.RECOUP_SMTP_TIMEOUT_MS || 30_000),
  };
}

export class PermanentSendError extends Error {
  readonly permanent = true;
}

/**
 * Did the provider receive this Message-ID? SMTP itself cannot answer; a provider's message search API can.
 * `file:PATH` reads a log of received Message-IDs, one a line (what the test peer writes, and what a mail
 * relay's delivery log can be turned into). Undefined: no lookup (the dispatcher then resends after a crash).
 */
export function createMessageLookup(spec: string | undefined): ChannelAdapter['lookup'] {
  if (spec === undefined || spec === '') return undefined;
  if (!spec.startsWith('file:')) throw new Error(`RECOUP_SMTP_LOOKUP: unsupported "${spec}" (use file:PATH)`);
  const path = spec.slice('file:'.length);
  return async ({ messageId }) => {
    if (!existsSync(path)) return false;
    return readFileSync(path, 'utf8').split('\n').includes(messageId);
  };
}

export function createSmtpEmailChannel(config: SmtpConfig, options: { lookup?: ChannelAdapter['lookup'] } = {}): ChannelAdapter & { close(): void } {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTls,
    ...(config.user !== undefined ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
    tls: { rejectUnauthorized: config.rejectUnauthorized },
    pool: true,
    maxConnections: config.maxConnections,
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
  });
  return {
    async send(message: OutboundMessage) {
      try {
        const info = await transport.sendMail({
          from: config.from,
          to: message.to,
          subject: message.rendered.subject ?? '',
          text: message.rendered.text,
          ...(message.rendered.html !== undefined ? { html: message.rendered.html } : {}),
          messageId: message.messageId,
          headers: { 'X-Recoup-Outbox': message.outboxId, 'Content-Language': message.rendered.locale },
        });
        return { providerId: typeof info.response === 'string' ? info.response.slice(0, 200) : null };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500 && code < 600) throw new PermanentSendError(`SMTP ${code}: ${(error as Error).message}`);
        throw error;
      }
    },
    ...(options.lookup !== undefined ? { lookup: options.lookup } : {}),
    close: () => transport.close(),
  };
}
