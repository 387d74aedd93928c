import { withStaffRuntime } from '@/lib/auth/staff-runtime';
import { withChatRuntime } from '@/lib/chat/runtime';
import { handleConsoleEvents } from '@/lib/console/list-events';

// The live bus lives in the chat runtime (the chat publishes on it); sessions in the staff runtime.
export async function GET(request: Request): Promise<Response> {
  return withStaffRuntime((staff) => withChatRuntime((chat) => handleConsoleEvents(request, staff, chat.live)));
}
