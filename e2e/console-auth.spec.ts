import { expect, test } from '@playwright/test';
import { screenshot, submitSignIn } from './helpers';
import { E2E_STAFF, STOREFRONT_URL } from './support';

test('staff sign in to the console and out again', async ({ page, context }, testInfo) => {
  await page.goto('/console');
  await expect(page).toHaveURL(/\/console\/login$/);
  await expect(page.getByRole('heading', { name: 'Staff console' })).toBeVisible();

  await submitSignIn(page, E2E_STAFF.email, 'certainly not the password');
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText('Wrong email or password.');
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/console\/login$/);
  await screenshot(page, testInfo, 'login-wrong-password');

  await submitSignIn(page);
  await expect(page).toHaveURL(/\/console$/);
  await expect(page.getByTestId('signed-in-as')).toHaveText(`Signed in as ${E2E_STAFF.name} (admin)`);
  const cookie = (await context.cookies()).find((candidate) => candidate.name === 'shopchat_staff');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  await screenshot(page, testInfo, 'console-signed-in');

  // Still signed in after a reload; the sign-in page sends a signed-in person on to the console.
  await page.reload();
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await page.goto('/console/login');
  await expect(page).toHaveURL(/\/console$/);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/console\/login$/);
  expect((await context.cookies()).some((candidate) => candidate.name === 'shopchat_staff')).toBe(false);
  await page.goto('/console');
  await expect(page).toHaveURL(/\/console\/login$/);
});

test('the staff API refuses a storefront the widget may use, and answers the app’s own origin', async ({ request, baseURL }) => {
  const credentials = { email: E2E_STAFF.email, password: 'certainly not the password' };
  const fromStorefront = await request.post('/api/staff/login', { data: credentials, headers: { origin: STOREFRONT_URL } });
  expect(fromStorefront.status()).toBe(403);
  expect((await fromStorefront.json()).error.code).toBe('forbidden');
  // The same storefront is allowed on the shopper API (WIDGET_ALLOWED_ORIGINS).
  expect((await request.get('/api/health', { headers: { origin: STOREFRONT_URL } })).status()).toBe(200);

  const fromApp = await request.post('/api/staff/login', { data: credentials, headers: { origin: baseURL ?? '' } });
  expect(fromApp.status()).toBe(401);
  expect((await request.get('/api/staff/me', { headers: { origin: baseURL ?? '' } })).status()).toBe(401);
});
