import { type StaffRuntime, withStaffRuntime } from '@/lib/auth/staff-runtime';
import type { LiveBus } from '@/lib/chat/live';
import { withChatRuntime } from '@/lib/chat/runtime';

/** What the console's live routes need: staff sessions, and the live bus the chat publishes on. */
export interface ConsoleRuntime extends StaffRuntime {
  live: LiveBus;
}

/** Runs a console route with the server's runtimes (503 when the database cannot be opened). */
export function withConsoleRuntime(run: (runtime: ConsoleRuntime) => Promise<Response>): Promise<Response> {
  return withStaffRuntime((staff) => withChatRuntime((chat) => run({ ...staff, live: chat.live })));
}
