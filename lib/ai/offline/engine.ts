import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';
import { createIdGenerator } from '@ai-sdk/provider-utils';
import { readConversation } from './conversation';
import { planStep, type Step } from './planner';

/**
 * The built-in rule-based engine: a LanguageModelV4 that needs no network and no weights, so the
 * same tool loop, tools, authorization and transcripts run without an API key and whenever the
 * provider is down. It reads the prompt (store facts, the conversation, this turn's tool results),
 * decides the next tool calls, and writes the answer from the results. It never claims to be an LLM.
 */
export const OFFLINE_MODEL_ID = 'offline';

const NO_USAGE: LanguageModelV4Usage = {
  inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 0, text: 0, reasoning: 0 },
};

/**
 * Tool call ids must be unique across the whole conversation, not just this turn's model: the
 * tool-call log and the order's idempotency key (conversation:toolCallId) are keyed by them.
 */
const newToolCallId = createIdGenerator({ prefix: 'offline', size: 16 });

export function createOfflineModel(): LanguageModelV4 {
  const decide = (options: LanguageModelV4CallOptions): { step: Step; ids: string[] } => {
    const available = new Set((options.tools ?? []).map((tool) => tool.name));
    const step = planStep(readConversation(options.prompt), available.size > 0);
    if (step.kind === 'call') {
      const calls = step.calls.filter((call) => available.has(call.toolName));
      if (calls.length === 0) return decide({ ...options, tools: [] });
      return { step: { ...step, calls }, ids: calls.map(() => newToolCallId()) };
    }
    return { step, ids: [] };
  };

  return {
    specificationVersion: 'v4',
    provider: 'builtin',
    modelId: OFFLINE_MODEL_ID,
    supportedUrls: {},
    async doGenerate(options) {
      const { step, ids } = decide(options);
      const content: LanguageModelV4Content[] = [];
      const text = step.kind === 'answer' ? step.text : step.preface;
      if (text) content.push({ type: 'text', text });
      if (step.kind === 'call') {
        step.calls.forEach((call, i) => {
          content.push({
            type: 'tool-call',
            toolCallId: ids[i] ?? newToolCallId(),
            toolName: call.toolName,
            input: JSON.stringify(call.input),
          });
        });
      }
      return { content, finishReason: finishReasonOf(step), usage: NO_USAGE, warnings: [] };
    },
    async doStream(options) {
      const { step, ids } = decide(options);
      return { stream: streamOf(step, ids) };
    },
  };
}

function finishReasonOf(step: Step): { unified: 'stop' | 'tool-calls'; raw: undefined } {
  return { unified: step.kind === 'call' ? 'tool-calls' : 'stop', raw: undefined };
}

/** Small deltas, so the widget shows the answer arriving the same way as a model's. */
function streamOf(step: Step, ids: string[]): ReadableStream<LanguageModelV4StreamPart> {
  const parts: LanguageModelV4StreamPart[] = [
    { type: 'stream-start', warnings: [] },
    { type: 'response-metadata', modelId: OFFLINE_MODEL_ID },
  ];
  const text = step.kind === 'answer' ? step.text : step.preface;
  if (text) {
    parts.push({ type: 'text-start', id: 'text_0' });
    for (const delta of chunk(text, 24)) parts.push({ type: 'text-delta', id: 'text_0', delta });
    parts.push({ type: 'text-end', id: 'text_0' });
  }
  if (step.kind === 'call') {
    step.calls.forEach((call, i) => {
      parts.push({
        type: 'tool-call',
        toolCallId: ids[i] ?? newToolCallId(),
        toolName: call.toolName,
        input: JSON.stringify(call.input),
      });
    });
  }
  parts.push({ type: 'finish', finishReason: finishReasonOf(step), usage: NO_USAGE });
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}

/** Splits on code points, so Chinese text and emoji are never cut in half. */
function chunk(text: string, size: number): string[] {
  const characters = Array.from(text);
  const pieces: string[] = [];
  for (let i = 0; i < characters.length; i += size) pieces.push(characters.slice(i, i + size).join(''));
  return pieces;
}
