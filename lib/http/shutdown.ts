/**
 * The server is shutting down (SIGTERM from the orchestrator, Ctrl-C): readiness turns 503 so the
 * load balancer stops sending shoppers here, long-lived event streams end (their clients reconnect
 * elsewhere), and answers in flight are finished and saved before Next.js exits.
 */
const globalForShutdown = globalThis as typeof globalThis & { shopShutdown?: AbortController };

function controller(): AbortController {
  globalForShutdown.shopShutdown ??= new AbortController();
  return globalForShutdown.shopShutdown;
}

/** Aborts when shutdown begins. */
export function shutdownSignal(): AbortSignal {
  return controller().signal;
}

export function isShuttingDown(): boolean {
  return controller().signal.aborted;
}

export function beginShutdown(reason: string): void {
  if (isShuttingDown()) return;
  console.info(`[server] ${reason}: finishing answers in flight, then exiting`);
  controller().abort(reason);
}

/** Begins shutdown on SIGTERM or SIGINT; Next.js's own handlers then close the server and exit. */
export function beginShutdownOnSignals(): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => beginShutdown(signal));
}
