import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
} from '@ai-sdk/provider';

/**
 * The built-in rule-based engine: a LanguageModelV4 that needs no network and no weights, so the
 * same tool loop, tools, authorization and transcripts run without an API key and whenever the
 * provider is down. This first version does one honest thing: it looks the shopper's words up in
 * the catalogue (searchProducts) and reports what it found. It never pretends to be an LLM.
 */
export const OFFLINE_MODEL_ID = 'offline';

type Decision = { kind: 'text'; text: string } | { kind: 'tool-call'; toolName: string; input: Record<string, unknown> };

const INTRO =
  "I'm the shop's built-in assistant (a rule-based engine, not an AI model). I can look products up in our catalogue.";

export function createOfflineModel(): LanguageModelV4 {
  let callCount = 0;
  const decide = (options: LanguageModelV4CallOptions): Decision =>
    decideNextStep(options.prompt, hasTool(options, 'searchProducts'));

  return {
    specificationVersion: 'v4',
    provider: 'builtin',
    modelId: OFFLINE_MODEL_ID,
    supportedUrls: {},
    async doGenerate(options) {
      const decision = decide(options);
      const content: LanguageModelV4Content[] =
        decision.kind === 'text'
          ? [{ type: 'text', text: decision.text }]
          : [
              {
                type: 'tool-call',
                toolCallId: `offline_${++callCount}`,
                toolName: decision.toolName,
                input: JSON.stringify(decision.input),
              },
            ];
      return {
        content,
        finishReason: { unified: decision.kind === 'text' ? 'stop' : 'tool-calls', raw: undefined },
        usage: NO_USAGE,
        warnings: [],
      };
    },
    async doStream(options) {
      const decision = decide(options);
      const toolCallId = `offline_${++callCount}`;
      return { stream: streamOf(decision, toolCallId) };
    },
  };
}

function hasTool(options: LanguageModelV4CallOptions, name: string): boolean {
  return (options.tools ?? []).some((tool) => tool.name === name);
}

/** Reads the prompt: after a tool result, answer from it; after a shopper message, look it up. */
function decideNextStep(prompt: LanguageModelV4Prompt, canSearch: boolean): Decision {
  const last = prompt.at(-1);
  if (last?.role === 'tool') {
    const result = last.content.find((part) => part.type === 'tool-result');
    if (result && result.toolName === 'searchProducts') return { kind: 'text', text: describeSearch(result.output) };
    return { kind: 'text', text: 'I looked that up, but I can only summarise catalogue searches for now.' };
  }
  const question = last?.role === 'user' ? textOf(last.content) : '';
  if (!question) return { kind: 'text', text: `${INTRO} What are you looking for?` };
  if (!canSearch) return { kind: 'text', text: `${INTRO} Searching is not available right now; please try again shortly.` };
  return { kind: 'tool-call', toolName: 'searchProducts', input: { query: question.slice(0, 200), limit: 5 } };
}

function textOf(content: LanguageModelV4Prompt[number]['content']): string {
  if (typeof content === 'string') return content.trim();
  return content
    .map((part) => (part.type === 'text' ? part.text : ''))
    .join(' ')
    .trim();
}

type ToolOutput = Extract<LanguageModelV4Prompt[number], { role: 'tool' }>['content'][number] extends infer Part
  ? Part extends { type: 'tool-result'; output: infer Output }
    ? Output
    : never
  : never;

function describeSearch(output: ToolOutput): string {
  if (output.type !== 'json') return `${INTRO} The catalogue could not be searched just now; please try again shortly.`;
  const results = readSearchResults(output.value);
  if (results.length === 0) return `${INTRO} I could not find a product matching that. Could you tell me its name or SKU?`;
  const lines = results.map(
    (r) => `- ${r.name} (SKU ${r.sku}): ${r.price}${r.status === 'discontinued' ? ' (discontinued)' : ''}`,
  );
  return `${INTRO} Here is what I found:\n${lines.join('\n')}`;
}

interface FoundProduct {
  sku: string;
  name: string;
  price: string;
  status: string;
}

function readSearchResults(value: unknown): FoundProduct[] {
  if (typeof value !== 'object' || value === null || !('results' in value) || !Array.isArray(value.results)) return [];
  return value.results.filter(
    (r): r is FoundProduct =>
      typeof r === 'object' &&
      r !== null &&
      typeof r.sku === 'string' &&
      typeof r.name === 'string' &&
      typeof r.price === 'string' &&
      typeof r.status === 'string',
  );
}

const NO_USAGE: LanguageModelV4Usage = {
  inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 0, text: 0, reasoning: 0 },
};

/** Small deltas, so the widget shows the answer arriving the same way as a model's. */
function streamOf(decision: Decision, toolCallId: string): ReadableStream<LanguageModelV4StreamPart> {
  const parts: LanguageModelV4StreamPart[] = [
    { type: 'stream-start', warnings: [] },
    { type: 'response-metadata', modelId: OFFLINE_MODEL_ID },
  ];
  if (decision.kind === 'text') {
    parts.push({ type: 'text-start', id: 'text_0' });
    for (const delta of chunk(decision.text, 16)) parts.push({ type: 'text-delta', id: 'text_0', delta });
    parts.push({ type: 'text-end', id: 'text_0' });
  } else {
    parts.push({ type: 'tool-call', toolCallId, toolName: decision.toolName, input: JSON.stringify(decision.input) });
  }
  parts.push({
    type: 'finish',
    finishReason: { unified: decision.kind === 'text' ? 'stop' : 'tool-calls', raw: undefined },
    usage: NO_USAGE,
  });
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}

function chunk(text: string, size: number): string[] {
  const characters = Array.from(text);
  const pieces: string[] = [];
  for (let i = 0; i < characters.length; i += size) pieces.push(characters.slice(i, i + size).join(''));
  return pieces;
}
