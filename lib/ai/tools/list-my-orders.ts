import { tool, zodSchema } from 'ai';
import { z } from 'zod';
import { listOrders } from '@/lib/commerce';
import type { ToolContext } from './context';
import { callStore } from './tool-failure';
import { requireCustomerId } from './viewer';

// Built once: the AI SDK turns it into JSON Schema on first use and keeps that for every turn.
const inputSchema = zodSchema(
  z.object({
    limit: z.number().int().min(1).max(20).optional().describe('How many orders at most, 1–20 (default 20).'),
    cursor: z
      .string()
      .trim()
      .max(500)
      .optional()
      .describe('The nextCursor value from a previous listMyOrders result, to get the next (older) page. Omit for the newest.'),
  }),
);

export function createListMyOrdersTool(ctx: ToolContext) {
  return tool({
    description:
      "List the signed-in shopper's own orders, newest first, with status, total and items. " +
      'Use it when the shopper asks about "my orders", their recent purchase, or does not remember an order number. ' +
      'Only for signed-in shoppers: for anyone else it fails with "sign_in_required"; then ask for the order number ' +
      'and the email or phone used on it and use getOrder instead. ' +
      'When nextCursor is not null there are older orders: pass it back as cursor to get them.',
    inputSchema,
    execute: async ({ limit, cursor }) => {
      const customerId = requireCustomerId(ctx, 'Listing orders');
      return callStore(() => listOrders(ctx.db, customerId, { limit, cursor: cursor || null }));
    },
  });
}
