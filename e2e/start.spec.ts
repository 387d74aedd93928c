import { expect, test } from '@playwright/test';

test('a fresh start runs on the embedded database with the demo store loaded', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('database-kind')).toHaveText('embedded PGlite');
  await expect(page.getByTestId('store-name')).not.toHaveText('No store loaded');
  const count = async (label: string) => Number((await page.getByTestId(`count-${label}`).textContent())?.replace(/,/g, ''));
  expect(await count('products')).toBeGreaterThanOrEqual(200);
  expect(await count('warehouses')).toBe(3);
  expect(await count('customers')).toBeGreaterThanOrEqual(50);
  expect(await count('orders')).toBeGreaterThanOrEqual(500);
});

test('an unknown address is a 404 page, not the widget or the store page', async ({ request }) => {
  const response = await request.get('/no-such-page');
  expect(response.status()).toBe(404);
});
