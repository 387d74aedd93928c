import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '@/lib/db/client';
import { type OrderStatus, Prisma } from '@/lib/db/generated/client';
import { CommerceError } from './errors';
import { centsFromDecimal, formatMoney } from './money';
import { couponKey, emailKey, phoneKey } from './normalize';
import { computeOrderQuote, loadCouponRequest, type QuoteLineInput, toQuoteLevel } from './pricing';

type Db = PrismaClient | Prisma.TransactionClient;

/** Who is asking. A guest proves the order is theirs with the email or phone on it. */
export type Viewer = { kind: 'customer'; customerId: string } | { kind: 'guest'; contact: string };

export interface ShippingAddress {
  name: string;
  phone: string;
  line1: string;
  line2?: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface OrderItemView {
  sku: string;
  name: string;
  quantity: number;
  unitPrice: string;
  /** Member discount on this line (coupon discounts are order-level, reflected in total). */
  discount: string;
  /** unitPrice × quantity − discount */
  lineTotal: string;
}

export interface ShipmentSummary {
  carrier: string;
  trackingNumber: string;
  status: string;
  /** "YYYY-MM-DD" or null */
  estimatedDelivery: string | null;
}

export interface OrderView {
  id: string;
  status: OrderStatus;
  placedAt: string;
  items: OrderItemView[];
  couponCode: string | null;
  shippingFee: string;
  total: string;
  shipments: ShipmentSummary[];
  /** Only for the signed-in customer who owns the order; a guest knowing a phone number does not get it. */
  shippingAddress?: ShippingAddress | null;
}

const TX_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;
const CANCELLABLE: readonly OrderStatus[] = ['pending', 'paid', 'processing'];

/** The one answer for "no such order" and "not your order", so order numbers cannot be probed. */
function orderNotFound(): CommerceError {
  // The message does not echo the id either: byte-for-byte the same answer in both cases.
  return new CommerceError('not_found', 'No order with that number was found for you. Check the number and the email or phone.');
}

function phonesMatch(a: string, b: string): boolean {
  const x = phoneKey(a);
  const y = phoneKey(b);
  if (x.length < 5 || y.length < 5) return false;
  if (x === y) return true;
  // Tolerate a country code on one side only ("+86 138…" vs "138…"), never a shorter number.
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= 8 && long.length - short.length <= 3 && long.endsWith(short);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readAddress(value: Prisma.JsonValue | null): ShippingAddress | null {
  if (!isRecord(value)) return null;
  const text = (key: string): string => (typeof value[key] === 'string' ? String(value[key]) : '');
  return {
    name: text('name'),
    phone: text('phone'),
    line1: text('line1'),
    ...(typeof value.line2 === 'string' ? { line2: value.line2 } : {}),
    city: text('city'),
    region: text('region'),
    postalCode: text('postalCode'),
    country: text('country'),
  };
}

/**
 * The order if the viewer may see it, else exactly the not-found error of a missing order.
 * Exported for shipments.ts; not meant for the HTTP layer.
 */
export async function findVisibleOrderId(db: Db, orderId: string, viewer: Viewer): Promise<string> {
  const order =
    typeof orderId === 'string' && orderId !== ''
      ? await db.order.findUnique({
          where: { id: orderId },
          select: {
            id: true,
            customerId: true,
            shippingAddress: true,
            customer: { select: { email: true, phone: true } },
          },
        })
      : null;
  if (!order || !viewerMaySee(order, viewer)) throw orderNotFound();
  return order.id;
}

function viewerMaySee(
  order: {
    customerId: string | null;
    shippingAddress: Prisma.JsonValue | null;
    customer: { email: string | null; phone: string | null } | null;
  },
  viewer: Viewer,
): boolean {
  if (viewer.kind === 'customer') return order.customerId !== null && order.customerId === viewer.customerId;
  const contact = typeof viewer.contact === 'string' ? viewer.contact.trim() : '';
  if (!contact) return false;
  if (contact.includes('@')) {
    const email = order.customer?.email;
    return !!email && emailKey(email) === emailKey(contact);
  }
  const phones = [order.customer?.phone, readAddress(order.shippingAddress)?.phone].filter((p): p is string => !!p);
  return phones.some((phone) => phonesMatch(phone, contact));
}

async function loadOrderView(db: Db, orderId: string, includeAddress: boolean): Promise<OrderView> {
  const order = await db.order.findUnique({
    where: { id: orderId },
    include: {
      items: { orderBy: { line: 'asc' }, include: { product: { select: { name: true } } } },
      shipments: { orderBy: { line: 'asc' } },
    },
  });
  if (!order) throw orderNotFound();
  return {
    id: order.id,
    status: order.status,
    placedAt: order.placedAt.toISOString(),
    items: order.items.map((item) => {
      const unitPrice = centsFromDecimal(item.unitPrice);
      const discount = centsFromDecimal(item.discount);
      return {
        sku: item.sku,
        name: item.product.name,
        quantity: item.quantity,
        unitPrice: formatMoney(unitPrice),
        discount: formatMoney(discount),
        lineTotal: formatMoney(unitPrice * BigInt(item.quantity) - discount),
      };
    }),
    couponCode: order.couponCode,
    shippingFee: formatMoney(centsFromDecimal(order.shippingFee)),
    total: formatMoney(centsFromDecimal(order.total)),
    shipments: order.shipments.map((s) => ({
      carrier: s.carrier,
      trackingNumber: s.trackingNumber,
      status: s.status,
      estimatedDelivery: s.estimatedDelivery ? s.estimatedDelivery.toISOString().slice(0, 10) : null,
    })),
    ...(includeAddress ? { shippingAddress: readAddress(order.shippingAddress) } : {}),
  };
}

/** One order, if the viewer may see it (see Viewer). Otherwise not_found, same as a missing order. */
export async function getOrder(db: PrismaClient, orderId: string, viewer: Viewer): Promise<OrderView> {
  const id = await findVisibleOrderId(db, orderId, viewer);
  return loadOrderView(db, id, viewer.kind === 'customer');
}

export interface OrderListItem {
  id: string;
  status: OrderStatus;
  placedAt: string;
  total: string;
  itemCount: number;
  items: { sku: string; name: string; quantity: number }[];
}

export interface OrderList {
  orders: OrderListItem[];
  /** Pass back as `cursor` for the next (older) page; null when there is none. */
  nextCursor: string | null;
}

function encodeCursor(placedAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([placedAt.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string): { placedAt: Date; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') {
      const placedAt = new Date(value[0]);
      if (!Number.isNaN(placedAt.getTime())) return { placedAt, id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new CommerceError('invalid_input', 'That cursor is not one listOrders returned.', { field: 'cursor' });
}

/** A customer's orders, newest first, in pages. Unknown customer → not_found. */
export async function listOrders(
  db: PrismaClient,
  customerId: string,
  options: { limit?: number; cursor?: string | null } = {},
): Promise<OrderList> {
  const limit = options.limit ?? 20;
  if (!Number.isSafeInteger(limit) || limit <= 0 || limit > 100) {
    throw new CommerceError('invalid_input', 'limit must be a whole number from 1 to 100.', { field: 'limit' });
  }
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const older = after
    ? Prisma.sql`AND ("placedAt" < ${after.placedAt} OR ("placedAt" = ${after.placedAt} AND id < ${after.id}))`
    : Prisma.empty;
  // One round trip: the page of orders, each with its items and their product names as JSON.
  const rows = await db.$queryRaw<OrderListRow[]>`
    SELECT o.id, o.status::text AS status, o."placedAt", o.total::text AS total, items.list AS items
    FROM (SELECT id, status, "placedAt", total FROM "Order"
          WHERE "customerId" = ${customerId} ${older}
          ORDER BY "placedAt" DESC, id DESC LIMIT ${limit + 1}) o
    CROSS JOIN LATERAL (
      SELECT COALESCE(json_agg(json_build_object('sku', i.sku, 'name', p.name, 'quantity', i.quantity) ORDER BY i.line), '[]') AS list
      FROM "OrderItem" i JOIN "Product" p ON p.sku = i.sku WHERE i."orderId" = o.id
    ) items
    ORDER BY o."placedAt" DESC, o.id DESC`;
  if (rows.length === 0 && !after && !(await db.customer.findUnique({ where: { id: customerId }, select: { id: true } }))) {
    throw new CommerceError('not_found', `No customer "${customerId}".`);
  }
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    orders: page.map((o) => ({
      id: o.id,
      status: o.status,
      placedAt: o.placedAt.toISOString(),
      total: o.total,
      itemCount: o.items.reduce((sum, i) => sum + i.quantity, 0),
      items: o.items,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.placedAt, last.id) : null,
  };
}

interface OrderListRow {
  id: string;
  status: OrderStatus;
  placedAt: Date;
  /** numeric(12,2) as text: always two decimals */
  total: string;
  items: { sku: string; name: string; quantity: number }[];
}

// ---------------------------------------------------------------------------------------------
// Placing an order
// ---------------------------------------------------------------------------------------------

export interface PlaceOrderInput {
  customerId: string;
  items: readonly { sku: string; quantity: number }[];
  couponCode?: string | null;
  /** Chosen by the caller per logical request; a retry reuses it. */
  idempotencyKey: string;
  /** Clock for coupon validity and placedAt (tests); not part of the request's identity. */
  now?: Date;
}

export interface PlaceOrderResult {
  order: OrderView;
  /** True when this key had already placed the order and it was returned, not placed again. */
  replayed: boolean;
}

const IDEMPOTENCY_SCOPE = 'placeOrder';

function validatePlaceOrder(input: PlaceOrderInput): void {
  const bad = (field: string, message: string): never => {
    throw new CommerceError('invalid_input', message, { field });
  };
  if (typeof input.idempotencyKey !== 'string' || input.idempotencyKey.trim() === '' || input.idempotencyKey.length > 200)
    bad('idempotencyKey', 'idempotencyKey must be a non-empty string of at most 200 characters.');
  if (typeof input.customerId !== 'string' || input.customerId === '') bad('customerId', 'customerId is required.');
  if (!Array.isArray(input.items) || input.items.length === 0) bad('items', 'An order needs at least one item.');
  if (input.items.length > 100) bad('items', 'An order can have at most 100 lines.');
  input.items.forEach((item, i) => {
    if (typeof item.sku !== 'string' || item.sku === '') bad(`items[${i}].sku`, `items[${i}].sku is required.`);
    if (!Number.isSafeInteger(item.quantity) || item.quantity <= 0)
      bad(`items[${i}].quantity`, `items[${i}].quantity must be a positive whole number (got ${String(item.quantity)}).`);
  });
}

/** sha256 of the request in a fixed shape, so the same request always hashes the same. */
function requestHash(input: PlaceOrderInput): string {
  const canonical = JSON.stringify({
    customerId: input.customerId,
    items: input.items.map((item) => ({ sku: item.sku, quantity: item.quantity })),
    couponCode: input.couponCode?.trim() ? couponKey(input.couponCode) : null,
  });
  return createHash('sha256').update(canonical).digest('hex');
}

function newOrderId(now: Date): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  return `ORD-${day}-${randomBytes(5).toString('hex').toUpperCase()}`;
}

function conflict(key: string): CommerceError {
  return new CommerceError(
    'idempotency_conflict',
    `Idempotency key "${key}" was already used for a different request. Use a new key for a new order.`,
  );
}

type KeyOutcome = { kind: 'placed'; orderId: string } | { kind: 'existing'; orderId: string };

/**
 * Places an order for a signed-in customer, all in one transaction: validates, prices with the
 * multi-line quote (customer's member level, optional coupon), reserves stock with conditional
 * updates (most-available warehouse first, split if needed), counts the coupon use, writes the
 * order. shippingFee is 0.00: the data model has no shipping rates yet, so orders ship free.
 * The customer record has no address, so shippingAddress stays null until checkout collects one.
 *
 * A coupon that does not apply is an error (coupon_not_applicable), not silently dropped: the
 * shopper agreed to a price with the coupon. Same idempotencyKey + same request → the first
 * order (replayed: true), also when both race; a different request → idempotency_conflict.
 */
export async function placeOrder(db: PrismaClient, input: PlaceOrderInput): Promise<PlaceOrderResult> {
  validatePlaceOrder(input);
  const hash = requestHash(input);
  const key = input.idempotencyKey;

  // Fast path for retries of finished requests. A row without orderId is someone's uncommitted
  // work (PGlite shares one connection) and is settled inside the transaction below instead.
  const known = await db.idempotencyKey.findUnique({ where: { key } });
  if (known?.orderId) {
    if (known.scope !== IDEMPOTENCY_SCOPE || known.requestHash !== hash) throw conflict(key);
    return { order: await loadOrderView(db, known.orderId, true), replayed: true };
  }

  const outcome = await db.$transaction(async (tx): Promise<KeyOutcome> => {
    // Claim the key first. A concurrent request with the same key blocks here until ours commits
    // (then sees our row) or rolls back (then proceeds itself): never two orders for one key.
    const claimed = await tx.$queryRaw<{ key: string }[]>`
      INSERT INTO "IdempotencyKey" (key, scope, "requestHash", "createdAt")
      VALUES (${key}, ${IDEMPOTENCY_SCOPE}, ${hash}, now())
      ON CONFLICT (key) DO NOTHING
      RETURNING key`;
    if (claimed.length === 0) {
      const existing = await tx.idempotencyKey.findUnique({ where: { key } });
      if (!existing?.orderId || existing.scope !== IDEMPOTENCY_SCOPE || existing.requestHash !== hash) throw conflict(key);
      return { kind: 'existing', orderId: existing.orderId };
    }
    const orderId = await writeOrder(tx, input);
    await tx.idempotencyKey.update({ where: { key }, data: { orderId } });
    return { kind: 'placed', orderId };
  }, TX_OPTIONS);

  return { order: await loadOrderView(db, outcome.orderId, true), replayed: outcome.kind === 'existing' };
}

async function writeOrder(tx: Prisma.TransactionClient, input: PlaceOrderInput): Promise<string> {
  const now = input.now ?? new Date();
  const customer = await tx.customer.findUnique({ where: { id: input.customerId }, include: { memberLevel: true } });
  if (!customer) throw new CommerceError('not_found', `No customer "${input.customerId}".`);

  // The same SKU twice is one line with the quantities added.
  const merged = new Map<string, number>();
  for (const item of input.items) merged.set(item.sku, (merged.get(item.sku) ?? 0) + item.quantity);
  const skus = [...merged.keys()];

  const products = await tx.product.findMany({ where: { sku: { in: skus } } });
  const bySku = new Map(products.map((p) => [p.sku, p]));
  const lines: QuoteLineInput[] = skus.map((sku) => {
    const product = bySku.get(sku);
    if (!product) throw new CommerceError('not_found', `No product with SKU "${sku}".`, { sku });
    if (product.status !== 'active')
      throw new CommerceError('product_unavailable', `${product.name} (${sku}) is no longer sold.`, { sku });
    return { sku, category: product.category, unitPrice: centsFromDecimal(product.price), quantity: merged.get(sku) ?? 0 };
  });

  const coupon = await loadCouponRequest(tx, input.couponCode);
  const quote = computeOrderQuote({
    lines,
    level: customer.memberLevel ? toQuoteLevel(customer.memberLevel) : null,
    coupon,
    now,
  });
  if (quote.coupon && !quote.coupon.applied) {
    throw new CommerceError('coupon_not_applicable', quote.coupon.message ?? 'The coupon cannot be used.', {
      code: quote.coupon.code,
      reason: quote.coupon.reason,
    });
  }
  if (quote.coupon?.applied) {
    // Counted only if still under the limit at this instant; a race for the last use loses cleanly.
    const counted = await tx.$executeRaw`
      UPDATE "Coupon" SET "timesUsed" = "timesUsed" + 1
      WHERE code = ${quote.coupon.code} AND ("usageLimit" IS NULL OR "timesUsed" < "usageLimit")`;
    if (counted !== 1) {
      throw new CommerceError('coupon_not_applicable', `Coupon ${quote.coupon.code} has been used up.`, {
        code: quote.coupon.code,
        reason: 'used_up',
      });
    }
  }

  const orderId = await freshOrderId(tx, now);
  const reservations = await reserveStock(tx, lines);

  await tx.order.create({
    data: {
      id: orderId,
      customerId: customer.id,
      status: 'pending',
      placedAt: now,
      couponCode: quote.coupon?.applied ? quote.coupon.code : null,
      shippingFee: '0.00',
      total: quote.total,
      items: {
        create: quote.lines.map((line, index) => ({
          line: index + 1,
          sku: line.sku,
          quantity: line.quantity,
          unitPrice: line.unitPrice,
          discount: line.memberDiscount,
        })),
      },
    },
  });
  await tx.stockReservation.createMany({ data: reservations.map((r) => ({ ...r, orderId })) });
  return orderId;
}

async function freshOrderId(tx: Prisma.TransactionClient, now: Date): Promise<string> {
  for (;;) {
    const id = newOrderId(now);
    // Imported ids can look like anything; make sure ours is not one of them.
    if (!(await tx.order.findUnique({ where: { id }, select: { id: true } }))) return id;
  }
}

interface Reservation {
  sku: string;
  warehouseCode: string;
  quantity: number;
}

async function reserveStock(tx: Prisma.TransactionClient, lines: QuoteLineInput[]): Promise<Reservation[]> {
  const skus = lines.map((l) => l.sku).sort();
  // Lock this order's stock rows in one fixed order (sku, warehouse), so two orders touching the
  // same rows queue up instead of deadlocking. The updates below stay conditional regardless.
  const rows = await tx.$queryRaw<{ sku: string; warehouseCode: string; available: number; position: number }[]>`
    SELECT s.sku, s."warehouseCode", (s."onHand" - s.reserved)::int AS available, w.position
    FROM "Stock" s JOIN "Warehouse" w ON w.code = s."warehouseCode"
    WHERE s.sku = ANY(${skus}::text[])
    ORDER BY s.sku, s."warehouseCode"
    FOR UPDATE OF s`;

  const reservations: Reservation[] = [];
  for (const line of lines) {
    const stock = rows
      .filter((r) => r.sku === line.sku && r.available > 0)
      .sort((a, b) => b.available - a.available || a.position - b.position);
    const available = stock.reduce((sum, r) => sum + r.available, 0);
    if (available < line.quantity) throw outOfStock(line.sku, line.quantity, available);
    let remaining = line.quantity;
    for (const row of stock) {
      if (remaining === 0) break;
      const take = Math.min(remaining, row.available);
      const updated = await tx.$executeRaw`
        UPDATE "Stock" SET reserved = reserved + ${take}
        WHERE sku = ${line.sku} AND "warehouseCode" = ${row.warehouseCode} AND "onHand" - reserved >= ${take}`;
      if (updated !== 1) throw outOfStock(line.sku, line.quantity, available);
      reservations.push({ sku: line.sku, warehouseCode: row.warehouseCode, quantity: take });
      remaining -= take;
    }
  }
  return reservations;
}

function outOfStock(sku: string, requested: number, available: number): CommerceError {
  return new CommerceError('out_of_stock', `Only ${available} of ${sku} available, ${requested} requested.`, {
    sku,
    requested,
    available,
  });
}

// ---------------------------------------------------------------------------------------------
// Cancelling
// ---------------------------------------------------------------------------------------------

export interface CancelOrderResult {
  order: OrderView;
  /** Stock given back, per warehouse. */
  released: Reservation[];
}

/**
 * Cancels a pending, paid or processing order the viewer may see, releasing its reserved stock,
 * in one transaction. Any other status (including already cancelled) → not_cancellable.
 */
export async function cancelOrder(db: PrismaClient, orderId: string, viewer: Viewer): Promise<CancelOrderResult> {
  const released = await db.$transaction(async (tx) => {
    const id = await findVisibleOrderId(tx, orderId, viewer);
    // Conditional on the status, so two concurrent cancels cannot both release the stock.
    const changed = await tx.order.updateMany({
      where: { id, status: { in: [...CANCELLABLE] } },
      data: { status: 'cancelled' },
    });
    if (changed.count !== 1) {
      const current = await tx.order.findUnique({ where: { id }, select: { status: true } });
      throw new CommerceError(
        'not_cancellable',
        `Order ${id} is ${current?.status ?? 'gone'} and can no longer be cancelled (only pending, paid or processing orders can).`,
        { status: current?.status },
      );
    }
    return settleReservations(tx, id, 'released');
  }, TX_OPTIONS);
  return { order: await loadOrderView(db, orderId, viewer.kind === 'customer'), released };
}

// ---------------------------------------------------------------------------------------------
// Status changes reported by the shop's systems (payments, fulfilment, refunds)
// ---------------------------------------------------------------------------------------------

/**
 * The order status machine: where an order may go from each status. Forward only —
 * pending → paid → processing → shipped → delivered, with paid → shipped allowed (no separate
 * processing step); cancelled only before shipping; refunded once paid (before or after shipping);
 * cancelled and refunded are final. Anything else is invalid_status_change (not_cancellable for a
 * cancellation, as cancelOrder says).
 */
export const ORDER_STATUS_CHANGES: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending: ['paid', 'cancelled'],
  paid: ['processing', 'shipped', 'cancelled', 'refunded'],
  processing: ['shipped', 'cancelled', 'refunded'],
  shipped: ['delivered', 'refunded'],
  delivered: ['refunded'],
  cancelled: [],
  refunded: [],
};

/** Orders that still hold their units in the warehouses (StockReservation rows). */
const HOLDING_STOCK: readonly OrderStatus[] = ['pending', 'paid', 'processing'];

export interface OrderStatusChange {
  orderId: string;
  previousStatus: OrderStatus;
  status: OrderStatus;
  /** False when the order already had that status (nothing was written). */
  changed: boolean;
  /**
   * What happened to the units the order held: `released` back to available stock (cancelled or
   * refunded before shipping, as cancelOrder does), `shipped` out of the warehouses (on hand and
   * reserved both go down), or null (nothing held, or nothing to do).
   */
  stock: 'released' | 'shipped' | null;
}

/**
 * The order's current status with its row locked until the transaction ends, so status changes
 * (and the stock moves that go with them) on one order happen one at a time. Unknown → not_found
 * naming the id (this is for the shop's own systems, not shoppers: see orderNotFound for those).
 */
export async function lockOrderStatus(tx: Prisma.TransactionClient, orderId: string): Promise<OrderStatus> {
  const rows = await tx.$queryRaw<{ status: OrderStatus }[]>`
    SELECT status::text AS status FROM "Order" WHERE id = ${orderId} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new CommerceError('not_found', `No order "${orderId}".`, { orderId });
  return row.status;
}

/**
 * Moves an order to `status` as the shop's systems report it, following ORDER_STATUS_CHANGES, in
 * a transaction of its own (changeOrderStatusInTransaction: in the caller's). The status it
 * already has → no-op (changed: false), so a repeated report is harmless. Leaving
 * pending/paid/processing for cancelled or refunded releases the reserved units exactly as
 * cancelOrder does; for shipped, the reserved units leave the warehouses (on hand and reserved
 * both go down, the reservations are deleted), which is what an import of the shipped order would
 * have produced. Unknown order → not_found; a change the machine does not allow →
 * invalid_status_change (not_cancellable for a cancellation), naming both statuses.
 */
export async function changeOrderStatus(db: PrismaClient, orderId: string, status: OrderStatus): Promise<OrderStatusChange> {
  return db.$transaction((tx) => changeOrderStatusInTransaction(tx, orderId, status), TX_OPTIONS);
}

/** changeOrderStatus inside the caller's transaction (e.g. with the webhook event that reported it). */
export async function changeOrderStatusInTransaction(
  tx: Prisma.TransactionClient,
  orderId: string,
  status: OrderStatus,
): Promise<OrderStatusChange> {
  if (!Object.hasOwn(ORDER_STATUS_CHANGES, status)) {
    throw new CommerceError('invalid_input', `"${String(status)}" is not an order status.`, { field: 'status' });
  }
  const previousStatus = await lockOrderStatus(tx, orderId);
  if (previousStatus === status) return { orderId, previousStatus, status, changed: false, stock: null };
  if (!ORDER_STATUS_CHANGES[previousStatus].includes(status)) {
    const allowed = ORDER_STATUS_CHANGES[previousStatus];
    const next = allowed.length > 0 ? `from ${previousStatus} it can only become ${allowed.join(', ')}` : 'that is final';
    throw new CommerceError(
      status === 'cancelled' ? 'not_cancellable' : 'invalid_status_change',
      `Order ${orderId} cannot go from ${previousStatus} to ${status}: ${next}.`,
      { orderId, from: previousStatus, to: status },
    );
  }
  await tx.order.update({ where: { id: orderId }, data: { status } });
  let stock: OrderStatusChange['stock'] = null;
  if (HOLDING_STOCK.includes(previousStatus) && !HOLDING_STOCK.includes(status)) {
    const outcome = status === 'shipped' ? 'shipped' : 'released';
    const held = await settleReservations(tx, orderId, outcome);
    if (held.length > 0) stock = outcome;
  }
  return { orderId, previousStatus, status, changed: true, stock };
}

/**
 * An order lets go of the units it reserved: given back to the warehouse (released: cancelled or
 * refunded before shipping) or taken out of it (shipped: on hand and reserved both go down).
 */
async function settleReservations(
  tx: Prisma.TransactionClient,
  orderId: string,
  outcome: 'released' | 'shipped',
): Promise<Reservation[]> {
  const held = await tx.stockReservation.findMany({ where: { orderId }, orderBy: { id: 'asc' } });
  for (const r of held) {
    if (outcome === 'shipped') {
      await tx.$executeRaw`
        UPDATE "Stock" SET "onHand" = "onHand" - ${r.quantity}, reserved = reserved - ${r.quantity}
        WHERE sku = ${r.sku} AND "warehouseCode" = ${r.warehouseCode} AND reserved >= ${r.quantity}`;
    } else {
      await tx.$executeRaw`
        UPDATE "Stock" SET reserved = reserved - ${r.quantity}
        WHERE sku = ${r.sku} AND "warehouseCode" = ${r.warehouseCode} AND reserved >= ${r.quantity}`;
    }
  }
  await tx.stockReservation.deleteMany({ where: { orderId } });
  return held.map((r) => ({ sku: r.sku, warehouseCode: r.warehouseCode, quantity: r.quantity }));
}
