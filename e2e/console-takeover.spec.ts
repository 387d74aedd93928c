import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ask, openChat, screenshot, submitSignIn, write } from './helpers';
import { APP_URL, E2E_STAFF, STOREFRONT_URL } from './support';

// Two browsers at once: a shopper on the demo storefront, and a member of staff in the console who
// takes the shopper's conversation over, answers them live and closes it.

const SNEAKER = 'SKU-LIMITED-SNEAKER-01';

test('staff see a conversation’s tool calls, take it over, reply live into the shopper’s widget, hear back, and close it', async ({
  browser,
}, testInfo) => {
  // The shopper: asks the bot something that needs a tool, then asks for a person.
  const shopperContext = await browser.newContext();
  const shop = await shopperContext.newPage();
  await shop.goto(`${STOREFRONT_URL}/?lang=en`);
  const chat = await openChat(shop);
  await ask(chat, `Is ${SNEAKER} in stock?`);
  await ask(chat, 'Talk to a person');
  await expect(chat.getByTestId('message-assistant').last().getByTestId('handoff-card')).toBeVisible();
  // The conversation id lives in the storefront's storage, under the app's origin.
  const conversationId = await shop.evaluate(
    (key) => (JSON.parse(localStorage.getItem(key) ?? 'null') as { conversationId: string } | null)?.conversationId,
    `shopchat:${APP_URL}`,
  );
  expect(conversationId).toMatch(/^[A-Za-z0-9_-]{32,100}$/);

  // The member of staff: signs in and opens the conversation.
  const staffContext = await browser.newContext({ baseURL: APP_URL });
  const console_ = await staffContext.newPage();
  await console_.goto('/console/login');
  await submitSignIn(console_);
  await expect(console_).not.toHaveURL(/\/console\/login$/);
  await console_.goto(`/console/conversations/${conversationId}`);

  // Live: the console's event stream (or, without it, polling every 2 s).
  await expect(console_.getByTestId('live-indicator')).toContainText('Live');
  await expect(console_.getByTestId('conversation-status')).toHaveText('Waiting for a person');
  await expect(console_.getByTestId('shopper-panel')).toContainText('Anonymous visitor');
  const stockCall = console_.getByTestId('tool-call').filter({ hasText: 'checkInventory' });
  await expect(stockCall).toContainText('succeeded');
  await stockCall.locator('summary').click();
  await expect(stockCall).toContainText(SNEAKER);
  await expect(console_.getByTestId('tool-call').filter({ hasText: 'handOffToHuman' })).toBeVisible();
  await expect(console_.getByTestId('transcript-assistant').first()).toContainText('offline');

  await console_.getByTestId('take-button').click();
  await expect(console_.getByTestId('conversation-status')).toHaveText('With a person');
  await expect(console_.getByTestId('assigned-staff')).toHaveText(E2E_STAFF.name);

  // The reply appears in the shopper's widget without a reload, under the staff member's name.
  const reply = `Hello, this is ${E2E_STAFF.name} from the shop. How can I help?`;
  await console_.getByLabel('Reply to the shopper').fill(reply);
  const replySentAt = Date.now();
  await console_.getByLabel('Reply to the shopper').press('Enter');
  await expect(chat.getByTestId('message-assistant').last()).toHaveText(reply);
  const staffReplyInWidgetMs = Date.now() - replySentAt;
  await expect(console_.getByTestId('transcript-agent')).toContainText(reply);
  await expect(chat.getByTestId('agent-label').last()).toHaveText(`${E2E_STAFF.name} · Support team`);
  await screenshot(shop, testInfo, 'widget-staff-reply', { fullPage: true });

  // The shopper answers: the bot stays silent, and the console shows it by itself.
  const answers = await chat.getByTestId('message-assistant').count();
  const shopperSentAt = Date.now();
  await write(chat, 'Thanks! I need two pairs by Friday.');
  await expect(console_.getByTestId('transcript-user').last()).toContainText('Thanks! I need two pairs by Friday.', {
    timeout: 10_000,
  });
  const shopperMessageInConsoleMs = Date.now() - shopperSentAt;
  console.log(`[takeover] ${JSON.stringify({ staffReplyInWidgetMs, shopperMessageInConsoleMs })}`);
  await expect(chat.getByTestId('message-user').last()).toHaveText('Thanks! I need two pairs by Friday.');
  await expect(chat.getByTestId('message-assistant')).toHaveCount(answers);

  await console_.getByLabel('Add a label').fill('  VIP ');
  await console_.getByLabel('Add a label').press('Enter');
  await expect(console_.getByTestId('labels')).toHaveText(/vip/);
  await console_.getByLabel('Add a note').fill('Wants two pairs by Friday.');
  await console_.getByTestId('note-add').click();
  await expect(console_.getByTestId('notes')).toContainText(`Wants two pairs by Friday.${E2E_STAFF.name}`);
  await screenshot(console_, testInfo, 'console-transcript', { fullPage: true });

  await console_.getByTestId('close-button').click();
  await expect(console_.getByTestId('conversation-status')).toHaveText('Closed');
  // The widget hears it too: no more "a colleague will reply here".
  await expect(chat.getByTestId('handoff-notice')).toHaveCount(0);

  // The JSON transcript download holds the closed conversation with the staff reply in it.
  const [download] = await Promise.all([console_.waitForEvent('download'), console_.getByTestId('export-json').click()]);
  const transcript = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as unknown;
  expect(JSON.stringify(transcript)).toContain('"closed"');
  expect(JSON.stringify(transcript)).toContain(reply);

  await staffContext.close();
  await shopperContext.close();
});

test('the console API refuses anonymous callers, and a shopper cannot listen to a conversation that is not theirs', async ({
  request,
  baseURL,
}) => {
  const unknown = 'no-such-conversation-00000000000';
  const detail = await request.get(`/api/console/conversations/${unknown}`, { headers: { origin: baseURL ?? '' } });
  expect(detail.status()).toBe(401);
  const take = await request.post(`/api/console/conversations/${unknown}/take`, { headers: { origin: baseURL ?? '' }, data: {} });
  expect(take.status()).toBe(401);
  const events = await request.get(`/api/conversations/${unknown}/events`, {
    headers: { 'X-Shopchat-Visitor': 'strangerVisitorSecret000000000000000' },
  });
  expect(events.status()).toBe(404);
});
