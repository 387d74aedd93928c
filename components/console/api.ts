import { apiErrorBodySchema } from '@/lib/http/error-body';

/** What the console's pages say when the server cannot be reached at all. */
export const OFFLINE_MESSAGE = 'Could not reach the server. Check your connection and try again.';

/** The server's own words for a refused request (they are written for people), or a general line. */
async function errorMessage(response: Response): Promise<string> {
  const body = apiErrorBodySchema.safeParse(await response.json().catch(() => null));
  return body.success ? body.data.error.message : `Something went wrong (${response.status}). Please try again.`;
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
