import { readFileSync } from 'node:fs';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { parseCsv } from '../tests/support/csv';
import { screenshot, submitSignIn } from './helpers';
import { E2E_STAFF } from './support';

/**
 * A shopper's message through the chat API (the built-in engine answers), read to the stream's end.
 * Returns the visitor cookie that owns the conversation, to send with the next message.
 */
async function shopperSays(request: APIRequestContext, conversationId: string, text: string, cookie = ''): Promise<string> {
  const response = await request.post('/api/chat', {
    data: {
      id: conversationId,
      trigger: 'submit-message',
      messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text }] }],
    },
    headers: cookie ? { cookie } : {},
  });
  expect(response.status()).toBe(200);
  await response.text();
  return cookie || (response.headers()['set-cookie']?.split(';')[0] ?? '');
}

test('staff find a conversation by a word in it, watch new ones arrive live, and export the list as CSV', async ({
  page,
  request,
}, testInfo) => {
  const run = Date.now().toString(36);
  const word = `quokka${run}`;
  const searched = `e2e${run}listSearchedxx`;
  await shopperSays(request, searched, `Is the Limited Retro Sneaker good for a ${word} walk?`);
  const other = `e2e${run}listOtherxxxxx`;
  await shopperSays(request, other, 'hello');

  // Anonymous: the API answers 401, the page sends to sign-in.
  expect((await request.get('/api/console/conversations')).status()).toBe(401);
  await page.goto('/console');
  await expect(page).toHaveURL(/\/console\/login$/);
  await submitSignIn(page);
  await expect(page).toHaveURL(/\/console$/);
  await expect(page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: /^Conversations$/ })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(page.getByTestId('signed-in-as')).toHaveText(`Signed in as ${E2E_STAFF.name} (admin)`);

  // Search: the URL carries the filter, the one conversation with the word is listed, with the match.
  await page.getByTestId('search-input').fill(word);
  await page.getByTestId('search-input').press('Enter');
  await expect(page).toHaveURL(new RegExp(`/console\\?q=${word}$`));
  const rows = page.getByTestId('conversation-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-conversation-id', searched);
  await expect(rows.first().getByTestId('conversation-snippet')).toContainText(word);
  await expect(rows.first().getByRole('link', { name: 'Anonymous' })).toHaveAttribute(
    'href',
    `/console/conversations/${searched}`,
  );
  await screenshot(page, testInfo, 'list-search', { fullPage: true });

  // The view survives a reload; Clear filters shows everything again.
  await page.reload();
  await expect(page.getByTestId('search-input')).toHaveValue(word);
  await expect(rows).toHaveCount(1);
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/console$/);
  const row = (id: string) => page.locator(`[data-testid="conversation-row"][data-conversation-id="${id}"]`);
  await expect(row(searched)).toBeVisible();
  await expect(row(other)).toBeVisible();

  // Live: with the list open, a new shopper's conversation shows up without a reload, and asking
  // for a person there turns it to Waiting and raises the Waiting count.
  await page.evaluate(() => {
    (window as Window & { notReloaded?: boolean }).notReloaded = true;
  });
  const waiting = page.getByTestId('waiting-count');
  const waitingBefore = Number(await waiting.textContent());
  const arriving = `e2e${run}listLivexxxxxxx`;
  const visitor = await shopperSays(request, arriving, `My ${word} order is late`);
  await expect(row(arriving)).toBeVisible();
  await expect(row(arriving).getByTestId('conversation-snippet')).not.toBeEmpty();
  await shopperSays(request, arriving, 'Talk to a person', visitor);
  await expect(row(arriving)).toContainText('Waiting');
  await expect(waiting).toHaveText(String(waitingBefore + 1));
  expect(await page.evaluate(() => (window as Window & { notReloaded?: boolean }).notReloaded)).toBe(true);
  await screenshot(page, testInfo, 'list-live', { fullPage: true });

  // Export: the current filter's conversations, as UTF-8 CSV with a BOM.
  await page.getByTestId('search-input').fill(word);
  await page.getByTestId('search-input').press('Enter');
  await expect(rows).toHaveCount(2);
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^conversations-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...records] = parseCsv(bytes.subarray(3).toString('utf8'));
  expect(header).toEqual([
    'id',
    'customer',
    'started',
    'last activity',
    'status',
    'messages',
    'tools used',
    'fallback used',
    'handoff',
    'rating',
  ]);
  expect(records.map((record) => record[0])).toEqual([arriving, searched]);
  expect(records[0]?.[1]).toBe('anonymous');
  expect(records[0]?.[4]).toBe('waiting_human');
  expect(records[0]?.[5]).toBe('4');
  expect(records[0]?.[6]).toContain('handOffToHuman');
  expect(records[0]?.[8]).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  expect(records[1]?.[4]).toBe('bot');
  expect(records[1]?.[5]).toBe('2');
});
