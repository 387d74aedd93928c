import type { Shopper } from '@/lib/auth/shopper';
import { shopperFromAuthorization } from '@/lib/auth/shopper-token';
import { identifyVisitor, visitorCookie } from '@/lib/auth/visitor';
import { clientAddress } from '@/lib/http/client-address';
import { ApiError } from '@/lib/http/errors';
import type { ChatRuntime } from './runtime';

/** A bearer token must be valid (never a silent downgrade); without one the shopper is an anonymous visitor. */
async function identifyShopper(request: Request, runtime: ChatRuntime, headers: Headers): Promise<Shopper> {
  const token = await shopperFromAuthorization(
    request.headers.get('authorization'),
    runtime.config.shopperTokenSecret,
    runtime.now(),
  );
  if (token) {
    const customer = await runtime.db.customer.findUnique({ where: { id: token.customerId }, select: { id: true } });
    if (!customer) throw new ApiError('unauthorized', 'The shopper token names a customer this shop does not know.');
    return { kind: 'customer', customerId: customer.id };
  }
  const visitor = identifyVisitor(request);
  if (visitor.newSecret) headers.append('Set-Cookie', visitorCookie(visitor.newSecret, request.url));
  return { kind: 'anonymous', visitorHash: visitor.visitorHash };
}

/** Who is asking, within their rate limits: the first step of every shopper API request. */
export async function admitShopper(request: Request, runtime: ChatRuntime, headers: Headers): Promise<Shopper> {
  const shopper = await identifyShopper(request, runtime, headers);
  await enforceRateLimits(runtime, shopper, clientAddress(request));
  return shopper;
}

async function enforceRateLimits(runtime: ChatRuntime, shopper: Shopper, address: string): Promise<void> {
  const shopperKey = shopper.kind === 'customer' ? `customer:${shopper.customerId}` : `visitor:${shopper.visitorHash}`;
  const decisions = await Promise.all([runtime.rateLimiter.take(shopperKey), runtime.rateLimiter.take(`ip:${address}`)]);
  const refused = decisions.filter((decision) => !decision.allowed);
  if (refused.length > 0) {
    const retryAfterSeconds = Math.max(...refused.map((decision) => decision.retryAfterSeconds));
    throw new ApiError('rate_limited', `You're sending messages too quickly. Please wait ${retryAfterSeconds} s and try again.`, {
      retryAfterSeconds,
    });
  }
}
