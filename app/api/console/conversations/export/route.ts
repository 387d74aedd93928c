import { withStaffRuntime } from '@/lib/auth/staff-runtime';
import { handleConversationCsvExport } from '@/lib/console/export';

export async function GET(request: Request): Promise<Response> {
  return withStaffRuntime((runtime) => handleConversationCsvExport(request, runtime));
}
