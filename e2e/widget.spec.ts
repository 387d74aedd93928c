import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { expect, type FrameLocator, type Page, test } from '@playwright/test';
import { ask, chatFrame, lastAnswer, launcher, openChat, screenshot } from './helpers';
import { APP_URL, STOREFRONT_URL } from './support';

// The shopper's side of the product: the demo storefront (one origin) embeds the widget from the
// app (another origin) with the one-line snippet, as a merchant's site would.

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;
const SNEAKER = 'SKU-LIMITED-SNEAKER-01';

async function availableUnits(chat: FrameLocator): Promise<number> {
  const text = await lastAnswer(chat).getByTestId('product-available').textContent();
  return Number(text?.replace(/\D/g, ''));
}

async function signInAs(page: Page, customerId: string): Promise<void> {
  await page.locator('select#customer').selectOption(customerId);
  await Promise.all([page.waitForURL('**'), page.locator('form[action="/sign-in"] button[type="submit"]').click()]);
}

test('the storefront embeds the widget from the app; a stock answer streams in with its product card and survives a reload', async ({
  page,
}, testInfo) => {
  await page.goto(`${STOREFRONT_URL}/?lang=en`);
  // Nothing but the launcher until the shopper opens the chat.
  await expect(launcher(page)).toBeVisible();
  await expect(page.locator('shop-chat iframe')).toHaveCount(0);

  const chat = await openChat(page);
  expect(await page.locator('shop-chat iframe').getAttribute('src')).toMatch(
    new RegExp(`^${APP_URL}/embed\\?origin=${encodeURIComponent(STOREFRONT_URL)}`),
  );
  await expect(chat.getByTestId('quick-reply').first()).toBeVisible();

  const streamed = page.waitForResponse((response) => response.url() === `${APP_URL}/api/chat`);
  await ask(chat, `Is ${SNEAKER} in stock?`);
  const response = await streamed;
  expect(response.headers()['content-type']).toContain('text/event-stream');
  await expect(lastAnswer(chat).getByTestId('product-card')).toContainText(SNEAKER);
  expect(await availableUnits(chat)).toBeGreaterThan(0);
  await expect(chat.getByTestId('quick-reply')).toHaveCount(0);
  await screenshot(page, testInfo, 'desktop-en');

  // A reload (and a walk to another page of the shop) keeps the conversation: the id lives in the storefront's storage.
  await page.goto(`${STOREFRONT_URL}/products/${SNEAKER}`);
  const again = await openChat(page);
  await expect(again.getByTestId('message-user')).toHaveText([`Is ${SNEAKER} in stock?`]);
  await expect(again.getByTestId('product-card')).toContainText(SNEAKER);
});

test('a signed-in shopper sees their order and its shipment, places an order with the confirmation buttons, and stock drops', async ({
  page,
}) => {
  await page.goto(`${STOREFRONT_URL}/?lang=en`);
  await signInAs(page, 'C-1001');
  const chat = await openChat(page);

  await ask(chat, 'Where is my order ORD-20241115-00001?');
  await expect(lastAnswer(chat).getByTestId('order-card')).toContainText('ORD-20241115-00001');
  await expect(lastAnswer(chat).getByTestId('order-status')).not.toBeEmpty();

  await ask(chat, 'Track the parcel SF1234567890');
  await expect(lastAnswer(chat).getByTestId('shipment-timeline')).toContainText('SF1234567890');
  expect(await lastAnswer(chat).getByTestId('shipment-timeline').locator('li').count()).toBeGreaterThan(0);

  await ask(chat, `Is ${SNEAKER} in stock?`);
  const before = await availableUnits(chat);

  await ask(chat, `I'll take 2 of ${SNEAKER}`);
  const confirmation = lastAnswer(chat).getByTestId('order-confirmation');
  await expect(confirmation).toContainText(SNEAKER);
  await confirmation.getByTestId('approve-button').click();
  await expect(chat.getByTestId('order-confirmation').last().getByTestId('order-card')).toBeVisible();
  await expect(chat.getByTestId('send-button')).toBeVisible();

  await ask(chat, `Is ${SNEAKER} in stock?`);
  expect(await availableUnits(chat)).toBe(before - 2);
});

test('the shopper ends the conversation, rates it, and starts a new one', async ({ page }) => {
  await page.goto(`${STOREFRONT_URL}/?lang=en`);
  const chat = await openChat(page);
  await ask(chat, 'hello');
  await chat.getByTestId('end-chat').click();
  await chat.getByTestId('end-chat-confirm').click();
  const rating = chat.getByTestId('rating');
  // The stars are labels around visually hidden radios: click the fifth star as a shopper would.
  await rating
    .locator('label')
    .filter({ has: chat.getByTestId('rating-score-5') })
    .click();
  await expect(rating.getByTestId('rating-score-5')).toBeChecked();
  await rating.getByRole('textbox').fill('Quick and friendly');
  const saved = page.waitForResponse((response) => response.url().endsWith('/rating'));
  await chat.getByTestId('rating-submit').click();
  const response = await saved;
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ rating: { score: 5, comment: 'Quick and friendly' } });
  await chat.getByTestId('new-conversation').click();
  await expect(chat.getByTestId('message-user')).toHaveCount(0);
  await expect(chat.getByTestId('quick-reply').first()).toBeVisible();

  // The new conversation is the one the storefront remembers.
  await page.reload();
  const again = await openChat(page);
  await expect(again.getByTestId('quick-reply').first()).toBeVisible();
  await expect(again.getByTestId('message-user')).toHaveCount(0);
});

test('keyboard only: open the chat, type, send and close', async ({ page }) => {
  await page.goto(`${STOREFRONT_URL}/?lang=en`);
  await expect(launcher(page)).toBeVisible();
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.tagName === 'SHOP-CHAT')) break;
  }
  await expect(launcher(page)).toBeFocused();
  await page.keyboard.press('Enter');
  const chat = chatFrame(page);
  await expect(chat.getByTestId('composer-input')).toBeFocused();
  await page.keyboard.type(`Is ${SNEAKER} in stock?`);
  await page.keyboard.press('Enter');
  await expect(lastAnswer(chat).getByTestId('product-card')).toBeVisible();
  await expect(chat.getByTestId('composer-input')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(launcher(page)).toHaveAttribute('aria-expanded', 'false');
  await expect(launcher(page)).toBeFocused();
});

test.describe('on a phone', () => {
  test.use(PHONE);

  test('the panel fills the screen, and the chat works', async ({ page }, testInfo) => {
    await page.goto(`${STOREFRONT_URL}/?lang=en`);
    const chat = await openChat(page);
    const box = await page.locator('shop-chat iframe').boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: PHONE.viewport.width });
    expect(Math.round(box?.height ?? 0)).toBe(PHONE.viewport.height);
    // 16 px or more, so iOS does not zoom into the composer.
    const fontSize = await chat
      .getByTestId('composer-input')
      .evaluate((input) => Number.parseFloat(getComputedStyle(input).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(16);
    await ask(chat, `Is ${SNEAKER} in stock?`);
    await expect(lastAnswer(chat).getByTestId('product-card')).toBeVisible();
    await expect(chat.getByTestId('composer-input')).toBeInViewport();
    await screenshot(page, testInfo, 'phone-en');
    await chat.getByTestId('close-panel').click();
    await expect(launcher(page)).toBeVisible();
  });

  test('in Chinese', async ({ page }, testInfo) => {
    await page.goto(`${STOREFRONT_URL}/?lang=zh`);
    const chat = await openChat(page);
    await expect(chat.getByTestId('quick-reply').first()).toBeVisible();
    await ask(chat, `${SNEAKER} 还有货吗？`);
    await expect(lastAnswer(chat).getByTestId('product-card')).toBeVisible();
    await expect(chat.locator('html')).toHaveAttribute('lang', /^zh/);
    await screenshot(page, testInfo, 'phone-zh');
  });
});

test('the desktop widget in Chinese', async ({ page }, testInfo) => {
  await page.goto(`${STOREFRONT_URL}/?lang=zh`);
  const chat = await openChat(page);
  await ask(chat, `${SNEAKER} 还有货吗？`);
  await expect(lastAnswer(chat).getByTestId('product-card')).toBeVisible();
  await screenshot(page, testInfo, 'desktop-zh');
});

test('a site that is not allowed cannot frame /embed, and its browsers cannot call the API', async ({ page, request }) => {
  const embed = await request.get('/embed');
  expect(embed.headers()['content-security-policy']).toBe(`frame-ancestors 'self' ${STOREFRONT_URL}`);

  // A page on another origin (a port of its own, served by the test) framing the widget directly.
  const elsewhere = createServer((request, response) => {
    const origin = `http://${request.headers.host}`;
    response.setHeader('content-type', 'text/html');
    response.end(`<iframe id="stolen" src="${APP_URL}/embed?origin=${encodeURIComponent(origin)}"></iframe>`);
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  const { port } = elsewhere.address() as AddressInfo;
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('frame-ancestors')) refusals.push(message.text());
  });
  try {
    await page.goto(`http://127.0.0.1:${port}/`);
    await expect.poll(() => refusals.length).toBeGreaterThan(0);
    await expect(page.frameLocator('#stolen').getByTestId('chat-widget')).toHaveCount(0);
  } finally {
    elsewhere.close();
  }

  const fromElsewhere = await request.post('/api/chat', {
    headers: { origin: 'http://evil.test' },
    data: { id: 'e2eEvilOriginConversation01', trigger: 'submit-message', messages: [] },
  });
  expect(fromElsewhere.status()).toBe(403);
  expect((await fromElsewhere.json()).error.code).toBe('forbidden');
});

test('measures the loader and the /embed first load', async ({ page, request }, testInfo) => {
  const loader = await request.get(`${APP_URL}/widget.js`);
  expect(loader.status()).toBe(200);
  const loaderGzip = gzipSync(await loader.body(), { level: 9 }).length;
  expect(loaderGzip).toBeLessThanOrEqual(3072);

  const sizes: Promise<{ url: string; bytes: number }>[] = [];
  page.on('requestfinished', (finished) => {
    if (finished.resourceType() === 'script')
      sizes.push(finished.sizes().then((size) => ({ url: finished.url(), bytes: size.responseBodySize })));
  });
  await page.goto(`${APP_URL}/embed`);
  await expect(page.getByTestId('composer-input')).toBeVisible();
  const scripts = await Promise.all(sizes);
  const embedScriptBytes = scripts.reduce((sum, script) => sum + script.bytes, 0);
  const report = { loaderGzipBytes: loaderGzip, embedFirstLoadScriptBytes: embedScriptBytes, embedScripts: scripts.length };
  writeFileSync(testInfo.outputPath('sizes.json'), JSON.stringify(report, null, 2));
  console.log(`[sizes] ${JSON.stringify(report)}`);
  expect(embedScriptBytes).toBeGreaterThan(0);
});
