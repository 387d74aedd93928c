import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from './errors';
import { readJsonBody } from './json-body';

const schema = z.object({ text: z.string() });
const options = { shape: '{ text }', label: 'test body', maxBytes: 64 };

/** A body that arrives in pieces, without a Content-Length (chunked). */
function streamed(...pieces: Uint8Array[]): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
  return new Request('http://127.0.0.1/api/x', { method: 'POST', body, duplex: 'half' } as RequestInit);
}

async function refusal(request: Request): Promise<ApiError> {
  const error = await readJsonBody(request, schema, options).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe('readJsonBody', () => {
  it('reads a body that fits, sent whole or in pieces', async () => {
    const encoder = new TextEncoder();
    expect(await readJsonBody(streamed(encoder.encode('{"text":'), encoder.encode('"你好"}')), schema, options)).toEqual({
      text: '你好',
    });
  });

  it('stops reading at the limit even without a Content-Length (413), and refuses bytes that are not UTF-8 (400)', async () => {
    const piece = new TextEncoder().encode(`{"text":"${'x'.repeat(40)}`);
    expect((await refusal(streamed(piece, piece))).code).toBe('payload_too_large');
    expect((await refusal(streamed(new Uint8Array([0x7b, 0xff, 0x7d])))).code).toBe('bad_request');
    const declared = new Request('http://127.0.0.1/api/x', {
      method: 'POST',
      body: 'x'.repeat(65),
      headers: { 'content-length': '65' },
    });
    expect((await refusal(declared)).code).toBe('payload_too_large');
  });
});
