import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AdminsOnly } from '@/components/console/webhooks/admins-only';
import { WebhooksConsole } from '@/components/console/webhooks/webhooks-console';
import { signedInStaff } from '@/lib/auth/staff-page';
import { getStaffRuntime } from '@/lib/auth/staff-runtime';
import { storeTimeZone } from '@/lib/console/metrics';
import { listDeliveries, listEndpoints } from '@/lib/webhooks/endpoints';

export const metadata: Metadata = { title: 'Webhooks' };

/**
 * /console/webhooks: the outbound webhook endpoints, for administrators (the API under
 * /api/console/webhooks refuses anyone else with 403; agents get a plain refusal here).
 */
export default async function WebhooksPage() {
  const staff = await signedInStaff();
  if (!staff) redirect('/console/login');
  if (staff.role !== 'admin') return <AdminsOnly />;

  const { db, now } = await getStaffRuntime();
  const [endpoints, timeZone] = await Promise.all([listEndpoints(db), storeTimeZone(db)]);
  const logs = await Promise.all(
    endpoints.map(async (endpoint) => [endpoint.id, await listDeliveries(db, endpoint.id)] as const),
  );
  return (
    <WebhooksConsole
      initialEndpoints={endpoints}
      initialDeliveries={Object.fromEntries(logs)}
      timeZone={timeZone}
      renderedAt={now().toISOString()}
    />
  );
}
