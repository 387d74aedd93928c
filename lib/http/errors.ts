/**
 * The one place that decides what an API error is called, which HTTP status it gets and what the
 * caller reads. Routes throw ApiError (or let unexpected errors through) and return
 * errorResponse(error); nothing else builds error responses.
 */
export type ApiErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

const STATUS: Record<ApiErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly options: { retryAfterSeconds?: number; details?: Readonly<Record<string, unknown>> } = {},
  ) {
    super(message);
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; retryAfterSeconds?: number; details?: Readonly<Record<string, unknown>> };
}

export function errorResponse(error: unknown, headers: HeadersInit = {}): Response {
  const apiError =
    error instanceof ApiError ? error : new ApiError('internal', 'Something went wrong on our side. Please try again.');
  if (!(error instanceof ApiError)) console.error('[api] unexpected error', error);
  const { retryAfterSeconds, details } = apiError.options;
  const body: ApiErrorBody = {
    error: {
      code: apiError.code,
      message: apiError.message,
      ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
      ...(details && { details }),
    },
  };
  const responseHeaders = new Headers(headers);
  if (retryAfterSeconds !== undefined) responseHeaders.set('Retry-After', String(retryAfterSeconds));
  return Response.json(body, { status: apiError.status, headers: responseHeaders });
}
