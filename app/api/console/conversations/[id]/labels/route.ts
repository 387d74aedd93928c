import { handleSetLabels } from '@/lib/console/notes';
import { withConsoleRuntime } from '@/lib/console/route';

export async function PUT(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return withConsoleRuntime((runtime) => handleSetLabels(request, runtime, id));
}
