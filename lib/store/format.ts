import { z } from 'zod';
import { isMoneyString, parseMoney, parsePercent } from '@/lib/commerce/money';

/**
 * The store file (see /work/shared/contracts/store-import.md) as zod schemas. Objects are strict so
 * a misspelt field is reported instead of silently dropped; only `attributes` and `meta` are free-form.
 * Cross-record rules (unknown SKUs, duplicates, totals) live in validate.ts.
 */

const INT32_MAX = 2_147_483_647;
const MONEY_LIMIT = 1_000_000_000_000n;
/** PostgreSQL text cannot hold NUL; say so instead of failing mid-import. */
const noNul = (value: string) => !value.includes('\u0000');

/** Merchant-chosen identifiers are opaque, but stray spaces are almost always copy-paste accidents. */
const identifier = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
  .min(1, { error: 'must not be empty' })
  .refine((value) => value.trim() === value, { error: 'must not start or end with spaces' })
  .refine(noNul, { error: 'must not contain NUL characters' });

const text = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
  .refine(noNul, { error: 'must not contain NUL characters' });
const nonEmptyText = text.min(1, { error: 'must not be empty' });

export const moneySchema = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? 'is required'
        : typeof issue.input === 'number'
          ? `must be a decimal string like "1299.00", not the JSON number ${String(issue.input)}`
          : 'must be a decimal string like "1299.00"',
  })
  .refine(isMoneyString, { error: 'must be a non-negative decimal string with at most 2 fraction digits, like "1299.00"' })
  // The columns are DECIMAL(12, 2).
  .refine((value) => !isMoneyString(value) || parseMoney(value) < MONEY_LIMIT, { error: 'is too large (at most 9999999999.99)' });

const percentSchema = z
  .string({
    error: (issue) =>
      issue.input === undefined ? 'is required' : 'must be a decimal string like "10" or "12.5", not a JSON number',
  })
  .refine(
    (value) => {
      try {
        parsePercent(value);
        return true;
      } catch {
        return false;
      }
    },
    { error: 'must be a percentage between "0" and "100" with at most 2 fraction digits' },
  );

export const timestampSchema = z.iso.datetime({
  offset: true,
  error: (issue) =>
    issue.input === undefined
      ? 'is required'
      : 'must be an ISO 8601 timestamp with an offset or Z, like "2026-11-15T10:02:00+08:00"',
});

const dateSchema = z.iso.date({
  error: (issue) => (issue.input === undefined ? 'is required' : 'must be a date like "2026-11-18"'),
});

const count = z
  .int({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a whole number') })
  .min(0, { error: 'must not be negative' })
  .max(INT32_MAX, { error: 'is too large' });

const positiveCount = count.min(1, { error: 'must be at least 1' });

const freeForm = z.record(z.string(), z.json(), { error: 'must be an object' });

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.map((value) => `"${value}"`).join(', ')}` });
}

export const PRODUCT_STATUSES = ['active', 'discontinued'] as const;
export const COUPON_TYPES = ['fixed', 'percent'] as const;
export const ORDER_STATUSES = ['pending', 'paid', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded'] as const;
export const SHIPMENT_STATUSES = [
  'label_created',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'exception',
  'returned',
] as const;
/** Orders in these states hold stock until they ship or are cancelled. */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ['pending', 'paid', 'processing'];

export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
export type CouponType = (typeof COUPON_TYPES)[number];
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export const storeSchema = z.strictObject({
  name: nonEmptyText,
  currency: z.string().regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code like "CNY"' }),
  locale: nonEmptyText.refine(isLocale, { error: 'must be a BCP 47 language tag like "zh-CN"' }),
  timezone: nonEmptyText.refine(isTimeZone, { error: 'must be an IANA time zone like "Asia/Shanghai"' }),
});

export const warehouseSchema = z.strictObject({
  code: identifier,
  name: nonEmptyText,
  region: text,
  deliveryDays: z.strictObject({ min: count, max: count }),
});

export const memberLevelSchema = z.strictObject({
  code: identifier,
  name: nonEmptyText,
  discountPercent: percentSchema,
});

export const productSchema = z.strictObject({
  sku: identifier,
  name: nonEmptyText,
  aliases: z.array(nonEmptyText).optional(),
  description: text.optional(),
  category: nonEmptyText,
  price: moneySchema,
  status: oneOf(PRODUCT_STATUSES),
  attributes: freeForm.optional(),
  /** On-hand units per warehouse code. */
  stock: z.record(z.string(), count, { error: 'must be an object of warehouse code → units' }),
});

export const couponSchema = z.strictObject({
  code: identifier,
  type: oneOf(COUPON_TYPES),
  value: moneySchema,
  minSpend: moneySchema.nullish(),
  validFrom: timestampSchema.nullish(),
  validUntil: timestampSchema.nullish(),
  usageLimit: count.nullish(),
  timesUsed: count.optional(),
  appliesTo: z
    .strictObject({
      skus: z.array(identifier).optional(),
      categories: z.array(nonEmptyText).optional(),
    })
    .nullish(),
});

export const customerSchema = z.strictObject({
  id: identifier,
  name: nonEmptyText,
  email: text.nullish(),
  phone: text.nullish(),
  memberLevel: identifier.nullish(),
});

export const addressSchema = z.strictObject({
  name: text,
  phone: text,
  line1: text,
  line2: text.nullish(),
  city: text,
  region: text,
  postalCode: text,
  country: text,
});

export const orderItemSchema = z.strictObject({
  sku: identifier,
  quantity: positiveCount,
  unitPrice: moneySchema,
  /** Member discount on the whole line. */
  discount: moneySchema,
});

export const shipmentEventSchema = z.strictObject({
  at: timestampSchema,
  location: text.nullish(),
  description: nonEmptyText,
});

export const shipmentSchema = z.strictObject({
  carrier: nonEmptyText,
  trackingNumber: identifier,
  status: oneOf(SHIPMENT_STATUSES),
  estimatedDelivery: dateSchema.nullish(),
  events: z.array(shipmentEventSchema).optional(),
});

export const orderSchema = z.strictObject({
  id: identifier,
  /** null for a guest checkout. */
  customerId: identifier.nullish(),
  status: oneOf(ORDER_STATUSES),
  placedAt: timestampSchema,
  items: z.array(orderItemSchema).min(1, { error: 'an order needs at least one item' }),
  couponCode: identifier.nullish(),
  shippingFee: moneySchema,
  total: moneySchema,
  shippingAddress: addressSchema.nullish(),
  shipments: z.array(shipmentSchema).optional(),
});

export const storeFileSchema = z.strictObject({
  /** Free-form notes about the file (who exported it, when); not stored. */
  meta: freeForm.optional(),
  store: storeSchema,
  warehouses: z.array(warehouseSchema).min(1, { error: 'a store needs at least one warehouse' }),
  memberLevels: z.array(memberLevelSchema).optional(),
  products: z.array(productSchema),
  coupons: z.array(couponSchema).optional(),
  customers: z.array(customerSchema).optional(),
  orders: z.array(orderSchema).optional(),
});

export type StoreFile = z.infer<typeof storeFileSchema>;
export type StoreSettingsRecord = z.infer<typeof storeSchema>;
export type WarehouseRecord = z.infer<typeof warehouseSchema>;
export type MemberLevelRecord = z.infer<typeof memberLevelSchema>;
export type ProductRecord = z.infer<typeof productSchema>;
export type CouponRecord = z.infer<typeof couponSchema>;
export type CustomerRecord = z.infer<typeof customerSchema>;
export type AddressRecord = z.infer<typeof addressSchema>;
export type OrderRecord = z.infer<typeof orderSchema>;
export type OrderItemRecord = z.infer<typeof orderItemSchema>;
export type ShipmentRecord = z.infer<typeof shipmentSchema>;
export type ShipmentEventRecord = z.infer<typeof shipmentEventSchema>;

function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
