import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { SIGNATURE_HEADER, verifySignature } from '../lib/webhooks/signature';
import { screenshot, submitSignIn } from './helpers';

/** What the receiver got: the raw body (as signed), the headers, and what it answered. */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

/** A shop system on 127.0.0.1 that records every webhook request and answers with `status`. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[]; answer: { status: number } }> {
  const received: Received[] = [];
  const answer = { status: 200 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answered = answer.status;
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), answered });
      response.writeHead(answered, { 'content-type': 'text/plain' });
      response.end(answered < 300 ? 'ok' : 'failing on purpose');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/hooks/shopchat`, received, answer };
}

const header = (request: Received, name: string) => String(request.headers[name] ?? '');

/** The requests for one event, as the receiver recorded them. */
const requestsFor = (received: Received[], eventId: string) =>
  received.filter((request) => header(request, 'shopchat-event-id') === eventId);

/** The event id the page announced for the test event just queued. */
async function queuedTestEvent(endpoint: Locator): Promise<string> {
  const result = endpoint.getByTestId('endpoint-result');
  await expect(result).toHaveText(/^Test event evt_[0-9a-f]+ queued/);
  const eventId = /evt_[0-9a-f]+/.exec((await result.textContent()) ?? '')?.[0];
  if (!eventId) throw new Error('no event id in the announcement');
  return eventId;
}

async function readSecret(page: Page): Promise<string> {
  const box = page.getByTestId('secret-box');
  await expect(box).toContainText('you will not see it again');
  const secret = await box.getByLabel('Signing secret').inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{20,}$/);
  return secret;
}

test('an admin adds a webhook endpoint, tests it, redelivers, rotates the secret, disables and deletes it', async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  const receiver = await startReceiver();
  // The page's own errors (a hydration mismatch, an exception); refused requests are expected here.
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(message.text());
  });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });

    // Anonymous: to the sign-in page. Signed in as the admin, the bar links to Webhooks.
    await page.goto('/console/webhooks');
    await expect(page).toHaveURL(/\/console\/login$/);
    await submitSignIn(page);
    await expect(page).toHaveURL(/\/console$/);
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Webhooks' }).click();
    await expect(page).toHaveURL(/\/console\/webhooks$/);
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Webhooks' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('no-endpoints')).toBeVisible();

    // The form: the default events ticked, tool_call.completed offered as opt-in; errors in words.
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const form = page.getByTestId('endpoint-form');
    await expect(form.getByLabel('Endpoint URL')).toBeFocused();
    for (const type of [
      'order.placed',
      'order.cancelled',
      'conversation.handoff_requested',
      'conversation.closed',
      'conversation.rated',
    ]) {
      await expect(form.getByRole('checkbox', { name: type })).toBeChecked();
    }
    const toolCalls = form.getByRole('checkbox', { name: 'tool_call.completed' });
    await expect(toolCalls).not.toBeChecked();
    await expect(toolCalls).toHaveAccessibleDescription(/Opt-in/);
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(form.getByRole('alert')).toHaveText('Enter the URL the events are sent to.');
    await form.getByLabel('Endpoint URL').fill('ftp://files.example.com/hooks');
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(form.getByRole('alert')).toContainText('must be an http:// or https:// URL');
    await expect(form.getByLabel('Endpoint URL')).toHaveAttribute('aria-invalid', 'true');
    await screenshot(page, testInfo, 'webhooks-add-form-error', { fullPage: true });

    await form.getByLabel('Endpoint URL').fill(receiver.url);
    await form.getByLabel('Description').fill('E2E receiver (ERP)');
    await form.getByRole('button', { name: 'Add endpoint' }).click();

    // The secret, once: focused, copyable, with the warning.
    const secret = await readSecret(page);
    await expect(page.getByTestId('secret-box').getByLabel('Signing secret')).toBeFocused();
    await expect(page.getByTestId('page-result')).toContainText('Copy its signing secret now');
    await page.getByTestId('secret-box').getByRole('button', { name: 'Copy' }).click();
    await expect(page.getByTestId('secret-box').getByRole('status')).toHaveText('Copied to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    const endpoint = page.getByTestId('endpoint');
    await expect(endpoint.getByRole('heading', { name: receiver.url })).toBeVisible();
    await expect(endpoint).toContainText('E2E receiver (ERP)');
    await expect(endpoint.getByTestId('endpoint-events')).not.toContainText('tool_call.completed');
    await screenshot(page, testInfo, 'webhooks-secret-once', { fullPage: true });
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await expect(page.getByTestId('secret-box')).toHaveCount(0);
    // Never again: not after a reload, not in the API's list.
    await page.reload();
    await expect(endpoint.getByRole('heading', { name: receiver.url })).toBeVisible();
    expect(await page.content()).not.toContain(secret);
    expect(await (await page.request.get('/api/console/webhooks')).text()).not.toContain(secret);

    // A test event: delivered, and signed with that secret.
    await endpoint.getByRole('button', { name: 'Send test event' }).click();
    const testEvent = await queuedTestEvent(endpoint);
    const row = endpoint.locator(`[data-testid="delivery-row"][data-event-id="${testEvent}"]`);
    await expect(row).toHaveAttribute('data-status', 'delivered', { timeout: 20_000 });
    await expect(row.getByTestId('delivery-status')).toHaveText('Delivered');
    await expect(row).toContainText('webhook.test');
    await expect(row.getByTestId('delivery-last-response')).toHaveText('200');
    const [delivered] = requestsFor(receiver.received, testEvent);
    if (!delivered) throw new Error(`the receiver never got ${testEvent}`);
    expect(header(delivered, 'shopchat-event-type')).toBe('webhook.test');
    expect(() => verifySignature(header(delivered, SIGNATURE_HEADER), delivered.body, [secret])).not.toThrow();
    expect(() => verifySignature(header(delivered, SIGNATURE_HEADER), delivered.body, ['whsec_someone-else'])).toThrow();
    expect(JSON.parse(delivered.body)).toMatchObject({ id: testEvent, type: 'webhook.test' });

    // The receiver fails: Redeliver shows a failed attempt (500) in the attempt log.
    receiver.answer.status = 500;
    await row.getByRole('button', { name: /^Redeliver/ }).click();
    await expect(endpoint.getByText(`Delivery of ${testEvent} queued again`)).toBeVisible();
    await expect(row.getByTestId('delivery-last-response')).toHaveText('500', { timeout: 20_000 });
    await expect(row).toHaveAttribute('data-status', 'pending');
    await expect(row.getByTestId('delivery-status')).toHaveText('Pending');
    const attemptsButton = row.getByRole('button', { name: /^Attempts/ });
    await attemptsButton.click();
    await expect(row.getByRole('button', { name: /^Hide attempts/ })).toHaveAttribute('aria-expanded', 'true');
    const attempts = endpoint.getByTestId('attempt-log').getByTestId('attempt');
    await expect(attempts).toHaveCount(2);
    await expect(attempts.nth(0)).toHaveAttribute('data-status-code', '200');
    await expect(attempts.nth(1)).toHaveAttribute('data-status-code', '500');
    await expect(attempts.nth(1)).toContainText('Attempt 2');
    expect(requestsFor(receiver.received, testEvent).map((request) => request.answered)).toEqual([200, 500]);
    receiver.answer.status = 200;

    // Rotation: a new secret, once; during the overlap both sign each request.
    await endpoint.getByRole('button', { name: 'Rotate secret' }).click();
    await expect(endpoint.getByLabel('Old secret keeps working for (hours)')).toHaveValue('24');
    await endpoint.getByRole('button', { name: 'Rotate now' }).click();
    const rotated = await readSecret(page);
    expect(rotated).not.toBe(secret);
    await expect(page.getByTestId('secret-box')).toContainText(
      'The previous secret keeps signing requests beside this one until',
    );
    await expect(endpoint).toContainText('The previous secret also signs requests until');
    await screenshot(page, testInfo, 'webhooks-rotated', { fullPage: true });
    await page.getByRole('button', { name: 'I have saved it' }).click();
    await endpoint.getByRole('button', { name: 'Send test event' }).click();
    const afterRotation = await queuedTestEvent(endpoint);
    await expect(endpoint.locator(`[data-testid="delivery-row"][data-event-id="${afterRotation}"]`)).toHaveAttribute(
      'data-status',
      'delivered',
      { timeout: 20_000 },
    );
    const [signedTwice] = requestsFor(receiver.received, afterRotation);
    if (!signedTwice) throw new Error(`the receiver never got ${afterRotation}`);
    expect(() => verifySignature(header(signedTwice, SIGNATURE_HEADER), signedTwice.body, [rotated])).not.toThrow();
    expect(() => verifySignature(header(signedTwice, SIGNATURE_HEADER), signedTwice.body, [secret])).not.toThrow();

    // Edit: the description and an opt-in event.
    await endpoint.getByRole('button', { name: 'Edit' }).click();
    await endpoint.getByLabel('Description').fill('ERP, with tool calls');
    await endpoint.getByRole('checkbox', { name: 'tool_call.completed' }).check();
    await endpoint.getByRole('button', { name: 'Save changes' }).click();
    await expect(endpoint.getByTestId('endpoint-result')).toHaveText('Changes saved.');
    await expect(endpoint).toContainText('ERP, with tool calls');
    await expect(endpoint.getByTestId('endpoint-events')).toContainText('tool_call.completed');
    await screenshot(page, testInfo, 'webhooks-page', { fullPage: true });
    const wide = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, testInfo, 'webhooks-page-narrow', { fullPage: true });
    if (wide) await page.setViewportSize(wide);

    // Disable, then delete (after confirming).
    const toggle = endpoint.getByRole('switch', { name: 'Send events' });
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await expect(endpoint.getByTestId('endpoint-state')).toHaveText('Disabled');
    await expect(endpoint.getByTestId('endpoint-result')).toHaveText(/disabled/);
    const listed = (await (await page.request.get('/api/console/webhooks')).json()) as { endpoints: { enabled: boolean }[] };
    expect(listed.endpoints.map((one) => one.enabled)).toEqual([false]);

    await endpoint.getByRole('button', { name: 'Delete' }).click();
    await expect(endpoint.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await endpoint.getByRole('button', { name: 'Delete endpoint' }).click();
    await expect(page.getByTestId('page-result')).toHaveText(`Endpoint ${receiver.url} deleted.`);
    await expect(page.getByTestId('no-endpoints')).toBeVisible();
    expect(((await (await page.request.get('/api/console/webhooks')).json()) as { endpoints: unknown[] }).endpoints).toEqual([]);
    expect(pageErrors).toEqual([]);
  } finally {
    await new Promise((resolve) => receiver.server.close(resolve));
  }
});
