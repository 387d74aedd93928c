import { tool, zodSchema } from 'ai';
import { z } from 'zod';
import { searchProducts } from '@/lib/commerce';
import type { ToolContext } from './context';
import { callStore } from './tool-failure';

// Built once: the AI SDK turns it into JSON Schema on first use and keeps that for every turn.
const inputSchema = zodSchema(
  z.object({
    query: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .describe('What the shopper is looking for, in their own words: a product name, alias, SKU or short description.'),
    limit: z.number().int().min(1).max(20).optional().describe('How many results at most, 1–20 (default 10).'),
  }),
);

export function createSearchProductsTool(ctx: ToolContext) {
  return tool({
    description:
      'Find products in the shop by name, alias (Chinese or English), SKU or a description like "trail shoes". ' +
      'Use it first whenever the shopper mentions a product, to learn its exact SKU before checking stock, quoting or ordering. ' +
      'Tolerates typos. Results are best match first; score 1 = exact SKU, 0.9 = exact name. ' +
      'Prices are list prices before member or coupon discounts (use quotePrice for a real price). ' +
      'Discontinued products are listed with status "discontinued" and cannot be ordered. ' +
      'If nothing matches, ask the shopper for another name or the SKU.',
    inputSchema,
    execute: async ({ query, limit }) => {
      const results = await callStore(() => searchProducts(ctx.db, query, { limit }));
      return { query, results };
    },
  });
}
