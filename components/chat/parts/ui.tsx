import type { ReactNode } from 'react';
import type { ShopToolName } from '@/lib/ai/tools';
import type { ShopUITools } from '@/lib/chat/messages';
import { formatDate, formatDateTime, formatMoney } from '../format';
import { type Dictionary, dictionaryFor, type WidgetLocale } from '../i18n';

/** What each tool's `execute` returned, as the typed part carries it. */
export type ToolOutput<N extends ShopToolName> = ShopUITools[N]['output'];
export type ToolInput<N extends ShopToolName> = ShopUITools[N]['input'];

/** The card strings and formatters for one widget language and store currency, built once per part. */
export interface CardFormat {
  t: Dictionary['cards'];
  money: (amount: string) => string;
  date: (iso: string) => string;
  dateTime: (iso: string) => string;
}

export function cardFormat(locale: WidgetLocale, currency: string): CardFormat {
  return {
    t: dictionaryFor(locale).cards,
    money: (amount) => formatMoney(amount, currency, locale),
    date: (iso) => formatDate(iso, locale),
    dateTime: (iso) => formatDateTime(iso, locale),
  };
}

/** A carrier status in words; a status this version does not know yet is shown as the carrier sent it. */
export function shipmentStatusText(t: CardFormat['t'], status: string): string {
  return Object.hasOwn(t.shipmentStatus, status)
    ? t.shipmentStatus[status as keyof typeof t.shipmentStatus]
    : status.replaceAll('_', ' ');
}

/** The frame every card shares: compact enough for a 360 px panel; an article (not a landmark) named by its title. */
export function Card({ testId, label, children }: { testId: string; label: string; children: ReactNode }) {
  return (
    <article
      data-testid={testId}
      aria-label={label}
      className="w-full rounded-xl bg-white p-3 text-sm text-slate-800 shadow-sm ring-1 ring-slate-200"
    >
      {children}
    </article>
  );
}

/** A muted one-liner: a tool at work (with a spinner), a failure, or an outcome without a card. */
export function StatusLine({
  kind,
  testId,
  children,
}: {
  kind: 'running' | 'failed' | 'note';
  testId: string;
  children: ReactNode;
}) {
  return (
    <p data-testid={testId} className="flex items-center gap-1.5 text-xs text-slate-600">
      {kind === 'running' ? <Spinner /> : kind === 'failed' ? <AlertIcon /> : <InfoIcon />}
      <span>{children}</span>
    </p>
  );
}

function Spinner() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 shrink-0 text-slate-400 motion-safe:animate-spin">
      <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeOpacity="0.3" strokeWidth="2" />
      <path d="M14 8a6 6 0 0 0-6-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

export function AlertIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 shrink-0 text-slate-500">
      <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 4.75v3.75M8 10.75v.5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}

function InfoIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 shrink-0 text-slate-500">
      <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M8 7.5v3.75M8 4.75v.5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}

export function CheckIcon({ className }: { className: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className={className}>
      <path d="m3.5 8.5 3 3 6-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function CrossIcon({ className }: { className: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className={className}>
      <path d="m4.5 4.5 7 7m0-7-7 7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

/** A pill with text, so a state reads without colour. */
export function Badge({ children, tone = 'neutral' }: { children: ReactNode; tone?: 'neutral' | 'warning' }) {
  const colours = tone === 'warning' ? 'bg-amber-50 text-amber-900 ring-amber-300' : 'bg-slate-100 text-slate-700 ring-slate-300';
  return (
    <span className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-[11px] font-medium ring-1 ${colours}`}>
      {children}
    </span>
  );
}

/** A label on the left, an amount on the right, in a definition list. */
export function AmountRow({
  label,
  detail,
  amount,
  testId,
  strong = false,
}: {
  label: ReactNode;
  detail?: ReactNode;
  amount: string;
  testId?: string;
  strong?: boolean;
}) {
  return (
    <div
      className={`flex items-baseline justify-between gap-3 ${strong ? 'border-t border-slate-200 pt-1.5 text-base font-semibold text-slate-900' : ''}`}
    >
      <dt className="min-w-0">
        {label}
        {detail ? <span className="block text-xs font-normal text-slate-600">{detail}</span> : null}
      </dt>
      <dd data-testid={testId} className="shrink-0 tabular-nums">
        {amount}
      </dd>
    </div>
  );
}
