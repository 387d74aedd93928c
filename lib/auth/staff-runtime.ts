import { type Database, getDatabase, type PrismaClient } from '@/lib/db/client';
import { ApiError, errorResponse } from '@/lib/http/errors';
import { getSharedRedis, type SharedRedis } from '@/lib/redis/connection';
import { createLoginThrottle, type LoginThrottle } from './login-throttle';

/** What the staff routes need, built once per process (tests build their own, with their own clock). */
export interface StaffRuntime {
  db: PrismaClient;
  loginThrottle: LoginThrottle;
  /** NODE_ENV=production: session cookies are Secure even when TLS ended before the app and nobody said so. */
  production: boolean;
  now: () => Date;
}

export function createStaffRuntime(
  database: Pick<Database, 'prisma'>,
  env: Record<string, string | undefined>,
  now: () => Date = () => new Date(),
  redis: SharedRedis | null = null,
): StaffRuntime {
  return {
    db: database.prisma,
    loginThrottle: createLoginThrottle(() => now().getTime(), redis),
    production: env.NODE_ENV === 'production',
    now,
  };
}

const globalForStaff = globalThis as typeof globalThis & { staffRuntime?: Promise<StaffRuntime> };

/** The server's runtime: the app database and process.env, shared across hot reloads. */
export function getStaffRuntime(): Promise<StaffRuntime> {
  globalForStaff.staffRuntime ??= Promise.all([getDatabase(), getSharedRedis()])
    .then(([database, redis]) => createStaffRuntime(database, process.env, undefined, redis))
    .catch((error: unknown) => {
      globalForStaff.staffRuntime = undefined;
      throw error;
    });
  return globalForStaff.staffRuntime;
}

/** Runs a route with the server's runtime, or answers 503 when its database cannot be opened. */
export async function withStaffRuntime(run: (runtime: StaffRuntime) => Promise<Response>): Promise<Response> {
  let runtime: StaffRuntime;
  try {
    runtime = await getStaffRuntime();
  } catch (error) {
    console.error('[staff] not ready', error);
    return errorResponse(
      new ApiError('unavailable', 'The console is starting up or its database is unavailable. Please try again shortly.'),
    );
  }
  return run(runtime);
}
