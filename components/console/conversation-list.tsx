'use client';

import Link from 'next/link';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { ConversationListBody, ConversationListItem, ConversationPage } from '@/lib/console/conversation-list';
import { apiErrorBodySchema } from '@/lib/http/error-body';
import { OFFLINE_MESSAGE } from './api';
import { useConversationChanges } from './console-nav-events';
import {
  fullTime,
  ratingStars,
  relativeTime,
  STATUS_BADGE_CLASSES,
  STATUS_LABELS,
  shopperName,
} from './conversation-list-format';

/** A live refresh re-reads as many rows as are shown (the first page at least), up to the API's page limit. */
const MIN_REFRESH_ROWS = 50;
const MAX_REFRESH_ROWS = 200;

export interface ConversationListProps {
  initial: ConversationPage;
  /** The filters as a query string (no cursor), for the API and the export. */
  query: string;
  /** When the server read `initial`: relative times match between server and browser. */
  renderedAt: string;
  canExport: boolean;
  filtered: boolean;
}

async function fetchPage(query: string): Promise<ConversationListBody> {
  const response = await fetch(`/api/console/conversations?${query}`);
  if (!response.ok) {
    const body = apiErrorBodySchema.safeParse(await response.json().catch(() => null));
    throw new Error(body.success ? body.data.error.message : `Something went wrong (${response.status}). Please try again.`);
  }
  return (await response.json()) as ConversationListBody;
}

const withParams = (query: string, extra: Record<string, string>) =>
  [query, new URLSearchParams(extra).toString()].filter(Boolean).join('&');

/** The conversations matching the URL's filters: newest activity first, more on request, kept live. */
export function ConversationList({ initial, query, renderedAt, canExport, filtered }: ConversationListProps) {
  const [rows, setRows] = useState(initial.conversations);
  const [nextCursor, setNextCursor] = useState(initial.nextCursor);
  const [loadingMore, setLoadingMore] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const now = useNow(renderedAt);
  // Answers to older requests (a refresh overtaken by another) are dropped.
  const latestRequest = useRef(0);

  async function read(extra: Record<string, string>, apply: (page: ConversationListBody) => void) {
    const request = ++latestRequest.current;
    try {
      const page = await fetchPage(withParams(query, extra));
      if (request !== latestRequest.current) return;
      apply(page);
      setProblem(null);
    } catch (error) {
      if (request === latestRequest.current)
        setProblem(error instanceof TypeError ? OFFLINE_MESSAGE : String((error as Error).message));
    }
  }

  useConversationChanges(() => {
    const limit = Math.min(MAX_REFRESH_ROWS, Math.max(MIN_REFRESH_ROWS, rows.length));
    void read({ limit: String(limit) }, (page) => {
      setRows(page.conversations);
      setNextCursor(page.nextCursor);
    });
  });

  async function loadMore() {
    if (!nextCursor) return;
    setLoadingMore(true);
    await read({ cursor: nextCursor }, (page) => {
      setRows((shown) => {
        const seen = new Set(shown.map((row) => row.id));
        return [...shown, ...page.conversations.filter((row) => !seen.has(row.id))];
      });
      setNextCursor(page.nextCursor);
    });
    setLoadingMore(false);
  }

  return (
    <section aria-labelledby="conversation-list-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="conversation-list-heading" className="text-lg font-semibold">
          {filtered ? 'Matching conversations' : 'All conversations'}
        </h2>
        {canExport && (
          // A plain download: the browser sends the session cookie, the server streams the file.
          <a
            href={`/api/console/conversations/export${query ? `?${query}` : ''}`}
            download
            data-testid="export-csv"
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
          >
            Export CSV
          </a>
        )}
      </div>
      <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200 empty:hidden">
        {problem}
      </p>
      {rows.length === 0 ? (
        <p
          className="rounded-lg bg-white p-6 text-center text-slate-600 shadow-sm ring-1 ring-slate-200"
          data-testid="no-conversations"
        >
          {filtered ? 'No conversation matches these filters.' : 'No conversations yet.'}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <table className="w-full min-w-[48rem] text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Conversation
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Tools
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Rating
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Last activity
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <ConversationRow key={row.id} row={row} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextCursor && (
        <div className="flex justify-center">
          <button
            type="button"
            onClick={loadMore}
            disabled={loadingMore}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:opacity-60"
          >
            {loadingMore ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </section>
  );
}

function ConversationRow({ row, now }: { row: ConversationListItem; now: Date }) {
  const customer = row.customer.kind === 'customer' ? row.customer : null;
  return (
    <tr data-testid="conversation-row" data-conversation-id={row.id} className="align-top hover:bg-slate-50">
      <td className="px-3 py-2">
        <span
          className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${STATUS_BADGE_CLASSES[row.status]}`}
        >
          {STATUS_LABELS[row.status]}
        </span>
      </td>
      <td className="max-w-xl px-3 py-2">
        <Link
          href={`/console/conversations/${row.id}`}
          // Many rows read "Anonymous": the snippet tells them apart to a screen reader.
          aria-describedby={`snippet-${row.id}`}
          className="font-medium text-blue-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-700"
        >
          {shopperName(row.customer)}
        </Link>
        {customer && (
          <span className="ml-2 text-xs text-slate-600">
            {customer.id}
            {customer.memberLevelName && ` · ${customer.memberLevelName}`}
          </span>
        )}
        {row.assignedStaffName && <span className="ml-2 text-xs text-slate-600">· with {row.assignedStaffName}</span>}
        <p id={`snippet-${row.id}`} className="mt-0.5 line-clamp-2 break-words text-slate-700" data-testid="conversation-snippet">
          {row.snippet || <span className="italic text-slate-500">No text</span>}
        </p>
        <div className="mt-1 flex flex-wrap gap-1">
          {row.hadError && <Marker className="bg-red-100 text-red-900 ring-red-300">Error</Marker>}
          {row.usedFallback && <Marker className="bg-amber-100 text-amber-900 ring-amber-300">Built-in engine</Marker>}
          {row.labels.map((label) => (
            <Marker key={label} className="bg-slate-100 text-slate-800 ring-slate-300">
              {label}
            </Marker>
          ))}
        </div>
      </td>
      <td className="px-3 py-2 text-xs text-slate-700">
        {row.toolsUsed.length > 0 ? row.toolsUsed.join(', ') : <span className="text-slate-500">None</span>}
      </td>
      <td className="whitespace-nowrap px-3 py-2">
        {row.rating === null ? (
          <span className="text-slate-500">
            <span aria-hidden="true">—</span>
            <span className="sr-only">Not rated</span>
          </span>
        ) : (
          <span className="text-amber-700" role="img" aria-label={`Rated ${row.rating} of 5`}>
            {ratingStars(row.rating)}
          </span>
        )}
      </td>
      <td className="whitespace-nowrap px-3 py-2 text-slate-700">
        <time dateTime={row.lastMessageAt} title={fullTime(row.lastMessageAt)} suppressHydrationWarning>
          {relativeTime(row.lastMessageAt, now)}
        </time>
        <span className="block text-xs text-slate-500">{row.messageCount} messages</span>
      </td>
    </tr>
  );
}

function Marker({ className, children }: { className: string; children: ReactNode }) {
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ring-1 ${className}`}>{children}</span>;
}

/** The time relative times are measured from: the server's at first, then the browser's, every 30 s. */
function useNow(renderedAt: string): Date {
  const [now, setNow] = useState(() => new Date(renderedAt));
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
