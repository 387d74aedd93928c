import { withConsoleRuntime } from '@/lib/console/route';
import { handleConversationDetail } from '@/lib/console/transcript';

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return withConsoleRuntime((runtime) => handleConversationDetail(request, runtime, id));
}
