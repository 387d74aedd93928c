import { isCommerceError } from '@/lib/commerce';

/**
 * How a tool tells the model (and the shopper) what went wrong. The message is a small JSON
 * object, `{"error": code, "message": text}`, so the model can branch on the code; the text is
 * always safe to show a shopper. The original error stays on `cause` for the tool-call log.
 */
export class ToolFailure extends Error {
  override readonly name = 'ToolFailure';

  constructor(
    readonly code: string,
    readonly shopperMessage: string,
    options?: { cause?: unknown },
  ) {
    super(JSON.stringify({ error: code, message: shopperMessage }), options);
  }

  /** The SDK hands the model `String(error)`: just the JSON, the same text the widget gets. */
  override toString(): string {
    return this.message;
  }
}

export function isToolFailure(error: unknown): error is ToolFailure {
  return error instanceof ToolFailure;
}

/**
 * Runs a tool's call into the store. Commerce rule violations become ToolFailures carrying the
 * rule's own message; anything unexpected (a database outage, a bug) becomes a generic failure so
 * internals never reach the model or the shopper, while the cause is kept for staff.
 */
export async function callStore<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ToolFailure) throw error;
    if (isCommerceError(error)) throw new ToolFailure(error.code, error.message, { cause: error });
    throw new ToolFailure('store_unavailable', 'The store could not answer that just now. Please try again shortly.', {
      cause: error,
    });
  }
}
