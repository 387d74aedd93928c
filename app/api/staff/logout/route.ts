import { handleStaffLogout } from '@/lib/auth/staff-api';
import { withStaffRuntime } from '@/lib/auth/staff-runtime';

export async function POST(request: Request): Promise<Response> {
  return withStaffRuntime((runtime) => handleStaffLogout(request, runtime));
}
