/**
 * The web app end to end, as a new user would use it: sign in, make an AI persona, chat with it and a house
 * persona, watch them type and answer, come back later, and manage the persona — plus who may see what.
 */
import {
  expect,
  expectNoCriticalA11yViolations,
  newUserPage,
  signIn,
  snap,
  test,
  uniqueName,
} from './fixtures';

// A house persona from the demo seed (AI, quick typist); addressing it by name makes it answer.
const HOUSE_PERSONA = 'Dex Halloran';
const MY_AI = 'Quill';

test('a new user chats with their AI persona and a house persona, then manages the persona', async ({
  page,
  browser,
}, testInfo) => {
  const me = uniqueName('Ada', testInfo);
  let conversationUrl = '';
  let personaUrl = '';

  await test.step('sign in', async () => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByLabel('Sign in as')).toBeVisible();
    await snap(page, 'sign-in');
    await expectNoCriticalA11yViolations(page);
    await signIn(page, me);
    await snap(page, 'conversations-empty');
  });

  await test.step('create an AI persona', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Personas' }).click();
    await expect(page.getByRole('heading', { name: 'Browse' })).toBeVisible();
    await expect(page.getByText(HOUSE_PERSONA).first()).toBeVisible();
    await snap(page, 'personas');
    await page.getByRole('link', { name: 'New persona' }).click();
    await page.getByLabel('Name').fill(MY_AI);
    await page.getByRole('radio', { name: /^AI/ }).check();
    await page.getByLabel('Description').fill('A quiet poet who answers in short, careful sentences.');
    await page.getByLabel('Knowledge').fill('poetry');
    await page.getByLabel('Knowledge').press('Enter');
    await page.getByLabel('Typing speed (words per minute)').fill('90');
    // Inline validation mirrors the API limits before anything is sent.
    await page.getByLabel('Temperature').fill('3');
    await expect(page.getByText('Must be between 0 and 2.')).toBeVisible();
    await page.getByLabel('Temperature').fill('0.7');
    await snap(page, 'persona-editor');
    await expectNoCriticalA11yViolations(page);
    await page.getByRole('button', { name: 'Create persona' }).click();
    await expect(page.getByRole('heading', { level: 1, name: MY_AI })).toBeVisible();
    await expect(page.getByText('Persona created.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'AI settings' })).toBeVisible();
    personaUrl = page.url();
    await snap(page, 'persona-detail-owner');
  });

  await test.step('start a conversation with it and a house persona', async () => {
    await page.getByRole('link', { name: 'Start a conversation' }).click();
    await page.getByLabel('Title').fill('Poems and pixels');
    await page.getByLabel('Topic (optional)').fill('What makes a game feel alive?');
    await page.getByLabel('Search personas to invite').fill('Dex');
    await page.getByRole('checkbox', { name: new RegExp(HOUSE_PERSONA) }).check();
    await expect(page.getByText('2 of up to 7 chosen')).toBeVisible();
    await snap(page, 'new-conversation');
    await page.getByRole('button', { name: 'Start conversation' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Poems and pixels' })).toBeVisible();
    conversationUrl = page.url();
  });

  await test.step('send a message, see typing, then both replies', async () => {
    const log = page.getByRole('log', { name: 'Messages' });
    await page
      .getByRole('textbox', { name: 'Message', exact: true })
      .fill(`${MY_AI} and ${HOUSE_PERSONA}, what makes a game feel alive?`);
    await page.getByRole('textbox', { name: 'Message', exact: true }).press('Enter');
    await expect(log.getByText('what makes a game feel alive?')).toBeVisible();
    await expect(page.getByTestId('typing-indicator')).toContainText('typing');
    await snap(page, 'chat-typing');
    const replies = log.getByTestId('message').filter({ hasText: 'Fake reply' });
    await expect(async () => expect(await replies.count()).toBeGreaterThanOrEqual(2)).toPass({
      timeout: 60_000,
    });
    await expect(log.locator('.message__author', { hasText: MY_AI })).toBeVisible();
    await expect(log.locator('.message__author', { hasText: HOUSE_PERSONA })).toBeVisible();
    await snap(page, 'chat');
    await expectNoCriticalA11yViolations(page);
  });

  await test.step('reload and see the history', async () => {
    const before = await page.getByRole('log').getByTestId('message').allInnerTexts();
    await page.reload();
    const log = page.getByRole('log', { name: 'Messages' });
    await expect(log.getByText('what makes a game feel alive?')).toBeVisible();
    await expect(async () =>
      expect((await log.getByTestId('message').count()) >= before.length).toBe(true),
    ).toPass();
    await expect(log.getByTestId('pending-message')).toHaveCount(0);
  });

  await test.step('another user cannot open the conversation', async () => {
    const other = await newUserPage(browser, page);
    await signIn(other, uniqueName('Bob', testInfo));
    await other.goto(conversationUrl);
    await expect(other.getByRole('heading', { name: 'Conversation not found' })).toBeVisible();
    await expect(other.getByText('what makes a game feel alive?')).toHaveCount(0);
    await snap(other, 'conversation-not-found');
    await other.context().close();
  });

  await test.step('a house persona does not reveal that it is AI', async () => {
    await page.getByRole('link', { name: 'Personas' }).first().click();
    await page
      .getByRole('link', { name: new RegExp(HOUSE_PERSONA) })
      .first()
      .click();
    await expect(page.getByRole('heading', { level: 1, name: HOUSE_PERSONA })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'AI settings' })).toHaveCount(0);
    const html = await page.content();
    expect(html).not.toMatch(/badge--ai|gpt-|typingWpm|systemPrompt/);
    await snap(page, 'persona-detail-other');
  });

  await test.step('edit the persona', async () => {
    await page.goto(personaUrl);
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Description').fill('A quiet poet who now also loves video games.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Persona saved.')).toBeVisible();
    await expect(page.getByText('A quiet poet who now also loves video games.')).toBeVisible();
  });

  await test.step('delete is refused while the persona is in an active conversation', async () => {
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Delete persona' }).click();
    await expect(page.getByRole('alert')).toContainText('end its active conversations first');
    await snap(page, 'persona-delete-conflict');
  });

  await test.step('end the conversation, then delete the persona', async () => {
    await page.goto(conversationUrl);
    await page.getByRole('button', { name: 'End', exact: true }).click();
    await page.getByRole('button', { name: 'End conversation' }).click();
    await expect(page.getByRole('textbox', { name: 'Message', exact: true })).toBeDisabled();
    await expect(page.getByPlaceholder('This conversation has ended.')).toBeVisible();
    await snap(page, 'chat-ended');
    await page.goto(personaUrl);
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Delete persona' }).click();
    await expect(page).toHaveURL(/\/personas$/);
    await expect(page.getByRole('heading', { name: 'Yours' })).toBeVisible();
    // Other tests' personas may share the name; only "Yours" must no longer list it.
    await expect(page.getByRole('region', { name: 'Yours' }).getByText(MY_AI, { exact: true })).toHaveCount(
      0,
    );
  });

  await test.step('the conversation list filters by status', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conversations' }).click();
    const row = page.getByRole('listitem').filter({ hasText: 'Poems and pixels' });
    await expect(row).toContainText('Ended');
    await snap(page, 'conversations');
    await page.getByRole('button', { name: 'Active', exact: true }).click();
    await expect(page.getByText('Poems and pixels')).toHaveCount(0);
    await page.getByRole('button', { name: 'Ended', exact: true }).click();
    await expect(page.getByText('Poems and pixels')).toBeVisible();
  });

  await test.step('usage shows what the replies cost', async () => {
    await page.getByRole('link', { name: 'Usage' }).click();
    await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'By model' })).toBeVisible();
    await snap(page, 'usage');
  });
});

test('the admin page is offered to admins only', async ({ page, browser }, testInfo) => {
  await signIn(page, uniqueName('Carol', testInfo));
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Personas' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Admin' })).toHaveCount(0);
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Admins only' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Database status' })).toHaveCount(0);

  const admin = await newUserPage(browser, page);
  await signIn(admin, uniqueName('Root', testInfo), { admin: true });
  await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await expect(admin.getByRole('heading', { name: 'Database status' })).toBeVisible();
  await expect(admin.getByText('Connected', { exact: true })).toBeVisible();
  await admin.getByRole('button', { name: 'Apply migrations' }).click();
  await expect(admin.getByText('Migrations done.')).toBeVisible();
  await snap(admin, 'admin');
  await expectNoCriticalA11yViolations(admin);
  await admin.context().close();
});
