import { createStaffUser, type StaffUserView } from '@/lib/auth/staff-accounts';
import { createStaffRuntime } from '@/lib/auth/staff-runtime';
import type { ConsoleRuntime } from '@/lib/console/route';
import { type ChatHarness, newConversationId, waitForAssistantMessages } from '../support/chat-harness';
import { FIXTURE } from '../support/commerce-fixture';
import { sessionFor, staffRequest } from '../support/staff-harness';

/** The console's runtime on the chat harness's database and live bus, as the app wires them. */
export function consoleRuntimeFor(chat: ChatHarness): ConsoleRuntime {
  return { ...createStaffRuntime({ prisma: chat.db }, {}, () => FIXTURE.now), live: chat.runtime.live };
}

export interface SignedInStaff {
  user: StaffUserView;
  session: string;
}

let accounts = 0;

/** A new member of staff with a live session (created directly: signing in is tested in tests/staff). */
export async function signedInStaff(
  runtime: ConsoleRuntime,
  options: { role?: 'admin' | 'agent'; name?: string } = {},
): Promise<SignedInStaff> {
  accounts++;
  const user = await createStaffUser(runtime.db, {
    email: `console-${accounts}-${Date.now()}@shop.example`,
    name: options.name ?? `Agent ${accounts}`,
    role: options.role ?? 'agent',
    password: `correct horse battery ${accounts}`,
  });
  const session = await sessionFor(runtime, user);
  return { user, session };
}

/** A console API request from the console's own page. */
export function consoleRequest(
  path: string,
  options: { method?: string; body?: unknown; session?: string | null } = {},
): Request {
  return staffRequest(`/api/console/conversations${path}`, options);
}

/** A visitor's conversation with one answered question (the fake model answers `answer`). */
export async function answeredConversation(
  chat: ChatHarness,
  visitor: string,
  answer = 'Hello, how can I help?',
): Promise<string> {
  const conversationId = newConversationId();
  chat.fake?.reply({ text: answer });
  await chat.send({ conversationId, visitor, text: 'hello' });
  await waitForAssistantMessages(chat.db, conversationId, 1);
  return conversationId;
}

export async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
