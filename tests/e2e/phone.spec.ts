/**
 * The chat on a phone: the app frame steps aside, the header is compact with names reachable, the send
 * button has no square tap highlight, and nothing scrolls sideways even at 320 px.
 */
import { expect, expectNoHorizontalOverflow, signIn, test, uniqueName } from './fixtures';

test('the chat fits a phone', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'phone layout');
  await signIn(page, uniqueName('Pia', testInfo));
  await page.getByRole('button', { name: 'New chat' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Chat with/);

  // The app's own header is out of the way; the chat header is one compact bar.
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  const header = await page.locator('.chat__header').boundingBox();
  expect(header?.y).toBe(0);
  expect(header?.height).toBeLessThanOrEqual(72);
  const composer = await page.locator('.chat__footer').boundingBox();
  const viewport = page.viewportSize();
  expect((composer?.y ?? 0) + (composer?.height ?? 0)).toBeLessThanOrEqual((viewport?.height ?? 0) + 1);

  // Names are a tap away.
  await page.getByRole('button', { name: 'Conversation details' }).click();
  const names = page.getByRole('region', { name: 'Conversation details' }).locator('.chat__participant-name');
  await expect(names).toHaveCount(3);

  const highlight = await page
    .getByRole('button', { name: 'Send' })
    .evaluate((button) => getComputedStyle(button).getPropertyValue('-webkit-tap-highlight-color'));
  expect(highlight).toBe('rgba(0, 0, 0, 0)');
});

test('no page scrolls sideways at 320 px', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'phone', 'narrowest phone width');
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/signin');
  await expectNoHorizontalOverflow(page);
  await signIn(page, uniqueName('Ugo', testInfo));
  await expectNoHorizontalOverflow(page);
  for (const path of ['/personas', '/personas/new', '/conversations/new', '/usage', '/nowhere']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoHorizontalOverflow(page);
  }
  await page.goto('/conversations');
  await page.getByRole('button', { name: 'New chat' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Chat with/);
  await page.getByRole('button', { name: 'Conversation details' }).click();
  await expectNoHorizontalOverflow(page);
});
