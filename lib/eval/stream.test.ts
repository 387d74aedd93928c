import { describe, expect, it } from 'vitest';
import { readTurnStream, summarizeChunks } from './stream';

const sse = (chunk: object) => `data: ${JSON.stringify(chunk)}\n\n`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An SSE response whose parts arrive over time, like the chat route's. */
function slowResponse(parts: Array<[delayMs: number, text: string]>): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      for (const [delay, text] of parts) {
        await sleep(delay);
        controller.enqueue(encoder.encode(text));
      }
      controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

describe('readTurnStream', () => {
  it('takes time to first text when the first text delta arrives, not when the body ends', async () => {
    const sentAt = performance.now();
    const response = slowResponse([
      [0, sse({ type: 'start' })],
      [30, sse({ type: 'text-start', id: 't' }) + sse({ type: 'text-delta', id: 't', delta: 'Hel' }).slice(0, 20)],
      [0, sse({ type: 'text-delta', id: 't', delta: 'Hel' }).slice(20)],
      [250, sse({ type: 'text-delta', id: 't', delta: 'lo' }) + sse({ type: 'finish' })],
    ]);
    const turn = await readTurnStream(response, sentAt);
    expect(turn.text).toBe('Hello');
    expect(turn.firstTextMs).toBeGreaterThanOrEqual(25);
    expect(turn.firstTextMs).toBeLessThan(200);
    expect(turn.chunks.map((c) => c.type)).toEqual(['start', 'text-start', 'text-delta', 'text-delta', 'finish']);
  });

  it('keeps the raw body of an error response and reports no text', async () => {
    const response = new Response(JSON.stringify({ error: { code: 'conflict' } }), {
      status: 409,
      headers: { 'content-type': 'application/json' },
    });
    const turn = await readTurnStream(response, performance.now());
    expect(turn).toMatchObject({ status: 409, chunks: [], text: '', firstTextMs: null });
    expect(turn.raw).toContain('conflict');
  });
});

describe('summarizeChunks', () => {
  it('collects tool calls, the confirmations a shopper can answer, and the text', () => {
    const summary = summarizeChunks([
      { type: 'tool-input-available', toolCallId: 'c1', toolName: 'quotePrice', input: { sku: 'A' } },
      { type: 'tool-input-available', toolCallId: 'c2', toolName: 'placeOrder', input: { items: [{ sku: 'A', quantity: 2 }] } },
      { type: 'tool-approval-request', approvalId: 'ap1', toolCallId: 'c2' },
      { type: 'tool-input-available', toolCallId: 'c3', toolName: 'cancelOrder', input: { orderId: 'X' } },
      // Refused on the shopper's behalf (not signed in): nothing to answer.
      { type: 'tool-approval-request', approvalId: 'ap2', toolCallId: 'c3', isAutomatic: true },
      { type: 'text-delta', id: 't', delta: 'Please confirm.' },
    ]);
    expect(summary.toolCalls.map((c) => c.toolName)).toEqual(['quotePrice', 'placeOrder', 'cancelOrder']);
    expect(summary.approvals).toEqual([
      { approvalId: 'ap1', toolCallId: 'c2', toolName: 'placeOrder', input: { items: [{ sku: 'A', quantity: 2 }] } },
    ]);
    expect(summary.text).toBe('Please confirm.');
  });
});
