/**
 * The web app end to end, as a new user would use it: sign in, make an AI persona, chat with it and a house
 * persona, watch them type and answer, come back later, and manage the persona — plus who may see what.
 * Every page is checked with axe and for sideways scrolling, and photographed, at both widths.
 */
import { checkPage, expect, newUserPage, signIn, test, uniqueName } from './fixtures';

// A house persona from the demo seed (AI, quick typist); addressing it by name makes it answer.
const HOUSE_PERSONA = 'Dex Halloran';

test('a new user chats with their AI persona and a house persona, then manages the persona', async ({
  page,
  browser,
}, testInfo) => {
  const me = uniqueName('Ada', testInfo);
  // Both projects run at once against one server: the persona's name must be this test's own.
  const MY_AI = uniqueName('Quill', testInfo);
  let conversationUrl = '';
  let personaUrl = '';

  await test.step('sign in', async () => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByLabel('Sign in as')).toBeVisible();
    // The admin switch is a local-development detail, folded away from players.
    await expect(page.getByLabel('Administrator')).toBeHidden();
    await checkPage(page, 'sign-in');
    await signIn(page, me);
    await expect(page.getByText('No conversations yet')).toBeVisible();
    await checkPage(page, 'conversations-empty');
  });

  await test.step('create an AI persona', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Personas' }).click();
    await expect(page.getByRole('heading', { name: 'Browse' })).toBeVisible();
    await expect(page.getByText(HOUSE_PERSONA).first()).toBeVisible();
    await checkPage(page, 'personas');
    await page.getByRole('link', { name: 'New persona' }).click();
    // The Big Five sliders are folded away until asked for.
    await expect(page.getByLabel(/^Openness/)).toBeHidden();
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
    await checkPage(page, 'persona-editor');
    await page.getByText('Fine-tune personality traits').click();
    await expect(page.getByLabel(/^Openness/)).toBeVisible();
    await page.getByRole('button', { name: 'Create persona' }).click();
    await expect(page.getByRole('heading', { level: 1, name: MY_AI })).toBeVisible();
    await expect(page.getByText('Persona created.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'AI settings' })).toBeVisible();
    personaUrl = page.url();
    await checkPage(page, 'persona-detail-owner');
  });

  await test.step('your own personas are listed once, under "Yours"', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Personas' }).click();
    await expect(page.getByRole('region', { name: 'Yours' }).getByText(MY_AI, { exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Browse' }).getByText(MY_AI, { exact: true })).toHaveCount(
      0,
    );
  });

  await test.step('start a conversation with it and a house persona, choosing who', async () => {
    await page.goto(personaUrl);
    await page.getByRole('link', { name: 'Start a conversation' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'New conversation' })).toBeVisible();
    // No persona of my own yet: one named after me is made when the conversation starts.
    await expect(page.getByText(`You speak as ${me}`)).toBeVisible();
    await page.getByLabel('Topic (optional)').fill('What makes a game feel alive?');
    await page.getByLabel('Search personas to invite').fill('Dex');
    await page.getByRole('checkbox', { name: new RegExp(HOUSE_PERSONA) }).check();
    await expect(page.getByText('2 of up to 7 chosen')).toBeVisible();
    // The title may stay empty: it is written from the names.
    await expect(page.getByLabel('Title (optional)')).toHaveAttribute(
      'placeholder',
      `Chat with ${MY_AI} and ${HOUSE_PERSONA}`,
    );
    await checkPage(page, 'new-conversation');
    await page.getByRole('button', { name: 'Start conversation' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: `Chat with ${MY_AI} and ${HOUSE_PERSONA}` }),
    ).toBeVisible();
    conversationUrl = page.url();
    await expect(page.getByText('Say hello')).toBeVisible();
    await checkPage(page, 'chat-empty');
  });

  await test.step('rename it from the details panel', async () => {
    await page.getByRole('button', { name: 'Conversation details' }).click();
    const details = page.getByRole('region', { name: 'Conversation details' });
    await expect(details.getByText(HOUSE_PERSONA)).toBeVisible();
    await expect(details.getByText('What makes a game feel alive?')).toBeVisible();
    await checkPage(page, 'chat-details');
    await details.getByLabel('Title').fill('Poems and pixels');
    await details.getByRole('button', { name: 'Rename' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Poems and pixels' })).toBeVisible();
    await page.getByRole('button', { name: 'Conversation details' }).click();
    await expect(details).toBeHidden();
  });

  await test.step('send a message, see typing, then both replies', async () => {
    const log = page.getByRole('log', { name: 'Messages' });
    await page
      .getByRole('textbox', { name: 'Message', exact: true })
      .fill(`${MY_AI} and ${HOUSE_PERSONA}, what makes a game feel alive?`);
    await page.getByRole('textbox', { name: 'Message', exact: true }).press('Enter');
    await expect(log.getByText('what makes a game feel alive?')).toBeVisible();
    await expect(page.getByTestId('typing-indicator')).toContainText('typing');
    await checkPage(page, 'chat-typing');
    const replies = log.getByTestId('message').filter({ hasText: 'Fake reply' });
    await expect(async () => expect(await replies.count()).toBeGreaterThanOrEqual(2)).toPass({
      timeout: 60_000,
    });
    await expect(log.locator('.message__author', { hasText: MY_AI })).toBeVisible();
    await expect(log.locator('.message__author', { hasText: HOUSE_PERSONA })).toBeVisible();
    await checkPage(page, 'chat');
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

  await test.step('another user cannot open the conversation, and is told so calmly', async () => {
    const other = await newUserPage(browser, page);
    await signIn(other, uniqueName('Bob', testInfo));
    await other.goto(conversationUrl);
    await expect(other.getByRole('heading', { name: 'Conversation not found' })).toBeVisible();
    await expect(other.getByText('what makes a game feel alive?')).toHaveCount(0);
    await expect(other.getByRole('alert')).toHaveCount(0);
    await expect(other.getByText(/request id/i)).toHaveCount(0);
    await checkPage(other, 'conversation-not-found');
    await other.context().close();
  });

  await test.step('a house persona does not reveal that it is AI', async () => {
    await page.goto('/personas');
    await page
      .getByRole('link', { name: new RegExp(HOUSE_PERSONA) })
      .first()
      .click();
    await expect(page.getByRole('heading', { level: 1, name: HOUSE_PERSONA })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'AI settings' })).toHaveCount(0);
    const html = await page.content();
    expect(html).not.toMatch(/badge--ai|gpt-|typingWpm|systemPrompt/);
    await checkPage(page, 'persona-detail-other');
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
    await checkPage(page, 'persona-delete-conflict');
  });

  await test.step('end the conversation, then delete the persona', async () => {
    await page.goto(conversationUrl);
    await page.getByRole('button', { name: 'Conversation details' }).click();
    await page.getByRole('button', { name: 'End conversation…' }).click();
    await checkPage(page, 'chat-end-dialog');
    await page.getByRole('button', { name: 'End conversation', exact: true }).click();
    await expect(page.getByRole('textbox', { name: 'Message', exact: true })).toBeDisabled();
    await expect(page.getByPlaceholder('This conversation has ended.')).toBeVisible();
    await checkPage(page, 'chat-ended');
    await page.goto(personaUrl);
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Delete persona' }).click();
    await expect(page).toHaveURL(/\/personas$/);
    await expect(page.getByRole('heading', { name: 'Yours' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Yours' }).getByText(MY_AI, { exact: true })).toHaveCount(
      0,
    );
  });

  await test.step('the conversation list filters by status', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conversations' }).click();
    const row = page.getByRole('listitem').filter({ hasText: 'Poems and pixels' });
    await expect(row).toContainText('Ended');
    await checkPage(page, 'conversations');
    await page.getByRole('button', { name: 'Active', exact: true }).click();
    await expect(page.getByText('Poems and pixels')).toHaveCount(0);
    await expect(page.getByText('No active conversations')).toBeVisible();
    await page.getByRole('button', { name: 'Ended', exact: true }).click();
    await expect(page.getByText('Poems and pixels')).toBeVisible();
  });

  await test.step('usage lives in the account menu, in plain words', async () => {
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Usage/ }),
    ).toHaveCount(0);
    await page.getByRole('button', { name: /Account menu/ }).click();
    await checkPage(page, 'account-menu');
    await page.getByRole('link', { name: 'Usage and budget' }).click();
    await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
    await expect(page.getByText('What the budget means')).toBeVisible();
    await expect(page.getByText(/\$\d+\.\d{4}/)).toHaveCount(0);
    await expect(page.getByText(/spent of your \$\d+\.\d\d daily budget/)).toBeVisible();
    await checkPage(page, 'usage');
  });
});

test('the admin tools are offered to admins only', async ({ page, browser }, testInfo) => {
  await signIn(page, uniqueName('Carol', testInfo));
  await page.getByRole('button', { name: /Account menu/ }).click();
  await expect(page.getByRole('link', { name: 'Usage and budget' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Admin tools' })).toHaveCount(0);
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Admins only' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Database status' })).toHaveCount(0);
  await checkPage(page, 'admin-forbidden');

  const admin = await newUserPage(browser, page);
  await signIn(admin, uniqueName('Root', testInfo), { admin: true });
  await admin.getByRole('button', { name: /Account menu/ }).click();
  await admin.getByRole('link', { name: 'Admin tools' }).click();
  await expect(admin.getByRole('heading', { name: 'Database status' })).toBeVisible();
  await expect(admin.getByText('Connected', { exact: true })).toBeVisible();
  await admin.getByRole('button', { name: 'Apply migrations' }).click();
  await expect(admin.getByText('Migrations done.')).toBeVisible();
  await checkPage(admin, 'admin');
  await admin.context().close();
});
