import { z } from 'zod';
import { ApiError } from '@/lib/http/errors';
import { readJsonBody } from '@/lib/http/json-body';

export const MAX_MESSAGE_CHARACTERS = 4_000;
const MAX_BODY_BYTES = 512 * 1024;

/** useChat's default body. Only the last message is read: the history comes from the transcript. */
const chatRequestSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, 'must be 16–100 letters, digits, "_" or "-" (a random id, e.g. from useChat)'),
  messages: z
    .array(z.object({ role: z.string(), parts: z.array(z.looseObject({ type: z.string() })) }).loose())
    .min(1, 'must hold at least the new message'),
  trigger: z.enum(['submit-message', 'regenerate-message']),
  messageId: z.string().optional(),
});

const approvalResponseSchema = z.object({
  toolCallId: z.string().min(1),
  state: z.literal('approval-responded'),
  approval: z.object({ id: z.string().min(1), approved: z.boolean(), reason: z.string().max(500).optional() }),
});

export interface ApprovalResponse {
  approvalId: string;
  approved: boolean;
  reason?: string;
}

export type ChatInput =
  | { kind: 'message'; text: string }
  /** The shopper answered a confirmation (addToolApprovalResponse): the client resends its last assistant message. */
  | { kind: 'approvals'; responses: ApprovalResponse[] };

export interface ChatRequest {
  conversationId: string;
  input: ChatInput;
}

export async function readChatRequest(request: Request): Promise<ChatRequest> {
  const { id, messages, trigger } = await readJsonBody(request, chatRequestSchema, {
    shape: '{ id, messages, trigger }',
    label: 'chat request',
    maxBytes: MAX_BODY_BYTES,
  });
  if (trigger === 'regenerate-message') {
    throw new ApiError('bad_request', 'Regenerating an answer is not supported: send the question again.');
  }
  const last = messages[messages.length - 1];
  if (last?.role === 'user') return { conversationId: id, input: { kind: 'message', text: userText(last.parts) } };
  if (last?.role === 'assistant')
    return { conversationId: id, input: { kind: 'approvals', responses: approvalResponses(last.parts) } };
  throw new ApiError('bad_request', 'The last message must be the shopper\u2019s (role "user").');
}

function userText(parts: { type: string }[]): string {
  const text = parts
    .flatMap((part) => (part.type === 'text' && 'text' in part && typeof part.text === 'string' ? [part.text] : []))
    .join('\n')
    .trim();
  if (!text) throw new ApiError('bad_request', 'The message is empty: send some text.');
  if (text.length > MAX_MESSAGE_CHARACTERS) {
    throw new ApiError('bad_request', `The message is too long: at most ${MAX_MESSAGE_CHARACTERS} characters.`);
  }
  return text;
}

function approvalResponses(parts: { type: string }[]): ApprovalResponse[] {
  const responses = parts.flatMap((part) => {
    if (!part.type.startsWith('tool-')) return [];
    const parsed = approvalResponseSchema.safeParse(part);
    if (!parsed.success) return [];
    const { id, approved, reason } = parsed.data.approval;
    return [{ approvalId: id, approved, ...(reason !== undefined && { reason }) }];
  });
  if (responses.length === 0) {
    throw new ApiError('bad_request', 'The last message must be the shopper\u2019s message or an answer to a confirmation.');
  }
  return responses;
}
