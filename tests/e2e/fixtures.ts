/** Shared browser-test helpers: the server URL from global setup, sign-in, screenshots and axe checks. */
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, test as base, expect, type Page, type TestInfo } from '@playwright/test';

export { expect };

export const test = base.extend({
  // The server is started by global-setup.ts on a free port, so the URL is only known at run time.
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern
  baseURL: async ({}, use) => {
    await use(process.env.E2E_BASE_URL);
  },
});

export const SCREENSHOTS = path.join(__dirname, 'screenshots');

/** A display name no other test (or project) uses: the same name always signs in as the same user. */
export function uniqueName(first: string, testInfo: TestInfo): string {
  return `${first} ${testInfo.project.name} ${Math.random().toString(36).slice(2, 7)}`;
}

export async function signIn(page: Page, name: string, options: { admin?: boolean } = {}): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Sign in as').fill(name);
  if (options.admin) await page.getByLabel('Administrator').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Conversations' })).toBeVisible();
}

/** A second, independent browser (own storage) at the same size as the test's page. */
export async function newUserPage(browser: Browser, page: Page): Promise<Page> {
  const context = await browser.newContext({
    baseURL: process.env.E2E_BASE_URL,
    viewport: page.viewportSize(),
  });
  return context.newPage();
}

/** Saves `<name>-<width>.png` once animations have settled. */
export async function snap(page: Page, name: string): Promise<void> {
  // Full-page captures start at the top, so a sticky header is drawn where it belongs.
  await page.evaluate(async () => {
    await document.fonts.ready;
    window.scrollTo(0, 0);
  });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({
    path: path.join(SCREENSHOTS, `${name}-${width}.png`),
    fullPage: true,
    animations: 'disabled',
  });
}

export async function expectNoCriticalA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const critical = results.violations
    .filter((violation) => violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  expect(critical).toEqual([]);
}
