import { describe, expect, it } from 'vitest';
import { newConversationId, useChatHarness, waitForAssistantMessages } from '../support/chat-harness';
import { FIXTURE } from '../support/commerce-fixture';
import { testDatabaseKinds } from '../support/test-database';

describe.each(testDatabaseKinds())('POST /api/chat tool loop against an OpenAI-compatible server (%s)', (kind) => {
  const chat = useChatHarness(kind);

  it('runs a single tool round trip and keeps the transcript with its tool call', async () => {
    const { fake, db } = chat();
    fake?.reply(
      { toolCalls: [{ name: 'checkInventory', arguments: { sku: FIXTURE.sneaker } }] },
      { text: 'We have 28 pairs in stock.' },
    );
    const conversationId = newConversationId();

    const reply = await chat().send({ conversationId, text: '那款限量球鞋还有货吗?' });

    expect(reply.status).toBe(200);
    expect(reply.text).toBe('We have 28 pairs in stock.');
    const output = reply.chunks.find((c) => c.type === 'tool-output-available');
    expect(output?.output).toMatchObject({ sku: FIXTURE.sneaker, totalAvailable: 28 });
    // The model's second request carried the tool result.
    const toolMessage = fake?.requests[1]?.body.messages.find((m) => m.role === 'tool');
    expect(JSON.parse(String(toolMessage?.content))).toMatchObject({ totalAvailable: 28 });

    await waitForAssistantMessages(db, conversationId, 1);
    const messages = await db.chatMessage.findMany({ where: { conversationId }, orderBy: { seq: 'asc' } });
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(messages[1]).toMatchObject({ model: 'openai:gpt-test', usedFallback: false });
    expect(JSON.stringify(messages[1]?.parts)).toContain('We have 28 pairs in stock.');
    const calls = await db.toolCallLog.findMany({ where: { conversationId } });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      toolName: 'checkInventory',
      state: 'succeeded',
      step: 0,
      model: 'openai:gpt-test',
      error: null,
    });
    expect(calls[0]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(calls[0]?.output).toMatchObject({ totalAvailable: 28 });
  });
});

describe.each(testDatabaseKinds())('POST /api/chat multi-call turns (%s)', (kind) => {
  const chat = useChatHarness(kind);

  it('runs parallel tool calls from one step', async () => {
    const { fake, db } = chat();
    fake?.reply(
      {
        toolCalls: [
          { name: 'checkInventory', arguments: { sku: FIXTURE.sneaker }, id: 'call_stock' },
          {
            name: 'quotePrice',
            arguments: { sku: FIXTURE.sneaker, quantity: 1, memberLevel: 'gold' },
            id: 'call_price',
            argumentChunks: 3,
          },
        ],
      },
      { text: 'In stock; gold members pay 1169.10.' },
    );
    const conversationId = newConversationId();

    const reply = await chat().send({ conversationId, text: 'In stock, and how much for gold?' });

    const outputs = reply.chunks.filter((c) => c.type === 'tool-output-available');
    expect(outputs.map((c) => c.toolCallId).sort()).toEqual(['call_price', 'call_stock']);
    expect(outputs.find((c) => c.toolCallId === 'call_price')?.output).toMatchObject({ total: '1169.10' });
    const secondRequest = fake?.requests.at(-1)?.body.messages.filter((m) => m.role === 'tool') ?? [];
    expect(secondRequest).toHaveLength(2);
    await waitForAssistantMessages(db, conversationId, 1);
    const calls = await db.toolCallLog.findMany({ where: { conversationId }, orderBy: { toolName: 'asc' } });
    expect(calls.map((c) => [c.toolName, c.step, c.state])).toEqual([
      ['checkInventory', 0, 'succeeded'],
      ['quotePrice', 0, 'succeeded'],
    ]);
  });

  it('chains three steps: search, then inventory, then price', async () => {
    const { fake, db } = chat();
    fake?.reply(
      { toolCalls: [{ name: 'searchProducts', arguments: { query: '限量球鞋' } }] },
      (request) => {
        // The SKU the model uses comes from the search result it was given.
        const found = JSON.parse(String(request.body.messages.at(-1)?.content)) as { results: { sku: string }[] };
        return { toolCalls: [{ name: 'checkInventory', arguments: { sku: found.results[0]?.sku } }] };
      },
      { toolCalls: [{ name: 'quotePrice', arguments: { sku: FIXTURE.sneaker, quantity: 2 } }] },
      { text: 'Two pairs cost 2598.00 and we have 28.' },
    );
    const conversationId = newConversationId();

    const reply = await chat().send({ conversationId, text: 'How much are two of the limited sneakers, and are they in stock?' });

    expect(reply.text).toBe('Two pairs cost 2598.00 and we have 28.');
    await waitForAssistantMessages(db, conversationId, 1);
    const calls = await db.toolCallLog.findMany({ where: { conversationId }, orderBy: { step: 'asc' } });
    expect(calls.map((c) => [c.toolName, c.step])).toEqual([
      ['searchProducts', 0],
      ['checkInventory', 1],
      ['quotePrice', 2],
    ]);
    expect(calls[1]?.input).toEqual({ sku: FIXTURE.sneaker });
    expect(calls[2]?.output).toMatchObject({ total: '2598.00' });
  });

  it('recovers from invalid tool arguments and from an unknown tool', async () => {
    const { fake, db } = chat();
    fake?.reply(
      { toolCalls: [{ name: 'checkInventory', arguments: { sku: 42 } }] },
      { toolCalls: [{ name: 'refundEverything', arguments: { all: true } }] },
      { toolCalls: [{ name: 'checkInventory', arguments: { sku: FIXTURE.sneaker } }] },
      { text: 'We have 28 pairs.' },
    );
    const conversationId = newConversationId();

    const reply = await chat().send({ conversationId, text: 'sneaker stock?' });

    expect(reply.text).toBe('We have 28 pairs.');
    // The model was told what was wrong each time, and tried again.
    const toolResults = (fake?.requests ?? []).slice(-3).map((r) => String(r.body.messages.at(-1)?.content));
    expect(toolResults[0]).toMatch(/invalid|expected string/i);
    expect(toolResults[1]).toContain('refundEverything');
    await waitForAssistantMessages(db, conversationId, 1);
    const calls = await db.toolCallLog.findMany({ where: { conversationId }, orderBy: { step: 'asc' } });
    expect(calls.map((c) => [c.toolName, c.state])).toEqual([
      ['checkInventory', 'invalid'],
      ['refundEverything', 'invalid'],
      ['checkInventory', 'succeeded'],
    ]);
    expect(calls[0]?.error).toMatch(/InvalidToolInput/);
    expect(calls[1]?.error).toMatch(/NoSuchTool/);
    // The shopper's stream shows a friendly error, not the validator's internals.
    const errors = reply.chunks.filter((c) => c.type === 'tool-input-error' || c.type === 'tool-output-error');
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(String(error.errorText)).not.toMatch(/expected string|Available tools/);
  });
});

describe.each(testDatabaseKinds())('POST /api/chat step limit (%s)', (kind) => {
  const chat = useChatHarness(kind, { env: { CHAT_MAX_STEPS: '2' } });

  it('gives the last step no tools and tells the shopper when the limit still cut the answer short', async () => {
    const { fake, db } = chat();
    fake?.reply(
      { toolCalls: [{ name: 'searchProducts', arguments: { query: 'shoe' } }] },
      { toolCalls: [{ name: 'searchProducts', arguments: { query: 'sneaker' } }] },
    );
    const conversationId = newConversationId();

    const reply = await chat().send({ conversationId, text: 'find me shoes' });

    expect(fake?.requests.at(-1)?.body.tools ?? []).toEqual([]);
    expect(reply.text).toContain('could not finish looking that up');
    await waitForAssistantMessages(db, conversationId, 1);
    const answer = await db.chatMessage.findFirstOrThrow({ where: { conversationId, role: 'assistant' } });
    expect(answer.finishReason).toBe('step-limit');
    expect(JSON.stringify(answer.parts)).toContain('could not finish looking that up');
  });
});

describe.each(testDatabaseKinds())('POST /api/chat after a turn that was cut off (%s)', (kind) => {
  const chat = useChatHarness(kind);

  it('leaves a tool call that never got its result out of what the model sees', async () => {
    const { fake, db } = chat();
    const conversationId = newConversationId();
    fake?.reply({ text: 'First answer.' });
    await chat().send({ conversationId, visitor: 'cutoffVisitorAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', text: 'hello' });
    await waitForAssistantMessages(db, conversationId, 1);
    // As a crash mid-call would have left it.
    await db.chatMessage.create({
      data: {
        id: 'msg_cut_off',
        conversationId,
        seq: 2,
        role: 'assistant',
        parts: [
          { type: 'tool-checkInventory', toolCallId: 'call_lost', state: 'input-available', input: { sku: FIXTURE.sneaker } },
        ],
      },
    });
    fake?.reply({ text: 'Second answer.' });

    const reply = await chat().send({
      conversationId,
      visitor: 'cutoffVisitorAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      text: 'still there?',
    });

    expect(reply.text).toBe('Second answer.');
    expect(JSON.stringify(fake?.requests.at(-1)?.body.messages)).not.toContain('call_lost');
    expect(JSON.stringify(fake?.requests.at(-1)?.body.messages)).toContain('First answer.');
  });
});
