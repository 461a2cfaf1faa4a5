// Outreach end to end on a real database (PGlite, or PostgreSQL with DATABASE_URL), a real SMTP server and a
// local Twilio-compatible HTTP server: the daily cycle writes the outbox with the strategy decision, the
// dispatcher asks the gate again and sends, and feedback moves a step to the next channel.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from './support/test-database.ts';
import { createOutreachBook } from './support/outreach-fixtures.ts';
import { startSmtpPeer, type SmtpPeer } from './support/smtp-peer.ts';
import { startSmsPeer, type SmsPeer } from './support/sms-peer.ts';
import { freshBookEnv, runRecoup } from './support/cli.ts';
import { runDailyCycle, type DailyCycleOptions } from '../src/app/outreach/run-daily-cycle.ts';
import { dispatchOutbox, type OutreachChannels } from '../src/app/outreach/dispatch-outbox.ts';
import { createSmtpEmailChannel } from '../src/adapters/email/smtp-email-channel.ts';
import { createTwilioSmsChannel, parseSmsStatusCallback } from '../src/adapters/sms/twilio-sms-channel.ts';
import { createLetterChannel, writeDailyPrintFile } from '../src/adapters/letters/letter-channel.ts';
import { recordDeliveryReport } from '../src/app/outreach/handle-delivery-feedback.ts';
import { handleBounceMessage } from '../src/app/outreach/handle-bounce.ts';
import { completeCallTask, listCallTasks, previewContact, queueManualContact } from '../src/app/outreach/manual-contact.ts';
import { startOutreachScheduler } from '../src/app/outreach/start-outreach-scheduler.ts';
import pg from 'pg';

const tenantId = 'acme';
const businessDate = '2026-11-24';
const noon = new Date('2026-11-24T17:00:00Z'); // 11:00 in Texas

let db: TestDatabase;
let smtp: SmtpPeer;
let sms: SmsPeer;
let letterDir: string;
let channels: OutreachChannels & { close?: () => void };
let closeEmail: () => void;

beforeAll(async () => {
  smtp = await startSmtpPeer();
  sms = await startSmsPeer();
});
afterAll(async () => {
  await smtp.close();
  await sms.close();
});

beforeEach(async () => {
  db = await openTestDatabase();
  smtp.messages.length = 0;
  sms.requests.length = 0;
  letterDir = mkdtempSync(join(tmpdir(), 'recoup-letters-'));
  const email = createSmtpEmailChannel({
    host: '127.0.0.1', port: smtp.port, secure: false, requireTls: false, from: 'Acme Collections <collect@acme.test>', rejectUnauthorized: false,
    maxConnections: 2, timeoutMs: 10_000,
  });
  closeEmail = () => email.close();
  channels = {
    email,
    sms: createTwilioSmsChannel({ baseUrl: sms.url, accountSid: 'AC123', authToken: 'secret', from: '+15125550100', statusCallbackUrl: 'https://recoup.test/api/outreach/sms/status', timeoutMs: 5000 }),
    letter: createLetterChannel({ dir: letterDir, sender: { name: 'Acme Collections', lines: ['1 Collector Way', 'Austin, TX 78701'] } }),
  };
});
afterEach(async () => {
  closeEmail();
  await db.dispose();
  rmSync(letterDir, { recursive: true, force: true });
});

const cycle = (overrides: Partial<DailyCycleOptions> = {}) =>
  runDailyCycle(db, { tenantId, actor: 'test', businessDate, now: noon, publicUrl: 'https://pay.acme.test', collectorName: 'Acme Collections', ...overrides });
const dispatch = (at: Date = noon) => dispatchOutbox(db, { tenantId, actor: 'test', workerId: 'w1', channels, now: () => at });

async function audit(type: string): Promise<Array<{ subject_id: string; payload: Record<string, unknown> }>> {
  const { rows } = await db.query<{ subject_id: string; payload: Record<string, unknown> }>('SELECT subject_id, payload FROM audit_event WHERE tenant_id = $1 AND type = $2 ORDER BY seq', [tenantId, type]);
  return rows;
}

describe('daily cycle and dispatcher', () => {
  it('sends one consolidated email per debtor over SMTP, exactly once, and records every attempt', async () => {
    await createOutreachBook(db, tenantId, [
      { id: 'b1', purpose: 'commercial', invoices: [{ id: 'inv_b1_1', dueDate: '2026-11-09', amountMinor: 1200_00n }, { id: 'inv_b1_2', dueDate: '2026-11-12', amountMinor: 300_50n }, { id: 'inv_b1_3', dueDate: '2026-11-10', amountMinor: 99_00n, disputed: true }] },
      { id: 'b2', purpose: 'commercial', invoices: [{ id: 'inv_b2_1', dueDate: '2026-12-31', amountMinor: 50_00n }] },
    ]);
    const summary = await cycle();
    expect(summary).toMatchObject({ accountsEvaluated: 2, contactsQueued: 1, contactsDelayed: 0, contactsBlocked: 0 });
    const outbox = await db.query<{ id: string; channel: string; template: string; message_id: string; account_ids: string[] }>('SELECT id, channel, template, message_id, account_ids FROM outreach_outbox');
    expect(outbox.rows).toHaveLength(1);
    expect(outbox.rows[0]).toMatchObject({ channel: 'email', template: 'reminder_overdue' });

    // The same day again: nothing new.
    expect(await cycle()).toMatchObject({ contactsQueued: 0, contactsBlocked: 0 });

    const sent = await dispatch();
    expect(sent).toMatchObject({ claimed: 1, sent: 1, failed: 0 });
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0]!;
    expect(mail.messageId).toBe(outbox.rows[0]!.message_id);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('b1@example.test');
    // Both undisputed invoices, itemized; the disputed one left out.
    expect(mail.text).toContain('inv_b1_1');
    expect(mail.text).toContain('inv_b1_2');
    expect(mail.text).not.toContain('inv_b1_3');
    expect(mail.text).toContain('1,500.50 USD');
    expect(mail.text).toContain('https://pay.acme.test/portal');
    expect(mail.html).toContain('<td>1,200.00 USD</td>');

    expect(await dispatch()).toMatchObject({ claimed: 0 });
    const attempts = await db.query<{ status: string; message_id: string }>('SELECT status, message_id FROM contact_attempt');
    expect(attempts.rows).toEqual([{ status: 'sent', message_id: mail.messageId }]);
    const events = await audit('outreach.contact_sent');
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ debtorId: 'b1', channel: 'email', messageId: mail.messageId });
  });

  it('adds the disclosures the gate requires: validation notice letter first for a consumer, then mini-Miranda and opt-out notice', async () => {
    await createOutreachBook(db, tenantId, [
      { id: 'c1', purpose: 'consumer', invoices: [{ id: 'inv_c1_1', dueDate: '2026-10-01', amountMinor: 480_00n }] },
    ]);
    expect(await cycle()).toMatchObject({ contactsQueued: 1 });
    expect(await dispatch()).toMatchObject({ sent: 1 });
    const letters = (await db.query<{ provider_id: string; detail: { disclosures: string[] } }>("SELECT provider_id, detail FROM contact_attempt WHERE channel = 'letter'")).rows;
    expect(letters).toHaveLength(1);
    expect(letters[0]!.detail.disclosures).toEqual(expect.arrayContaining(['MM_INITIAL']));
    const pdfPath = join(letterDir, letters[0]!.provider_id);
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
    const letterJson = JSON.parse(readFileSync(pdfPath.replace(/\.pdf$/, '.json'), 'utf8')) as { text: string; form: string };
    expect(letterJson.form).toBe('model_form_b1');
    const endDate = letters[0]!.detail.disclosures.find((code) => code.startsWith('VALIDATION_END_DATE='))!.slice(20);
    // Sent Tuesday 2026-11-24: five business days (Thanksgiving on the 26th) then 30 days.
    expect(endDate).toBe('2027-01-01');
    // Laid out as Model Form B-1 (test/validation-notice-letter.test.ts checks the form in detail).
    expect(letterJson.text).toContain('Call or write to us by January 1, 2027, to dispute all or part of the debt.');
    expect(letterJson.text).toContain('Acme Collections is a debt collector. We are trying to collect a debt that you owe to');
    const validation = await db.query<{ notice_sent_at: Date | null; end_date: string | null }>('SELECT notice_sent_at, end_date FROM account_validation');
    expect(validation.rows[0]!.end_date).toBe(endDate);

    const print = await writeDailyPrintFile({ dir: letterDir, sender: { name: 'Acme Collections', lines: [] } }, businessDate);
    expect(print.letters).toBe(1);
    expect(existsSync(print.path)).toBe(true);

    // 40 days after entering: the first reminder by email carries MM_SUBSEQUENT and the opt-out notice.
    const later = new Date('2027-01-03T17:00:00Z');
    expect(await cycle({ businessDate: '2027-01-03', now: later })).toMatchObject({ contactsQueued: 1 });
    expect(await dispatch(later)).toMatchObject({ sent: 1 });
    const mail = smtp.messages.at(-1)!;
    expect(mail.text).toContain('This communication is from a debt collector.');
    expect(mail.text).toContain('To stop receiving emails at this address');
  });

  it('asks the gate again at send time: a cease request recorded after queueing blocks the message', async () => {
    await createOutreachBook(db, tenantId, [{ id: 'b1', purpose: 'commercial', region: 'TX', invoices: [{ id: 'inv_1', dueDate: '2026-11-09', amountMinor: 100_00n }] }]);
    await cycle();
    await db.query(`INSERT INTO debtor_compliance_flag (tenant_id, id, debtor_id, kind, effective_at, source) VALUES ($1, 'flag_1', 'b1', 'bankruptcy', '2026-11-24T16:00:00Z', 'specialist')`, [tenantId]);
    expect(await dispatch()).toMatchObject({ blocked: 1, sent: 0 });
    expect(smtp.messages).toHaveLength(0);
    const blocks = await db.query<{ stage: string; reason_ids: string[]; account_ids: string[] }>('SELECT stage, reason_ids, account_ids FROM outreach_block');
    expect(blocks.rows).toEqual([{ stage: 'send', reason_ids: ['BK-AUTOSTAY'], account_ids: ['acct_b1_USD'] }]);
    const events = await audit('outreach.contact_blocked');
    expect(events[0]!.payload).toMatchObject({ debtorId: 'b1', stage: 'send', reasonIds: ['BK-AUTOSTAY'] });
  });

  it('reschedules to the instant the gate names when it is too early at the consumer\'s location', async () => {
    // A consumer without a postal address: the validation notice goes by email, which has contact hours.
    await createOutreachBook(db, tenantId, [{ id: 'c1', purpose: 'consumer', postal: null, invoices: [{ id: 'inv_1', dueDate: '2026-10-09', amountMinor: 100_00n }] }]);
    const night = new Date('2026-11-24T09:00:00Z'); // 03:00 in Texas
    const summary = await cycle({ now: night });
    expect(summary).toMatchObject({ contactsQueued: 0, contactsDelayed: 1 });
    const row = await db.query<{ not_before: Date }>('SELECT not_before FROM outreach_outbox');
    // Texas without a postal code spans two zones (Chicago and Denver, for El Paso): 08:00 must hold in both.
    expect(new Date(row.rows[0]!.not_before).toISOString()).toBe('2026-11-24T15:00:00.000Z');
    expect(await dispatch(night)).toMatchObject({ claimed: 0 });
    // The dispatcher itself reschedules when a row comes due early (the clock is the gate's, not the queue's).
    await db.query(`UPDATE outreach_outbox SET not_before = '2026-11-24T09:00:00Z'`);
    expect(await dispatch(night)).toMatchObject({ rescheduled: 1, sent: 0 });
    expect((await audit('outreach.contact_rescheduled'))[0]!.payload).toMatchObject({ debtorId: 'c1', notBefore: '2026-11-24T15:00:00.000Z' });
    expect(await dispatch(new Date('2026-11-24T15:00:00Z'))).toMatchObject({ sent: 1 });
  });

  it('blocks at queue time with the reason, per account, and counts it', async () => {
    await createOutreachBook(db, tenantId, [
      { id: 'c1', purpose: 'consumer', invoices: [{ id: 'inv_1', dueDate: '2026-10-01', amountMinor: 100_00n }] },
      { id: 'c2', purpose: 'consumer', email: null, postal: null, invoices: [{ id: 'inv_2', dueDate: '2026-10-01', amountMinor: 100_00n }] },
    ]);
    await db.query(`INSERT INTO debtor_dispute (tenant_id, id, debtor_id, account_id, submitted_at, source) VALUES ($1, 'dsp_1', 'c1', NULL, '2026-11-20T00:00:00Z', 'portal')`, [tenantId]);
    const summary = await cycle();
    // c1 never enters (a dispute is open: exit condition); c2 has no address for a letter or an email.
    expect(summary).toMatchObject({ contactsQueued: 0, contactsBlocked: 1, blockedByReason: { NO_USABLE_CONTACT_POINT: 1 } });
    const block = await db.query<{ debtor_id: string; account_ids: string[] }>('SELECT debtor_id, account_ids FROM outreach_block');
    expect(block.rows).toEqual([{ debtor_id: 'c2', account_ids: ['acct_c2_USD'] }]);
  });

  it('posts interest and fees per the strategy policy once per day', async () => {
    await createOutreachBook(db, tenantId, [{ id: 'b1', purpose: 'commercial', invoices: [{ id: 'inv_1', dueDate: '2026-10-20', amountMinor: 1000_00n }] }]);
    await cycle({ businessDate: '2026-10-25', now: new Date('2026-10-25T17:00:00Z') });
    const first = await cycle();
    expect(first.chargesPosted).toBe(2); // the late fee (35 days) and one month of interest (2026-11-20)
    expect((await cycle()).chargesPosted).toBe(0);
    const entries = await db.query<{ kind: string; amount_minor: bigint; effective_date: string }>(
      "SELECT kind, amount_minor, effective_date FROM ledger_entry WHERE source = 'outreach' ORDER BY kind");
    expect(entries.rows).toEqual([
      { kind: 'fee', amount_minor: 40_00n, effective_date: businessDate },
      { kind: 'interest', amount_minor: 6_79n, effective_date: '2026-11-20' },
    ]);
  });
});

describe('feedback', () => {
  it('a synchronous SMTP bounce marks the address and the step moves on to SMS; the SMS callback updates the attempt', async () => {
    await createOutreachBook(db, tenantId, [{ id: 'b1', purpose: 'commercial', email: 'bounce-me@example.test', phone: '+15125550123', invoices: [{ id: 'inv_1', dueDate: '2026-11-09', amountMinor: 100_00n }] }]);
    await cycle();
    // One run: the email is refused (550), the step moves on to SMS, which goes out in the next round.
    const first = await dispatch();
    expect(first).toMatchObject({ failed: 1, rerouted: 1, sent: 1 });
    const point = await db.query<{ unusable_at: Date | null; unusable_reason: string }>("SELECT unusable_at, unusable_reason FROM contact_point WHERE id = 'cp_b1_email'");
    expect(point.rows[0]!.unusable_at).not.toBeNull();
    expect(point.rows[0]!.unusable_reason).toMatch(/^bounced: SMTP 550/);
    const outbox = await db.query<{ channel: string; status: string }>('SELECT channel, status FROM outreach_outbox ORDER BY created_at, channel');
    expect(outbox.rows).toEqual(expect.arrayContaining([{ channel: 'email', status: 'failed' }, { channel: 'sms', status: 'sent' }]));
    expect(sms.requests).toHaveLength(1);
    const request = sms.requests[0]!;
    expect(request.path).toBe('/2010-04-01/Accounts/AC123/Messages.json');
    expect(request.authorization).toBe(`Basic ${Buffer.from('AC123:secret').toString('base64')}`);
    expect(request.form.get('To')).toBe('+15125550123');
    expect(request.form.get('StatusCallback')).toBe('https://recoup.test/api/outreach/sms/status');
    expect(request.form.get('Body')).toContain('100.00 USD');

    // The provider reports the text undelivered: the attempt and the number are marked, the step moves on to a letter.
    const status = parseSmsStatusCallback(new URLSearchParams({ MessageSid: 'SM00000000000000000000000000000001', MessageStatus: 'undelivered', ErrorCode: '30003' }))!;
    const outcome = await recordDeliveryReport(db, { tenantId, actor: 'sms-callback', providerId: status.providerId, kind: status.kind, occurredAt: noon, detail: { status: status.status, errorCode: status.errorCode } });
    expect(outcome).toMatchObject({ contactPointMarked: true });
    expect(outcome!.reroutedTo).not.toBeNull();
    const attempts = await db.query<{ channel: string; status: string }>('SELECT channel, status FROM contact_attempt ORDER BY started_at, channel');
    expect(attempts.rows).toEqual([{ channel: 'email', status: 'bounced' }, { channel: 'sms', status: 'failed' }]);
    expect(await dispatch()).toMatchObject({ sent: 1 });
    expect((await db.query<{ channel: string }>("SELECT channel FROM contact_attempt WHERE status = 'sent'")).rows).toEqual([{ channel: 'letter' }]);

    // The debtor's history has every attempt and outcome.
    const history = await db.query<{ type: string }>(`SELECT type FROM audit_event WHERE payload->>'debtorId' = 'b1' ORDER BY seq`);
    expect(history.rows.map((row) => row.type)).toEqual([
      'outreach.contact_failed', 'outreach.delivery_reported', 'outreach.contact_point_unusable',
      'outreach.contact_sent', 'outreach.delivery_reported', 'outreach.contact_point_unusable', 'outreach.contact_sent',
    ]);
  });

  it('a bounce message (DSN) parsed with mailparser marks the address', async () => {
    await createOutreachBook(db, tenantId, [{ id: 'b1', purpose: 'commercial', invoices: [{ id: 'inv_1', dueDate: '2026-11-09', amountMinor: 100_00n }] }]);
    await cycle();
    await dispatch();
    const messageId = smtp.messages[0]!.messageId!;
    const dsn = [
      'From: MAILER-DAEMON@mx.example.test', 'To: collect@acme.test', 'Subject: Undelivered Mail Returned to Sender', 'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"', '',
      '--BOUNDARY', 'Content-Type: text/plain', '', 'Your message could not be delivered.', '',
      '--BOUNDARY', 'Content-Type: message/delivery-status', '',
      'Reporting-MTA: dns; mx.example.test', '', 'Final-Recipient: rfc822; b1@example.test', 'Action: failed', 'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 user unknown', '',
      '--BOUNDARY', 'Content-Type: text/rfc822-headers', '', `Message-ID: ${messageId}`, 'Subject: Overdue', '', '--BOUNDARY--', '',
    ].join('\r\n');
    const result = await handleBounceMessage(db, { tenantId, actor: 'bounce', raw: dsn, now: noon });
    expect(result).toMatchObject({ matched: true, permanent: true, outcome: { contactPointMarked: true } });
    const attempt = await db.query<{ status: string; outcome: string }>('SELECT status, outcome FROM contact_attempt');
    expect(attempt.rows).toEqual([{ status: 'bounced', outcome: 'bounced' }]);
    const events = await db.query<{ kind: string; detail: { diagnostic: string } }>('SELECT kind, detail FROM delivery_event');
    expect(events.rows[0]).toMatchObject({ kind: 'bounced', detail: { diagnostic: 'smtp; 550 5.1.1 user unknown' } });
  });
});

describe('the schedule inside npm start', () => {
  it('runs the daily cycle and the dispatcher on their own (pg-boss on PostgreSQL, timers on the embedded engine)', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    await createOutreachBook(db, tenantId, [{ id: 'b1', purpose: 'commercial', invoices: [{ id: 'inv_1', dueDate: tenDaysAgo, amountMinor: 100_00n }] }]);
    let sent = 0;
    const dispatched = new Promise<void>((resolve) => {
      void startOutreachScheduler(db, {
        tenantId, actor: 'scheduler', publicUrl: 'https://pay.acme.test', channels, dailyAt: '00:00', runAtStart: true, dispatchEverySeconds: 1,
        ...(db.engine === 'postgres' ? { postgres: { connectionString: process.env.DATABASE_URL!, schema: `${db.schema}_pgboss` } } : {}),
        onDispatch: (summary) => {
          sent += summary.sent;
          if (sent > 0) resolve();
        },
      }).then((stop) => { stopScheduler = stop; });
    });
    let stopScheduler: (() => Promise<void>) | undefined;
    try {
      await dispatched;
      expect(smtp.messages).toHaveLength(1);
      expect((await audit('outreach.cycle_completed'))[0]!.payload).toMatchObject({ businessDate: today, contactsQueued: 1 });
    } finally {
      while (stopScheduler === undefined) await new Promise((r) => setTimeout(r, 50));
      await stopScheduler();
      if (db.engine === 'postgres') {
        const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await admin.connect();
        await admin.query(`DROP SCHEMA IF EXISTS ${db.schema}_pgboss CASCADE`);
        await admin.end();
      }
    }
  }, 60_000);
});

describe('manual contacts and call tasks', () => {
  it('previews, queues by idempotency key, and turns a completed call into a contact attempt', async () => {
    await createOutreachBook(db, tenantId, [{ id: 'b1', purpose: 'commercial', phone: '+15125550123', invoices: [{ id: 'inv_1', dueDate: '2026-11-09', amountMinor: 100_00n }] }]);
    const request = { tenantId, debtor: 'REF-b1', template: 'final_notice', channel: 'email' as const, locale: 'es', now: noon, businessDate, publicUrl: 'https://pay.acme.test' };
    const preview = await previewContact(db, request);
    expect(preview.ok && preview.value.rendered?.subject).toBe('Último aviso: 100.00 USD vencido');
    const queued = await queueManualContact(db, { ...request, actor: 'ana', idempotencyKey: 'k1' });
    const again = await queueManualContact(db, { ...request, actor: 'ana', idempotencyKey: 'k1' });
    expect(queued.ok && queued.value.status).toBe('queued');
    expect(again.ok && again.value.status).toBe('already_queued');

    const call = await queueManualContact(db, { ...request, channel: 'call_task', template: 'call_overdue', actor: 'ana', idempotencyKey: 'k2' });
    expect(call.ok).toBe(true);
    expect(await dispatch()).toMatchObject({ sent: 1, callTasks: 1 });
    const tasks = await listCallTasks(db, tenantId);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ debtorId: 'b1', phone: '+15125550123' });
    const done = await completeCallTask(db, { tenantId, actor: 'ana', taskId: tasks[0]!.id, outcome: 'conversation', at: noon });
    expect(done.ok).toBe(true);
    const attempt = await db.query<{ channel: string; status: string; outcome: string }>("SELECT channel, status, outcome FROM contact_attempt WHERE channel = 'call'");
    expect(attempt.rows).toEqual([{ channel: 'call', status: 'completed', outcome: 'conversation' }]);
  });
});

describe('CLI', () => {
  it('recoup run daily prints what it evaluated, queued, delayed and blocked; strategies validate names the line', async () => {
    const book = await freshBookEnv();
    try {
      const csv = join(book.env.CWD!, 'book.csv');
      expect((await runRecoup(['example', 'generate', '--out', csv, '--debtors', '200', '--as-of', businessDate], book.env)).code).toBe(0);
      const loaded = await runRecoup(['import', 'receivables', csv, '--mapping', new URL('../examples/mappings/recoup-standard.json', import.meta.url).pathname], book.env);
      expect(loaded.code, loaded.stderr).toBe(0);
      const json = await runRecoup(['run', 'daily', '--as-of', businessDate, '--json'], book.env);
      expect(json.code, json.stderr).toBe(0);
      const summary = JSON.parse(json.stdout) as { accountsEvaluated: number; contactsQueued: number; contactsDelayed: number; contactsBlocked: number; blockedByReason: Record<string, number> };
      expect(summary.accountsEvaluated).toBeGreaterThan(0);
      expect(summary.contactsQueued + summary.contactsDelayed).toBeGreaterThan(0);
      expect(Object.values(summary.blockedByReason).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(summary.contactsBlocked);
      const text = await runRecoup(['run', 'daily', '--as-of', businessDate], book.env);
      expect(text.stdout).toMatch(/accounts evaluated .*\nContacts: 0 queued, 0 delayed, 0 blocked/);

      const bad = join(book.env.CWD!, 'bad.yaml');
      writeFileSync(bad, readFileSync(new URL('../strategies/commercial-default.yaml', import.meta.url), 'utf8').replace('offsetDays: 15', 'offsetDays: soon'));
      const validate = await runRecoup(['outreach', 'strategies', 'validate', bad], book.env);
      expect(validate.code).toBe(1);
      expect(validate.stderr).toMatch(/^bad\.yaml:\d+:\d+: steps\[2\]\.offsetDays: /);
      const good = await runRecoup(['outreach', 'strategies', 'validate'], book.env);
      expect(good.code, good.stderr).toBe(0);
      expect(await runRecoup(['run', 'daily', '--as-of', '2026-13-01'], book.env)).toMatchObject({ code: 1 });
      expect(await runRecoup(['run', 'weekly'], book.env)).toMatchObject({ code: 2 });
    } finally {
      await book.dispose();
    }
  }, 120_000);
});
