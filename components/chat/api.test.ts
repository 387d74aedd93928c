import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_RATING_COMMENT_CHARACTERS as SERVER_MAX_COMMENT } from '@/lib/chat/ending';
import { SESSION_ID_PATTERN } from '@/lib/embed/protocol';
import { ChatApiError, classifyChatError, fetchOrThrow, MAX_RATING_COMMENT_CHARACTERS } from './api';
import { newSessionId } from './session';

afterEach(() => vi.unstubAllGlobals());

function answerWith(response: Response) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => response),
  );
}

function apiError(status: number, code: string, headers: Record<string, string> = {}, retryAfterSeconds?: number): Response {
  return Response.json(
    { error: { code, message: `${code} happened`, ...(retryAfterSeconds !== undefined && { retryAfterSeconds }) } },
    { status, headers },
  );
}

async function failureOf(response: Response): Promise<unknown> {
  answerWith(response);
  return fetchOrThrow('/api/chat', { method: 'POST' }).then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => error,
  );
}

describe('fetchOrThrow and classifyChatError', () => {
  it('passes a 2xx answer through untouched', async () => {
    answerWith(new Response('data: [DONE]\n\n', { status: 200 }));
    const response = await fetchOrThrow('/api/chat');
    expect(await response.text()).toBe('data: [DONE]\n\n');
  });

  it('429: a rate limit with the wait from Retry-After', async () => {
    const error = await failureOf(apiError(429, 'rate_limited', { 'Retry-After': '7' }, 7));
    expect(error).toBeInstanceOf(ChatApiError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', message: 'rate_limited happened', retryAfterSeconds: 7 });
    expect(classifyChatError(error)).toEqual({ kind: 'rate_limited', retryAfterSeconds: 7 });
  });

  it('429 without the header: the wait from the body, else a short default', async () => {
    expect(classifyChatError(await failureOf(apiError(429, 'rate_limited', {}, 12)))).toEqual({
      kind: 'rate_limited',
      retryAfterSeconds: 12,
    });
    expect(classifyChatError(await failureOf(apiError(429, 'rate_limited')))).toEqual({
      kind: 'rate_limited',
      retryAfterSeconds: 5,
    });
  });

  it('401 unauthorized: the sign-in expired; other 4xx and 5xx: our side', async () => {
    expect(classifyChatError(await failureOf(apiError(401, 'unauthorized'))).kind).toBe('signed_out');
    for (const [status, code] of [
      [400, 'bad_request'],
      [403, 'forbidden'],
      [409, 'conflict'],
      [413, 'payload_too_large'],
      [500, 'internal'],
      [503, 'unavailable'],
    ] as const) {
      expect(classifyChatError(await failureOf(apiError(status, code))), `${status}`).toEqual({
        kind: 'server',
        retryAfterSeconds: 0,
      });
    }
  });

  it('a body that is not our error shape still fails with its status', async () => {
    const error = await failureOf(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(error).toMatchObject({ status: 502, code: 'unknown' });
    expect(classifyChatError(error).kind).toBe('server');
  });

  it('a network failure (fetch rejects with TypeError) is "offline"; anything else is ours', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const error = await fetchOrThrow('/api/chat').catch((caught: unknown) => caught);
    expect(classifyChatError(error)).toEqual({ kind: 'offline', retryAfterSeconds: 0 });
    expect(classifyChatError(new Error('stream broke')).kind).toBe('server');
  });
});

describe('limits shared with the server', () => {
  it('the comment counter uses the rating route’s limit', () => {
    expect(MAX_RATING_COMMENT_CHARACTERS).toBe(SERVER_MAX_COMMENT);
  });

  it('new conversation ids are 32 URL-safe characters the API accepts, and differ', () => {
    const ids = Array.from({ length: 50 }, newSessionId);
    for (const id of ids) {
      expect(id).toHaveLength(32);
      expect(id).toMatch(SESSION_ID_PATTERN);
    }
    expect(new Set(ids).size).toBe(50);
  });
});
