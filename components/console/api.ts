import type { z } from 'zod';
import { apiErrorBodySchema } from '@/lib/http/error-body';

/** What the console's pages say when the server cannot be reached at all. */
export const OFFLINE_MESSAGE = 'Could not reach the server. Check your connection and try again.';

/** The server's own words for a refused request (they are written for people), or a general line. */
async function errorMessage(response: Response): Promise<string> {
  const body = apiErrorBodySchema.safeParse(await response.json().catch(() => null));
  return body.success ? body.data.error.message : `Something went wrong (${response.status}). Please try again.`;
}

/** A refused console request, with the server's own words (written for people). */
export class ConsoleApiError extends Error {
  override readonly name = 'ConsoleApiError';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface ConsoleRequestInit {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * fetch a console API, then the JSON body checked against `schema` (null: an answer without a
 * body, 202/204); a refusal or no connection throws ConsoleApiError.
 */
export function consoleRequest<Schema extends z.ZodType>(
  url: string,
  schema: Schema,
  init?: ConsoleRequestInit,
): Promise<z.output<Schema>>;
export function consoleRequest(url: string, schema: null, init?: ConsoleRequestInit): Promise<void>;
export async function consoleRequest(url: string, schema: z.ZodType | null, init: ConsoleRequestInit = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? 'GET',
      cache: 'no-store',
      signal: init.signal,
      ...(init.body !== undefined && { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(init.body) }),
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new ConsoleApiError(0, OFFLINE_MESSAGE);
  }
  if (!response.ok) throw new ConsoleApiError(response.status, await errorMessage(response));
  return schema ? schema.parse(await response.json().catch(() => null)) : undefined;
}

/** POST /api/staff/login: null when signed in (the cookie is set), else what to tell the person. */
export async function signIn(email: string, password: string): Promise<string | null> {
  const response = await fetch('/api/staff/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return response.ok ? null : errorMessage(response);
}

/** POST /api/staff/logout: null when signed out, else what to tell the person. */
export async function signOut(): Promise<string | null> {
  const response = await fetch('/api/staff/logout', { method: 'POST' });
  return response.ok ? null : errorMessage(response);
}
