import { getDatabase } from '@/lib/db/client';
import { shutdownSignal } from '@/lib/http/shutdown';
import { type Dispatcher, dispatcherSettingsFromEnv, startDispatcher } from './dispatcher';

const globalForWebhooks = globalThis as typeof globalThis & { webhookDispatcher?: Dispatcher };

/**
 * Every instance delivers the outbox (leases keep them from sending the same delivery twice).
 * Started once per server process; on shutdown it stops taking work — a delivery cut short is
 * sent again by whichever instance finds its lease run out.
 */
export async function startWebhookDispatcher(): Promise<void> {
  if (globalForWebhooks.webhookDispatcher) return;
  const settings = dispatcherSettingsFromEnv(process.env);
  const database = await getDatabase();
  const dispatcher = startDispatcher(database.prisma, settings);
  globalForWebhooks.webhookDispatcher = dispatcher;
  shutdownSignal().addEventListener('abort', () => void dispatcher.stop(), { once: true });
}

/** Looks for due deliveries now (after a test event or a redeliver), instead of at the next poll. */
export function wakeWebhookDispatcher(): void {
  globalForWebhooks.webhookDispatcher?.wake();
}
