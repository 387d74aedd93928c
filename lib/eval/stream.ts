import type { ObservedToolCall } from './score';

/** A UI-message stream chunk as the widget receives it. */
export interface StreamChunk {
  type: string;
  [key: string]: unknown;
}

/** A confirmation the assistant is waiting for (placeOrder / cancelOrder). */
export interface PendingApproval {
  approvalId: string;
  toolCallId: string;
  toolName: string;
  input: unknown;
}

export interface TurnStream {
  status: number;
  chunks: StreamChunk[];
  toolCalls: ObservedToolCall[];
  /** Confirmations the shopper can answer (automatic refusals for anonymous shoppers are not). */
  approvals: PendingApproval[];
  text: string;
  /** Milliseconds from `sentAt` to the first text delta; null when no text came. */
  firstTextMs: number | null;
  /** The whole body as received, for "never anywhere in the stream" checks. */
  raw: string;
}

function parseEvent(event: string): StreamChunk | null {
  const data = event
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice(5).trimStart())
    .join('\n');
  if (data === '' || data === '[DONE]') return null;
  const chunk: unknown = JSON.parse(data);
  return typeof chunk === 'object' && chunk !== null && typeof (chunk as StreamChunk).type === 'string'
    ? (chunk as StreamChunk)
    : null;
}

/**
 * Reads a /api/chat response as it arrives. Time to first text is taken when the first
 * `text-delta` chunk is decoded, not after the whole body, so it is what a shopper would see.
 */
export async function readTurnStream(
  response: Response,
  sentAt: number,
  now: () => number = performance.now.bind(performance),
): Promise<TurnStream> {
  const chunks: StreamChunk[] = [];
  let raw = '';
  let firstTextMs: number | null = null;
  const isStream = response.headers.get('content-type')?.includes('text/event-stream') ?? false;
  if (response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      raw += value;
      if (!isStream) continue;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const chunk = parseEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (chunk) {
          if (firstTextMs === null && chunk.type === 'text-delta' && typeof chunk.delta === 'string' && chunk.delta !== '') {
            firstTextMs = now() - sentAt;
          }
          chunks.push(chunk);
        }
        end = buffer.indexOf('\n\n');
      }
    }
    if (isStream && buffer.trim() !== '') {
      const chunk = parseEvent(buffer);
      if (chunk) chunks.push(chunk);
    }
  }
  return { status: response.status, raw, firstTextMs, ...summarizeChunks(chunks) };
}

/** Tool calls, pending confirmations and the answer text of a turn's chunks. */
export function summarizeChunks(chunks: StreamChunk[]): Pick<TurnStream, 'chunks' | 'toolCalls' | 'approvals' | 'text'> {
  const calls = new Map<string, ObservedToolCall>();
  const toolCalls: ObservedToolCall[] = [];
  const approvals: PendingApproval[] = [];
  let text = '';
  for (const chunk of chunks) {
    if (chunk.type === 'text-delta' && typeof chunk.delta === 'string') text += chunk.delta;
    if (chunk.type === 'tool-input-available' && typeof chunk.toolName === 'string') {
      const call = { toolName: chunk.toolName, input: chunk.input };
      toolCalls.push(call);
      if (typeof chunk.toolCallId === 'string') calls.set(chunk.toolCallId, call);
    }
    if (
      chunk.type === 'tool-approval-request' &&
      chunk.isAutomatic !== true &&
      typeof chunk.approvalId === 'string' &&
      typeof chunk.toolCallId === 'string'
    ) {
      const call = calls.get(chunk.toolCallId);
      if (call)
        approvals.push({
          approvalId: chunk.approvalId,
          toolCallId: chunk.toolCallId,
          toolName: call.toolName,
          input: call.input,
        });
    }
  }
  return { chunks, toolCalls, approvals, text };
}
