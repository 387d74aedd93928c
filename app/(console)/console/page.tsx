import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ConversationList } from '@/components/console/conversation-list';
import { ConversationFilters, type FilterValues } from '@/components/console/filters';
import { SHOP_TOOL_NAMES } from '@/lib/ai/tools';
import { signedInStaff } from '@/lib/auth/staff-page';
import { getStaffRuntime } from '@/lib/auth/staff-runtime';
import { type ListQuery, listConversations, parseListQuery } from '@/lib/console/conversation-list';
import { ApiError } from '@/lib/http/errors';

export const metadata: Metadata = { title: 'Conversations' };

/** The filters in the URL, as the API reads them; a page's cursor and size are the list's own business. */
function filtersFromUrl(searchParams: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(searchParams)) {
    if (name === 'cursor' || name === 'limit') continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== undefined && one.trim() !== '') params.append(name, one.trim());
    }
  }
  return params;
}

function queryOrProblem(params: URLSearchParams): { query: ListQuery | null; problem: string | null } {
  try {
    return { query: parseListQuery(params), problem: null };
  } catch (error) {
    if (error instanceof ApiError) return { query: null, problem: error.message };
    throw error;
  }
}

/** /console: every conversation, filtered and searched by the URL's query string. */
export default async function ConversationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await signedInStaff();
  if (!staff) redirect('/console/login');
  const params = filtersFromUrl(await searchParams);
  const values: FilterValues = {};
  for (const [name, value] of params) values[name] = [...(values[name] ?? []), value];
  const { query, problem } = queryOrProblem(params);
  const { db, now } = await getStaffRuntime();
  const renderedAt = now().toISOString();
  const page = query ? await listConversations(db, query.filters) : null;
  const queryString = params.toString();

  return (
    <main className="mx-auto max-w-7xl space-y-4 p-4 sm:p-8">
      <h1 className="text-2xl font-semibold">Conversations</h1>
      {/* Keyed by the query: a new URL starts both afresh (the form's values, the pages loaded so far). */}
      <ConversationFilters key={`filters?${queryString}`} values={values} tools={SHOP_TOOL_NAMES} />
      {problem !== null && (
        <p role="alert" className="rounded-lg bg-red-50 p-4 text-red-800 ring-1 ring-red-200">
          {problem}
        </p>
      )}
      {page && (
        <ConversationList
          key={`list?${queryString}`}
          initial={page}
          query={queryString}
          renderedAt={renderedAt}
          canExport={staff.role === 'admin'}
          filtered={queryString !== ''}
        />
      )}
    </main>
  );
}
