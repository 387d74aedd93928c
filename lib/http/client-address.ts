/**
 * The last X-Forwarded-For hop: the address the nearest proxy (the load balancer, or Next.js
 * itself) saw, which a client cannot choose, unlike the first.
 */
export function clientAddress(request: Request): string {
  const hops = request.headers.get('x-forwarded-for')?.split(',') ?? [];
  return hops.at(-1)?.trim() || request.headers.get('x-real-ip') || 'unknown';
}
