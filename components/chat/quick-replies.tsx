/** Suggested first questions on an empty conversation; choosing one sends it. */
export function QuickReplies({
  label,
  replies,
  onChoose,
  disabled,
}: {
  label: string;
  replies: readonly string[];
  onChoose: (text: string) => void;
  disabled?: boolean;
}) {
  return (
    <ul aria-label={label} className="flex flex-wrap gap-2 px-4 pb-2">
      {replies.map((reply) => (
        <li key={reply}>
          <button
            type="button"
            data-testid="quick-reply"
            disabled={disabled}
            onClick={() => onChoose(reply)}
            className="min-h-9 rounded-full border border-(--chat-accent) bg-white px-3 py-1.5 text-sm font-medium text-(--chat-accent) hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-(--chat-accent) disabled:opacity-50"
          >
            {reply}
          </button>
        </li>
      ))}
    </ul>
  );
}
