import { tool, zodSchema } from 'ai';
import { z } from 'zod';
import { getAvailability } from '@/lib/commerce';
import type { ToolContext } from './context';
import { skuField } from './fields';
import { callStore } from './tool-failure';

// Built once: the AI SDK turns it into JSON Schema on first use and keeps that for every turn.
const inputSchema = zodSchema(z.object({ sku: skuField }));

export function createCheckInventoryTool(ctx: ToolContext) {
  return tool({
    description:
      'Check whether one product is in stock: units available per warehouse (available = on hand − reserved), ' +
      'the total, and the delivery window in days from the warehouses that have stock. ' +
      'Use it when the shopper asks "is it in stock", "how many are left", "when would it arrive", or before placing an order. ' +
      'Needs the exact SKU: if you do not have it, call searchProducts first. ' +
      'A "discontinued" status means it can no longer be ordered, whatever the stock.',
    inputSchema,
    execute: async ({ sku }) => callStore(() => getAvailability(ctx.db, sku)),
  });
}
