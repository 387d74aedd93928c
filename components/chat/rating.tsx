'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { MAX_RATING_COMMENT_CHARACTERS, type RatingInput } from './api';
import type { Dictionary } from './i18n';

function Star({ filled }: { filled: boolean }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className={`size-8 ${filled ? 'fill-amber-400' : 'fill-none'} stroke-amber-600`}>
      <path
        strokeWidth="1.5"
        strokeLinejoin="round"
        d="m12 3 2.8 5.7 6.2.9-4.5 4.4 1 6.2L12 17.3 6.5 20.2l1-6.2L3 9.6l6.2-.9L12 3Z"
      />
    </svg>
  );
}

/**
 * After the shopper ends the chat: 1–5 stars (native radios, so arrow keys move between them and
 * each is read with its words), an optional comment, Submit or Skip.
 */
export function RatingCard({
  t,
  onSubmit,
  onSkip,
}: {
  t: Dictionary['widget'];
  /** Rejects when the rating could not be saved: the card offers to send it again. */
  onSubmit: (rating: RatingInput) => Promise<void>;
  onSkip: () => void;
}) {
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [state, setState] = useState<'editing' | 'submitting' | 'failed'>('editing');
  const groupName = useId();
  const commentId = useId();
  const counterId = useId();
  const firstStarRef = useRef<HTMLInputElement>(null);
  // The composer this card replaces had the focus: hand it to the stars.
  useEffect(() => firstStarRef.current?.focus(), []);

  const submit = async () => {
    if (score === null) return;
    setState('submitting');
    try {
      await onSubmit({ score, comment });
    } catch {
      setState('failed');
    }
  };

  return (
    <form
      data-testid="rating"
      aria-labelledby={`${groupName}-heading`}
      className="flex max-h-[70dvh] flex-col gap-3 overflow-y-auto border-t border-slate-200 bg-white px-4 pt-4 pb-[max(1rem,env(safe-area-inset-bottom))]"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id={`${groupName}-heading`} className="text-base font-semibold">
        {t.rating.heading}
      </h2>
      <fieldset>
        <legend className="sr-only">{t.rating.scoreLegend}</legend>
        <div className="flex gap-1">
          {t.rating.scores.map((label, index) => {
            const value = index + 1;
            return (
              <label key={label} className="cursor-pointer rounded-md">
                <input
                  ref={index === 0 ? firstStarRef : undefined}
                  type="radio"
                  name={groupName}
                  value={value}
                  checked={score === value}
                  onChange={() => setScore(value)}
                  className="peer sr-only"
                  data-testid={`rating-score-${value}`}
                />
                <span className="sr-only">{label}</span>
                <span className="block rounded-md p-0.5 peer-focus-visible:outline-2 peer-focus-visible:outline-(--chat-accent)">
                  <Star filled={score !== null && value <= score} />
                </span>
              </label>
            );
          })}
        </div>
        <p aria-hidden="true" className="mt-1 h-5 text-sm text-slate-700">
          {score === null ? '' : t.rating.scores[score - 1]}
        </p>
      </fieldset>
      <div className="flex flex-col gap-1">
        <label htmlFor={commentId} className="text-sm text-slate-700">
          {t.rating.commentLabel}
        </label>
        <textarea
          id={commentId}
          value={comment}
          maxLength={MAX_RATING_COMMENT_CHARACTERS}
          rows={3}
          aria-describedby={counterId}
          onChange={(event) => setComment(event.target.value)}
          className="resize-none rounded-lg border border-slate-300 px-3 py-2 text-base focus-visible:border-(--chat-accent) focus-visible:outline-2 focus-visible:outline-(--chat-accent)"
        />
        <p id={counterId} className="self-end text-xs text-slate-600 tabular-nums">
          {t.rating.commentCount(comment.length, MAX_RATING_COMMENT_CHARACTERS)}
        </p>
      </div>
      {state === 'failed' && (
        <p role="alert" className="text-sm text-red-800">
          {t.rating.failed}
        </p>
      )}
      <div className="flex gap-2">
        <button
          type="submit"
          data-testid="rating-submit"
          disabled={score === null || state === 'submitting'}
          className="flex-1 rounded-lg bg-(--chat-accent) px-4 py-2.5 font-medium text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-(--chat-accent) disabled:cursor-not-allowed disabled:opacity-50"
        >
          {state === 'submitting' ? t.rating.submitting : t.rating.submit}
        </button>
        <button
          type="button"
          data-testid="rating-skip"
          onClick={onSkip}
          className="rounded-lg px-4 py-2.5 font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-(--chat-accent)"
        >
          {t.rating.skip}
        </button>
      </div>
    </form>
  );
}

/** Once the conversation is over: thanks (if rated) and the way to start again. */
export function ConversationEnded({
  t,
  rated,
  onNewConversation,
}: {
  t: Dictionary['widget'];
  rated: boolean;
  onNewConversation: () => void;
}) {
  const buttonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => buttonRef.current?.focus(), []);
  return (
    <div className="flex flex-col items-center gap-3 border-t border-slate-200 bg-white px-4 pt-4 pb-[max(1rem,env(safe-area-inset-bottom))] text-center">
      <p role="status" className="text-sm text-slate-700">
        {rated ? t.rating.thanks : t.ended}
      </p>
      <button
        ref={buttonRef}
        type="button"
        data-testid="new-conversation"
        onClick={onNewConversation}
        className="rounded-lg bg-(--chat-accent) px-4 py-2.5 font-medium text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-(--chat-accent)"
      >
        {t.newConversation}
      </button>
    </div>
  );
}
