/**
 * The whole app by keyboard alone: sign in, move around, open the account menu and close it with Escape,
 * start a chat, write, open the details and rename — never touching the mouse.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test, uniqueName } from './fixtures';

/** Presses Tab until `target` has focus (at most `limit` times), as a keyboard user would. */
async function tabTo(page: Page, target: Locator, limit = 30): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${target} with Tab`);
}

test('keyboard only: sign in, start a chat, write, rename, use the account menu', async ({
  page,
}, testInfo) => {
  const name = uniqueName('Kai', testInfo);
  await page.goto('/signin');
  await tabTo(page, page.getByLabel('Sign in as'));
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Conversations' })).toBeVisible();

  // The skip link is the first stop and lands on the content.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();

  const menuButton = page.getByRole('button', { name: /Account menu/ });
  await tabTo(page, menuButton);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('link', { name: 'Usage and budget' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('link', { name: 'Usage and budget' })).toBeHidden();
  await expect(menuButton).toBeFocused();

  await tabTo(page, page.getByRole('button', { name: 'New chat' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Chat with/);

  const message = page.getByRole('textbox', { name: 'Message', exact: true });
  await tabTo(page, message);
  await page.keyboard.type('Typed without a mouse');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('log').getByText('Typed without a mouse')).toBeVisible();

  await page.keyboard.press('Shift+Tab');
  const details = page.getByRole('button', { name: 'Conversation details' });
  for (
    let presses = 0;
    presses < 30 && !(await details.evaluate((e) => e === document.activeElement));
    presses++
  )
    await page.keyboard.press('Shift+Tab');
  await expect(details).toBeFocused();
  await page.keyboard.press('Enter');
  const title = page.getByRole('region', { name: 'Conversation details' }).getByLabel('Title');
  await tabTo(page, title);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Keys only');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Keys only' })).toBeVisible();

  // Focus is always visible: the focused control draws a ring.
  const ring = await title.evaluate((element) => getComputedStyle(element).boxShadow);
  expect(ring).not.toBe('none');
});
