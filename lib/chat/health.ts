import { OFFLINE_LABEL } from '@/lib/ai/model';
import type { DatabaseKind } from '@/lib/db/target';
import { isShuttingDown } from '@/lib/http/shutdown';
import type { ChatRuntime } from './runtime';

export interface DependencyCheck {
  ok: boolean;
  /** How long the check took. */
  ms: number;
  error?: string;
}

export interface HealthReport {
  /**
   * ok: ready for shoppers. degraded: answering, but Redis is unreachable, so rate limits, the
   * breaker, live updates and resumable answers are this instance's own. unavailable: not ready
   * (database down, or shutting down): the load balancer should send shoppers elsewhere.
   */
  status: 'ok' | 'degraded' | 'unavailable';
  /** "openai:<model id>" when an API key is set, else "offline" (the built-in engine). */
  model: string;
  database: DatabaseKind;
  /** Where rate limits, the breaker, live updates and answers in flight are kept right now. */
  shared: 'redis' | 'instance';
  checks: { database: DependencyCheck; redis: DependencyCheck | 'not configured' };
  shuttingDown: boolean;
}

const CHECK_TIMEOUT_MS = 2_000;

/** GET /api/health: readiness. 200 while this instance can answer shoppers (even degraded), else 503. */
export async function checkHealth(runtime: ChatRuntime): Promise<{ httpStatus: number; report: HealthReport }> {
  const { redis } = runtime;
  const [database, redisCheck] = await Promise.all([
    timedCheck(() => runtime.db.$queryRaw`SELECT 1`),
    redis
      ? timedCheck(async () => {
          if (!redis.isReady()) throw new Error('not connected');
          await redis.commands.ping();
        })
      : Promise.resolve('not configured' as const),
  ]);
  const redisUp = redisCheck !== 'not configured' && redisCheck.ok;
  const shuttingDown = isShuttingDown();
  const status = !database.ok || shuttingDown ? 'unavailable' : redisCheck === 'not configured' || redisUp ? 'ok' : 'degraded';
  return {
    httpStatus: status === 'unavailable' ? 503 : 200,
    report: {
      status,
      model: runtime.provider?.label ?? OFFLINE_LABEL,
      database: runtime.databaseKind,
      shared: redisUp ? 'redis' : 'instance',
      checks: { database, redis: redisCheck },
      shuttingDown,
    },
  };
}

async function timedCheck(check: () => Promise<unknown>): Promise<DependencyCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      ms: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}
