'use client';

import { type KeyboardEvent, type RefObject, useId, useState } from 'react';
import { MAX_MESSAGE_CHARACTERS } from '@/lib/chat/request';
import type { Dictionary } from './i18n';

/**
 * The message box pinned under the list. Enter sends, Shift+Enter breaks the line (and Enter that
 * confirms an IME composition, as in Chinese input, does neither). While an answer streams the
 * send button becomes Stop.
 */
export function Composer({
  t,
  inputRef,
  busy,
  canSend,
  onSend,
  onStop,
}: {
  t: Dictionary['widget'];
  inputRef: RefObject<HTMLTextAreaElement | null>;
  busy: boolean;
  /** False while the history loads. */
  canSend: boolean;
  /** Returns whether the text was sent (then the box empties). */
  onSend: (text: string) => boolean;
  onStop: () => void;
}) {
  const [text, setText] = useState('');
  const inputId = useId();
  const sendable = canSend && !busy && text.trim() !== '';

  const submit = () => {
    if (!sendable) return;
    if (onSend(text)) setText('');
    // The button that was clicked turns into Stop: keep the shopper in the box they type in.
    inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    submit();
  };

  return (
    <form
      className="flex items-end gap-2 border-t border-slate-200 bg-white px-3 pt-3 pr-[max(0.75rem,env(safe-area-inset-right))] pb-[max(0.75rem,env(safe-area-inset-bottom))] pl-[max(0.75rem,env(safe-area-inset-left))]"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label htmlFor={inputId} className="sr-only">
        {t.composerLabel}
      </label>
      <textarea
        id={inputId}
        ref={inputRef}
        data-testid="composer-input"
        rows={1}
        value={text}
        maxLength={MAX_MESSAGE_CHARACTERS}
        placeholder={t.composerPlaceholder}
        enterKeyHint="send"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        // 16px text: iOS zooms into smaller inputs.
        className="field-sizing-content max-h-32 min-h-11 flex-1 resize-none rounded-xl border border-slate-300 bg-white px-3 py-2.5 text-base leading-6 text-slate-900 placeholder:text-slate-500 focus-visible:border-(--chat-accent) focus-visible:outline-2 focus-visible:outline-(--chat-accent)"
      />
      {busy ? (
        <button
          type="button"
          data-testid="stop-button"
          aria-label={t.stop}
          onClick={() => {
            onStop();
            inputRef.current?.focus();
          }}
          className="flex size-11 shrink-0 items-center justify-center rounded-full border-2 border-(--chat-accent) bg-white text-(--chat-accent) focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-(--chat-accent)"
        >
          <svg aria-hidden="true" viewBox="0 0 24 24" className="size-4 fill-current">
            <rect x="5" y="5" width="14" height="14" rx="2" />
          </svg>
        </button>
      ) : (
        <button
          type="submit"
          data-testid="send-button"
          aria-label={t.send}
          disabled={!sendable}
          className="flex size-11 shrink-0 items-center justify-center rounded-full bg-(--chat-accent) text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-(--chat-accent) disabled:cursor-not-allowed disabled:opacity-40"
        >
          <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5 fill-none stroke-current stroke-2">
            <path d="M5 12h14M13 6l6 6-6 6" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
      )}
    </form>
  );
}
