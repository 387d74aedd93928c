import { createUIMessageStream, createUIMessageStreamResponse } from 'ai';
import type { Shopper } from '@/lib/auth/shopper';
import { shopperFromAuthorization } from '@/lib/auth/shopper-token';
import { identifyVisitor, visitorCookie } from '@/lib/auth/visitor';
import { ApiError, errorResponse } from '@/lib/http/errors';
import { botIsSilent, type ConversationStatus, openConversation, reopenIfClosed } from './conversations';
import type { ShopUIMessage } from './messages';
import { readChatRequest } from './request';
import type { ChatRuntime } from './runtime';
import { applyApprovalResponses, loadTranscript, newMessageId, saveMessage } from './transcript';
import { streamAssistantTurn } from './turn';

/**
 * POST /api/chat: authenticate → rate-limit → read the request → open the conversation → load the
 * transcript → run the tool loop → stream (the turn saves itself when it ends).
 */
export async function handleChatRequest(request: Request, runtime: ChatRuntime): Promise<Response> {
  const receivedAt = performance.now();
  const headers = new Headers();
  try {
    const shopper = await identifyShopper(request, runtime, headers);
    await enforceRateLimits(runtime, shopper, clientAddress(request));
    const { conversationId, input } = await readChatRequest(request);
    const conversation = await reopenIfClosed(runtime.db, await openConversation(runtime.db, conversationId, shopper));
    let history = await loadTranscript(runtime.db, conversationId);

    if (input.kind === 'message') {
      const message: ShopUIMessage = {
        id: newMessageId(),
        role: 'user',
        parts: [{ type: 'text', text: input.text }],
        metadata: { createdAt: runtime.now().toISOString() },
      };
      await saveMessage(runtime.db, conversationId, message);
      history = [...history, message];
    } else {
      history = applyApprovalResponses(history, input.responses);
    }

    if (botIsSilent(conversation.status)) return silentResponse(conversation.status, headers);
    return await streamAssistantTurn({ runtime, conversationId, shopper, history, receivedAt, headers });
  } catch (error) {
    return errorResponse(error, headers);
  }
}

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

/**
 * The last X-Forwarded-For hop: the address the nearest proxy (the load balancer, or Next.js
 * itself) saw, which a client cannot choose, unlike the first.
 */
function clientAddress(request: Request): string {
  const hops = request.headers.get('x-forwarded-for')?.split(',') ?? [];
  return hops.at(-1)?.trim() || request.headers.get('x-real-ip') || 'unknown';
}

/** A person owns (or is about to own) the conversation: the message is kept, the bot says nothing. */
function silentResponse(status: ConversationStatus, headers: Headers): Response {
  const stream = createUIMessageStream<ShopUIMessage>({
    execute: ({ writer }) => writer.write({ type: 'data-status', data: { status }, transient: true }),
  });
  return createUIMessageStreamResponse({ stream, headers });
}
