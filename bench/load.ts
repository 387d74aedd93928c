/**
 * The load generator: `concurrency` virtual shoppers, each in a loop — signed in (about half; a
 * demo customer with a shopper token) or anonymous (a visitor secret per conversation) — start a
 * conversation with a new id, ask 2–4 questions from the mix, one after the other, and start
 * again. Each turn is a real `POST /api/chat` whose UI-message stream (server-sent events) is read
 * to the end: time to the response headers, to the first text-delta, to the end, the status, and
 * which tools ran. Plain node:http with keep-alive; no dependencies.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { type ChatTurn, encodeIntent, INTENT_HEADER, type MixCustomer, type MixData, nextTurn, seededRandom } from './mix';

export interface TurnRecord {
  /** ms since the run started (performance.now() based) */
  startedAt: number;
  endedAt: number;
  /** response headers received, ms after the request was sent */
  ttfbMs: number | null;
  /** first text-delta event, ms after the request was sent */
  firstTextMs: number | null;
  totalMs: number;
  status: number | null;
  error: string | null;
  signedIn: boolean;
  category: ChatTurn['category'];
  /** Tools whose output arrived (tool-output-available), in order. */
  tools: string[];
  /** Every tool the mix expected ran, and the answer (or a tool's input) names the product/order/parcel asked about. */
  understood: boolean;
  text: string;
  answer: string;
  target: number;
}

export interface LoadOptions {
  /** Base URLs ("http://127.0.0.1:3200"); shoppers are spread over them round-robin. */
  targets: string[];
  concurrency: number;
  mix: MixData;
  /** Bearer token for a customer id. */
  tokenFor: (customerId: string) => string;
  /** Shopper i draws its questions from seededRandom(seed + i). */
  seed: number;
  /** Abort a turn after this long (counted as an error). */
  turnTimeoutMs: number;
  /** Share of signed-in conversations (0–1). */
  signedInShare: number;
  /** Mean pause between a shopper's turns, ms (uniform in 0.5–1.5 × this); 0 = the next turn at once. */
  thinkMs: number;
}

export interface LoadRun {
  /** Resolves when every shopper has finished its current turn. */
  stop(): Promise<void>;
  /** Records of finished turns, in the order they finished (grows while running). */
  records: TurnRecord[];
  /** performance.now() when the run started: record times are relative to it. */
  origin: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A new random id: 22 URL-safe characters, as the API wants (/^[A-Za-z0-9_-]{16,100}$/). */
export function randomId(): string {
  return randomBytes(16).toString('base64url');
}

/** An anonymous visitor's secret: 32 random bytes, 43 base64url characters. */
export function visitorSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function chatBody(conversationId: string, text: string): string {
  return JSON.stringify({
    id: conversationId,
    messages: [{ id: randomId(), role: 'user', parts: [{ type: 'text', text }] }],
    trigger: 'submit-message',
  });
}

/** What one UI-message stream said, read incrementally (events are separated by a blank line). */
export class StreamReader {
  private buffer = '';
  tools: string[] = [];
  /** The tools' inputs as JSON, one after the other (for checking what the answer was about). */
  toolInputs = '';
  private toolNames = new Map<string, string>();
  sawText = false;
  done = false;
  errors: string[] = [];
  answer = '';

  /** Feeds a chunk; returns true when it held the first text-delta. */
  push(chunk: string): boolean {
    this.buffer += chunk;
    let firstText = false;
    let end = this.buffer.indexOf('\n\n');
    while (end !== -1) {
      const event = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      if (this.onEvent(event)) firstText = true;
      end = this.buffer.indexOf('\n\n');
    }
    return firstText;
  }

  private onEvent(event: string): boolean {
    let firstText = false;
    for (const line of event.split('\n')) {
      if (!line.startsWith('data:')) continue;
      const data = line.slice(5).trim();
      if (data === '[DONE]') {
        this.done = true;
        continue;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(data);
      } catch {
        this.errors.push(`unparseable event: ${data.slice(0, 80)}`);
        continue;
      }
      if (typeof parsed !== 'object' || parsed === null) continue;
      const part = parsed as Record<string, unknown>;
      switch (part.type) {
        case 'text-delta':
          if (!this.sawText) firstText = true;
          this.sawText = true;
          if (typeof part.delta === 'string' && this.answer.length < 2000) this.answer += part.delta;
          break;
        case 'tool-input-available':
          if (typeof part.toolCallId === 'string' && typeof part.toolName === 'string') {
            this.toolNames.set(part.toolCallId, part.toolName);
          }
          if (this.toolInputs.length < 2000) this.toolInputs += JSON.stringify(part.input ?? null);
          break;
        case 'tool-output-available':
          this.tools.push(this.toolNames.get(String(part.toolCallId)) ?? 'unknown');
          break;
        case 'error':
          this.errors.push(`error event: ${String(part.errorText ?? '')}`.slice(0, 200));
          break;
      }
    }
    return firstText;
  }
}

interface TurnRequest {
  target: string;
  targetIndex: number;
  conversationId: string;
  turn: ChatTurn;
  headers: Record<string, string>;
}

function runTurn(agent: Agent, req: TurnRequest, origin: number, timeoutMs: number, signedIn: boolean): Promise<TurnRecord> {
  const body = chatBody(req.conversationId, req.turn.text);
  const url = new URL('/api/chat', req.target);
  const started = performance.now();
  return new Promise((resolve) => {
    let ttfb: number | null = null;
    let firstText: number | null = null;
    let status: number | null = null;
    let settled = false;
    const reader = new StreamReader();
    let errorBody = '';
    const finish = (error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const ended = performance.now();
      let problem = error;
      if (!problem && status !== 200) problem = `HTTP ${status}: ${errorBody.slice(0, 160)}`;
      if (!problem && reader.errors.length > 0) problem = reader.errors[0] ?? null;
      if (!problem && !reader.sawText) problem = 'stream without any text-delta';
      if (!problem && !reader.done) problem = 'stream ended without [DONE]';
      resolve({
        startedAt: started - origin,
        endedAt: ended - origin,
        ttfbMs: ttfb,
        firstTextMs: firstText,
        totalMs: ended - started,
        status,
        error: problem,
        signedIn,
        category: req.turn.category,
        tools: reader.tools,
        understood:
          req.turn.expectTools.every((tool) => reader.tools.includes(tool)) &&
          (req.turn.expectMention === null ||
            reader.answer.includes(req.turn.expectMention) ||
            reader.toolInputs.includes(req.turn.expectMention)),
        text: req.turn.text,
        answer: reader.answer,
        target: req.targetIndex,
      });
    };
    const timer = setTimeout(() => {
      finish(`timeout after ${timeoutMs} ms`);
      outgoing.destroy();
    }, timeoutMs);
    const outgoing = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { ...req.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        ttfb = performance.now() - started;
        status = response.statusCode ?? null;
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (status !== 200) {
            if (errorBody.length < 1000) errorBody += chunk;
            return;
          }
          if (reader.push(chunk) && firstText === null) firstText = performance.now() - started;
        });
        response.on('end', () => finish(null));
        response.on('error', (error) => finish(`response: ${error.message}`));
        response.on('aborted', () => finish('response aborted'));
      },
    );
    outgoing.on('error', (error) => finish(`network: ${error.message}`));
    outgoing.end(body);
  });
}

/**
 * Starts the shoppers; they run until stop(). Shopper i talks to targets[i % targets.length] for
 * its whole life (a conversation stays on one instance only by chance of this split — every
 * instance must be able to serve any conversation, which the shared database guarantees).
 */
export function startLoad(options: LoadOptions): LoadRun {
  const origin = performance.now();
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency + 4 });
  const records: TurnRecord[] = [];
  let stopped = false;

  const shopper = async (index: number) => {
    const random = seededRandom(options.seed + index * 7919);
    const targetIndex = index % options.targets.length;
    const target = options.targets[targetIndex] as string;
    while (!stopped) {
      const signedIn = random() < options.signedInShare;
      const customer: MixCustomer | null = signedIn
        ? (options.mix.customers[Math.floor(random() * options.mix.customers.length)] ?? null)
        : null;
      const headers: Record<string, string> = customer
        ? { authorization: `Bearer ${options.tokenFor(customer.id)}` }
        : { 'x-shopchat-visitor': visitorSecret() };
      const conversationId = randomId();
      const turns = 2 + Math.floor(random() * 3);
      for (let t = 0; t < turns && !stopped; t++) {
        if (options.thinkMs > 0) await sleep(options.thinkMs * (0.5 + random()));
        if (stopped) break;
        const turn = nextTurn(options.mix, random, customer);
        const record = await runTurn(
          agent,
          { target, targetIndex, conversationId, turn, headers: { ...headers, [INTENT_HEADER]: encodeIntent(turn.intent) } },
          origin,
          options.turnTimeoutMs,
          customer !== null,
        );
        records.push(record);
        // A conversation the server refused cannot go on: start a new one (after a pause when the
        // server is not answering at all, so a dead server is not hammered in a tight loop).
        if (record.status !== 200) {
          if (record.status === null) await sleep(100);
          break;
        }
      }
    }
  };

  const shoppers = Array.from({ length: options.concurrency }, (_, i) => shopper(i));
  return {
    records,
    origin,
    stop: async () => {
      stopped = true;
      await Promise.all(shoppers);
      agent.destroy();
    },
  };
}
