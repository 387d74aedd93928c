import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ConversationsPerDay, RangePicker, StatTiles, ToolCalls } from '@/components/console/dashboard';
import { signedInStaff } from '@/lib/auth/staff-page';
import { getStaffRuntime } from '@/lib/auth/staff-runtime';
import {
  type DateRange,
  DEFAULT_RANGE_DAYS,
  dashboardMetrics,
  lastDays,
  metricsRange,
  storeTimeZone,
  storeToday,
} from '@/lib/console/metrics';
import { ApiError } from '@/lib/http/errors';

export const metadata: Metadata = { title: 'Dashboard' };

/** The range the URL asks for, or why it cannot be shown. */
function rangeOrProblem(query: Record<string, unknown>, today: string): { range: DateRange; problem: string | null } {
  try {
    return { range: metricsRange(query, today), problem: null };
  } catch (error) {
    if (error instanceof ApiError) return { range: lastDays(DEFAULT_RANGE_DAYS, today), problem: error.message };
    throw error;
  }
}

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await signedInStaff();
  if (!staff) redirect('/console/login');
  const { db, now } = await getStaffRuntime();
  const timezone = await storeTimeZone(db);
  const today = storeToday(now(), timezone);
  const { range, problem } = rangeOrProblem(await searchParams, today);
  const metrics = problem === null ? await dashboardMetrics(db, { ...range, timezone }) : null;

  return (
    <main className="mx-auto max-w-6xl space-y-6 p-4 sm:p-8">
      <header className="space-y-1">
        <Link href="/console" className="text-sm font-medium text-blue-800 underline-offset-2 hover:underline">
          <span aria-hidden="true">← </span>Console
        </Link>
        <h1 className="text-2xl font-semibold">Dashboard</h1>
        <p className="text-slate-600">
          Conversations started from {range.from} to {range.to} (days in {timezone}), with their messages and tool calls.
        </p>
      </header>
      <RangePicker range={range} today={today} />
      {problem !== null && (
        <p role="alert" className="rounded-lg bg-red-50 p-4 text-red-800 ring-1 ring-red-200">
          {problem} Pick another range.
        </p>
      )}
      {metrics && (
        <>
          <section aria-labelledby="totals-heading" className="space-y-3">
            <h2 id="totals-heading" className="sr-only">
              Totals
            </h2>
            <StatTiles metrics={metrics} />
          </section>
          <ConversationsPerDay metrics={metrics} />
          <ToolCalls metrics={metrics} />
        </>
      )}
    </main>
  );
}
