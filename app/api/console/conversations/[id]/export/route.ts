import { withStaffRuntime } from '@/lib/auth/staff-runtime';
import { handleConversationJsonExport } from '@/lib/console/export';

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return withStaffRuntime((runtime) => handleConversationJsonExport(request, runtime, id));
}
