import { withStaffRuntime } from '@/lib/auth/staff-runtime';
import { handleSendTestEvent } from '@/lib/console/webhooks';

export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return withStaffRuntime((runtime) => handleSendTestEvent(request, runtime, id));
}
