/**
 * No dead ends: a one-tap start, intentional not-found pages (malformed addresses included), and a gentle
 * hint when a partner stays silent — the same for any partner, so it says nothing about who is an AI.
 */
import { checkPage, expect, newUserPage, signIn, test, uniqueName } from './fixtures';

test('one tap starts a chat with an automatic title and names everyone in it', async ({ page }, testInfo) => {
  const me = uniqueName('Tess', testInfo);
  await signIn(page, me);
  await page.getByRole('button', { name: 'New chat' }).click();
  const title = page.getByRole('heading', { level: 1 });
  await expect(title).toHaveText(/^Chat with .+ and .+$/);
  // Who is here is written out in the header, my own persona (made from my name) included.
  await expect(page.locator('.chat__people')).toContainText(`${me} (you)`);
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Hello, who is here?');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('log', { name: 'Messages' }).getByText('Hello, who is here?')).toBeVisible();
  await checkPage(page, 'chat-quick-start');
  await page.getByRole('link', { name: 'Back to conversations' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Chat with' })).toHaveCount(1);
});

test('addresses that name nothing are "not found" pages, not errors', async ({ page }, testInfo) => {
  await signIn(page, uniqueName('Nia', testInfo));
  for (const [url, heading, name] of [
    ['/conversations/not-a-real-id', 'Conversation not found', 'conversation-invalid-id'],
    ['/conversations/00000000-0000-4000-8000-000000000000', 'Conversation not found', 'conversation-missing'],
    ['/personas/nope', 'Persona not found', 'persona-invalid-id'],
    ['/personas/00000000-0000-4000-8000-000000000000', 'Persona not found', 'persona-missing'],
    ['/no/such/page', 'Page not found', 'page-not-found'],
  ] as const) {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByText(/invalid path|request id|try again/i)).toHaveCount(0);
    await checkPage(page, name);
  }
  await page.getByRole('link', { name: 'Go to your conversations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Conversations' })).toBeVisible();
});

test('a partner who never answers gets a gentle hint, not silence forever', async ({
  page,
  browser,
}, testInfo) => {
  // Someone makes a public human persona and never comes back.
  const absent = await newUserPage(browser, page);
  await signIn(absent, uniqueName('Absent', testInfo));
  const mira = uniqueName('Mira', testInfo);
  await absent.goto('/personas/new');
  await absent.getByLabel('Name').fill(mira);
  await absent.getByLabel('Description').fill('Around now and then.');
  await absent.getByRole('button', { name: 'Create persona' }).click();
  await expect(absent.getByRole('heading', { level: 1, name: mira })).toBeVisible();
  await absent.context().close();

  await page.clock.install();
  await signIn(page, uniqueName('Otto', testInfo));
  await page.getByRole('link', { name: 'Choose who' }).click();
  await page.getByLabel('Search personas to invite').fill(mira);
  await page.getByRole('checkbox', { name: new RegExp(mira) }).check();
  await page.getByRole('button', { name: 'Start conversation' }).click();
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Anyone there?');
  await page.getByRole('textbox', { name: 'Message', exact: true }).press('Enter');
  await expect(page.getByRole('log').getByTestId('message')).toHaveCount(1);
  await expect(page.getByTestId('silence-hint')).toHaveCount(0);
  await page.clock.fastForward('02:00');
  const hint = page.getByTestId('silence-hint');
  await expect(hint).toContainText('People aren’t always around');
  // Nothing in the hint is about the kind of partner.
  await expect(hint).not.toContainText(/\bAI\b|bot|human/i);
  await checkPage(page, 'chat-silence-hint');
});
