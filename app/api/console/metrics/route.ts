import { withStaffRuntime } from '@/lib/auth/staff-runtime';
import { handleDashboardMetrics } from '@/lib/console/metrics';

export async function GET(request: Request): Promise<Response> {
  return withStaffRuntime((runtime) => handleDashboardMetrics(request, runtime));
}
