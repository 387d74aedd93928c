import { type NextRequest, NextResponse } from 'next/server';
import { currentEmbedPolicy, frameAncestors, isAllowedApiCaller } from '@/lib/embed/origins';
import { ApiError, errorResponse } from '@/lib/http/errors';
import { isSameOriginStaffRequest } from '@/lib/http/same-origin';

// The staff API (and the console's API to come) answers the console's own pages only.
const STAFF_API = /^\/api\/(staff|console)(\/|$)/;

/**
 * Who may frame which page and call which API, before a route runs: the staff API only from the
 * app itself (CSRF); the shopper API from the app and the storefronts in WIDGET_ALLOWED_ORIGINS;
 * /embed may be framed by those storefronts, every other page only by the app itself.
 */
export function proxy(request: NextRequest): Response {
  const policy = currentEmbedPolicy();
  const { pathname } = request.nextUrl;
  if (STAFF_API.test(pathname)) {
    if (isSameOriginStaffRequest(request)) return NextResponse.next();
    return errorResponse(new ApiError('forbidden', 'The staff API answers only the console’s own pages.'));
  }
  if (pathname.startsWith('/api/')) {
    if (isAllowedApiCaller(policy, request)) return NextResponse.next();
    return errorResponse(
      new ApiError('forbidden', 'This site is not allowed to use the chat. Ask the shop to add it to WIDGET_ALLOWED_ORIGINS.'),
    );
  }
  const response = NextResponse.next();
  const ancestors = pathname === '/embed' ? frameAncestors(policy) : "'self'";
  response.headers.set('Content-Security-Policy', `frame-ancestors ${ancestors}`);
  return response;
}

export const config = {
  // Static files (the loader included) are for every storefront and need neither check.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|widget.js).*)'],
};
