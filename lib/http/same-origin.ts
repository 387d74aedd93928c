/**
 * Is a browser request coming from the app's own pages? Shared by the shopper API's origin check
 * (lib/embed/origins.ts) and the staff API's CSRF check below.
 */

/** The host the browser addressed (behind a proxy, the one it forwarded). */
function appHost(request: Request): string {
  return request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? new URL(request.url).host;
}

/** Whether an Origin header value names the app itself. "null" (sandboxed frames, file://) never does. */
export function isAppOrigin(request: Request, origin: string): boolean {
  return URL.parse(origin)?.host === appHost(request);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The staff API's CSRF rule: only the console's own pages may call it. A foreign Origin is refused
 * on every method — storefronts in WIDGET_ALLOWED_ORIGINS too, they are trusted with the shopper
 * API only. A mutation must also prove where it comes from: its Origin, or, from a browser that
 * sends none, `Sec-Fetch-Site: same-origin`. The session cookie alone proves nothing: it is
 * exactly what a forged request carries.
 */
export function isSameOriginStaffRequest(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin !== null) return isAppOrigin(request, origin);
  if (SAFE_METHODS.has(request.method)) return true;
  return request.headers.get('sec-fetch-site') === 'same-origin';
}
