import { tool, zodSchema } from 'ai';
import { z } from 'zod';
import { cancelOrder } from '@/lib/commerce';
import type { ToolContext } from './context';
import { orderIdField } from './fields';
import { callStore } from './tool-failure';
import { requireCustomerId } from './viewer';

// Built once: the AI SDK turns it into JSON Schema on first use and keeps that for every turn.
const inputSchema = zodSchema(z.object({ orderId: orderIdField }));

export function createCancelOrderTool(ctx: ToolContext) {
  return tool({
    description:
      "Cancel one of the signed-in shopper's orders and release its stock. Only pending, paid or processing orders can be " +
      'cancelled; anything else (shipped, delivered, already cancelled) fails with "not_cancellable": explain, and offer ' +
      'a person (handOffToHuman) for returns. Only when the shopper clearly asks to cancel a specific order; ' +
      'the shopper is asked to confirm before it happens. Not signed in → "sign_in_required": ask them to sign in.',
    inputSchema,
    execute: async ({ orderId }) => {
      const customerId = requireCustomerId(ctx, 'Cancelling an order');
      return callStore(() => cancelOrder(ctx.db, orderId, { kind: 'customer', customerId }));
    },
  });
}
