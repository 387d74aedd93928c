import { tool, zodSchema } from 'ai';
import { z } from 'zod';
import { placeOrder } from '@/lib/commerce';
import type { ToolContext } from './context';
import { couponCodeField, skuField } from './fields';
import { callStore } from './tool-failure';
import { requireCustomerId } from './viewer';

// Built once: the AI SDK turns it into JSON Schema on first use and keeps that for every turn.
const inputSchema = zodSchema(
  z.object({
    items: z
      .array(
        z.object({
          sku: skuField,
          quantity: z.number().int().min(1).max(99).describe('Number of units of this SKU, a whole number from 1 to 99.'),
        }),
      )
      .min(1)
      .max(20)
      .describe('The products to order, 1–20 lines, each a SKU and a quantity.'),
    couponCode: couponCodeField,
  }),
);

export function createPlaceOrderTool(ctx: ToolContext) {
  return tool({
    description:
      'Place an order for the signed-in shopper, reserving the stock and charging the quoted price. ' +
      'Only when the shopper clearly asks to buy. Before calling: have the exact SKUs (searchProducts), the quantities ' +
      'the shopper wants, and quote the price with quotePrice so they know the total. ' +
      'The shopper is shown this order and asked to confirm it before it is placed, so call it once, not to ask. ' +
      'Not signed in → "sign_in_required": ask them to sign in to the shop. ' +
      '"coupon_not_applicable": ask whether to order without the coupon. "out_of_stock": say how many are available. ' +
      'On success, tell the shopper the order number and total.',
    inputSchema,
    execute: async ({ items, couponCode }, { toolCallId }) => {
      const customerId = requireCustomerId(ctx, 'Placing an order');
      // One key per tool call: re-running an approved call (a retry, a resumed stream) returns the
      // order it already placed instead of placing another.
      const idempotencyKey = `${ctx.conversationId}:${toolCallId}`;
      return callStore(() => placeOrder(ctx.db, { customerId, items, couponCode, idempotencyKey, now: ctx.now() }));
    },
  });
}
