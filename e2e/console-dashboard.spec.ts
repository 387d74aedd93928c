import { expect, test } from '@playwright/test';
import type { DashboardMetrics } from '../lib/console/metrics';
import { chatBody, screenshot, submitSignIn } from './helpers';

/** The tools a streamed answer called (its tool-input-available chunks). */
function toolsCalled(stream: string): string[] {
  return stream
    .split('\n\n')
    .map((event) => event.replace(/^data: /, '').trim())
    .filter((data) => data.startsWith('{'))
    .map((data) => JSON.parse(data) as { type: string; toolName?: string })
    .filter((chunk) => chunk.type === 'tool-input-available' && chunk.toolName)
    .map((chunk) => String(chunk.toolName));
}

const countIn = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

test('the dashboard counts today’s conversations and lists the tools they used', async ({ page, request }, testInfo) => {
  // Two shoppers through the chat API; the built-in engine answers and looks the sneaker up with a tool.
  const sneaker = await request.post('/api/chat', { data: chatBody(`e2e${Date.now()}dashboardA`, 'Limited Retro Sneaker') });
  expect(sneaker.status()).toBe(200);
  const [tool] = toolsCalled(await sneaker.text());
  if (!tool) throw new Error('the sneaker question called no tool');
  expect((await request.post('/api/chat', { data: chatBody(`e2e${Date.now()}dashboardB`, 'hello') })).status()).toBe(200);

  // Anonymous: the page sends to sign-in, the API answers 401.
  expect((await request.get('/api/console/metrics')).status()).toBe(401);
  await page.goto('/console/dashboard');
  await expect(page).toHaveURL(/\/console\/login$/);
  await submitSignIn(page);
  await expect(page).toHaveURL(/\/console$/);

  // A turn's tool calls are saved as the stream ends: wait until the API counts them.
  await expect
    .poll(async () => {
      const metrics = (await (await page.request.get('/api/console/metrics')).json()) as DashboardMetrics;
      return metrics.tools.map((row) => row.tool);
    })
    .toContain(tool);

  await page.goto('/console/dashboard');
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  expect(countIn(await page.getByTestId('metric-conversations').textContent())).toBeGreaterThanOrEqual(2);
  for (const testId of ['metric-resolved', 'metric-handoff', 'metric-fallback', 'metric-csat', 'metric-ttft-p95']) {
    await expect(page.getByTestId(testId)).toBeVisible();
  }
  // The default range ends today: the per-day table's last row is today's.
  const perDay = page.getByTestId('chart-per-day');
  await expect(perDay.locator('.recharts-surface').first()).toBeVisible();
  await perDay.getByText('Show the numbers per day').click();
  const todayRow = perDay.getByRole('row').last();
  expect(countIn(await todayRow.getByRole('cell').first().textContent())).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('tool-table').getByRole('rowheader', { name: tool })).toBeVisible();
  await screenshot(page, testInfo, 'dashboard-14-days', { fullPage: true });

  // Quick ranges and the date fields put the range in the URL.
  await page.getByRole('link', { name: 'Last 7 days' }).click();
  await expect(page).toHaveURL(/\/console\/dashboard\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByRole('link', { name: 'Last 7 days' })).toHaveAttribute('aria-current', 'page');
  await expect(perDay.locator('tbody tr')).toHaveCount(7);
  const to = await page.getByLabel('To', { exact: true }).inputValue();
  await page.getByLabel('From', { exact: true }).fill(to);
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${to}&to=${to}$`));
  expect(countIn(await page.getByTestId('metric-conversations').textContent())).toBeGreaterThanOrEqual(2);

  await page.goto('/console/dashboard?from=2026-05-02&to=2026-05-01');
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText(/from \(2026-05-02\) is after to \(2026-05-01\)/);
  await screenshot(page, testInfo, 'dashboard-bad-range', { fullPage: true });
  const refused = await page.request.get('/api/console/metrics?from=2026-05-02&to=2026-05-01');
  expect(refused.status()).toBe(400);
});
