import type { z } from 'zod';
import { ApiError } from './errors';

/**
 * A request's JSON body checked against a schema: too large → 413, not JSON or not the shape →
 * 400 naming the first bad field. `shape` tells the caller what was expected ("{ id, messages, trigger }").
 */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  { shape, label, maxBytes }: { shape: string; label: string; maxBytes: number },
): Promise<z.output<Schema>> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new ApiError('payload_too_large', 'The request body is too large.');
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw new ApiError('payload_too_large', 'The request body is too large.');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError('bad_request', `The request body must be JSON: ${shape}.`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    throw new ApiError('bad_request', `Invalid ${label}: ${field} ${issue?.message ?? 'is invalid'}.`);
  }
  return parsed.data;
}
