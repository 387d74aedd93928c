'use client';

import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { WEBHOOK_EVENT_TYPES } from '@/lib/webhooks/events';
import type { EndpointInput } from './api';
import { EVENT_DESCRIPTIONS, OPT_IN_EVENT_TYPES } from './format';
import { alertText, field, primaryButton, secondaryButton } from './styles';

/**
 * Adding or editing an endpoint: its URL, a description, and the events it gets. The browser's own
 * checks are off so the server's reasons (a bad URL, …) are shown in the page's words.
 */
export function EndpointForm({
  initial,
  submitLabel,
  pendingLabel,
  onSubmit,
  onCancel,
}: {
  initial: EndpointInput;
  submitLabel: string;
  pendingLabel: string;
  /** Null when done, else what went wrong (the API's message). */
  onSubmit: (input: EndpointInput) => Promise<string | null>;
  onCancel: () => void;
}) {
  const [url, setUrl] = useState(initial.url);
  const [description, setDescription] = useState(initial.description);
  const [events, setEvents] = useState<ReadonlySet<string>>(() => new Set(initial.events));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ message: string; field: 'url' | 'events' | null } | null>(null);
  const urlRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const errorId = `${id}-error`;

  useEffect(() => {
    urlRef.current?.focus();
  }, []);

  function toggle(type: string, on: boolean) {
    setEvents((current) => {
      const next = new Set(current);
      if (on) next.add(type);
      else next.delete(type);
      return next;
    });
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    if (url.trim() === '') {
      setError({ message: 'Enter the URL the events are sent to.', field: 'url' });
      urlRef.current?.focus();
      return;
    }
    if (events.size === 0) {
      setError({ message: 'Pick at least one event to send.', field: 'events' });
      return;
    }
    setPending(true);
    setError(null);
    // In the order the API lists them, whatever order they were ticked in.
    const chosen = WEBHOOK_EVENT_TYPES.filter((type) => events.has(type));
    const problem = await onSubmit({ url: url.trim(), description: description.trim(), events: chosen });
    setPending(false);
    if (problem !== null) setError({ message: problem, field: /\burl\b/i.test(problem) ? 'url' : null });
  }

  return (
    <form
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !pending) onCancel();
      }}
      noValidate
      className="space-y-4"
      data-testid="endpoint-form"
    >
      <div>
        <label htmlFor={`${id}-url`} className="block text-sm font-medium text-slate-700">
          Endpoint URL
        </label>
        <input
          ref={urlRef}
          id={`${id}-url`}
          name="url"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://erp.example.com/hooks/shopchat"
          maxLength={2000}
          value={url}
          onChange={(event) => setUrl(event.target.value)}
          aria-invalid={error?.field === 'url' ? true : undefined}
          aria-describedby={`${id}-url-hint${error?.field === 'url' ? ` ${errorId}` : ''}`}
          className={`${field} font-mono text-sm aria-[invalid=true]:border-red-600`}
        />
        <p id={`${id}-url-hint`} className="mt-1 text-xs text-slate-600">
          An http:// or https:// address that accepts POST requests. Redirects are not followed.
        </p>
      </div>
      <div>
        <label htmlFor={`${id}-description`} className="block text-sm font-medium text-slate-700">
          Description <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <input
          id={`${id}-description`}
          name="description"
          type="text"
          maxLength={500}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          className={field}
        />
      </div>
      <fieldset
        aria-invalid={error?.field === 'events' ? true : undefined}
        aria-describedby={error?.field === 'events' ? errorId : undefined}
      >
        <legend className="text-sm font-medium text-slate-700">Events to send</legend>
        <ul className="mt-2 grid gap-2 sm:grid-cols-2">
          {WEBHOOK_EVENT_TYPES.map((type) => {
            const optIn = OPT_IN_EVENT_TYPES.includes(type);
            return (
              <li
                key={type}
                className={`flex items-start gap-2 rounded-md p-2 ring-1 ${optIn ? 'bg-slate-50 ring-slate-300' : 'ring-slate-200'}`}
              >
                <input
                  id={`${id}-event-${type}`}
                  type="checkbox"
                  checked={events.has(type)}
                  onChange={(event) => toggle(type, event.target.checked)}
                  aria-describedby={`${id}-event-${type}-hint`}
                  className="mt-1 size-4 shrink-0 accent-blue-700"
                />
                <div className="min-w-0">
                  <label htmlFor={`${id}-event-${type}`} className="font-mono text-sm text-slate-900">
                    {type}
                  </label>
                  {optIn && (
                    <span className="ml-2 rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-800">opt-in</span>
                  )}
                  <p id={`${id}-event-${type}-hint`} className="text-xs text-slate-600">
                    {EVENT_DESCRIPTIONS[type]}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <p id={errorId} role="alert" className={alertText}>
        {error?.message}
      </p>
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? pendingLabel : submitLabel}
        </button>
        <button type="button" onClick={onCancel} className={secondaryButton}>
          Cancel
        </button>
      </div>
    </form>
  );
}
