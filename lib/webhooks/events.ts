/** What the shop's other systems can subscribe to. The database's triggers write them (see the webhook_outbox migration). */
export const WEBHOOK_EVENT_TYPES = [
  'order.placed',
  'order.cancelled',
  'conversation.handoff_requested',
  'conversation.closed',
  'conversation.rated',
  'tool_call.completed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent only to the endpoint an admin is testing. */
export const TEST_EVENT_TYPE = 'webhook.test';

/** Every type but the chatty tool_call.completed, which an endpoint must ask for by name. */
export const DEFAULT_EVENT_TYPES: readonly WebhookEventType[] = WEBHOOK_EVENT_TYPES.filter(
  (type) => type !== 'tool_call.completed',
);

/** The body of every webhook request. */
export interface WebhookEnvelope {
  /** evt_…: the same on every retry; receivers de-duplicate on it. */
  id: string;
  type: WebhookEventType | typeof TEST_EVENT_TYPE;
  /** Unix seconds when the change happened. */
  created: number;
  data: unknown;
}
