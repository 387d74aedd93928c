// Runs once when the server starts: the database is opened and migrated before the first
// request, and an empty database gets the demo store, so a fresh checkout needs no manual step.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // A malformed WIDGET_ALLOWED_ORIGINS stops start-up with its name instead of failing every request.
  const { currentEmbedPolicy } = await import('./lib/embed/origins');
  currentEmbedPolicy();
  // Likewise a malformed REDIS_URL, and Redis is connected before the first shopper arrives.
  const { getSharedRedis } = await import('./lib/redis/connection');
  await getSharedRedis();
  // Next.js itself stops taking connections and waits for answers in flight (after()); this ends
  // the long-lived event streams it would otherwise wait on, and turns readiness to 503.
  const { beginShutdownOnSignals } = await import('./lib/http/shutdown');
  beginShutdownOnSignals();
  const { startStore } = await import('./lib/store/startup');
  await startStore();
  // Webhooks: this instance delivers the outbox too.
  const { startWebhookDispatcher } = await import('./lib/webhooks/server');
  await startWebhookDispatcher();
}
