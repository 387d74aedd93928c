/**
 * The one error type the commerce rules throw. The HTTP layer (and the AI tools) map `code`
 * to a status in one place; `message` is safe to show to a shopper; `details` carries
 * machine-readable extras (never anything the viewer is not allowed to see).
 */
export type CommerceErrorCode =
  | 'not_found'
  | 'invalid_input'
  | 'out_of_stock'
  | 'product_unavailable'
  | 'not_cancellable'
  /** An order status change the status machine does not allow (e.g. shipped → paid); details name both statuses. */
  | 'invalid_status_change'
  | 'idempotency_conflict'
  /** placeOrder was asked to use a coupon that cannot be applied (the shopper must decide, not us). */
  | 'coupon_not_applicable';

export class CommerceError extends Error {
  override readonly name = 'CommerceError';

  constructor(
    readonly code: CommerceErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export function isCommerceError(error: unknown, code?: CommerceErrorCode): error is CommerceError {
  return error instanceof CommerceError && (code === undefined || error.code === code);
}
