import { withStaffRuntime } from '@/lib/auth/staff-runtime';
import { handleConversationList } from '@/lib/console/conversation-list';

export async function GET(request: Request): Promise<Response> {
  return withStaffRuntime((runtime) => handleConversationList(request, runtime));
}
