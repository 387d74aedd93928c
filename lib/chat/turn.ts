import {
  convertToModelMessages,
  createUIMessageStream,
  createUIMessageStreamResponse,
  InvalidToolInputError,
  isStepCount,
  NoSuchToolError,
  streamText,
  type ToolApprovalStatus,
  toUIMessageStream,
} from 'ai';
import { buildInstructions } from '@/lib/ai/instructions';
import { createOfflineModel, OFFLINE_LABEL } from '@/lib/ai/model';
import { createResilientModel, type ModelCallLog } from '@/lib/ai/resilient-model';
import { createShopTools, ORDER_CHANGING_TOOLS } from '@/lib/ai/tools';
import { isToolFailure } from '@/lib/ai/tools/tool-failure';
import type { Shopper } from '@/lib/auth/shopper';
import type { ConversationStatus } from './conversations';
import { plainText, type ShopUIMessage } from './messages';
import type { ChatRuntime } from './runtime';
import { describeFailure, ToolCallRecorder } from './tool-log';
import { newMessageId, saveMessage, type TurnOutcome } from './transcript';

/** Filled in by the loop's callbacks as the turn runs; read when it is saved. */
interface TurnProgress {
  firstTextMs: number | null;
  /** CHAT_TURN_TIMEOUT_MS ran out. */
  timedOut: boolean;
  stepsTaken: number;
  lastFinishReason: string | null;
  error: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
}

export interface TurnRequest {
  runtime: ChatRuntime;
  conversationId: string;
  shopper: Shopper;
  /** The stored transcript, ending with the new shopper message or with the confirmations just given. */
  history: ShopUIMessage[];
  /** performance.now() when the request arrived, for time-to-first-text. */
  receivedAt: number;
  headers?: Headers;
}

const TIMEOUT_NOTICE = 'Sorry, that took too long to answer. Please try again. 抱歉，回答超时了，请再试一次。';
const STEP_LIMIT_NOTICE =
  'Sorry, I could not finish looking that up. Could you ask again, perhaps one thing at a time? 抱歉，这个问题我没能查完，请换个说法或分开问。';

/**
 * Runs the tool loop for one shopper turn and streams it in the UI-message protocol. The turn is
 * saved when it has run to the end, even if the shopper's browser went away meanwhile.
 */
export async function streamAssistantTurn(turn: TurnRequest): Promise<Response> {
  const { runtime, conversationId, shopper, history } = turn;
  const { db, config } = runtime;
  const { facts, timezone } = await runtime.storeFacts(shopper);

  const models: ModelCallLog = { steps: [], providerErrors: [] };
  const model = runtime.provider
    ? createResilientModel({
        primary: runtime.provider.model,
        primaryLabel: runtime.provider.label,
        fallback: createOfflineModel(),
        fallbackLabel: OFFLINE_LABEL,
        breaker: runtime.breaker,
        maxRetries: config.maxRetries,
        initialRetryDelayMs: config.retryDelayMs,
        firstChunkTimeoutMs: config.firstChunkTimeoutMs,
        log: models,
      })
    : createOfflineModel();
  const tools = createShopTools({ db, shopper, conversationId, now: runtime.now });
  const recorder = new ToolCallRecorder(models);
  const orderApproval: ToolApprovalStatus =
    shopper.kind === 'customer'
      ? 'user-approval'
      : { type: 'denied', reason: 'The shopper is not signed in: ordering needs a signed-in account on the shop website.' };

  const progress: TurnProgress = {
    firstTextMs: null,
    timedOut: false,
    stepsTaken: 0,
    lastFinishReason: null,
    error: null,
    inputTokens: null,
    outputTokens: null,
  };

  const result = streamText({
    model,
    tools,
    instructions: buildInstructions({ facts, timezone, now: runtime.now() }),
    messages: await convertToModelMessages(withoutUnfinishedToolCalls(history), { tools }),
    stopWhen: isStepCount(config.maxSteps),
    // The resilient model retries the provider itself, so that it can fall back once retries run out.
    maxRetries: 0,
    timeout: { totalMs: config.turnTimeoutMs },
    toolApproval: Object.fromEntries(ORDER_CHANGING_TOOLS.map((name) => [name, orderApproval])),
    experimental_toolApprovalSecret: config.toolApprovalSecret,
    // The last allowed step gets no tools, so the shopper gets an answer instead of a dangling lookup.
    prepareStep: ({ stepNumber }) => (stepNumber >= config.maxSteps - 1 ? { activeTools: [] } : undefined),
    onChunk: ({ chunk }) => {
      if (progress.firstTextMs === null && chunk.type === 'text-delta')
        progress.firstTextMs = Math.round(performance.now() - turn.receivedAt);
    },
    onToolExecutionEnd: (event) => recorder.recordExecution(event),
    onStepEnd: (step) => {
      recorder.recordStep(step.stepNumber, step.content);
      progress.stepsTaken = step.stepNumber + 1;
      progress.lastFinishReason = step.finishReason;
    },
    onEnd: (event) => {
      progress.inputTokens = event.totalUsage.inputTokens ?? null;
      progress.outputTokens = event.totalUsage.outputTokens ?? null;
    },
    onError: ({ error }) => {
      progress.error = describeFailure(error);
      console.error(`[chat] answer failed in conversation ${conversationId}`, error);
    },
  });

  const answeredBy = () => models.steps.at(-1)?.model ?? runtime.provider?.label ?? OFFLINE_LABEL;
  const usedFallback = () => models.steps.some((step) => step.fallbackReason !== undefined);
  const stoppedAtStepLimit = () =>
    progress.stepsTaken >= config.maxSteps &&
    progress.lastFinishReason === 'tool-calls' &&
    !recorder.records().some((r) => r.state === 'awaiting_approval');

  // Settles once the answer is saved: the server stays up for it (graceful shutdown), and a resumed
  // stream ends only after it.
  const { promise: saved, resolve: markSaved } = Promise.withResolvers<void>();
  runtime.waitUntil(saved);
  // Nothing reaches the shopper before the answer is kept for resuming: a reload right after the
  // first words must find it.
  const { promise: kept, resolve: markKept } = Promise.withResolvers<void>();

  // Calls seen in this turn's stream, for denials of calls that were never in the stored history.
  const pendingCalls = new Map<string, { toolCallId: string; toolName: string; input: unknown }>();
  const stream = createUIMessageStream<ShopUIMessage>({
    originalMessages: history,
    generateId: newMessageId,
    onError: (error) => {
      // An error the loop already reported comes back here as the shopper's text: log only new ones.
      if (progress.error === null) {
        progress.error = describeFailure(error);
        console.error(`[chat] turn failed in conversation ${conversationId}`, error);
      }
      return shopperFacingError(error);
    },
    execute: async ({ writer }) => {
      await kept;
      const answer = toUIMessageStream<typeof tools, ShopUIMessage>({
        stream: result.stream,
        tools,
        onError: shopperFacingError,
        messageMetadata: ({ part }) => {
          if (part.type === 'start') return { createdAt: runtime.now().toISOString() };
          if (part.type === 'finish') return { model: answeredBy(), usedFallback: usedFallback() };
          return undefined;
        },
      });
      const writeNotice = (text: string) => {
        const id = newMessageId();
        writer.write({ type: 'text-start', id });
        writer.write({ type: 'text-delta', id, delta: text });
        writer.write({ type: 'text-end', id });
      };
      for await (const chunk of answer) {
        if (chunk.type === 'abort') {
          progress.timedOut = true;
          writeNotice(TIMEOUT_NOTICE);
        }
        if (chunk.type === 'tool-output-denied') {
          const call = findToolCall(history, chunk.toolCallId) ?? pendingCalls.get(chunk.toolCallId);
          if (call) recorder.recordDenied(call);
        }
        if (chunk.type === 'tool-input-available') pendingCalls.set(chunk.toolCallId, chunk);
        if (chunk.type === 'finish' && stoppedAtStepLimit()) writeNotice(STEP_LIMIT_NOTICE);
        if (chunk.type === 'finish') {
          // Staff took the conversation over while the bot was answering: the widget is told so, and onEnd posts nothing.
          const taken = await db.conversation.findUnique({ where: { id: conversationId }, select: { status: true } });
          if (taken && !botMayPost(taken)) writer.write({ type: 'data-status', data: { status: taken.status }, transient: true });
        }
        writer.write(chunk);
      }
    },
    onEnd: async ({ responseMessage }) => {
      const outcome: TurnOutcome = {
        model: answeredBy(),
        usedFallback: usedFallback(),
        finishReason: progress.timedOut ? 'timeout' : stoppedAtStepLimit() ? 'step-limit' : progress.lastFinishReason,
        inputTokens: progress.inputTokens,
        outputTokens: progress.outputTokens,
        firstTextMs: progress.firstTextMs,
        durationMs: Math.round(performance.now() - turn.receivedAt),
        error: [progress.error, ...models.providerErrors].filter((e) => e !== null).join('\n') || null,
      };
      try {
        const posted = await saveMessage(db, conversationId, responseMessage, outcome, recorder.records(), {
          onlyIf: botMayPost,
        });
        if (posted) runtime.live.publish({ conversationId, kind: 'message' });
        else
          console.warn(
            `[chat] conversation ${conversationId} was taken over by staff during the turn: the bot's answer was not posted`,
            { text: plainText(responseMessage), toolCalls: recorder.records().map((call) => `${call.toolName}:${call.state}`) },
          );
      } catch (error) {
        console.error(`[chat] could not save the answer in conversation ${conversationId}`, error);
      } finally {
        markSaved();
      }
    },
  });

  return createUIMessageStreamResponse({
    stream,
    ...(turn.headers && { headers: turn.headers }),
    // Drains the stream even when the shopper disconnects, so onEnd saves the complete answer, and
    // keeps it for a shopper who comes back mid-answer (GET /api/chat/{id}/stream).
    consumeSseStream: ({ stream: sse }) => runtime.answers.keep(conversationId, sse, saved).finally(markKept),
  });
}

/**
 * The bot re-checks ownership before posting: a member of staff who took the conversation over
 * (status human) has it. (waiting_human still gets this turn's answer: it is the hand-off itself.)
 */
function botMayPost(conversation: { status: ConversationStatus }): boolean {
  return conversation.status !== 'human';
}

/**
 * What the shopper's widget shows for an error. Tool failures carry a shopper-safe message (the same
 * text the model saw, so the stored history stays consistent); everything else is replaced.
 */
export function shopperFacingError(error: unknown): string {
  if (isToolFailure(error)) return error.message;
  if (InvalidToolInputError.isInstance(error) || NoSuchToolError.isInstance(error)) {
    return JSON.stringify({
      error: 'invalid_tool_call',
      message: 'The assistant made a mistake looking that up and will try again.',
    });
  }
  return 'Sorry, the answer was interrupted. Please try again.';
}

/**
 * Tool calls without a result — cut off mid-call (timeout, crash), or a confirmation the shopper
 * moved on from without answering — are rejected by providers in the history, so the model does
 * not see them. (Answered confirmations are `approval-responded` and stay.)
 */
function withoutUnfinishedToolCalls(history: ShopUIMessage[]): ShopUIMessage[] {
  const unfinished = new Set(['input-streaming', 'input-available', 'approval-requested']);
  return history.map((message) => ({
    ...message,
    parts: message.parts.filter((part) => !('toolCallId' in part && 'state' in part && unfinished.has(part.state))),
  }));
}

/** The tool call with this id in the stored transcript (a confirmation answers a call from an earlier request). */
function findToolCall(
  history: ShopUIMessage[],
  toolCallId: string,
): { toolCallId: string; toolName: string; input: unknown } | undefined {
  for (const message of history) {
    for (const part of message.parts) {
      if ('toolCallId' in part && part.toolCallId === toolCallId && part.type.startsWith('tool-')) {
        return { toolCallId, toolName: part.type.slice('tool-'.length), input: part.input };
      }
    }
  }
  return undefined;
}
