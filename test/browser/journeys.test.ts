import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devices, type BrowserContext, type Page } from 'playwright-core';
import { ensureWebBuilt } from './support/web-build.ts';
import { expectAccessible, launchChromium, screenshot, skipBrowserTests, type LaunchedBrowser } from './support/chromium.ts';
import { startRecoupServer, type RecoupServer } from './support/recoup-server.ts';

// The main journeys of issue #6 in real Chromium against `recoup serve` (the embedded database, or
// PostgreSQL when DATABASE_URL is set) with the example book: a specialist works the next account and
// records a promise; a supervisor reads the dashboard; a debtor on a phone verifies at the portal, proposes
// a plan, signs it and disputes. Each step leaves a screenshot in test-artifacts/screenshots/ and every main
// page passes axe-core with no serious or critical violation.

type Credentials = { email: string; password: string };

function firstUsers(output: string): Record<'admin' | 'supervisor' | 'specialist', Credentials> {
  const find = (role: string): Credentials => {
    const match = new RegExp(`^${role}\\s+(\\S+@\\S+)\\s+(\\S+)\\s*$`, 'm').exec(output);
    if (match === null) throw new Error(`recoup serve did not print the first ${role}'s password:\n${output}`);
    return { email: match[1]!, password: match[2]! };
  };
  return { admin: find('admin'), supervisor: find('supervisor'), specialist: find('specialist') };
}

async function signIn(page: Page, user: Credentials): Promise<void> {
  await page.getByLabel('Email').fill(user.email);
  await page.locator('input[type=password]').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A staff API session for looking things up the way an integration would (not through the UI). */
async function staffApi(baseUrl: string, user: Credentials) {
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = await login.json() as { csrfToken: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return await response.json() as T;
  };
  return { get: <T>(path: string) => call<T>('GET', path), post: <T>(path: string, body: unknown) => call<T>('POST', path, body) };
}

type QueueItem = { debtorId: string; name: string; kind: string; currency: string };
type AccountView = { debtor: { id: string; reference: string; name: string }; flags: Array<{ kind: string }>; contactPoints: Array<{ channel: string; value: string }> };

describe.skipIf(skipBrowserTests)('the web app in Chromium', () => {
  let server: RecoupServer;
  let chromium: LaunchedBrowser;
  let users: ReturnType<typeof firstUsers>;
  const contexts: BrowserContext[] = [];

  const newPage = async (options: Parameters<LaunchedBrowser['browser']['newContext']>[0] = {}) => {
    const context = await chromium.browser.newContext({ viewport: { width: 1366, height: 900 }, ...options });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    return { page, errors };
  };

  beforeAll(async () => {
    // Both settle before any failure is thrown, so afterAll stops whatever did start.
    const started = await Promise.allSettled([
      ensureWebBuilt().then(() => startRecoupServer()).then((running) => { server = running; }),
      launchChromium().then((launched) => { chromium = launched; }),
    ]);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    users = firstUsers(server.output());
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await chromium?.close();
    await server?.stop();
  }, 60_000);

  it('a specialist signs in, opens the next account with the keyboard and records a promise', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Sign in to Recoup' }).waitFor();
    await expectAccessible(page, 'login');
    await screenshot(page, '01-workbench-login');

    await signIn(page, users.specialist);
    const firstRow = page.getByTestId('queue-row').first();
    await firstRow.waitFor();
    const firstName = (await firstRow.getByRole('link').textContent())!.trim();
    // The priority's reasons are shown with it.
    await expect.poll(() => firstRow.locator('li').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'queue');
    await screenshot(page, '02-workbench-queue');

    // `n`: the next account, which is the first of the queue (highest priority).
    await page.keyboard.press('n');
    await page.getByRole('heading', { level: 1, name: firstName }).waitFor();
    await page.getByText('Can I contact now?').first().waitFor();
    await expect.poll(() => page.getByTestId('contact-point').count()).toBeGreaterThan(0);
    const debtorId = decodeURIComponent(new URL(page.url()).hash.replace('#/debtors/', ''));
    await page.getByRole('tab', { name: 'Invoices' }).click();
    // The Invoices tab lists the invoices (the table's caption names it).
    await page.getByRole('table', { name: 'Invoices', exact: true }).locator('tbody tr').first().waitFor();
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await expectAccessible(page, 'account');
    await screenshot(page, '03-workbench-account');

    // `?`: the shortcuts overlay.
    await page.keyboard.press('Shift+?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // `l`: the plan calculator quotes as you type.
    await page.keyboard.press('l');
    const planDialog = page.getByRole('dialog', { name: 'Build a payment plan' });
    await planDialog.getByTestId('plan-schedule').waitFor();
    await planDialog.getByLabel('Installments').fill('3');
    await expect.poll(() => planDialog.getByTestId('plan-schedule').locator('tbody tr').count()).toBe(3);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // `p`: record a promise to pay.
    await page.keyboard.press('p');
    const dialog = page.getByRole('dialog', { name: 'Record a promise to pay' });
    await dialog.getByLabel(/^Amount/).fill('100.00');
    const dueOn = await dialog.getByLabel(/^Due on/).inputValue();
    await expectAccessible(page, 'promise form');
    await screenshot(page, '04-workbench-promise-form');
    await dialog.getByRole('button', { name: 'Record promise' }).click();
    await page.getByRole('status').filter({ hasText: 'Promise recorded' }).waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'Promise recorded' }).textContent()).resolves.toMatch(/100\.00 due/);
    await page.getByTestId('timeline-event').filter({ hasText: /promise/i }).first().waitFor();
    await screenshot(page, '05-workbench-promise-recorded');

    // `c`: log the call that got the promise; the form shows the disclosures to say.
    await page.keyboard.press('c');
    const callDialog = page.getByRole('dialog', { name: 'Log a call outcome' });
    await callDialog.getByText('Say these disclosures:').waitFor();
    await callDialog.getByRole('radio', { name: 'Conversation' }).check();
    await callDialog.getByLabel(/^Note/).fill('agreed to pay 100.00 next week');
    await callDialog.getByRole('button', { name: 'Log call' }).click();
    await page.getByRole('status').filter({ hasText: 'Call logged: Conversation' }).waitFor();
    await page.getByTestId('timeline-event').filter({ hasText: 'agreed to pay 100.00 next week' }).first().waitFor();

    // The promise is in the book, for this debtor, with this amount and date.
    const api = await staffApi(server.url, users.specialist);
    const promises = await api.get<{ items: Array<Record<string, unknown>> }>(`/api/debtors/${encodeURIComponent(debtorId)}/promises`);
    expect(promises.items).toHaveLength(1);
    expect(JSON.stringify(promises.items[0])).toContain('"10000"');
    expect(JSON.stringify(promises.items[0])).toContain(dueOn);
    expect(errors).toEqual([]);
  }, 120_000);

  // Runs after the specialist's journey (tests in a file run in order): the dashboard shows that call and promise.
  it('a supervisor reads the dashboard: charts, team queues and strategies', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${server.url}/#/supervisor`);
    await signIn(page, users.supervisor);
    await page.getByRole('heading', { name: 'Supervisor dashboard' }).waitFor();
    for (const title of ['Aging by bucket', 'Collections over time', 'DSO trend', 'CEI trend', 'Promises kept', 'Contacts by channel and outcome', 'Gate blocks by reason', 'Team queues and assignment', 'Strategies']) {
      await page.getByRole('heading', { name: title }).waitFor();
    }
    // Aging, collections, DSO and CEI have data on the example book; promises and contacts have the specialist's.
    await expect.poll(() => page.getByTestId('chart').count()).toBeGreaterThanOrEqual(6);
    await page.getByRole('img', { name: /^Contacts by channel and outcome: .*conversation: 1/ }).waitFor();
    await page.getByRole('img', { name: /^Promises kept: .*pending 1/ }).waitFor();
    await page.getByRole('table').filter({ hasText: 'Unassigned' }).waitFor();
    await expectAccessible(page, 'dashboard');
    await screenshot(page, '06-supervisor-dashboard');
    expect(errors).toEqual([]);
  }, 90_000);

  it('a debtor on a phone verifies at the portal, pays, proposes a plan, signs it and disputes in writing', async () => {
    // A consumer in the US whose postal address carries a ZIP code, found the way an integration would.
    const api = await staffApi(server.url, users.admin);
    const queue = await api.get<{ items: QueueItem[] }>('/api/queue?scope=all&limit=100');
    let debtor: { id: string; reference: string; name: string; lastName: string; postcode: string } | null = null;
    for (const item of queue.items.filter((candidate) => candidate.kind === 'person' && candidate.currency === 'USD').slice(1)) {
      const view = await api.get<AccountView>(`/api/debtors/${encodeURIComponent(item.debtorId)}`);
      const zip = view.contactPoints.filter((point) => point.channel === 'postal').map((point) => /\b(\d{5})(?:-\d{4})?, US$/.exec(point.value)?.[1]).find(Boolean);
      if (zip) {
        debtor = { id: view.debtor.id, reference: view.debtor.reference, name: view.debtor.name, lastName: view.debtor.name.trim().split(/\s+/).at(-1)!, postcode: zip };
        break;
      }
    }
    expect(debtor, 'a US consumer with a ZIP code in the example book').not.toBeNull();

    const { page, errors } = await newPage({ ...devices['Pixel 7'] });
    await page.goto(`${server.url}/portal`);
    await page.getByRole('heading', { name: 'Check it is you' }).waitFor();
    await page.getByLabel('Reference').fill(debtor!.reference);
    await page.getByLabel('Last name').fill(debtor!.lastName);
    await page.getByLabel('Postcode or ZIP code').fill(debtor!.postcode);
    await expectAccessible(page, 'portal verify');
    await screenshot(page, '07-portal-verify');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { name: `Hello, ${debtor!.name}` }).waitFor();
    await expect(page.getByTestId('portal-balance').first().textContent()).resolves.toMatch(/^\$[\d,]+\.\d\d$/);
    await expectAccessible(page, 'portal account');
    await screenshot(page, '08-portal-account');

    // Pay part of it through the built-in test provider.
    await page.getByRole('link', { name: 'Pay now' }).click();
    await page.getByLabel(/^Amount/).fill('10.00');
    await page.getByRole('button', { name: 'Pay $10.00' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor();
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/We received \$10\.00/);
    await page.getByRole('link', { name: 'Back to your account' }).click();

    await page.getByRole('link', { name: 'Set up a payment plan' }).click();
    await page.getByLabel('Installments').fill('4');
    await expect.poll(() => page.getByTestId('plan-schedule').locator('tbody tr').count()).toBe(4);
    await expectAccessible(page, 'portal plan');
    await screenshot(page, '09-portal-plan');
    await page.getByRole('button', { name: 'Continue to the agreement' }).click();

    await page.getByTestId('agreement-text').waitFor();
    await page.getByLabel(/Your full name/).fill(debtor!.name);
    await page.getByLabel(/I agree/).check();
    await expectAccessible(page, 'portal agreement');
    await screenshot(page, '10-portal-agreement');
    await page.getByRole('button', { name: 'Sign the agreement' }).click();
    await page.getByRole('heading', { name: 'Your plan is signed' }).waitFor();
    await expect(page.getByTestId('document-sha256').textContent()).resolves.toMatch(/^[0-9a-f]{64}$/);
    await screenshot(page, '11-portal-signed');

    await page.getByRole('link', { name: 'Back to your account' }).first().click();
    await page.getByRole('link', { name: 'Dispute this debt' }).click();
    await page.getByLabel(/Your dispute/).fill('This is not my debt: I never had an account with this creditor.');
    await expectAccessible(page, 'portal dispute');
    await page.getByRole('button', { name: 'Send my dispute' }).click();
    await page.getByRole('heading', { name: 'Dispute received' }).waitFor();
    await screenshot(page, '12-portal-dispute-received');

    // Staff see the written dispute on the account (the gate pauses collection on it).
    const after = await api.get<AccountView>(`/api/debtors/${encodeURIComponent(debtor!.id)}`);
    expect(after.flags.map((flag) => flag.kind).join(' ')).toMatch(/dispute/);
    expect(errors).toEqual([]);
  }, 120_000);

  it('a one-time link signs the debtor in without the form', async () => {
    const api = await staffApi(server.url, users.specialist);
    const queue = await api.get<{ items: QueueItem[] }>('/api/queue?scope=all&limit=5');
    const target = queue.items.at(-1)!;
    const link = await api.post<{ path: string }>(`/api/debtors/${encodeURIComponent(target.debtorId)}/portal-link`, {});
    const { page, errors } = await newPage({ ...devices['Pixel 7'] });
    await page.goto(`${server.url}${link.path}`);
    await page.getByRole('heading', { name: `Hello, ${target.name}` }).waitFor().finally(() => screenshot(page, '13-portal-one-time-link'));
    expect(new URL(page.url()).search).toBe('');
    expect(errors).toEqual([]);
  }, 60_000);
});
