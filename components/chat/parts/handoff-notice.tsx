import type { CardFormat, ToolOutput } from './ui';

/** handOffToHuman: the shopper now waits for a person (or, rarely, the conversation had already ended). */
export function HandoffNotice({ handoff, format: { t } }: { handoff: ToolOutput<'handOffToHuman'>; format: CardFormat }) {
  return (
    <p
      data-testid="handoff-card"
      className="flex items-start gap-2 rounded-xl bg-slate-50 px-3 py-2 text-sm text-slate-800 ring-1 ring-slate-200"
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" className="mt-0.5 size-4 shrink-0 text-slate-600">
        <circle cx="8" cy="5.5" r="2.75" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path
          d="M2.75 14c.6-2.6 2.7-4.25 5.25-4.25s4.65 1.65 5.25 4.25"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
        />
      </svg>
      <span>{handoff.status === 'closed' ? t.handoff.closed : t.handoff.notice}</span>
    </p>
  );
}
