import { withConsoleRuntime } from '@/lib/console/route';
import { handleOwnershipChange } from '@/lib/console/takeover';

export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return withConsoleRuntime((runtime) => handleOwnershipChange(request, runtime, id, 'release'));
}
