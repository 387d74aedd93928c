import { handleConsoleEvents } from '@/lib/console/list-events';
import { withConsoleRuntime } from '@/lib/console/route';

export async function GET(request: Request): Promise<Response> {
  return withConsoleRuntime((runtime) => handleConsoleEvents(request, runtime));
}
