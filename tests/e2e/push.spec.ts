/**
 * Real-time push in the browser: two people in one conversation, each in their own browser context. The
 * reader's polling is blocked, so the other's message and request to reply can only arrive over the
 * WebSocket; then the socket is refused and the same page falls back to polling without losing or repeating
 * a message.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, newUserPage, signIn, test, uniqueName } from './fixtures';

async function tokenFor(request: APIRequestContext, name: string): Promise<string> {
  const res = await request.post('/api/dev/token', { data: { name } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** Ann's default persona and a public human persona of Ben's, in one conversation Ann starts. */
async function conversationBetween(request: APIRequestContext, ann: string, ben: string) {
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const annToken = await tokenFor(request, ann);
  const benToken = await tokenFor(request, ben);
  const me = await request.get('/api/me', { headers: auth(annToken) });
  const annPersona = ((await me.json()) as { personas: { id: string }[] }).personas[0]!.id;
  await request.get('/api/me', { headers: auth(benToken) });
  const persona = await request.post('/api/personas', {
    headers: auth(benToken),
    data: { name: `${ben} Live`, kind: 'human', description: 'Ben, in public.', visibility: 'public' },
  });
  expect(persona.status()).toBe(201);
  const benPersona = ((await persona.json()) as { id: string }).id;
  const created = await request.post('/api/conversations', {
    headers: auth(annToken),
    data: { title: 'Live wire', participantPersonaIds: [annPersona, benPersona] },
  });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

/** Resolves once the page's socket has confirmed the subscription to `conversationId`. */
function subscribed(page: Page, conversationId: string): Promise<void> {
  return new Promise((resolve) => {
    page.on('websocket', (ws) =>
      ws.on('framereceived', (frame) => {
        if (
          typeof frame.payload === 'string' &&
          frame.payload.includes('"subscribed"') &&
          frame.payload.includes(conversationId)
        )
          resolve();
      }),
    );
  });
}

async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message', exact: true });
  await box.fill(text);
  await box.press('Enter');
  await expect(page.getByRole('log', { name: 'Messages' }).getByText(text)).toBeVisible();
}

test('a message from another browser appears without polling, and polling takes over without the socket', async ({
  page,
  browser,
  request,
}, testInfo) => {
  const ann = uniqueName('Ann', testInfo);
  const ben = uniqueName('Ben', testInfo);
  const conversationId = await conversationBetween(request, ann, ben);
  const polls: string[] = [];

  await test.step('Ann opens the conversation; her polling is blocked once the socket is live', async () => {
    await signIn(page, ann);
    const live = subscribed(page, conversationId);
    await page.goto(`/conversations/${conversationId}`);
    await live;
    // The catch-up poll that follows every subscription, and the first poll's short wait, are over.
    await page.waitForTimeout(3_000);
    await page.route(/\/messages\?after=/, (route) => {
      polls.push(route.request().url());
      return route.abort();
    });
  });

  const other = await newUserPage(browser, page);
  await test.step("Ben's message reaches Ann by push", async () => {
    await signIn(other, ben);
    await other.goto(`/conversations/${conversationId}`);
    await send(other, 'Pushed, not polled');
    await expect(page.getByRole('log', { name: 'Messages' }).getByText('Pushed, not polled')).toBeVisible({
      timeout: 5_000,
    });
    expect(polls).toEqual([]);
  });

  await test.step("Ben's request to reply reaches Ann by push", async () => {
    await other
      .getByRole('button', { name: /^Ask .* to reply$/ })
      .first()
      .click();
    await expect(other.getByTestId('asked-notice')).toBeVisible();
    await expect(page.getByTestId('reply-request')).toHaveText('Someone asked you to reply.', {
      timeout: 5_000,
    });
    expect(polls).toEqual([]);
  });

  await test.step('without the socket, polling delivers every message exactly once', async () => {
    await page.unroute(/\/messages\?after=/);
    await page.routeWebSocket(/\/ws/, (ws) => ws.close());
    await page.reload();
    const log = page.getByRole('log', { name: 'Messages' });
    await expect(log.getByText('Pushed, not polled')).toBeVisible();
    await send(other, 'Polled this time');
    await expect(log.getByText('Polled this time')).toBeVisible({ timeout: 10_000 });
    await expect(log.getByText('Pushed, not polled')).toHaveCount(1);
    await expect(log.getByText('Polled this time')).toHaveCount(1);
  });
  await other.context().close();
});
