'use client';

import { type FormEvent, useId, useState } from 'react';
import { MAX_LABEL_CHARACTERS, MAX_LABELS } from '@/lib/console/transcript-schema';
import { ConsoleApiError } from './api';
import { saveLabels } from './transcript-api';
import { card, field, secondaryButton } from './transcript-format';

/** The conversation's labels: remove one with its ×, add one by typing it (the server lower-cases and de-duplicates). */
export function TranscriptLabels({
  conversationId,
  labels,
  onSaved,
}: {
  conversationId: string;
  labels: string[];
  onSaved: () => Promise<void>;
}) {
  const [draft, setDraft] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const inputId = useId();
  const errorId = useId();

  async function save(next: string[]): Promise<boolean> {
    setPending(true);
    setError(null);
    try {
      await saveLabels(conversationId, next);
      await onSaved();
      return true;
    } catch (caught) {
      setError(caught instanceof ConsoleApiError ? caught.message : 'Could not save the labels. Please try again.');
      return false;
    } finally {
      setPending(false);
    }
  }

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (draft.trim() === '') return;
    if (await save([...labels, draft])) setDraft('');
  }

  return (
    <section aria-labelledby={headingId} className={`${card} space-y-3`}>
      <h2 id={headingId} className="text-base font-semibold">
        Labels
      </h2>
      {labels.length === 0 ? (
        <p className="text-sm text-slate-600">No labels.</p>
      ) : (
        <ul className="flex flex-wrap gap-2" data-testid="labels">
          {labels.map((label) => (
            <li
              key={label}
              className="flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-3 text-sm ring-1 ring-slate-300"
            >
              {label}
              <button
                type="button"
                aria-label={`Remove label ${label}`}
                disabled={pending}
                onClick={() => void save(labels.filter((other) => other !== label))}
                className="rounded-full px-1.5 text-slate-700 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-blue-700"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} className="flex items-end gap-2">
        <div className="flex-1">
          <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
            Add a label
          </label>
          <input
            id={inputId}
            data-testid="label-input"
            value={draft}
            maxLength={MAX_LABEL_CHARACTERS}
            disabled={labels.length >= MAX_LABELS}
            onChange={(event) => setDraft(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            className={field}
          />
        </div>
        <button type="submit" disabled={pending || draft.trim() === ''} className={`${secondaryButton} mb-0.5`}>
          Add
        </button>
      </form>
      <p id={errorId} role="alert" className="text-sm text-red-700 empty:hidden">
        {error}
      </p>
    </section>
  );
}
