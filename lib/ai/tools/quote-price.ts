import { tool, zodSchema } from 'ai';
import { z } from 'zod';
import { getCustomerProfile, quotePrice } from '@/lib/commerce';
import type { ToolContext } from './context';
import { couponCodeField, skuField } from './fields';
import { callStore } from './tool-failure';

/** Where the member level in a quote came from, so the model can say whether the price is the shopper's own. */
export type MemberLevelSource = 'stated' | 'account' | 'none';

// Built once: the AI SDK turns it into JSON Schema on first use and keeps that for every turn.
const inputSchema = zodSchema(
  z.object({
    sku: skuField,
    quantity: z.number().int().min(1).max(99).default(1).describe('Number of units, a whole number from 1 to 99 (default 1).'),
    memberLevel: z
      .string()
      .trim()
      .max(50)
      .optional()
      .describe(
        'Member level code or name as the shopper said it (e.g. "gold" or "黄金会员"). ' +
          "Omit for signed-in shoppers to use their account's level.",
      ),
    couponCode: couponCodeField,
  }),
);

export function createQuotePriceTool(ctx: ToolContext) {
  return tool({
    description:
      'Price a quantity of one product exactly as the shop charges it: subtotal, member discount, coupon, total ' +
      '(amounts are decimal strings in the shop currency). Use it whenever the shopper asks what something costs, ' +
      'whether a coupon works, or before placing an order. Never do the arithmetic yourself. ' +
      'For a signed-in shopper leave memberLevel out: their account\'s level is applied (memberLevelSource "account"). ' +
      'Pass memberLevel only when the shopper asks about a specific level, or is not signed in and says which level they have; ' +
      'then say the price is an estimate for that level (memberLevelSource "stated"). ' +
      'If a coupon is not applied, coupon.message explains why: tell the shopper. ' +
      'Needs the exact SKU: call searchProducts first if you do not have it.',
    inputSchema,
    execute: async ({ sku, quantity, memberLevel, couponCode }) =>
      callStore(async () => {
        let level = memberLevel || null;
        let memberLevelSource: MemberLevelSource = level ? 'stated' : 'none';
        if (!level && ctx.shopper.kind === 'customer') {
          const profile = await getCustomerProfile(ctx.db, ctx.shopper.customerId);
          level = profile.memberLevel?.code ?? null;
          if (level) memberLevelSource = 'account';
        }
        const quote = await quotePrice(ctx.db, { sku, quantity, memberLevel: level, couponCode, now: ctx.now() });
        return { ...quote, memberLevelSource };
      }),
  });
}
