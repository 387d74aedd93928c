import { withStaffRuntime } from '@/lib/auth/staff-runtime';
import { handleRotateSecret } from '@/lib/console/webhooks';

export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return withStaffRuntime((runtime) => handleRotateSecret(request, runtime, id));
}
