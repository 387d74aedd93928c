/** Three bouncing dots while the assistant has not written anything yet; still dots when motion is reduced. */
export function TypingIndicator({ label }: { label: string }) {
  return (
    <div
      role="status"
      aria-label={label}
      data-testid="typing-indicator"
      className="flex w-fit items-center gap-1 rounded-2xl rounded-bl-sm bg-slate-100 px-4 py-3"
    >
      {[0, 150, 300].map((delay) => (
        <span
          key={delay}
          aria-hidden="true"
          className="size-2 rounded-full bg-slate-500 motion-safe:animate-bounce"
          style={{ animationDelay: `${delay}ms` }}
        />
      ))}
    </div>
  );
}
