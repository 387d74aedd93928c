import type { LanguageModelV4Prompt } from '@ai-sdk/provider';
import { z } from 'zod';
import type { ShopToolName, StoreFacts, ToolError, ToolOutcome } from './types';

/** The prompt, read the way the engine needs it: the store, the shopper's messages, and this turn's tool calls so far. */
export interface ConversationView {
  facts: StoreFacts;
  /** Every shopper message, oldest first; the last one is the message being answered. */
  userMessages: string[];
  /** Tool calls since the shopper's last message, with their results, in order. */
  turn: ToolOutcome[];
  /** Calls of this turn that were refused by the shopper or automatically (confirmations). */
  denied: { toolName: ShopToolName; input: Record<string, unknown> }[];
  /** How many of `turn` the assistant has already talked about in text this turn (they are not repeated). */
  alreadyAnswered: number;
  /** Tool calls of earlier turns, newest last: where follow-ups find "it" and "that order". */
  earlier: ToolOutcome[];
}

const FACTS_MARKER = 'Store facts (JSON): ';

const factsSchema = z.object({
  storeName: z.string(),
  currency: z.string(),
  locale: z.string(),
  memberLevels: z.array(z.object({ code: z.string(), name: z.string(), discountPercent: z.string() })),
  warehouses: z.array(z.object({ code: z.string(), name: z.string(), region: z.string() })),
  shopper: z.union([
    z.object({ signedIn: z.literal(false) }),
    z.object({
      signedIn: z.literal(true),
      customerId: z.string(),
      name: z.string(),
      memberLevel: z.object({ code: z.string(), name: z.string() }).nullable(),
    }),
  ]),
});

const UNKNOWN_STORE: StoreFacts = {
  storeName: 'our shop',
  currency: 'CNY',
  locale: 'zh-CN',
  memberLevels: [],
  warehouses: [],
  shopper: { signedIn: false },
};

/** The instructions end with one JSON line of store facts (see lib/ai/instructions.ts). */
export function readStoreFacts(prompt: LanguageModelV4Prompt): StoreFacts {
  for (const message of prompt) {
    if (message.role !== 'system') continue;
    const line = message.content.split('\n').find((l) => l.startsWith(FACTS_MARKER));
    if (!line) continue;
    try {
      const parsed = factsSchema.safeParse(JSON.parse(line.slice(FACTS_MARKER.length)));
      if (parsed.success) return parsed.data;
    } catch {
      // A malformed line leaves the defaults: the engine still answers, only less precisely.
    }
  }
  return UNKNOWN_STORE;
}

const toolErrorSchema = z.object({ error: z.string(), message: z.string() });

function toolError(value: unknown): ToolError {
  if (typeof value === 'string') {
    try {
      const parsed = toolErrorSchema.safeParse(JSON.parse(value.slice(Math.max(0, value.indexOf('{')))));
      if (parsed.success) return { code: parsed.data.error, message: parsed.data.message };
    } catch {
      // Not one of our JSON errors (e.g. the SDK's invalid-input text).
    }
    return { code: 'invalid_input', message: value };
  }
  const parsed = toolErrorSchema.safeParse(value);
  return parsed.success
    ? { code: parsed.data.error, message: parsed.data.message }
    : { code: 'unknown', message: 'The lookup failed.' };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function readConversation(prompt: LanguageModelV4Prompt): ConversationView {
  const facts = readStoreFacts(prompt);
  const userMessages: string[] = [];
  let turn: ToolOutcome[] = [];
  let earlier: ToolOutcome[] = [];
  let denied: ConversationView['denied'] = [];
  let alreadyAnswered = 0;
  const calls = new Map<string, { toolName: ShopToolName; input: Record<string, unknown> }>();

  for (const message of prompt) {
    if (message.role === 'user') {
      userMessages.push(
        message.content
          .map((part) => (part.type === 'text' ? part.text : ''))
          .join(' ')
          .trim(),
      );
      earlier = [...earlier, ...turn];
      turn = [];
      denied = [];
      alreadyAnswered = 0;
    } else if (message.role === 'assistant') {
      for (const part of message.content) {
        if (part.type === 'tool-call')
          calls.set(part.toolCallId, { toolName: part.toolName as ShopToolName, input: asRecord(part.input) });
        if (part.type === 'text' && part.text.trim()) alreadyAnswered = turn.length;
      }
    } else if (message.role === 'tool') {
      for (const part of message.content) {
        if (part.type !== 'tool-result') continue;
        const call = calls.get(part.toolCallId) ?? { toolName: part.toolName as ShopToolName, input: {} };
        const { output } = part;
        if (output.type === 'execution-denied') {
          denied.push(call);
          continue;
        }
        const base = { toolName: call.toolName, toolCallId: part.toolCallId, input: call.input };
        // Tool outputs in the prompt are exactly what our own tools returned.
        if (output.type === 'json') turn.push({ ...base, ok: true, output: output.value } as ToolOutcome);
        else if (output.type === 'error-text' || output.type === 'error-json')
          turn.push({ ...base, ok: false, error: toolError(output.value) });
      }
    }
  }
  return { facts, userMessages, turn, denied, alreadyAnswered, earlier };
}

export { FACTS_MARKER };
