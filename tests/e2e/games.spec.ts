/**
 * "Am I an AI?" end to end: two players queue at the same moment from two browsers, land in the same round,
 * chat, judge every other participant and see the reveal with their score. At desktop width they play a group
 * round (two AI personas fill the other seats), at phone width a duel: the two projects run at once on one
 * server, and distinct formats keep their players apart. Rounds run on real time (a group round lasts 4
 * minutes), so this journey is long by design. The second test blocks one player's queue polls: only the
 * ticket event pushed when the other's request matches them both can take him to the round.
 */
import { expect, expectNoA11yViolations, newUserPage, signIn, snap, test, uniqueName } from './fixtures';

test('two players queue at once, play a group round with AIs, vote and see the reveal', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(420_000);
  const other = await newUserPage(browser, page);
  const players = [page, other];
  const [ada, ben] = [uniqueName('Ada', testInfo), uniqueName('Ben', testInfo)];
  const group = testInfo.project.name !== 'phone';
  const others = group ? 3 : 1;
  await signIn(page, ada);
  await signIn(other, ben);

  await test.step('Play is the first thing in the navigation', async () => {
    const first = page.getByRole('navigation', { name: 'Main' }).getByRole('link').first();
    await expect(first).toHaveText('Play');
    await first.click();
    await other.goto('/play');
    await expect(page.getByRole('heading', { level: 1, name: 'Am I an AI?' })).toBeVisible();
    await snap(page, 'play');
    await expectNoA11yViolations(page);
  });

  await test.step('both queue in the same matching tick and land in the same round', async () => {
    for (const p of players) await p.getByRole('radio', { name: group ? /Group/ : /Duel/ }).check();
    // Ticks are 3 s of wall-clock time: start both joins just after one begins.
    await page.waitForFunction(() => Date.now() % 3000 < 250, undefined, { polling: 20 });
    await Promise.all(players.map((p) => p.getByRole('button', { name: 'Play', exact: true }).click()));
    await expect(page.getByRole('heading', { name: 'Finding a partner…' })).toBeVisible();
    await Promise.all(players.map((p) => p.waitForURL(/\/play\/[0-9a-f-]{36}$/, { timeout: 30_000 })));
    expect(new URL(page.url()).pathname).toBe(new URL(other.url()).pathname);
    await expect(page.getByRole('timer')).toBeVisible();
    await expect(page.getByRole('list', { name: 'In this round' }).getByRole('listitem')).toHaveCount(others);
  });

  // Everyone plays under a nickname drawn for the round, never their own name: the only way to know who the
  // other player is would be to ask them, as in the game.
  const nickname = async (p: typeof page) => (await p.locator('.round__alias strong').textContent()) ?? '';
  const aliases = new Map<typeof page, string>();
  await test.step('each plays under a nickname the other sees, not their own name', async () => {
    for (const p of players) aliases.set(p, await nickname(p));
    expect(aliases.get(page)).not.toBe('');
    expect(aliases.get(page)).not.toBe(aliases.get(other));
    const seen = other.getByRole('list', { name: 'In this round' });
    await expect(seen.getByText(aliases.get(page)!, { exact: true })).toBeVisible();
    await expect(seen.getByText(ada)).toHaveCount(0);
  });

  await test.step('chat: each sees the other’s message', async () => {
    await page.getByRole('textbox').first().fill('hey, what did you have for breakfast?');
    await page.getByRole('textbox').first().press('Enter');
    await expect(other.getByText('hey, what did you have for breakfast?').first()).toBeVisible();
    await other.getByRole('textbox').first().fill('toast, cold. you?');
    await other.getByRole('textbox').first().press('Enter');
    await expect(page.getByText('toast, cold. you?').first()).toBeVisible();
    await snap(page, 'round-live');
  });

  await test.step('each player judges every other participant', async () => {
    for (const [p, partner] of [
      [page, aliases.get(other)],
      [other, aliases.get(page)],
    ] as const) {
      await p.getByRole('button', { name: 'Ready to judge' }).click();
      const rows = p.getByRole('group').filter({ has: p.getByRole('button', { name: 'Human' }) });
      await expect(rows).toHaveCount(others);
      for (const row of await rows.all()) {
        const name = (await row.locator('legend').textContent()) ?? '';
        await row.getByRole('button', { name: name === partner ? 'Human' : 'AI' }).click();
      }
      await p.getByRole('button', { name: 'Submit verdicts' }).click();
      await expect(p.getByText('Verdicts in.')).toBeVisible();
    }
  });

  await test.step('the reveal shows what each was and the score', async () => {
    for (const p of players) {
      await expect(p.getByRole('heading', { name: /You scored \d+ points?/ })).toBeVisible({
        timeout: 300_000,
      });
      await expect(p.locator('[data-kind="ai"]')).toHaveCount(others - 1);
      await expect(p.locator('[data-kind="human"]')).toHaveCount(1);
    }
    // Every verdict right, and judged human by the other player.
    await expect(page.getByRole('heading', { name: `You scored ${others + 1} points` })).toBeVisible();
    await snap(page, 'round-reveal');
    await page.getByRole('link', { name: 'Play again' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Am I an AI?' })).toBeVisible();
  });
  await other.context().close();
});

test('a partner matched by the other player’s request is moved to the round by push, not by a poll', async ({
  page,
  browser,
}, testInfo) => {
  const other = await newUserPage(browser, page);
  const players = [page, other];
  await signIn(page, uniqueName('Ann', testInfo));
  await signIn(other, uniqueName('Ben', testInfo));
  const socketOpened = other.waitForEvent('websocket');
  for (const p of players) await p.goto('/play');
  await expect(other.getByRole('heading', { level: 1, name: 'Am I an AI?' })).toBeVisible();
  await socketOpened;
  // The socket connects after the page loads; let it open before the ticket is queued.
  await other.waitForTimeout(1_000);

  await other.route('**/api/games/queue', (route) => {
    if (route.request().method() !== 'GET') return route.continue();
    return route.abort();
  });

  // The same format per project as the test above (which this file runs before it, never beside it).
  const format = testInfo.project.name === 'phone' ? /Duel/ : /Group/;
  for (const p of players) await p.getByRole('radio', { name: format }).check();
  await page.waitForFunction(() => Date.now() % 3000 < 250, undefined, { polling: 20 });
  await Promise.all(players.map((p) => p.getByRole('button', { name: 'Play', exact: true }).click()));
  await expect(other.getByRole('heading', { name: 'Finding a partner…' })).toBeVisible();

  await page.waitForURL(/\/play\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await other.waitForURL(new URL(page.url()).pathname, { timeout: 5_000 });
  await expect(other.getByRole('timer')).toBeVisible();
  await other.context().close();
});

test('a player alone plays a duel against an AI: matched by the deadline, answered, revealed', async ({
  page,
}, testInfo) => {
  // A duel lasts two minutes of real time; the phone project plays duels (the desktop one groups), so this
  // runs there, after the file's other duels, and never shares a tick with them.
  test.skip(testInfo.project.name !== 'phone', 'duels run in the phone project');
  test.setTimeout(300_000);
  await signIn(page, uniqueName('Solo', testInfo));
  await page.goto('/play');
  await page.getByRole('radio', { name: /Duel/ }).check();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForURL(/\/play\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const partner = page.getByRole('list', { name: 'In this round' }).getByRole('listitem');
  await expect(partner).toHaveCount(1);
  const nickname = (await partner.textContent())?.trim() ?? '';
  expect(nickname).not.toBe('');

  await page.getByRole('textbox').first().fill(`hey ${nickname}, what are you up to today?`);
  await page.getByRole('textbox').first().press('Enter');
  // The partner answers (the fake model writes like a person), under its nickname.
  const theirs = page.locator('.message:not(.message--mine):not(.message--system)');
  await expect(theirs.first()).toBeVisible({ timeout: 60_000 });
  await expect(theirs.first()).toContainText(nickname);

  await page.getByRole('button', { name: 'Ready to judge' }).click();
  await page.getByRole('button', { name: 'AI', exact: true }).click();
  await page.getByRole('button', { name: 'Submit verdicts' }).click();
  await expect(page.getByText('Verdicts in.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'You scored 1 point' })).toBeVisible({ timeout: 180_000 });
  await expect(page.locator('[data-kind="ai"]')).toHaveCount(1);
});
