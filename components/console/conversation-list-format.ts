import type { ConversationShopper } from '@/lib/console/conversation-list';
import type { ConversationStatus } from '@/lib/db/generated/enums';

/** How the console names each status (the list's badges and the status filter). */
export const STATUS_LABELS: Record<ConversationStatus, string> = {
  bot: 'Bot',
  waiting_human: 'Waiting',
  human: 'With a person',
  closed: 'Closed',
};

export const STATUS_BADGE_CLASSES: Record<ConversationStatus, string> = {
  bot: 'bg-slate-100 text-slate-800 ring-slate-300',
  waiting_human: 'bg-amber-100 text-amber-900 ring-amber-300',
  human: 'bg-blue-100 text-blue-900 ring-blue-300',
  closed: 'bg-green-100 text-green-900 ring-green-300',
};

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago" (a future time, from a skewed clock, reads "just now"). */
export function relativeTime(iso: string, now: Date): string {
  const seconds = Math.round((now.getTime() - new Date(iso).getTime()) / 1000);
  if (seconds < 45) return 'just now';
  for (const [unit, size] of UNITS) {
    if (seconds >= size) return relative.format(-Math.floor(seconds / size), unit);
  }
  return relative.format(-1, 'minute');
}

/** The full date and time for a tooltip, in the reader's time zone. */
export function fullTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function shopperName(customer: ConversationShopper): string {
  if (customer.kind === 'anonymous') return 'Anonymous';
  return customer.name ?? customer.id;
}

/** Filled and empty stars for a 1–5 rating. */
export function ratingStars(rating: number): string {
  return '★'.repeat(rating) + '☆'.repeat(5 - rating);
}
