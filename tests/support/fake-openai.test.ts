import { createOpenAI } from '@ai-sdk/openai';
import { generateText, isStepCount, streamText, tool } from 'ai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type FakeOpenAI, startFakeOpenAI } from './fake-openai';

let fake: FakeOpenAI;

beforeEach(async () => {
  fake = await startFakeOpenAI();
});

afterEach(async () => {
  await fake.close();
});

const model = () => createOpenAI({ apiKey: 'test', baseURL: fake.baseURL }).chat('gpt-test');

const checkInventory = tool({
  description: 'Stock for a SKU',
  inputSchema: z.object({ sku: z.string() }),
  execute: async ({ sku }) => ({ sku, inStock: 3 }),
});

type StreamPart = { type: string } & Record<string, unknown>;

async function collect(stream: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

describe('fake OpenAI Chat Completions server', () => {
  it('streams a scripted text reply', async () => {
    fake.reply({ text: 'Hello there, dear shopper!' });
    const result = streamText({ model: model(), prompt: 'hi', stopWhen: isStepCount(3) });

    const deltas = (await collect(result.stream)).filter((part) => part.type === 'text-delta');
    expect(deltas.map((part) => part.text)).toEqual(['Hello ', 'there, ', 'dear ', 'shopper!']);
    expect(await result.text).toBe('Hello there, dear shopper!');
    expect(await result.finishReason).toBe('stop');
    expect((await result.usage).outputTokens).toBe(7);
    expect((await result.response).modelId).toBe('gpt-test');

    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request?.body).toMatchObject({ model: 'gpt-test', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    expect(request?.headers.authorization).toBe('Bearer test');
    expect(fake.pending()).toBe(0);
  });

  it('splits text into the requested number of chunks', async () => {
    fake.reply({ text: 'abcdefgh', chunks: 3 });
    const parts = await collect(streamText({ model: model(), prompt: 'hi' }).stream);
    expect(parts.filter((part) => part.type === 'text-delta').map((part) => part.text)).toEqual(['abc', 'def', 'gh']);
  });

  it('runs a tool-call round trip, sending the tool result back', async () => {
    fake.reply(
      { toolCalls: [{ name: 'checkInventory', arguments: { sku: 'NW-4471-B' }, id: 'call_stock', argumentChunks: 3 }] },
      (request) => {
        const toolMessage = request.body.messages.find((message) => message.role === 'tool');
        return { text: `Stock answer: ${String(toolMessage?.content)}` };
      },
    );
    const result = streamText({
      model: model(),
      prompt: 'Is NW-4471-B in stock?',
      tools: { checkInventory },
      stopWhen: isStepCount(3),
    });

    expect(await result.text).toBe('Stock answer: {"sku":"NW-4471-B","inStock":3}');
    const steps = await result.steps;
    expect(steps.map((step) => step.finishReason)).toEqual(['tool-calls', 'stop']);
    expect(steps[0]?.toolCalls).toMatchObject([
      { toolCallId: 'call_stock', toolName: 'checkInventory', input: { sku: 'NW-4471-B' } },
    ]);

    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]?.body.tools?.map((t) => t.function.name)).toEqual(['checkInventory']);
    const second = fake.requests[1]?.body.messages ?? [];
    expect(second.map((message) => message.role)).toEqual(['user', 'assistant', 'tool']);
    expect(second[1]?.tool_calls).toMatchObject([
      { id: 'call_stock', type: 'function', function: { name: 'checkInventory', arguments: '{"sku":"NW-4471-B"}' } },
    ]);
    expect(second[2]).toMatchObject({ role: 'tool', tool_call_id: 'call_stock', content: '{"sku":"NW-4471-B","inStock":3}' });
  });

  it('streams several tool calls in one step', async () => {
    fake.reply({
      toolCalls: [
        { name: 'checkInventory', arguments: '{"sku":"A"}' },
        { name: 'checkInventory', arguments: { sku: 'B' } },
      ],
    });
    const result = streamText({ model: model(), prompt: 'A and B?', tools: { checkInventory } });
    const toolResults = await result.toolResults;
    expect(toolResults.map((r) => [r.toolCallId, r.output])).toEqual([
      ['call_1_0', { sku: 'A', inStock: 3 }],
      ['call_1_1', { sku: 'B', inStock: 3 }],
    ]);
  });

  it('answers a scripted 429 with retry-after-ms, which the SDK retries', async () => {
    fake.reply(
      { status: 429, headers: { 'retry-after-ms': '10' }, body: { error: { message: 'slow down' } } },
      { text: 'Back again.' },
    );
    const result = streamText({ model: model(), prompt: 'hi' });
    expect(await result.text).toBe('Back again.');
    expect(fake.requests).toHaveLength(2);
    expect(fake.pending()).toBe(0);
  });

  it('drops the connection mid-stream: the text so far arrives, then the stream fails', async () => {
    fake.reply({ textThenDrop: 'Your order is on its' });
    let onErrorCalls = 0;
    const result = streamText({
      model: model(),
      prompt: 'where is my order?',
      onError: () => {
        onErrorCalls++;
      },
    });
    const parts: StreamPart[] = [];
    // ai 7.0.173: a transport error after the first chunk is not an `error` part; iterating the stream
    // throws, and result.text / finishReason reject with the same APICallError.
    await expect(
      (async () => {
        for await (const part of result.stream) parts.push(part);
      })(),
    ).rejects.toMatchObject({ name: 'AI_APICallError', message: 'Failed to process successful response' });
    const text = parts
      .filter((part) => part.type === 'text-delta')
      .map((part) => part.text)
      .join('');
    expect(text).toBe('Your order is on its');
    expect(parts.some((part) => part.type === 'error' || part.type === 'finish')).toBe(false);
    await expect(result.text).rejects.toMatchObject({ name: 'AI_APICallError' });
    expect(onErrorCalls).toBe(0);
    expect(fake.requests).toHaveLength(1); // errors after the stream started are not retried
  });

  it('hangs until the caller aborts', async () => {
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    fake.reply(() => {
      arrived();
      return { hang: true };
    });
    const controller = new AbortController();
    const result = streamText({ model: model(), prompt: 'hi', abortSignal: controller.signal });
    const partsPromise = collect(result.stream);

    await requestArrived;
    controller.abort();
    const parts = await partsPromise;
    expect(parts.map((part) => part.type)).toEqual(['start', 'abort']);
    expect(fake.requests).toHaveLength(1);
  });

  it('close() ends a request that is still hanging', async () => {
    fake.reply({ hang: true });
    const response = fetch(`${fake.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-test', messages: [], stream: true }),
    });
    while (fake.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await fake.close();
    await expect(response).rejects.toThrow();
    fake = await startFakeOpenAI(); // afterEach closes again
  });

  it('fails loudly when the test did not script enough replies', async () => {
    const reported: unknown[] = [];
    const result = streamText({ model: model(), prompt: 'hi', maxRetries: 0, onError: ({ error }) => void reported.push(error) });
    const parts = await collect(result.stream);
    const error = parts.find((part) => part.type === 'error');
    expect(error?.error).toMatchObject({ statusCode: 500, message: 'fake-openai: no scripted reply left' });
    expect(reported).toHaveLength(1);
    expect(fake.requests).toHaveLength(1);
  });

  it('counts pending replies and accepts function replies', async () => {
    fake.reply({ text: 'one' }, (request) => ({ text: `echo ${request.body.model}` }));
    expect(fake.pending()).toBe(2);
    expect(await streamText({ model: model(), prompt: 'a' }).text).toBe('one');
    expect(fake.pending()).toBe(1);
    expect(await streamText({ model: model(), prompt: 'b' }).text).toBe('echo gpt-test');
    expect(fake.pending()).toBe(0);
  });

  it('waits for async function replies', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    fake.reply(async () => {
      await released;
      return { text: 'released' };
    });
    const text = streamText({ model: model(), prompt: 'a' }).text;
    while (fake.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    release();
    expect(await text).toBe('released');
  });

  it('answers non-streaming requests too (generateText)', async () => {
    fake.reply({ text: 'A short title' });
    const result = await generateText({ model: model(), prompt: 'title?' });
    expect(result.text).toBe('A short title');
    expect(fake.requests[0]?.body.stream).not.toBe(true);
  });

  it('knows only POST /v1/chat/completions', async () => {
    const response = await fetch(`${fake.baseURL}/responses`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    const bad = await fetch(`${fake.baseURL}/chat/completions`, { method: 'POST', body: '{"nope":1}' });
    expect(bad.status).toBe(400);
    expect(fake.requests).toHaveLength(0);
  });
});
