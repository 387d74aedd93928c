import { withStaffRuntime } from '@/lib/auth/staff-runtime';
import { handleDeleteEndpoint, handleUpdateEndpoint } from '@/lib/console/webhooks';

export async function PATCH(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return withStaffRuntime((runtime) => handleUpdateEndpoint(request, runtime, id));
}

export async function DELETE(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return withStaffRuntime((runtime) => handleDeleteEndpoint(request, runtime, id));
}
