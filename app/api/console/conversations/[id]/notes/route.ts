import { handleAddNote, handleListNotes } from '@/lib/console/notes';
import { withConsoleRuntime } from '@/lib/console/route';

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, context: Context): Promise<Response> {
  const { id } = await context.params;
  return withConsoleRuntime((runtime) => handleListNotes(request, runtime, id));
}

export async function POST(request: Request, context: Context): Promise<Response> {
  const { id } = await context.params;
  return withConsoleRuntime((runtime) => handleAddNote(request, runtime, id));
}
