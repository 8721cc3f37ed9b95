/**
 * Shared browser-test helpers: the server URL from global setup, sign-in, screenshots, axe checks, and a
 * page check (screenshot + axe + no sideways scrolling) used on every page at both widths.
 */
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, test as base, expect, type Page, type TestInfo } from '@playwright/test';

export { expect };

export const test = base.extend<{ consoleErrors: string[] }>({
  // The server is started by global-setup.ts on a free port, so the URL is only known at run time.
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern
  baseURL: async ({}, use) => {
    await use(process.env.E2E_BASE_URL);
  },
  // Every test fails on a script error or console error. Chromium logs each 4xx answer as "Failed to load
  // resource"; those are expected (a 404 is how "not found" is learned) and the app reports them itself.
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
          errors.push(message.text());
      });
      await use(errors);
      expect(errors).toEqual([]);
    },
    { auto: true },
  ],
});

export const SCREENSHOTS = path.join(__dirname, 'screenshots');

/** A display name no other test (or project) uses: the same name always signs in as the same user. */
export function uniqueName(first: string, testInfo: TestInfo): string {
  return `${first} ${testInfo.project.name} ${Math.random().toString(36).slice(2, 7)}`;
}

export async function signIn(page: Page, name: string, options: { admin?: boolean } = {}): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Sign in as').fill(name);
  if (options.admin) {
    await page.getByText('Local development options').click();
    await page.getByLabel('Administrator').check();
  }
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

/** axe-core on the page as it is now: no serious or critical violation. */
export async function expectNoA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  expect(blocking).toEqual([]);
}

/** Nothing wider than the viewport: the page never scrolls sideways. */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    const wide = Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 1)
      .filter((element) => !element.closest('.nav, .ask-row, .table-wrap, .visually-hidden'))
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
    return { scroll: root.scrollWidth - root.clientWidth, wide };
  });
  expect(overflow).toEqual({ scroll: 0, wide: [] });
}

/** Screenshot, axe and overflow check of the page as it is now (every page gets this at both widths). */
export async function checkPage(page: Page, name: string): Promise<void> {
  await snap(page, name);
  await expectNoA11yViolations(page);
  await expectNoHorizontalOverflow(page);
}
