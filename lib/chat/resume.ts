import { UI_MESSAGE_STREAM_HEADERS } from 'ai';
import { errorResponse } from '@/lib/http/errors';
import { findOwnConversation } from './conversations';
import type { ChatRuntime } from './runtime';
import { admitShopper } from './shopper';

/**
 * GET /api/chat/{id}/stream: the widget, loaded again mid-answer, asks for the answer still being
 * written (useChat `resume`). Only the conversation's owner gets it, from its first event, on any
 * instance; 204 when nothing is in flight.
 */
export async function handleResumeRequest(request: Request, runtime: ChatRuntime, conversationId: string): Promise<Response> {
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  try {
    const shopper = await admitShopper(request, runtime, headers);
    await findOwnConversation(runtime.db, conversationId, shopper);
    const answer = await runtime.answers.resume(conversationId);
    if (!answer) return new Response(null, { status: 204, headers });
    for (const [name, value] of Object.entries(UI_MESSAGE_STREAM_HEADERS)) headers.set(name, value);
    return new Response(answer.pipeThrough(new TextEncoderStream()), { headers });
  } catch (error) {
    return errorResponse(error, headers);
  }
}
