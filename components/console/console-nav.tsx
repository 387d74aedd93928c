'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { ConversationListBody } from '@/lib/console/conversation-list';
import { useConversationChanges } from './console-nav-events';
import { SignOutButton } from './sign-out-button';

const SIGN_IN_PATH = '/console/login';
const WAITING_QUERY = 'status=waiting_human';

export interface ConsoleNavProps {
  /** Null when the layout was rendered for someone not signed in. */
  staff: { name: string; role: string } | null;
  waitingCount: number;
}

/**
 * The console's top bar: the app's name, Conversations, Waiting (with a live count), Dashboard,
 * Webhooks (administrators), who is signed in and Sign out. Not shown on the sign-in page.
 */
export function ConsoleNav({ staff, waitingCount }: ConsoleNavProps) {
  const pathname = usePathname();
  useRefreshAfterSignIn(pathname, staff);
  if (pathname === SIGN_IN_PATH || staff === null) return null;
  return <SignedInNav staff={staff} waitingCount={waitingCount} pathname={pathname} />;
}

/**
 * Signing in and out happen in the browser (fetch, then a client-side navigation), which keeps the
 * root layout as it was rendered: refresh it once on leaving the sign-in page, or when a page shows
 * without the signed-in member of staff, so the bar shows (and names) the right person.
 */
function useRefreshAfterSignIn(pathname: string, staff: ConsoleNavProps['staff']): void {
  const router = useRouter();
  const previousPath = useRef(pathname);
  const refreshedFor = useRef<string | null>(null);
  useEffect(() => {
    const leftSignIn = previousPath.current === SIGN_IN_PATH && pathname !== SIGN_IN_PATH;
    previousPath.current = pathname;
    if (pathname === SIGN_IN_PATH || refreshedFor.current === pathname) return;
    if (leftSignIn || staff === null) {
      refreshedFor.current = pathname;
      router.refresh();
    }
  }, [pathname, staff, router]);
}

function SignedInNav({
  staff,
  waitingCount,
  pathname,
}: {
  staff: { name: string; role: string };
  waitingCount: number;
  pathname: string;
}) {
  const searchParams = useSearchParams();
  const count = useLiveWaitingCount(waitingCount);
  const waitingView = pathname === '/console' && searchParams.toString() === WAITING_QUERY;
  const links = [
    { href: '/console', label: 'Conversations', current: pathname === '/console' && !waitingView },
    { href: `/console?${WAITING_QUERY}`, label: 'Waiting', current: waitingView },
    { href: '/console/dashboard', label: 'Dashboard', current: pathname.startsWith('/console/dashboard') },
    // Administrators only: the page (and its API) refuse anyone else.
    ...(staff.role === 'admin'
      ? [{ href: '/console/webhooks', label: 'Webhooks', current: pathname.startsWith('/console/webhooks') }]
      : []),
  ];
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2 sm:px-8">
        <Link
          href="/console"
          className="text-base font-semibold text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-700"
        >
          Shop Support
        </Link>
        <nav aria-label="Console" className="flex-1">
          <ul className="flex flex-wrap items-center gap-1">
            {links.map((link) => (
              <li key={link.label}>
                <Link
                  href={link.href}
                  aria-current={link.current ? 'page' : undefined}
                  className="inline-flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 aria-[current=page]:bg-slate-900 aria-[current=page]:text-white"
                >
                  {link.label}
                  {link.label === 'Waiting' && (
                    <span
                      data-testid="waiting-count"
                      className={`min-w-6 rounded-full px-1.5 text-center text-xs font-semibold ${
                        count > 0 ? 'bg-amber-400 text-amber-950' : 'bg-slate-200 text-slate-700'
                      }`}
                    >
                      {count}
                    </span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex items-center gap-3">
          <p className="text-sm text-slate-600" data-testid="signed-in-as">
            Signed in as <span className="font-medium text-slate-900">{staff.name}</span> ({staff.role})
          </p>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}

/** The server's count, then re-read whenever a conversation changes. */
function useLiveWaitingCount(rendered: number): number {
  const [count, setCount] = useState(rendered);
  useEffect(() => setCount(rendered), [rendered]);
  useConversationChanges(async () => {
    const response = await fetch(`/api/console/conversations?${WAITING_QUERY}&limit=1`).catch(() => null);
    if (!response?.ok) return;
    const body = (await response.json()) as ConversationListBody;
    setCount(body.waitingCount);
  });
  return count;
}
