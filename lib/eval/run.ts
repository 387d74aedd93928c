import { randomBytes } from 'node:crypto';
import { signShopperToken } from '@/lib/auth/shopper-token';
import { VISITOR_HEADER } from '@/lib/auth/visitor';
import { handleChatRequest } from '@/lib/chat/handler';
import { type ChatRuntime, createChatRuntime } from '@/lib/chat/runtime';
import type { PrismaClient } from '@/lib/db/client';
import { type LoadedConversation, loadConversations } from './load';
import { type Conversation, type EvalStore, type EvalTurn, isApprovalTurn } from './schema';
import { containsFact, scoreTurn, type TurnObservation, type TurnScore } from './score';
import { CONVERSATIONS_DIR, EVAL_NOW, prepareStoreDatabase } from './stores';
import { type PendingApproval, readTurnStream, type StreamChunk } from './stream';

export type EvalModel = 'offline' | 'openai';

export interface EvalOptions {
  model: EvalModel;
  /** Stores to run (default both). */
  stores?: readonly EvalStore[];
  /** Only conversations whose id starts with this. */
  only?: string;
  conversationsDir?: string;
  /** Where OPENAI_* and CHAT_* settings come from (default process.env). */
  env?: Record<string, string | undefined>;
  /** Progress lines (store set-up, one line per conversation). */
  log?: (line: string) => void;
}

export interface TurnResult {
  /** 0-based position in the conversation. */
  index: number;
  /** The shopper's words, or "(confirms)" / "(declines)". */
  said: string;
  turn: EvalTurn;
  observation: TurnObservation;
  score: TurnScore;
  firstTextMs: number | null;
  /** mustNotContain entries found anywhere in the raw stream (tool inputs and outputs included). */
  streamLeaks: string[];
}

export interface ConversationResult {
  file: string;
  conversation: Conversation;
  turns: TurnResult[];
  /** A safety conversation let something it must not reveal reach the answer or the stream. */
  leaked: boolean;
}

const SHOPPER_SECRET = randomBytes(32).toString('base64url');

/** The chat settings for an evaluation run: the shop's own, with the model forced and limits lifted. */
export function evalEnv(model: EvalModel, env: Record<string, string | undefined>): Record<string, string | undefined> {
  if (model === 'openai' && !env.OPENAI_API_KEY?.trim()) {
    throw new Error('--model openai needs OPENAI_API_KEY (and optionally OPENAI_MODEL, OPENAI_BASE_URL) in the environment.');
  }
  return {
    ...env,
    // Blank = unset for chatConfigFromEnv: the built-in engine answers even when the shell has a key.
    OPENAI_API_KEY: model === 'openai' ? env.OPENAI_API_KEY : '',
    SHOPPER_TOKEN_SECRET: SHOPPER_SECRET,
    TOOL_APPROVAL_SECRET: randomBytes(32).toString('base64url'),
    // Hundreds of turns from one address in seconds: the shop's limits would refuse most of them.
    CHAT_RATE_LIMIT_BURST: '100000',
    CHAT_RATE_LIMIT_PER_SECOND: '100000',
  };
}

/** Loads the conversations, builds each store's database and plays every conversation against the real handler. */
export async function runEval(options: EvalOptions): Promise<ConversationResult[]> {
  const log = options.log ?? (() => {});
  const env = evalEnv(options.model, options.env ?? process.env);
  const all = loadConversations(options.conversationsDir ?? CONVERSATIONS_DIR);
  const stores = options.stores ?? (['demo', 'northwind'] as const);
  const results: ConversationResult[] = [];
  for (const store of stores) {
    const selected = all.filter(
      ({ conversation }) => conversation.store === store && (!options.only || conversation.id.startsWith(options.only)),
    );
    if (selected.length === 0) continue;
    const started = performance.now();
    const prepared = await prepareStoreDatabase(store);
    log(`${store}: store ready in ${((performance.now() - started) / 1000).toFixed(1)} s, ${selected.length} conversations`);
    try {
      const runtime: ChatRuntime = { ...createChatRuntime(prepared.database, env), now: () => EVAL_NOW };
      await warmUp(runtime);
      for (const loaded of selected) {
        const result = await runConversation(runtime, loaded);
        const passed = result.turns.filter((t) => t.score.toolOk && t.score.answerOk).length;
        log(
          `  ${passed === result.turns.length ? 'ok  ' : 'FAIL'} ${loaded.conversation.id} (${passed}/${result.turns.length} turns)`,
        );
        results.push(result);
      }
    } finally {
      await prepared.dispose();
    }
  }
  return results;
}

/**
 * One unscored turn first: the first request of a process pays for loading code and preparing
 * queries, which a running shop has long done; counting it would skew time to first text.
 */
async function warmUp(runtime: ChatRuntime): Promise<void> {
  const session: Session = {
    conversationId: newConversationId(),
    authorization: null,
    visitorSecret: randomBytes(32).toString('base64url'),
  };
  const response = await handleChatRequest(
    chatRequest(session, [{ id: 'eval-warm-up', role: 'user', parts: [{ type: 'text', text: 'hello' }] }]),
    runtime,
  );
  await readTurnStream(response, performance.now());
}

interface Session {
  conversationId: string;
  authorization: string | null;
  visitorSecret: string | null;
}

function newConversationId(): string {
  return `eval_${randomBytes(18).toString('base64url')}`;
}

function chatRequest(session: Session, messages: unknown[]): Request {
  const headers = new Headers({ 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.23' });
  if (session.authorization) headers.set('authorization', session.authorization);
  if (session.visitorSecret) headers.set(VISITOR_HEADER, session.visitorSecret);
  return new Request('http://127.0.0.1:3000/api/chat', {
    method: 'POST',
    headers,
    body: JSON.stringify({ id: session.conversationId, trigger: 'submit-message', messages }),
  });
}

/** What useChat sends after addToolApprovalResponse: the assistant message with each waiting tool part answered. */
function approvalMessage(pending: readonly PendingApproval[], approved: boolean): unknown {
  return {
    id: `eval-approval-${randomBytes(6).toString('hex')}`,
    role: 'assistant',
    parts: pending.map((approval) => ({
      type: `tool-${approval.toolName}`,
      toolCallId: approval.toolCallId,
      state: 'approval-responded',
      input: approval.input,
      approval: { id: approval.approvalId, approved },
    })),
  };
}

export async function runConversation(runtime: ChatRuntime, loaded: LoadedConversation): Promise<ConversationResult> {
  const { conversation } = loaded;
  const session: Session = {
    conversationId: newConversationId(),
    authorization: conversation.shopper
      ? `Bearer ${await signShopperToken(conversation.shopper.customerId, SHOPPER_SECRET, { now: EVAL_NOW })}`
      : null,
    visitorSecret: conversation.shopper ? null : randomBytes(32).toString('base64url'),
  };
  const turns: TurnResult[] = [];
  let pending: PendingApproval[] = [];
  let savedAnswers = 0;
  for (const [index, turn] of conversation.turns.entries()) {
    const approval = isApprovalTurn(turn);
    const said = approval ? (turn.approve ? '(confirms)' : '(declines)') : turn.user;
    if (approval && pending.length === 0) {
      const observation: TurnObservation = { toolCalls: [], text: '', error: 'nothing was waiting for a confirmation' };
      turns.push({ index, said, turn, observation, score: scoreTurn(turn, observation), firstTextMs: null, streamLeaks: [] });
      continue;
    }
    const messages = approval
      ? [approvalMessage(pending, turn.approve)]
      : [{ id: `eval-user-${index}`, role: 'user', parts: [{ type: 'text', text: turn.user }] }];
    const answered = approval ? pending.map((p) => p.toolCallId) : [];
    const sentAt = performance.now();
    const response = await handleChatRequest(chatRequest(session, messages), runtime);
    const stream = await readTurnStream(response, sentAt);
    const startedAnswer = stream.chunks.some((chunk) => chunk.type === 'start');
    if (startedAnswer && !approval) savedAnswers++;
    // The turn saves itself when its stream ends; the next turn must find it in the transcript.
    if (startedAnswer) await waitUntilSaved(runtime.db, session.conversationId, savedAnswers, answered);
    pending = stream.approvals;

    const observation: TurnObservation = {
      toolCalls: stream.toolCalls,
      text: stream.text,
      ...(stream.status !== 200 && { error: `HTTP ${stream.status}: ${stream.raw.slice(0, 300)}` }),
      ...(stream.status === 200 && streamError(stream.chunks)),
    };
    turns.push({
      index,
      said,
      turn,
      observation,
      score: scoreTurn(turn, observation),
      firstTextMs: stream.firstTextMs,
      streamLeaks: (turn.mustNotContain ?? []).filter((fact) => containsFact(stream.raw, fact)),
    });
  }
  const leaked =
    conversation.category === 'safety' && turns.some((t) => t.score.leakedFacts.length > 0 || t.streamLeaks.length > 0);
  return { file: loaded.file, conversation, turns, leaked };
}

/** A stream `error` chunk: the turn broke (the shopper saw "Sorry, the answer was interrupted"). */
function streamError(chunks: StreamChunk[]): { error?: string } {
  const error = chunks.find((chunk) => chunk.type === 'error');
  return error ? { error: `stream error: ${String(error.errorText)}` } : {};
}

async function waitUntilSaved(
  db: PrismaClient,
  conversationId: string,
  answers: number,
  answeredToolCalls: readonly string[],
): Promise<void> {
  const deadline = performance.now() + 15_000;
  while (performance.now() < deadline) {
    const [saved, waiting] = await Promise.all([
      db.chatMessage.count({ where: { conversationId, role: 'assistant', durationMs: { not: null } } }),
      answeredToolCalls.length
        ? db.toolCallLog.count({
            where: { conversationId, toolCallId: { in: [...answeredToolCalls] }, state: 'awaiting_approval' },
          })
        : Promise.resolve(0),
    ]);
    if (saved >= answers && waiting === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`conversation ${conversationId}: the answer was not saved within 15 s`);
}
