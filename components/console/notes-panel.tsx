'use client';

import { type FormEvent, useId, useState } from 'react';
import { type ConsoleNote, MAX_NOTE_CHARACTERS } from '@/lib/console/transcript-schema';
import { ConsoleApiError } from './api';
import { addNote } from './transcript-api';
import { card, field, formatTime, secondaryButton } from './transcript-format';

/** Staff's private notes on the conversation (never shown to the shopper): newest first, and a box to add one. */
export function NotesPanel({
  conversationId,
  notes,
  timeZone,
  onAdded,
}: {
  conversationId: string;
  notes: ConsoleNote[];
  timeZone: string | null;
  onAdded: () => Promise<void>;
}) {
  const [body, setBody] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const inputId = useId();
  const errorId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (body.trim() === '' || pending) return;
    setPending(true);
    setError(null);
    try {
      await addNote(conversationId, body);
      setBody('');
      await onAdded();
    } catch (caught) {
      setError(caught instanceof ConsoleApiError ? caught.message : 'Could not add the note. Please try again.');
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-labelledby={headingId} className={`${card} space-y-3`}>
      <h2 id={headingId} className="text-base font-semibold">
        Notes <span className="text-sm font-normal text-slate-600">(staff only)</span>
      </h2>
      <form onSubmit={submit} className="space-y-2">
        <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
          Add a note
        </label>
        <textarea
          id={inputId}
          data-testid="note-input"
          rows={2}
          maxLength={MAX_NOTE_CHARACTERS}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className={field}
        />
        <button type="submit" data-testid="note-add" disabled={pending || body.trim() === ''} className={secondaryButton}>
          {pending ? 'Adding…' : 'Add note'}
        </button>
        <p id={errorId} role="alert" className="text-sm text-red-700 empty:hidden">
          {error}
        </p>
      </form>
      {notes.length === 0 ? (
        <p className="text-sm text-slate-600">No notes yet.</p>
      ) : (
        <ul className="space-y-2" data-testid="notes">
          {notes.map((note) => (
            <li key={note.id} className="rounded-md bg-amber-50 p-2 text-sm ring-1 ring-amber-200">
              <p className="break-words whitespace-pre-wrap">{note.body}</p>
              <p className="mt-1 text-xs text-slate-700">
                {note.author.name} · <time dateTime={note.createdAt}>{formatTime(note.createdAt, timeZone)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
