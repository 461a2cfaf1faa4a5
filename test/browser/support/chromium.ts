import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';

// Debian's Chromium (`apt-get install -y chromium`): nothing here ever downloads a browser.
// RECOUP_CHROMIUM_PATH points elsewhere (another Chromium build, or a missing path to check the skip).
export const chromiumPath = process.env.RECOUP_CHROMIUM_PATH || '/usr/bin/chromium';
export const chromiumAvailable = existsSync(chromiumPath);

/**
 * Without /usr/bin/chromium the browser tests skip, saying so; on CI (CI=true) a missing browser is a
 * failure instead, so CI cannot pass without having run them.
 */
export const skipBrowserTests = !chromiumAvailable && process.env.CI !== 'true';
if (skipBrowserTests) {
  console.warn(`Browser tests skipped: no Chromium at ${chromiumPath} (apt-get install -y chromium). With CI=true they fail instead.`);
}

export type LaunchedBrowser = { browser: Browser; close: () => Promise<void> };

/** Debian's Chromium, headless, on a fresh temporary profile (playwright makes one per launch and removes it). */
export async function launchChromium(): Promise<LaunchedBrowser> {
  if (!chromiumAvailable) throw new Error(`Chromium is missing at ${chromiumPath}: install it with apt-get install -y chromium (CI=true makes this a failure)`);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return { browser, close: () => browser.close() };
}

const screenshotDir = new URL('../../../test-artifacts/screenshots/', import.meta.url).pathname;

/** Keeps a full-page screenshot of a step as a test artifact (test-artifacts/screenshots/NAME.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** axe-core on the page as it is now: no serious or critical violation (WCAG 2.1 A/AA and best practices). */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const report = serious.map((violation) => `${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.nodes.slice(0, 5).map((node) => node.target.join(' ')).join('\n  ')}`);
  expect(report, `axe on ${name}`).toEqual([]);
}
