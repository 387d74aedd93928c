import { withStaffRuntime } from '@/lib/auth/staff-runtime';
import { handleListDeliveries } from '@/lib/console/webhooks';

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return withStaffRuntime((runtime) => handleListDeliveries(request, runtime, id));
}
