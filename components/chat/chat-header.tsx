import type { Dictionary } from './i18n';

const headerButton =
  'rounded-md font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-(--chat-on-primary) hover:bg-black/10';

/** Store name and subtitle on the primary colour; End chat when there is something to end, × when framed. */
export function ChatHeader({
  title,
  t,
  onEndChat,
  onClose,
}: {
  title: string;
  t: Dictionary['widget'];
  onEndChat?: () => void;
  /** Only inside a storefront's iframe: standalone there is nothing to close back to. */
  onClose?: () => void;
}) {
  return (
    <header className="flex shrink-0 items-center gap-2 bg-(--chat-primary) pt-[max(0.75rem,env(safe-area-inset-top))] pr-[max(0.75rem,env(safe-area-inset-right))] pb-3 pl-[max(1rem,env(safe-area-inset-left))] text-(--chat-on-primary)">
      <div className="min-w-0 flex-1">
        <h1 className="truncate text-base font-semibold leading-6">{title}</h1>
        <p className="truncate text-xs leading-5">{t.subtitle}</p>
      </div>
      {onEndChat && (
        <button type="button" data-testid="end-chat" onClick={onEndChat} className={`${headerButton} px-2.5 py-1.5 text-sm`}>
          {t.endChat}
        </button>
      )}
      {onClose && (
        <button
          type="button"
          data-testid="close-panel"
          aria-label={t.close}
          onClick={onClose}
          className={`${headerButton} flex size-9 items-center justify-center`}
        >
          <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5 fill-none stroke-current stroke-2">
            <path d="M6 6l12 12M18 6 6 18" strokeLinecap="round" />
          </svg>
        </button>
      )}
    </header>
  );
}
