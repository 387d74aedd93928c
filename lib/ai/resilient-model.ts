import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
} from '@ai-sdk/provider';
import { APICallError } from '@ai-sdk/provider';
import { retryWithExponentialBackoff } from '@ai-sdk/provider-utils';
import type { Breaker } from './circuit-breaker';

/** Why a step was answered by the built-in engine instead of the provider. */
export type FallbackReason = 'breaker_open' | 'provider_failed' | 'first_chunk_timeout';

/** What happened to one turn's model calls, read back when the turn is saved. */
export interface ModelCallLog {
  /** One entry per step, in order: which model produced it. */
  steps: { model: string; fallbackReason?: FallbackReason }[];
  /** The provider errors seen (retried or not), unredacted, for the transcript. */
  providerErrors: string[];
}

export interface ResilientModelOptions {
  primary: LanguageModelV4;
  /** Label recorded for the primary's steps, e.g. "openai:gpt-5-mini". */
  primaryLabel: string;
  fallback: LanguageModelV4;
  fallbackLabel: string;
  breaker: Breaker;
  /** Retries after the first attempt for retryable provider errors (429, 5xx, timeouts). */
  maxRetries: number;
  /** Initial backoff; doubles per retry unless the provider says when to come back (Retry-After). */
  initialRetryDelayMs: number;
  /** A provider that has not produced any output by then is treated as failed. */
  firstChunkTimeoutMs: number;
  log: ModelCallLog;
}

class FirstChunkTimeoutError extends Error {
  override readonly name = 'FirstChunkTimeoutError';
}

const CONTENT_PARTS = new Set<LanguageModelV4StreamPart['type']>([
  'text-start',
  'text-delta',
  'reasoning-start',
  'reasoning-delta',
  'tool-input-start',
  'tool-call',
  'finish',
]);

/**
 * Wraps the provider's model so that every step either comes from the provider or, when the
 * provider is throttling, failing or its circuit breaker is open, from the built-in engine. The
 * shopper always gets an answer; the log records which model answered each step and why.
 * Retries use the AI SDK's exponential backoff, honouring Retry-After / retry-after-ms.
 */
export function createResilientModel(options: ResilientModelOptions): LanguageModelV4 {
  const { primary, fallback, breaker, log } = options;

  const answerWithFallback = async (call: LanguageModelV4CallOptions, reason: FallbackReason) => {
    log.steps.push({ model: options.fallbackLabel, fallbackReason: reason });
    return fallback.doStream(call);
  };

  const attempt = async (call: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> => {
    try {
      const result = await firstOutput(primary, call, options.firstChunkTimeoutMs);
      return { ...result, stream: result.stream.pipeThrough(reportOutcome(breaker, log)) };
    } catch (error) {
      log.providerErrors.push(describeError(error));
      await breaker.recordFailure();
      throw error;
    }
  };

  return {
    specificationVersion: 'v4',
    provider: primary.provider,
    modelId: primary.modelId,
    supportedUrls: primary.supportedUrls,
    doGenerate: () => Promise.reject(new Error('The chat route streams; doGenerate is not used.')),
    async doStream(call) {
      if (!(await breaker.allowRequest())) return answerWithFallback(call, 'breaker_open');
      const retry = retryWithExponentialBackoff({
        maxRetries: options.maxRetries,
        initialDelayInMs: options.initialRetryDelayMs,
        abortSignal: call.abortSignal,
        // Stop retrying as soon as the breaker opens: the engine answers instead of a long wait.
        shouldRetry: async (error) => isRetryable(error) && (await breaker.allowRequest()),
        getDelayInMs: ({ error, exponentialBackoffDelay }) => retryAfterMs(error) ?? exponentialBackoffDelay,
      });
      try {
        const result = await retry(() => attempt(call));
        log.steps.push({ model: options.primaryLabel });
        return result;
      } catch (error) {
        if (call.abortSignal?.aborted) throw error;
        return answerWithFallback(call, error instanceof FirstChunkTimeoutError ? 'first_chunk_timeout' : 'provider_failed');
      }
    },
  };
}

/**
 * Starts the provider's stream and waits for its first real output (or an error part), so that
 * throttling and outages surface here, where they can still be retried or handed to the engine.
 */
async function firstOutput(
  model: LanguageModelV4,
  call: LanguageModelV4CallOptions,
  timeoutMs: number,
): Promise<LanguageModelV4StreamResult> {
  const giveUp = new AbortController();
  // Linked for the stream's whole life, so a turn timeout still cancels the provider's request.
  const signal = call.abortSignal ? AbortSignal.any([call.abortSignal, giveUp.signal]) : giveUp.signal;
  const whenAborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  whenAborted.catch(() => {});
  const timer = setTimeout(
    () => giveUp.abort(new FirstChunkTimeoutError(`No output from the model within ${timeoutMs} ms`)),
    timeoutMs,
  );
  try {
    const result = await Promise.race([model.doStream({ ...call, abortSignal: signal }), whenAborted]);
    const reader = result.stream.getReader();
    const buffered: LanguageModelV4StreamPart[] = [];
    for (;;) {
      const next = await Promise.race([reader.read(), whenAborted]);
      if (next.done) break;
      if (next.value.type === 'error') throw next.value.error;
      buffered.push(next.value);
      if (CONTENT_PARTS.has(next.value.type)) break;
    }
    return { ...result, stream: replay(buffered, reader) };
  } catch (error) {
    const timedOut = giveUp.signal.reason instanceof FirstChunkTimeoutError;
    giveUp.abort();
    throw timedOut ? giveUp.signal.reason : error;
  } finally {
    clearTimeout(timer);
  }
}

function replay(
  buffered: LanguageModelV4StreamPart[],
  reader: ReadableStreamDefaultReader<LanguageModelV4StreamPart>,
): ReadableStream<LanguageModelV4StreamPart> {
  return new ReadableStream({
    start(controller) {
      for (const part of buffered) controller.enqueue(part);
    },
    async pull(controller) {
      try {
        const next = await reader.read();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        // A dropped connection becomes an error part, which the loop (and the breaker) understand.
        controller.enqueue({ type: 'error', error });
        controller.close();
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** A stream that ends with `finish` is a success; an error part or a broken stream is a failure. */
function reportOutcome(
  breaker: Breaker,
  log: ModelCallLog,
): TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart> {
  let reported = false;
  const report = async (ok: boolean, error?: unknown) => {
    if (reported) return;
    reported = true;
    if (ok) await breaker.recordSuccess();
    else {
      log.providerErrors.push(describeError(error));
      await breaker.recordFailure();
    }
  };
  return new TransformStream({
    async transform(part, controller) {
      if (part.type === 'finish') await report(true);
      if (part.type === 'error') await report(false, part.error);
      controller.enqueue(part);
    },
    async flush() {
      await report(false, new Error('The model stream ended without finishing'));
    },
  });
}

function isRetryable(error: unknown): boolean {
  return (APICallError.isInstance(error) && error.isRetryable) || error instanceof FirstChunkTimeoutError;
}

/** Retry-After / retry-after-ms, when present and under a minute; otherwise the exponential backoff applies. */
function retryAfterMs(error: unknown): number | undefined {
  if (!APICallError.isInstance(error) || !error.responseHeaders) return undefined;
  const headers = error.responseHeaders;
  const ms = headers['retry-after-ms'] !== undefined ? Number.parseFloat(headers['retry-after-ms']) : undefined;
  const seconds = headers['retry-after'] !== undefined ? Number.parseFloat(headers['retry-after']) : undefined;
  const wait = ms ?? (seconds !== undefined ? seconds * 1000 : undefined);
  return wait !== undefined && Number.isFinite(wait) && wait >= 0 && wait < 60_000 ? wait : undefined;
}

function describeError(error: unknown): string {
  if (APICallError.isInstance(error)) return `${error.statusCode ?? 'network'} ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
