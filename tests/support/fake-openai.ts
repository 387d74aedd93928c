/**
 * A fake OpenAI-compatible Chat Completions server for route tests: real HTTP on 127.0.0.1, so the
 * real SDK (`createOpenAI({ baseURL }).chat(id)`) runs its real request, retry and SSE parsing code.
 * Each request consumes the next scripted reply; with none left it answers 500 so an under-scripted
 * test fails loudly instead of hanging.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { z } from 'zod';

export interface ScriptedToolCall {
  name: string;
  /** JSON text, or an object that is serialized. */
  arguments: string | object;
  id?: string;
  /** Split the arguments over this many deltas (default 1) to exercise the SDK's accumulation. */
  argumentChunks?: number;
}

export type ScriptedReply =
  /** Streamed text deltas (one per word unless `chunks` is given, `delayMs` apart), then finish_reason 'stop'. */
  | { text: string; chunks?: number; delayMs?: number }
  /** One chunk per call, then finish_reason 'tool_calls'. */
  | { toolCalls: ScriptedToolCall[] }
  /** An HTTP error response (e.g. 429 with retry-after, 500). */
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** Sends some text deltas, then destroys the socket mid-stream. */
  | { textThenDrop: string }
  /** Accepts the request and never answers (until the client aborts or close()). */
  | { hang: true };

/** A function reply is called when its request arrives; it may be async (e.g. to hold the answer until a test is ready). */
export type ScriptedReplySource = ScriptedReply | ((request: RecordedRequest) => ScriptedReply | Promise<ScriptedReply>);

const MessageSchema = z.looseObject({
  role: z.string(),
  content: z.unknown().optional(),
  tool_calls: z
    .array(
      z.looseObject({ id: z.string(), type: z.string(), function: z.looseObject({ name: z.string(), arguments: z.string() }) }),
    )
    .optional(),
  tool_call_id: z.string().optional(),
});

const ChatCompletionsBodySchema = z.looseObject({
  model: z.string(),
  messages: z.array(MessageSchema),
  tools: z
    .array(
      z.looseObject({
        type: z.string(),
        function: z.looseObject({ name: z.string(), description: z.string().optional(), parameters: z.unknown().optional() }),
      }),
    )
    .optional(),
  tool_choice: z.unknown().optional(),
  stream: z.boolean().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).optional(),
});

export type ChatCompletionsMessage = z.infer<typeof MessageSchema>;
export type ChatCompletionsBody = z.infer<typeof ChatCompletionsBodySchema>;

export interface RecordedRequest {
  body: ChatCompletionsBody;
  headers: Record<string, string | string[] | undefined>;
}

export interface FakeOpenAI {
  /** http://127.0.0.1:PORT/v1 — pass as `baseURL` to createOpenAI. */
  baseURL: string;
  /** Every chat completions request received, in order (including ones answered "no scripted reply left"). */
  requests: RecordedRequest[];
  /** Queues replies; each request takes the next one. A function is called with the request it answers. */
  reply(...replies: ScriptedReplySource[]): void;
  /** Replies still queued. */
  pending(): number;
  /** Ends hanging requests and stops the server. */
  close(): Promise<void>;
}

const ENDPOINT = '/v1/chat/completions';

/** `otherwise` answers every request once the scripted replies have run out (default: a 500). */
export async function startFakeOpenAI(options: { otherwise?: ScriptedReplySource } = {}): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const queue: ScriptedReplySource[] = [];
  const sockets = new Set<Socket>();
  let completionCount = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, `fake-openai: ${error instanceof Error ? error.message : String(error)}`);
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (req.method !== 'POST' || path !== ENDPOINT) {
      sendError(res, 404, `fake-openai: only POST ${ENDPOINT} exists, got ${req.method} ${path}`);
      return;
    }
    const parsed = ChatCompletionsBodySchema.safeParse(await readJson(req));
    if (!parsed.success) {
      sendError(res, 400, `fake-openai: not a chat completions body: ${z.prettifyError(parsed.error)}`);
      return;
    }
    const request: RecordedRequest = { body: parsed.data, headers: { ...req.headers } };
    requests.push(request);

    const next = queue.shift() ?? options.otherwise;
    if (next === undefined) {
      sendError(res, 500, 'fake-openai: no scripted reply left');
      return;
    }
    const reply = typeof next === 'function' ? await next(request) : next;
    completionCount++;
    await answer(res, request, reply, completionCount);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    reply(...replies) {
      queue.push(...replies);
    },
    pending: () => queue.length,
    async close() {
      // Hanging requests keep their sockets open; server.close() alone would wait for them forever.
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8'));
  } catch {
    return undefined;
  }
}

function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { error: { message, type: 'fake_openai_error', code: null } });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

type Delta = {
  role?: 'assistant';
  content?: string | null;
  tool_calls?: { index: number; id?: string; type?: 'function'; function: { name?: string; arguments: string } }[];
};

async function answer(res: ServerResponse, request: RecordedRequest, reply: ScriptedReply, sequence: number): Promise<void> {
  if ('status' in reply) {
    const body = reply.body ?? {
      error: { message: `fake-openai: scripted ${reply.status}`, type: 'fake_openai_error', code: null },
    };
    sendJson(res, reply.status, body, reply.headers);
    return;
  }
  if ('hang' in reply) return; // the socket stays open until the client aborts or close() destroys it

  const id = `chatcmpl-fake-${sequence}`;
  const created = Math.floor(Date.now() / 1000);
  const { model } = request.body;
  const chunk = (delta: Delta, finishReason: string | null = null) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });
  const promptTokens = estimateTokens(JSON.stringify(request.body.messages));

  if (request.body.stream !== true) {
    if ('textThenDrop' in reply) {
      res.destroy(); // nothing is partial in a non-streaming answer: just drop
      return;
    }
    sendJson(res, 200, completion(reply, { id, created, model, sequence, promptTokens }));
    return;
  }

  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const send = (data: unknown) => write(res, `data: ${JSON.stringify(data)}\n\n`);

  if ('textThenDrop' in reply) {
    for (const [i, piece] of splitText(reply.textThenDrop).entries()) {
      await send(chunk(i === 0 ? { role: 'assistant', content: piece } : { content: piece }));
    }
    // Give the client a moment to read the deltas: an erroring body stream discards chunks not yet read.
    await new Promise((resolve) => setTimeout(resolve, 20));
    res.destroy();
    return;
  }

  let completionText = '';
  if ('text' in reply) {
    for (const [i, piece] of splitText(reply.text, reply.chunks).entries()) {
      if (i > 0 && reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      await send(chunk(i === 0 ? { role: 'assistant', content: piece } : { content: piece }));
    }
    await send(chunk({}, 'stop'));
    completionText = reply.text;
  } else {
    for (const [index, call] of reply.toolCalls.entries()) {
      const args = argumentsText(call);
      const pieces = splitEvenly(args, call.argumentChunks ?? 1);
      for (const [i, piece] of pieces.entries()) {
        // The id, type and function name go on the call's first delta only, as OpenAI sends them.
        const toolCall =
          i === 0
            ? {
                index,
                id: call.id ?? toolCallId(sequence, index),
                type: 'function' as const,
                function: { name: call.name, arguments: piece },
              }
            : { index, function: { arguments: piece } };
        await send(chunk({ ...(index === 0 && i === 0 && { role: 'assistant', content: null }), tool_calls: [toolCall] }));
      }
      completionText += call.name + args;
    }
    await send(chunk({}, 'tool_calls'));
  }

  if (request.body.stream_options?.include_usage) {
    await send({ id, object: 'chat.completion.chunk', created, model, choices: [], usage: usage(promptTokens, completionText) });
  }
  await write(res, 'data: [DONE]\n\n');
  res.end();
}

/** A non-streaming `chat.completion` for `stream: false` requests (e.g. generateText). */
function completion(
  reply: Extract<ScriptedReply, { text: string } | { toolCalls: ScriptedToolCall[] }>,
  meta: { id: string; created: number; model: string; sequence: number; promptTokens: number },
) {
  const base = { id: meta.id, object: 'chat.completion', created: meta.created, model: meta.model };
  if ('toolCalls' in reply) {
    const toolCalls = reply.toolCalls.map((call, index) => ({
      id: call.id ?? toolCallId(meta.sequence, index),
      type: 'function',
      function: { name: call.name, arguments: argumentsText(call) },
    }));
    return {
      ...base,
      choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: toolCalls }, finish_reason: 'tool_calls' }],
      usage: usage(meta.promptTokens, JSON.stringify(toolCalls)),
    };
  }
  return {
    ...base,
    choices: [{ index: 0, message: { role: 'assistant', content: reply.text }, finish_reason: 'stop' }],
    usage: usage(meta.promptTokens, reply.text),
  };
}

function toolCallId(sequence: number, index: number): string {
  return `call_${sequence}_${index}`;
}

function argumentsText(call: ScriptedToolCall): string {
  return typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
}

// Rough OpenAI-like counts (~4 characters per token) so usage is non-zero and grows with the input.
function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function usage(promptTokens: number, completionText: string) {
  const completionTokens = estimateTokens(completionText);
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}

/** One piece per word (keeping the spaces), or `chunks` near-equal pieces. */
function splitText(text: string, chunks?: number): string[] {
  if (chunks !== undefined) return splitEvenly(text, chunks);
  return text.match(/\s*\S+\s*/g) ?? [text];
}

function splitEvenly(text: string, count: number): string[] {
  const characters = Array.from(text); // code points: never split a surrogate pair
  const n = Math.max(1, Math.min(Math.floor(count), characters.length));
  const size = Math.ceil(characters.length / n);
  const pieces: string[] = [];
  for (let start = 0; start < characters.length; start += size) pieces.push(characters.slice(start, start + size).join(''));
  return pieces.length > 0 ? pieces : [text];
}

function write(res: ServerResponse, data: string): Promise<void> {
  return new Promise((resolve, reject) => res.write(data, (error) => (error ? reject(error) : resolve())));
}
