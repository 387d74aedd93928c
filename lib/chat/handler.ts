import { createUIMessageStream, createUIMessageStreamResponse } from 'ai';
import { errorResponse } from '@/lib/http/errors';
import { botIsSilent, type ConversationStatus, openConversation, reopenIfClosed } from './conversations';
import type { ShopUIMessage } from './messages';
import { readChatRequest } from './request';
import type { ChatRuntime } from './runtime';
import { admitShopper } from './shopper';
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
    const shopper = await admitShopper(request, runtime, headers);
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
      runtime.live.publish({ conversationId, kind: 'message', status: conversation.status });
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

/** A person owns (or is about to own) the conversation: the message is kept, the bot says nothing. */
function silentResponse(status: ConversationStatus, headers: Headers): Response {
  const stream = createUIMessageStream<ShopUIMessage>({
    execute: ({ writer }) => writer.write({ type: 'data-status', data: { status }, transient: true }),
  });
  return createUIMessageStreamResponse({ stream, headers });
}
