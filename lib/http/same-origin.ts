/** Is a browser request coming from the app's own pages? */

/** The host the browser addressed (behind a proxy, the one it forwarded). */
function appHost(request: Request): string {
  return request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? new URL(request.url).host;
}

/** Whether an Origin header value names the app itself. "null" (sandboxed frames, file://) never does. */
export function isAppOrigin(request: Request, origin: string): boolean {
  return URL.parse(origin)?.host === appHost(request);
}
