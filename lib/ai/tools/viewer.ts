import type { Viewer } from '@/lib/commerce';
import type { ToolContext } from './context';
import { ToolFailure } from './tool-failure';

/**
 * Whose eyes an order lookup uses. Identity comes from the verified shopper, never from the
 * model's input: a signed-in customer sees their own orders (any `contact` is ignored), an
 * anonymous shopper proves an order is theirs with the email or phone on it.
 */
export function orderViewer(ctx: ToolContext, contact: string | undefined): Viewer {
  if (ctx.shopper.kind === 'customer') return { kind: 'customer', customerId: ctx.shopper.customerId };
  if (!contact) {
    throw new ToolFailure('contact_required', 'Ask the shopper for the email address or phone number used on the order.');
  }
  return { kind: 'guest', contact };
}

/** The signed-in customer's id, or a sign_in_required failure saying what the shopper must do. */
export function requireCustomerId(ctx: ToolContext, action: string): string {
  if (ctx.shopper.kind === 'customer') return ctx.shopper.customerId;
  throw new ToolFailure(
    'sign_in_required',
    `${action} needs a signed-in account. Ask the shopper to sign in to the shop first, then try again.`,
  );
}
