// The channels a dispatcher process sends through, from the environment: SMTP (RECOUP_SMTP_*), a
// Twilio-compatible SMS API (RECOUP_SMS_*) and letters on disk (RECOUP_LETTER_DIR). A channel that is not
// configured is left out; its outbox rows wait for a worker that has it.
// Adapters are loaded only when configured (the PDF renderer is heavy; a dispatcher without letters skips it).
import type { OutreachChannels } from './dispatch-outbox.ts';

export async function buildOutreachChannelsFromEnv(env: Record<string, string | undefined>, cwd: string): Promise<{ channels: OutreachChannels; close: () => void; configured: string[] }> {
  const { createMessageLookup, createSmtpEmailChannel, smtpConfigFromEnv } = await import('../../adapters/email/smtp-email-channel.ts');
  const { createTwilioSmsChannel, smsConfigFromEnv } = await import('../../adapters/sms/twilio-sms-channel.ts');
  const channels: OutreachChannels = {};
  const closers: Array<() => void> = [];
  const smtp = smtpConfigFromEnv(env);
  if (smtp !== undefined) {
    const email = createSmtpEmailChannel(smtp, { lookup: createMessageLookup(env.RECOUP_SMTP_LOOKUP) });
    channels.email = email;
    closers.push(() => email.close());
  }
  const sms = smsConfigFromEnv(env);
  if (sms !== undefined) channels.sms = createTwilioSmsChannel(sms);
  if (env.RECOUP_LETTER_DIR !== '-') {
    const { createLetterChannel, letterConfigFromEnv } = await import('../../adapters/letters/letter-channel.ts');
    channels.letter = createLetterChannel(letterConfigFromEnv(env, cwd));
  }
  return { channels, close: () => closers.forEach((close) => close()), configured: Object.keys(channels) };
}
