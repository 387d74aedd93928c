import { handleStaffMe } from '@/lib/auth/staff-api';
import { withStaffRuntime } from '@/lib/auth/staff-runtime';

export async function GET(request: Request): Promise<Response> {
  return withStaffRuntime((runtime) => handleStaffMe(request, runtime));
}
