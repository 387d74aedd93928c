import { withStaffRuntime } from '@/lib/auth/staff-runtime';
import { handleCreateEndpoint, handleListEndpoints } from '@/lib/console/webhooks';

export async function GET(request: Request): Promise<Response> {
  return withStaffRuntime((runtime) => handleListEndpoints(request, runtime));
}

export async function POST(request: Request): Promise<Response> {
  return withStaffRuntime((runtime) => handleCreateEndpoint(request, runtime));
}
