'use client';

import { useEffect, useState } from 'react';
import type { ChatErrorView } from './api';
import type { Dictionary } from './i18n';

function secondsUntil(deadline: number): number {
  return Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
}

/** Seconds left until `deadline`, ticking while above zero. */
function useSecondsUntil(deadline: number): number {
  const [seconds, setSeconds] = useState(() => secondsUntil(deadline));
  useEffect(() => {
    if (secondsUntil(deadline) === 0) return;
    const timer = setInterval(() => {
      const left = secondsUntil(deadline);
      setSeconds(left);
      if (left === 0) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [deadline]);
  return seconds;
}

function messageFor(error: ChatErrorView, secondsLeft: number, t: Dictionary['widget']): string {
  switch (error.kind) {
    case 'rate_limited':
      return secondsLeft > 0 ? t.errors.rateLimited(secondsLeft) : t.errors.rateLimitedOver;
    case 'offline':
      return t.errors.offline;
    case 'signed_out':
      return t.errors.signedOut;
    case 'server':
      return t.errors.server;
  }
}

/**
 * A failed request in the shopper's words, with Retry where retrying can help. Mounted afresh for
 * each failure, so a rate limit's countdown starts when the error appears.
 */
export function ChatError({ error, t, onRetry }: { error: ChatErrorView; t: Dictionary['widget']; onRetry: () => void }) {
  const [deadline] = useState(() => Date.now() + error.retryAfterSeconds * 1000);
  const secondsLeft = useSecondsUntil(deadline);
  const canRetry = error.kind !== 'signed_out' && secondsLeft === 0;

  const rateLimited = error.kind === 'rate_limited';
  return (
    <>
      {rateLimited && (
        // Announced once, and again when the wait is over, rather than every second of the visible countdown.
        <p role="alert" className="sr-only">
          {messageFor(error, secondsLeft > 0 ? error.retryAfterSeconds : 0, t)}
        </p>
      )}
      <div
        data-testid="chat-error"
        className="mx-4 mb-2 flex items-center gap-3 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
      >
        <p
          role={rateLimited ? undefined : 'alert'}
          aria-hidden={rateLimited || undefined}
          className="flex-1"
          data-testid="chat-error-message"
        >
          {messageFor(error, secondsLeft, t)}
        </p>
        {error.kind !== 'signed_out' && (
          <button
            type="button"
            data-testid="retry-button"
            disabled={!canRetry}
            onClick={onRetry}
            className="shrink-0 rounded-md bg-red-700 px-3 py-1.5 font-medium text-white hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700 disabled:cursor-not-allowed disabled:bg-red-300 disabled:text-red-950"
          >
            {t.retry}
          </button>
        )}
      </div>
    </>
  );
}
