import { type NextRequest, NextResponse } from 'next/server';
import { currentEmbedPolicy, frameAncestors, isAllowedApiCaller } from '@/lib/embed/origins';
import { ApiError, errorResponse } from '@/lib/http/errors';

/**
 * Who may frame which page and call the shopper API, from WIDGET_ALLOWED_ORIGINS: /embed may be
 * framed by the allowed storefronts, every other page only by the app itself; a browser on any
 * other site is refused by the API before a route runs.
 */
export function proxy(request: NextRequest): Response {
  const policy = currentEmbedPolicy();
  const { pathname } = request.nextUrl;
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
