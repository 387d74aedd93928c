import { readFileSync } from 'node:fs';
import { expect, type FrameLocator, type Page, type TestInfo } from '@playwright/test';
import { E2E_STAFF } from './support';

/** The E2E staff account's password: new every run, in the file playwright.config.ts wrote. */
export function staffPassword(): string {
  const file = process.env.E2E_STAFF_PASSWORD_FILE;
  if (!file) throw new Error('E2E_STAFF_PASSWORD_FILE is not set: run through playwright.config.ts');
  return readFileSync(file, 'utf8');
}

/** Fills and sends the console's sign-in form (the page must be on it). */
export async function submitSignIn(
  page: Page,
  email: string = E2E_STAFF.email,
  password: string = staffPassword(),
): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A screenshot kept as a test artifact (and attached to the report). */
export async function screenshot(
  page: Page,
  testInfo: TestInfo,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, ...options });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** useChat's body for one new shopper message. */
export function chatBody(id: string, text: string) {
  return { id, trigger: 'submit-message', messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text }] }] };
}

// The widget as a shopper meets it on the demo storefront: the loader's launcher and its iframe.

export const launcher = (page: Page) => page.locator('shop-chat').getByRole('button');
export const chatFrame = (page: Page): FrameLocator => page.frameLocator('shop-chat iframe');
export const lastAnswer = (chat: FrameLocator) => chat.getByTestId('message-assistant').last();

export async function openChat(page: Page): Promise<FrameLocator> {
  await launcher(page).click();
  const chat = chatFrame(page);
  await expect(chat.getByTestId('composer-input')).toBeVisible();
  return chat;
}

/** Types a message into the widget and sends it. */
export async function write(chat: FrameLocator, text: string): Promise<void> {
  await chat.getByTestId('composer-input').fill(text);
  await chat.getByTestId('composer-input').press('Enter');
}

/** Sends a message and waits until the answer has finished streaming. */
export async function ask(chat: FrameLocator, text: string): Promise<void> {
  const answers = chat.getByTestId('message-assistant');
  const before = await answers.count();
  await write(chat, text);
  await expect(answers).toHaveCount(before + 1);
  await expect(chat.getByTestId('send-button')).toBeVisible();
}
