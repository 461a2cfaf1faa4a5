// SMS through a Twilio-compatible HTTP API with fetch (issue #4, point 3): POST
// {baseUrl}/2010-04-01/Accounts/{sid}/Messages.json, form-encoded To, From, Body, StatusCallback, HTTP Basic
// auth. A 4xx answer (an invalid or unreachable number) is a permanent failure; 5xx and network errors retry.
// Delivery callbacks (the StatusCallback POST) are read by `parseSmsStatusCallback` and checked with
// `verifyTwilioSignature` (X-Twilio-Signature: HMAC-SHA1 over the URL and the sorted form fields).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ChannelAdapter, OutboundMessage } from '../../app/outreach/dispatch-outbox.ts';
import { PermanentSendError } from '../email/smtp-email-channel.ts';

export type SmsConfig = {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  /** Where the provider posts delivery reports (the HTTP API's /api/outreach/sms/status route). */
  statusCallbackUrl: string | undefined;
  timeoutMs: number;
};

/** RECOUP_SMS_URL (default https://api.twilio.com), RECOUP_SMS_ACCOUNT_SID, RECOUP_SMS_AUTH_TOKEN, RECOUP_SMS_FROM, RECOUP_SMS_STATUS_CALLBACK, RECOUP_SMS_TIMEOUT_MS. */
export function smsConfigFromEnv(env: Record<string, string | undefined>): SmsConfig | undefined {
  if (!env.RECOUP_SMS_ACCOUNT_SID || !env.RECOUP_SMS_AUTH_TOKEN || !env.RECOUP_SMS_FROM) return undefined;
  return {
    baseUrl: env.RECOUP_SMS_URL || 'https://api.twilio.com',
    accountSid: env.RECOUP_SMS_ACCOUNT_SID,
    authToken: env.RECOUP_SMS_AUTH_TOKEN,
    from: env.RECOUP_SMS_FROM,
    statusCallbackUrl: env.RECOUP_SMS_STATUS_CALLBACK || undefined,
    timeoutMs: Number(env.RECOUP_SMS_TIMEOUT_MS || 20_000),
  };
}

export function createTwilioSmsChannel(config: SmsConfig): ChannelAdapter {
  const endpoint = `${config.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}`;
  return {
    async send(message: OutboundMessage) {
      const body = new URLSearchParams({ To: message.to, From: config.from, Body: message.rendered.text });
      if (config.statusCallbackUrl !== undefined) body.set('StatusCallback', config.statusCallbackUrl);
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': message.messageId },
        body,
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      const text = await response.text();
      let json: { sid?: string; message?: string; code?: number } = {};
      try {
        json = JSON.parse(text) as typeof json;
      } catch {
        // A proxy's HTML error page: keep the status code.
      }
      if (response.status >= 400 && response.status < 500) {
        throw new PermanentSendError(`SMS provider ${response.status}${json.code === undefined ? '' : ` (${json.code})`}: ${json.message ?? text.slice(0, 200)}`);
      }
      if (!response.ok) throw new Error(`SMS provider ${response.status}: ${json.message ?? text.slice(0, 200)}`);
      return { providerId: json.sid ?? null };
    },
  };
}

export type SmsStatus = { providerId: string; kind: 'delivered' | 'failed' | 'status'; status: string; errorCode: string | undefined };

/** Reads a StatusCallback form: MessageSid, MessageStatus (queued, sent, delivered, undelivered, failed), ErrorCode. */
export function parseSmsStatusCallback(form: URLSearchParams): SmsStatus | undefined {
  const providerId = form.get('MessageSid') ?? form.get('SmsSid');
  const status = (form.get('MessageStatus') ?? form.get('SmsStatus') ?? '').toLowerCase();
  if (!providerId || status === '') return undefined;
  const kind = status === 'delivered' ? 'delivered' : status === 'undelivered' || status === 'failed' ? 'failed' : 'status';
  return { providerId, kind, status, errorCode: form.get('ErrorCode') ?? undefined };
}

export function computeTwilioSignature(authToken: string, url: string, form: URLSearchParams): string {
  const data = [...form.keys()].sort().reduce((text, key) => text + key + form.getAll(key).join(''), url);
  return createHmac('sha1', authToken).update(data).digest('base64');
}

export function verifyTwilioSignature(authToken: string, url: string, form: URLSearchParams, signature: string | undefined): boolean {
  if (signature === undefined) return false;
  const expected = Buffer.from(computeTwilioSignature(authToken, url, form));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
