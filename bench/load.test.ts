import { describe, expect, it } from 'vitest';
import { chatBody, randomId, StreamReader, visitorSecret } from './load';

const event = (part: unknown) => `data: ${JSON.stringify(part)}\n\n`;

describe('StreamReader', () => {
  it('finds the first text, the tools that ran and the end, across chunk boundaries', () => {
    const stream =
      event({ type: 'start' }) +
      event({ type: 'tool-input-available', toolCallId: 'a', toolName: 'searchProducts', input: { query: '限量球鞋' } }) +
      event({ type: 'tool-output-available', toolCallId: 'a', output: { results: [] } }) +
      event({ type: 'text-start', id: 't' }) +
      event({ type: 'text-delta', id: 't', delta: '还有 23 件' }) +
      event({ type: 'text-delta', id: 't', delta: '。' }) +
      event({ type: 'finish' }) +
      'data: [DONE]\n\n';
    const reader = new StreamReader();
    const firstTextAt: number[] = [];
    for (let i = 0; i < stream.length; i += 7) if (reader.push(stream.slice(i, i + 7))) firstTextAt.push(i);
    expect(firstTextAt).toHaveLength(1);
    expect(reader.tools).toEqual(['searchProducts']);
    expect(reader.toolInputs).toContain('限量球鞋');
    expect(reader.answer).toBe('还有 23 件。');
    expect(reader.done).toBe(true);
    expect(reader.errors).toEqual([]);
  });

  it('reports error events', () => {
    const reader = new StreamReader();
    reader.push(event({ type: 'error', errorText: 'boom' }));
    expect(reader.errors).toEqual(['error event: boom']);
    expect(reader.sawText).toBe(false);
  });
});

describe('requests', () => {
  it('uses ids and visitor secrets the API accepts, and sends only the new message', () => {
    expect(randomId()).toMatch(/^[A-Za-z0-9_-]{16,100}$/);
    expect(visitorSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const body = JSON.parse(chatBody('conversation-0000001', 'hi'));
    expect(body).toMatchObject({ id: 'conversation-0000001', trigger: 'submit-message' });
    expect(body.messages).toEqual([{ id: expect.any(String), role: 'user', parts: [{ type: 'text', text: 'hi' }] }]);
  });
});
