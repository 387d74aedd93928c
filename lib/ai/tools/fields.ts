import { z } from 'zod';

// Fields several tools share, so the model reads the same meaning and format everywhere.
// Optional text fields accept '' (models often send it for "none"): the tools treat it as absent.

export const skuField = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .describe('Product SKU exactly as returned by searchProducts (e.g. "NW-4471-B"). Never invent or guess a SKU.');

export const orderIdField = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .describe('Order number exactly as the shopper gave it or as listMyOrders returned it, e.g. "ORD-20241115-00001".');

export const contactField = z
  .string()
  .trim()
  .max(200)
  .optional()
  .describe(
    'Only for shoppers who are not signed in: the email address or phone number used on the order, as the shopper wrote it. ' +
      'Omit for signed-in shoppers.',
  );

export const couponCodeField = z
  .string()
  .trim()
  .max(50)
  .optional()
  .describe('Coupon code exactly as the shopper typed it (case does not matter). Omit when the shopper has not mentioned one.');
