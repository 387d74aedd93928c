import type { PrismaClient } from '@/lib/db/client';
import type { Coupon, Prisma } from '@/lib/db/generated/client';
import { CommerceError } from './errors';
import { type Cents, centsFromDecimal, formatMoney, formatPercent, percentOf } from './money';
import { couponKey } from './normalize';

/** Anything that can run queries: the client itself or an interactive transaction. */
type Db = PrismaClient | Prisma.TransactionClient;

// ---------------------------------------------------------------------------------------------
// Pure pricing (no database): the contract's rules, in cents.
// ---------------------------------------------------------------------------------------------

export interface QuoteLevel {
  code: string;
  name: string;
  /** Basis points (hundredths of a percent): 10% = 1000n. */
  discountPercent: bigint;
}

export interface QuoteCoupon {
  code: string;
  type: 'fixed' | 'percent';
  /** Cents for a fixed coupon, basis points for a percent coupon. */
  value: bigint;
  minSpend: Cents | null;
  validFrom: Date | null;
  validUntil: Date | null;
  usageLimit: number | null;
  timesUsed: number;
  appliesToSkus: readonly string[];
  appliesToCategories: readonly string[];
}

export interface QuoteLineInput {
  sku: string;
  category: string;
  unitPrice: Cents;
  quantity: number;
}

/** A coupon the shopper asked for: `coupon` is null when no coupon has that code. */
export interface CouponRequest {
  code: string;
  coupon: QuoteCoupon | null;
}

export type CouponRejectionReason =
  | 'unknown'
  | 'expired'
  | 'not_yet_valid'
  | 'used_up'
  | 'below_minimum_spend'
  | 'not_applicable';

export interface MemberLevelInfo {
  code: string;
  name: string;
  discountPercent: string;
}

export interface CouponOutcome {
  code: string;
  applied: boolean;
  /** What the coupon takes off ("0.00" when not applied). */
  discount: string;
  reason?: CouponRejectionReason;
  /** Readable explanation when not applied. */
  message?: string;
  /** The coupon's minimum spend, when it has one. */
  minSpend?: string;
}

/** The breakdown every quote ends in: subtotal → member discount → coupon → total. */
export interface QuoteTotals {
  subtotal: string;
  memberLevel: MemberLevelInfo | null;
  memberDiscount: string;
  afterMember: string;
  coupon: CouponOutcome | null;
  total: string;
}

export interface PriceQuote extends QuoteTotals {
  sku: string;
  unitPrice: string;
  quantity: number;
}

export interface OrderQuoteLine {
  sku: string;
  unitPrice: string;
  quantity: number;
  subtotal: string;
  memberDiscount: string;
  afterMember: string;
  /** Whether the requested coupon's appliesTo covers this line (false when no coupon). */
  couponEligible: boolean;
}

export interface OrderQuote extends QuoteTotals {
  lines: OrderQuoteLine[];
}

export interface ComputeOrderQuoteInput {
  lines: readonly QuoteLineInput[];
  level: QuoteLevel | null;
  coupon?: CouponRequest | null;
  now: Date;
}

export interface ComputeQuoteInput {
  line: QuoteLineInput;
  level: QuoteLevel | null;
  coupon?: CouponRequest | null;
  now: Date;
}

function assertQuantity(quantity: number, where = 'quantity'): void {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) {
    throw new CommerceError('invalid_input', `${where} must be a positive whole number (got ${String(quantity)}).`, {
      field: where,
    });
  }
}

function levelInfo(level: QuoteLevel | null): MemberLevelInfo | null {
  return level ? { code: level.code, name: level.name, discountPercent: formatPercent(level.discountPercent) } : null;
}

function rejected(code: string, reason: CouponRejectionReason, message: string, minSpend?: Cents | null): CouponOutcome {
  return {
    code,
    applied: false,
    discount: '0.00',
    reason,
    message,
    ...(minSpend != null ? { minSpend: formatMoney(minSpend) } : {}),
  };
}

function couponCovers(coupon: QuoteCoupon, line: QuoteLineInput): boolean {
  if (coupon.appliesToSkus.length === 0 && coupon.appliesToCategories.length === 0) return true;
  return coupon.appliesToSkus.includes(line.sku) || coupon.appliesToCategories.includes(line.category);
}

/**
 * Several lines priced together (a cart / an order). The member discount is rounded per line,
 * so each OrderItem.discount is exactly what its line got and the lines add up to the order.
 *
 * A coupon restricted by appliesTo discounts only the lines it covers, and its minSpend is
 * checked against the afterMember sum of those eligible lines: a "shoes, min 500" coupon should
 * not be unlocked by socks in the same basket. With one line this is exactly the contract's
 * single-product rule, so computeQuote is this function with one line.
 */
export function computeOrderQuote(input: ComputeOrderQuoteInput): OrderQuote {
  if (input.lines.length === 0) throw new CommerceError('invalid_input', 'An order needs at least one item.');
  const discountPercent = input.level?.discountPercent ?? 0n;
  const priced = input.lines.map((line, index) => {
    assertQuantity(line.quantity, input.lines.length > 1 ? `items[${index}].quantity` : 'quantity');
    if (line.unitPrice < 0n) throw new CommerceError('invalid_input', `The price of ${line.sku} is negative.`);
    const subtotal = line.unitPrice * BigInt(line.quantity);
    const memberDiscount = percentOf(subtotal, discountPercent);
    return { line, subtotal, memberDiscount, afterMember: subtotal - memberDiscount };
  });
  const subtotal = priced.reduce((sum, p) => sum + p.subtotal, 0n);
  const memberDiscount = priced.reduce((sum, p) => sum + p.memberDiscount, 0n);
  const afterMember = subtotal - memberDiscount;

  const request = input.coupon ?? null;
  const coupon = request?.coupon ?? null;
  const eligible = priced.map((p) => (coupon ? couponCovers(coupon, p.line) : false));
  let outcome: CouponOutcome | null = null;
  let couponDiscount = 0n;
  if (request) {
    const code = coupon?.code ?? request.code;
    const eligibleAmount = priced.reduce((sum, p, i) => (eligible[i] ? sum + p.afterMember : sum), 0n);
    if (!coupon) {
      outcome = rejected(code, 'unknown', `There is no coupon with the code "${request.code}".`);
    } else if (coupon.validFrom && input.now < coupon.validFrom) {
      outcome = rejected(code, 'not_yet_valid', `Coupon ${code} is not valid yet: it starts ${coupon.validFrom.toISOString()}.`);
    } else if (coupon.validUntil && input.now >= coupon.validUntil) {
      outcome = rejected(code, 'expired', `Coupon ${code} expired ${coupon.validUntil.toISOString()}.`);
    } else if (coupon.usageLimit !== null && coupon.timesUsed >= coupon.usageLimit) {
      outcome = rejected(code, 'used_up', `Coupon ${code} has been used up (limit ${coupon.usageLimit}).`);
    } else if (!eligible.some(Boolean)) {
      const scope = [
        coupon.appliesToSkus.length ? `products ${coupon.appliesToSkus.join(', ')}` : '',
        coupon.appliesToCategories.length ? `categories ${coupon.appliesToCategories.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join(' or ');
      outcome = rejected(code, 'not_applicable', `Coupon ${code} only applies to ${scope}.`);
    } else if (coupon.minSpend !== null && eligibleAmount < coupon.minSpend) {
      outcome = rejected(
        code,
        'below_minimum_spend',
        `Coupon ${code} needs a minimum spend of ${formatMoney(coupon.minSpend)} after member discount; ` +
          `this comes to ${formatMoney(eligibleAmount)}.`,
        coupon.minSpend,
      );
    } else {
      const raw = coupon.type === 'fixed' ? coupon.value : percentOf(eligibleAmount, coupon.value);
      // Never below zero: the coupon takes at most what the eligible lines cost (bigint: no Math.min).
      couponDiscount = raw;
      if (couponDiscount > eligibleAmount) couponDiscount = eligibleAmount;
      outcome = {
        code,
        applied: true,
        discount: formatMoney(couponDiscount),
        ...(coupon.minSpend !== null ? { minSpend: formatMoney(coupon.minSpend) } : {}),
      };
    }
  }

  return {
    lines: priced.map((p, i) => ({
      sku: p.line.sku,
      unitPrice: formatMoney(p.line.unitPrice),
      quantity: p.line.quantity,
      subtotal: formatMoney(p.subtotal),
      memberDiscount: formatMoney(p.memberDiscount),
      afterMember: formatMoney(p.afterMember),
      couponEligible: eligible[i] ?? false,
    })),
    subtotal: formatMoney(subtotal),
    memberLevel: levelInfo(input.level),
    memberDiscount: formatMoney(memberDiscount),
    afterMember: formatMoney(afterMember),
    coupon: outcome,
    total: formatMoney(afterMember - couponDiscount),
  };
}

/** One product, priced per the contract (subtotal → member discount → coupon → total). */
export function computeQuote(input: ComputeQuoteInput): PriceQuote {
  const quote = computeOrderQuote({ lines: [input.line], level: input.level, coupon: input.coupon, now: input.now });
  const [line] = quote.lines;
  if (!line) throw new Error('unreachable: one line in, one line out');
  return {
    sku: line.sku,
    unitPrice: line.unitPrice,
    quantity: line.quantity,
    subtotal: quote.subtotal,
    memberLevel: quote.memberLevel,
    memberDiscount: quote.memberDiscount,
    afterMember: quote.afterMember,
    coupon: quote.coupon,
    total: quote.total,
  };
}

// ---------------------------------------------------------------------------------------------
// Loading what pricing needs from the database.
// ---------------------------------------------------------------------------------------------

function levelKey(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase();
}

/** A member level by its code or display name, case-insensitively ('gold', 'Gold', '黄金会员'). */
async function resolveMemberLevel(db: Db, codeOrName: string): Promise<QuoteLevel> {
  const levels = await db.memberLevel.findMany({ orderBy: { position: 'asc' } });
  const wanted = levelKey(codeOrName);
  const level = levels.find((l) => levelKey(l.code) === wanted) ?? levels.find((l) => levelKey(l.name) === wanted);
  if (!level) {
    const known = levels.map((l) => `${l.code} (${l.name})`).join(', ');
    throw new CommerceError('invalid_input', `Unknown member level "${codeOrName}". Known levels: ${known || 'none'}.`, {
      field: 'memberLevel',
      knownLevels: levels.map((l) => ({ code: l.code, name: l.name })),
    });
  }
  return toQuoteLevel(level);
}

export function toQuoteLevel(level: { code: string; name: string; discountPercent: Prisma.Decimal }): QuoteLevel {
  // Decimal(5,2) percent × 100 = basis points, exactly.
  return { code: level.code, name: level.name, discountPercent: centsFromDecimal(level.discountPercent) };
}

/** The coupon request for a code (null when no code was given); unknown codes give coupon: null. */
export async function loadCouponRequest(db: Db, couponCode: string | null | undefined): Promise<CouponRequest | null> {
  if (couponCode == null || couponCode.trim() === '') return null;
  const row = await db.coupon.findUnique({ where: { codeKey: couponKey(couponCode) } });
  return { code: couponCode.trim(), coupon: row ? toQuoteCoupon(row) : null };
}

function toQuoteCoupon(row: Coupon): QuoteCoupon {
  return {
    code: row.code,
    type: row.type,
    // Fixed: cents. Percent: "10.00" × 100 = 1000 basis points, the same conversion.
    value: centsFromDecimal(row.value),
    minSpend: row.minSpend ? centsFromDecimal(row.minSpend) : null,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    usageLimit: row.usageLimit,
    timesUsed: row.timesUsed,
    appliesToSkus: row.appliesToSkus,
    appliesToCategories: row.appliesToCategories,
  };
}

export interface QuotePriceInput {
  sku: string;
  quantity: number;
  /** Level code or display name; absent = no member discount. */
  memberLevel?: string | null;
  couponCode?: string | null;
  now?: Date;
}

export interface ProductPriceQuote extends PriceQuote {
  name: string;
  /** Discontinued products are quoted (so the shopper hears the price) but cannot be ordered. */
  status: 'active' | 'discontinued';
}

/** The price of `quantity` units of one product for a member level and coupon. */
export async function quotePrice(db: PrismaClient, input: QuotePriceInput): Promise<ProductPriceQuote> {
  assertQuantity(input.quantity);
  const product = await db.product.findUnique({
    where: { sku: input.sku },
    select: { sku: true, name: true, category: true, price: true, status: true },
  });
  if (!product) throw new CommerceError('not_found', `No product with SKU "${input.sku}".`);
  const level =
    input.memberLevel != null && input.memberLevel.trim() !== '' ? await resolveMemberLevel(db, input.memberLevel) : null;
  const coupon = await loadCouponRequest(db, input.couponCode);
  const quote = computeQuote({
    line: { sku: product.sku, category: product.category, unitPrice: centsFromDecimal(product.price), quantity: input.quantity },
    level,
    coupon,
    now: input.now ?? new Date(),
  });
  return { ...quote, name: product.name, status: product.status };
}

export interface QuoteOrderInput {
  items: readonly { sku: string; quantity: number }[];
  memberLevel?: string | null;
  couponCode?: string | null;
  now?: Date;
}

/**
 * A cart priced the way placeOrder prices it (see computeOrderQuote for how a restricted coupon
 * is spread). Unknown SKUs → not_found. Works inside a transaction too.
 */
export async function quoteOrder(db: Db, input: QuoteOrderInput): Promise<OrderQuote> {
  if (input.items.length === 0) throw new CommerceError('invalid_input', 'An order needs at least one item.');
  input.items.forEach((item, i) => {
    assertQuantity(item.quantity, `items[${i}].quantity`);
  });
  const skus = [...new Set(input.items.map((i) => i.sku))];
  const products = await db.product.findMany({
    where: { sku: { in: skus } },
    select: { sku: true, category: true, price: true },
  });
  const bySku = new Map(products.map((p) => [p.sku, p]));
  const lines = input.items.map((item): QuoteLineInput => {
    const product = bySku.get(item.sku);
    if (!product) throw new CommerceError('not_found', `No product with SKU "${item.sku}".`, { sku: item.sku });
    return { sku: product.sku, category: product.category, unitPrice: centsFromDecimal(product.price), quantity: item.quantity };
  });
  const level =
    input.memberLevel != null && input.memberLevel.trim() !== '' ? await resolveMemberLevel(db, input.memberLevel) : null;
  const coupon = await loadCouponRequest(db, input.couponCode);
  return computeOrderQuote({ lines, level, coupon, now: input.now ?? new Date() });
}
