import { couponKey } from '@/lib/commerce/normalize';
import type { Prisma, PrismaClient } from '@/lib/db/generated/client';
import {
  assignOrderIds,
  createOrderContext,
  DEFAULT_DEMO_NOW,
  type GeneratedCustomer,
  generateCustomer,
  generateDemoStore,
  generateOrder,
  generateOrderSkeleton,
  generateProduct,
} from './demo';
import { OPEN_ORDER_STATUSES, type ProductRecord } from './format';
import { type ImportSummary, importStore } from './import';
import {
  customerRow,
  type OrderItemRow,
  type OrderRow,
  orderRows,
  productRow,
  type ReservationRow,
  type ShipmentEventRow,
  type ShipmentRow,
  StockLedger,
} from './rows';
import { formatDate } from './time';

/**
 * A store big enough to benchmark against: the demo store, then products, customers and orders in
 * bulk on top. Rows come from the same generators and row builders as the demo and the importer
 * (so keys, search text and reservations are filled identically) but are written with one
 * INSERT … SELECT FROM json_to_recordset($1) per batch: one parameter, any number of rows.
 */

export interface LargeStoreOptions {
  seed?: number;
  products?: number;
  customers?: number;
  orders?: number;
  now?: Date;
  /** Rows generated and written per statement. */
  batchSize?: number;
  onProgress?: (message: string) => void;
}

export interface LargeStoreSummary {
  demo: ImportSummary;
  added: {
    products: number;
    stock: number;
    customers: number;
    orders: number;
    orderItems: number;
    shipments: number;
    shipmentEvents: number;
    reservations: number;
  };
  seconds: { demo: number; products: number; customers: number; orders: number; total: number };
}

type Tx = Prisma.TransactionClient;
type Column = readonly [name: string, sqlType: string];

const PRODUCT_COLUMNS: Column[] = [
  ['sku', 'text'],
  ['name', 'text'],
  ['aliases', 'text[]'],
  ['description', 'text'],
  ['category', 'text'],
  ['attributes', 'jsonb'],
  ['price', 'numeric'],
  ['status', '"ProductStatus"'],
  ['skuKey', 'text'],
  ['searchText', 'text'],
];
const STOCK_COLUMNS: Column[] = [
  ['sku', 'text'],
  ['warehouseCode', 'text'],
  ['onHand', 'int'],
  ['reserved', 'int'],
];
const CUSTOMER_COLUMNS: Column[] = [
  ['id', 'text'],
  ['name', 'text'],
  ['email', 'text'],
  ['phone', 'text'],
  ['memberLevelCode', 'text'],
];
const ORDER_COLUMNS: Column[] = [
  ['id', 'text'],
  ['customerId', 'text'],
  ['status', '"OrderStatus"'],
  ['placedAt', 'timestamptz'],
  ['couponCode', 'text'],
  ['shippingFee', 'numeric'],
  ['total', 'numeric'],
  ['shippingAddress', 'jsonb'],
];
const ITEM_COLUMNS: Column[] = [
  ['orderId', 'text'],
  ['line', 'int'],
  ['sku', 'text'],
  ['quantity', 'int'],
  ['unitPrice', 'numeric'],
  ['discount', 'numeric'],
];
const SHIPMENT_COLUMNS: Column[] = [
  ['id', 'int'],
  ['orderId', 'text'],
  ['line', 'int'],
  ['carrier', 'text'],
  ['trackingNumber', 'text'],
  ['trackingKey', 'text'],
  ['status', '"ShipmentStatus"'],
  ['estimatedDelivery', 'date'],
];
const EVENT_COLUMNS: Column[] = [
  ['shipmentId', 'int'],
  ['at', 'timestamptz'],
  ['location', 'text'],
  ['description', 'text'],
];
const RESERVATION_COLUMNS: Column[] = [
  ['orderId', 'text'],
  ['sku', 'text'],
  ['warehouseCode', 'text'],
  ['quantity', 'int'],
];

/** Writes rows (objects keyed by column name) with one statement; Dates become ISO strings in the JSON. */
async function insertRows(db: Tx | PrismaClient, table: string, columns: readonly Column[], rows: readonly object[]) {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  const types = columns.map(([name, type]) => `"${name}" ${type}`).join(', ');
  await db.$executeRawUnsafe(
    `INSERT INTO "${table}" (${names}) SELECT ${names} FROM json_to_recordset($1::json) AS x(${types})`,
    JSON.stringify(rows),
  );
}

/** Imports the demo store into an empty database, then adds the bulk in one transaction. */
export async function seedLargeStore(db: PrismaClient, options: LargeStoreOptions = {}): Promise<LargeStoreSummary> {
  const started = performance.now();
  const seed = options.seed ?? 20261120;
  const productCount = options.products ?? 100_000;
  const orderCount = options.orders ?? 1_000_000;
  const customerCount = options.customers ?? Math.max(1000, Math.round(orderCount / 20));
  const batchSize = options.batchSize ?? 10_000;
  const progress = options.onProgress ?? (() => {});

  const now = options.now ?? DEFAULT_DEMO_NOW;
  const demoFile = generateDemoStore({ seed, now });
  const demo = await importStore(db, demoFile);
  const demoSeconds = (performance.now() - started) / 1000;
  progress(`demo store imported in ${demoSeconds.toFixed(1)} s`);

  const result = await db.$transaction(
    (tx) =>
      writeBulk(tx, {
        seed,
        now,
        productCount,
        customerCount,
        orderCount,
        batchSize,
        progress,
        demoFile,
      }),
    { timeout: 3_600_000, maxWait: 60_000 },
  );
  const total = (performance.now() - started) / 1000;
  return { demo, added: result.added, seconds: { demo: demoSeconds, ...result.seconds, total } };
}

interface BulkPlan {
  seed: number;
  now: Date;
  productCount: number;
  customerCount: number;
  orderCount: number;
  batchSize: number;
  progress: (message: string) => void;
  demoFile: ReturnType<typeof generateDemoStore>;
}

async function writeBulk(tx: Tx, plan: BulkPlan) {
  const { seed, now, batchSize, progress, demoFile } = plan;
  const warehouseOrder = demoFile.warehouses.map((warehouse) => warehouse.code);
  let phase = performance.now();
  const lap = () => {
    const seconds = (performance.now() - phase) / 1000;
    phase = performance.now();
    return seconds;
  };

  // Products: numbered after the demo's, so the same generator gives new SKUs.
  const firstProduct = demoFile.products.length;
  const ledger = new StockLedger(warehouseOrder);
  const products: ProductRecord[] = [];
  for (let start = 0; start < plan.productCount; start += batchSize) {
    const batch: ProductRecord[] = [];
    for (let i = start; i < Math.min(plan.productCount, start + batchSize); i++)
      batch.push(generateProduct(seed, firstProduct + i));
    for (const product of batch) ledger.addProduct(product);
    products.push(...batch);
    await insertRows(tx, 'Product', PRODUCT_COLUMNS, batch.map(productRow));
  }
  const productSeconds = lap();
  progress(`${plan.productCount} products in ${productSeconds.toFixed(1)} s`);

  const firstCustomer = demoFile.customers?.length ?? 0;
  const customers: GeneratedCustomer[] = Array.from({ length: firstCustomer }, (_, i) => generateCustomer(seed, i));
  for (let start = 0; start < plan.customerCount; start += batchSize) {
    const batch: GeneratedCustomer[] = [];
    for (let i = start; i < Math.min(plan.customerCount, start + batchSize); i++)
      batch.push(generateCustomer(seed, firstCustomer + i));
    customers.push(...batch);
    await insertRows(
      tx,
      'Customer',
      CUSTOMER_COLUMNS,
      batch.map((c) => customerRow(c.customer)),
    );
  }
  const customerSeconds = lap();
  progress(`${plan.customerCount} customers in ${customerSeconds.toFixed(1)} s`);

  // Orders: all skeletons first (status and time), so ids can be numbered chronologically per day;
  // their numbers start at 50001 so they never meet the demo's ORD-…-00001 … numbering.
  const coupons = demoFile.coupons ?? [];
  const context = createOrderContext(seed, now, products, customers, coupons, demoFile.memberLevels);
  for (const order of demoFile.orders ?? []) {
    for (const shipment of order.shipments ?? []) context.trackingNumbers.add(shipment.trackingNumber);
  }
  const skeletons = Array.from({ length: plan.orderCount }, (_, i) => generateOrderSkeleton(seed, 1_000_000 + i, now)).sort(
    (a, b) => a.placedAt - b.placedAt || a.index - b.index,
  );
  const ids = assignOrderIds(skeletons, 50_001, new Set((demoFile.orders ?? []).map((order) => order.id)));
  const couponCodes = new Map(coupons.map((coupon) => [couponKey(coupon.code), coupon.code]));
  const shipmentIdRows = await tx.$queryRawUnsafe<Array<{ max: number | null }>>('SELECT max(id) AS max FROM "Shipment"');
  let nextShipmentId = (shipmentIdRows[0]?.max ?? 0) + 1;
  const added = { orderItems: 0, shipments: 0, shipmentEvents: 0, reservations: 0 };

  for (let start = 0; start < skeletons.length; start += batchSize) {
    const orders: OrderRow[] = [];
    const items: OrderItemRow[] = [];
    const shipments: Array<Omit<ShipmentRow, 'estimatedDelivery'> & { id: number; estimatedDelivery: string | null }> = [];
    const events: Array<Omit<ShipmentEventRow, 'orderId' | 'shipmentLine'> & { shipmentId: number }> = [];
    const reservations: ReservationRow[] = [];
    for (let i = start; i < Math.min(skeletons.length, start + batchSize); i++) {
      const skeleton = skeletons[i];
      const id = ids[i];
      if (!skeleton || !id) continue;
      const order = generateOrder(context, skeleton, id);
      const rows = orderRows(order, couponCodes);
      orders.push(rows.order);
      items.push(...rows.items);
      const lineIds = rows.shipments.map((shipment) => {
        const shipmentId = nextShipmentId++;
        const { estimatedDelivery, ...rest } = shipment;
        shipments.push({ ...rest, id: shipmentId, estimatedDelivery: estimatedDelivery && formatDate(estimatedDelivery) });
        return shipmentId;
      });
      for (const { orderId: _orderId, shipmentLine, ...event } of rows.events) {
        events.push({ ...event, shipmentId: lineIds[shipmentLine] ?? 0 });
      }
      // Skeletons are in placement order, so earlier open orders reserve first, as in importStore.
      if (OPEN_ORDER_STATUSES.includes(order.status)) reservations.push(...ledger.reserveOrder(order));
    }
    await insertRows(tx, 'Order', ORDER_COLUMNS, orders);
    await insertRows(tx, 'OrderItem', ITEM_COLUMNS, items);
    await insertRows(tx, 'Shipment', SHIPMENT_COLUMNS, shipments);
    await insertRows(tx, 'ShipmentEvent', EVENT_COLUMNS, events);
    await insertRows(tx, 'StockReservation', RESERVATION_COLUMNS, reservations);
    added.orderItems += items.length;
    added.shipments += shipments.length;
    added.shipmentEvents += events.length;
    added.reservations += reservations.length;
    if ((start / batchSize) % 10 === 9) progress(`${start + orders.length} orders …`);
  }
  // Shipment ids were assigned here; move the sequence past them for later inserts.
  await tx.$queryRawUnsafe(
    `SELECT setval(pg_get_serial_sequence('"Shipment"', 'id'), GREATEST((SELECT max(id) FROM "Shipment"), 1))`,
  );
  const stock = ledger.allRows();
  for (let start = 0; start < stock.length; start += batchSize * 5) {
    await insertRows(tx, 'Stock', STOCK_COLUMNS, stock.slice(start, start + batchSize * 5));
  }
  for (const coupon of coupons) {
    const uses = context.couponUses.get(coupon.code) ?? 0;
    if (uses !== (coupon.timesUsed ?? 0)) await tx.coupon.update({ where: { code: coupon.code }, data: { timesUsed: uses } });
  }
  const orderSeconds = lap();
  progress(`${plan.orderCount} orders in ${orderSeconds.toFixed(1)} s`);

  return {
    added: {
      products: plan.productCount,
      stock: stock.length,
      customers: plan.customerCount,
      orders: plan.orderCount,
      ...added,
    },
    seconds: { products: productSeconds, customers: customerSeconds, orders: orderSeconds },
  };
}
