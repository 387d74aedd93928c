import { tool, zodSchema } from 'ai';
import { z } from 'zod';
import { getOrder } from '@/lib/commerce';
import type { ToolContext } from './context';
import { contactField, orderIdField } from './fields';
import { callStore } from './tool-failure';
import { orderViewer } from './viewer';

// Built once: the AI SDK turns it into JSON Schema on first use and keeps that for every turn.
const inputSchema = zodSchema(z.object({ orderId: orderIdField, contact: contactField }));

export function createGetOrderTool(ctx: ToolContext) {
  return tool({
    description:
      'Look up one order by its number: status, items, amounts, coupon and shipments (carrier, tracking number, estimate). ' +
      'Use it when the shopper asks about a specific order. Signed-in shoppers see their own orders with just the number. ' +
      'A shopper who is not signed in must also give the email address or phone number used on the order (contact); ' +
      'if they have not, ask for it before calling (error "contact_required"). ' +
      'An order that does not exist and one that is not theirs give the same "not_found": ask them to check the number ' +
      'and contact, and never suggest the order belongs to someone else.',
    inputSchema,
    execute: async ({ orderId, contact }) => {
      const viewer = orderViewer(ctx, contact);
      return callStore(() => getOrder(ctx.db, orderId, viewer));
    },
  });
}
