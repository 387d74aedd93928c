'use client';

import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import type { ConsoleConversation, StaffRef } from '@/lib/console/transcript-schema';
import { MAX_AGENT_MESSAGE_CHARACTERS } from '@/lib/console/transcript-schema';
import { ConsoleApiError } from './api';
import { changeOwnership, type OwnershipAction, sendAgentMessage } from './transcript-api';
import { card, field, primaryButton, secondaryButton } from './transcript-format';

export interface ConsoleViewer extends StaffRef {
  role: 'admin' | 'agent';
}

function messageOf(error: unknown): string {
  return error instanceof ConsoleApiError ? error.message : 'Something went wrong. Please try again.';
}

const ACTION_LABEL: Record<OwnershipAction, string> = { take: 'Take over', release: 'Hand back to the bot', close: 'Close' };

/**
 * Take over, hand back to the bot, close. A conversation another member of staff has is theirs:
 * agents see who has it; admins may act anyway (the API's `force`).
 */
export function TakeoverActions({
  conversation,
  me,
  onChanged,
}: {
  conversation: ConsoleConversation;
  me: ConsoleViewer;
  onChanged: () => Promise<void>;
}) {
  const [pending, setPending] = useState<OwnershipAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const holder = conversation.status === 'human' ? conversation.assignedStaff : null;
  const heldByOther = holder !== null && holder.id !== me.id;
  const mayAct = !heldByOther || me.role === 'admin';

  async function act(action: OwnershipAction) {
    setPending(action);
    setError(null);
    try {
      await changeOwnership(conversation.id, action, heldByOther);
      await onChanged();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setPending(null);
    }
  }

  const available: OwnershipAction[] = [];
  if (mayAct && holder?.id !== me.id) available.push('take');
  if (mayAct && (conversation.status === 'human' || conversation.status === 'waiting_human')) available.push('release');
  if (mayAct && conversation.status !== 'closed') available.push('close');

  return (
    <section aria-labelledby={headingId} className={`${card} space-y-3`}>
      <h2 id={headingId} className="text-base font-semibold">
        Actions
      </h2>
      {heldByOther && (
        <p className="text-sm text-slate-700" data-testid="held-by-other">
          {holder.name} has this conversation.{me.role === 'admin' && ' As an administrator you can act on it anyway.'}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {available.map((action) => (
          <button
            key={action}
            type="button"
            data-testid={`${action}-button`}
            disabled={pending !== null}
            onClick={() => void act(action)}
            className={action === 'take' ? primaryButton : secondaryButton}
          >
            {pending === action ? 'Working…' : heldByOther ? `${ACTION_LABEL[action]} anyway` : ACTION_LABEL[action]}
          </button>
        ))}
      </div>
      <p role="alert" className="text-sm text-red-700 empty:hidden">
        {error}
      </p>
    </section>
  );
}

/** The staff reply box, for the member of staff who has the conversation. Enter sends, Shift+Enter starts a new line. */
export function TakeoverReply({ conversationId, onSent }: { conversationId: string; onSent: () => Promise<void> }) {
  const [text, setText] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (text.trim() === '' || pending) return;
    setPending(true);
    setError(null);
    try {
      await sendAgentMessage(conversationId, text);
      setText('');
      await onSent();
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setPending(false);
    }
  }

  function sendOnEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  }

  return (
    <form onSubmit={submit} className={`${card} space-y-2`}>
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
        Reply to the shopper
      </label>
      <textarea
        id={inputId}
        data-testid="agent-reply-input"
        rows={3}
        maxLength={MAX_AGENT_MESSAGE_CHARACTERS}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={sendOnEnter}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={field}
      />
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs text-slate-600">
          {text.length} / {MAX_AGENT_MESSAGE_CHARACTERS} · the shopper sees your name
        </p>
        <button type="submit" data-testid="agent-reply-send" disabled={pending || text.trim() === ''} className={primaryButton}>
          {pending ? 'Sending…' : 'Send'}
        </button>
      </div>
      <p id={errorId} role="alert" className="text-sm text-red-700 empty:hidden">
        {error}
      </p>
    </form>
  );
}
