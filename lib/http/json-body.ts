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
  const text = await readBodyText(request, maxBytes);
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

/**
 * The body as sent, read no further than `maxBytes`: 413 beyond, whatever Content-Length claims (a
 * chunked body is counted as it streams in), and 400 when it is not UTF-8.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () => new ApiError('payload_too_large', `The request body is over ${Math.round(maxBytes / 1024)} KB.`);
  if (Number(request.headers.get('content-length') ?? '0') > maxBytes) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiError('bad_request', 'The request body must be UTF-8 JSON.');
  }
}
