import type { DeliveryView } from '@/lib/webhooks/endpoints';
import type { WebhookEventType } from '@/lib/webhooks/events';

/** What each event type means, as the README's table says it. */
export const EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  'order.placed': 'An order is placed.',
  'order.cancelled': 'An order becomes cancelled.',
  'conversation.handoff_requested': 'A conversation starts waiting for a person.',
  'conversation.closed': 'The shopper or staff close a conversation.',
  'conversation.rated': 'The shopper rates a conversation (or changes the rating).',
  'tool_call.completed':
    'A tool the assistant called finished. Opt-in: one event per tool call, often several per answer, so it is not in the default set.',
};

/** The opt-in type gets a marker beside its name. */
export const OPT_IN_EVENT_TYPES: readonly string[] = ['tool_call.completed'];

export const DELIVERY_STATUS: Record<DeliveryView['status'], { label: string; badge: string; hint: string }> = {
  pending: {
    label: 'Pending',
    badge: 'bg-amber-100 text-amber-900 ring-amber-300',
    hint: 'Waiting to be sent, or to be retried.',
  },
  delivered: {
    label: 'Delivered',
    badge: 'bg-emerald-100 text-emerald-900 ring-emerald-300',
    hint: 'The endpoint answered with a 2xx status.',
  },
  dead: {
    label: 'Dead',
    badge: 'bg-red-100 text-red-900 ring-red-300',
    hint: 'Retries gave up after the retry window; redeliver to try again.',
  },
};

/** One attempt's outcome: the HTTP status and the error, or the error alone when nothing answered. */
export function attemptOutcome(attempt: { statusCode: number | null; error: string | null }): string {
  const { statusCode, error } = attempt;
  if (statusCode === null) return error ?? 'No answer';
  // A non-2xx answer's error is just "HTTP <code>": the code says it.
  return error === null || error === `HTTP ${statusCode}` ? String(statusCode) : `${statusCode} · ${error}`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
