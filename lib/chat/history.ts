import { errorResponse } from '@/lib/http/errors';
import { type ConversationStatus, findOwnConversation } from './conversations';
import type { ShopUIMessage } from './messages';
import type { ChatRuntime } from './runtime';
import { admitShopper } from './shopper';
import { loadTranscript } from './transcript';

export interface ConversationHistory {
  id: string;
  status: ConversationStatus;
  /** As useChat expects them (`messages` option): what the shopper saw, oldest first. */
  messages: ShopUIMessage[];
}

/**
 * GET /api/conversations/{id}: the widget reloads a conversation after a page load. Only its
 * owner (the same signed-in customer, or the visitor whose cookie started it) gets it.
 */
export async function handleHistoryRequest(request: Request, runtime: ChatRuntime, conversationId: string): Promise<Response> {
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  try {
    const shopper = await admitShopper(request, runtime, headers);
    const conversation = await findOwnConversation(runtime.db, conversationId, shopper);
    const body: ConversationHistory = { ...conversation, messages: await loadTranscript(runtime.db, conversation.id) };
    return Response.json(body, { headers });
  } catch (error) {
    return errorResponse(error, headers);
  }
}
