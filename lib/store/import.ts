import { couponKey } from '@/lib/commerce/normalize';
import type { Prisma, PrismaClient } from '@/lib/db/generated/client';
import { OPEN_ORDER_STATUSES, type StoreFile } from './format';
import {
  compareOrdersByPlacement,
  couponRow,
  customerRow,
  memberLevelRow,
  type OrderItemRow,
  type OrderRow,
  orderRows,
  productRow,
  type ReservationRow,
  type ShipmentEventRow,
  type ShipmentRow,
  StockLedger,
  warehouseRow,
} from './rows';
import { validateStoreFile } from './validate';

/** The file is invalid; `issues` holds one `path: message` line per problem. Nothing was written. */
export class StoreImportError extends Error {
  constructor(readonly issues: string[]) {
    super(`The store file has ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n${issues.join('\n')}`);
    this.name = 'StoreImportError';
  }
}

/** The database already holds a store; importing on top would mix two stores. */
export class StoreNotEmptyError extends Error {
  constructor() {
    super('The database already has a store. Run `npm run db:reset` first to empty it, then import again.');
    this.name = 'StoreNotEmptyError';
  }
}

export interface ImportSummary {
  warehouses: number;
  memberLevels: number;
  products: number;
  stock: number;
  coupons: number;
  customers: number;
  orders: number;
  orderItems: number;
  shipments: number;
  shipmentEvents: number;
  reservations: number;
  milliseconds: number;
}

type Tx = Prisma.TransactionClient;

const CHUNK = 1000;

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < rows.length; start += size) out.push(rows.slice(start, start + size));
  return out;
}

export async function hasStore(db: PrismaClient | Tx): Promise<boolean> {
  const [settings, products, orders] = await Promise.all([db.storeSettings.count(), db.product.count(), db.order.count()]);
  return settings + products + orders > 0;
}

/** Validates the whole file, then writes it in one transaction: all of it or nothing. */
export async function importStore(db: PrismaClient, input: unknown): Promise<ImportSummary> {
  const started = performance.now();
  const result = validateStoreFile(input);
  if (!result.ok) throw new StoreImportError(result.issues);
  const file = result.file;
  if (await hasStore(db)) throw new StoreNotEmptyError();
  try {
    const summary = await db.$transaction((tx) => writeStore(tx, file), { timeout: 300_000, maxWait: 30_000 });
    return { ...summary, milliseconds: Math.round(performance.now() - started) };
  } catch (error) {
    // Two importers racing (e.g. two app instances bootstrapping): the loser sees the winner's store.
    if (!(error instanceof StoreNotEmptyError) && (await hasStore(db))) throw new StoreNotEmptyError();
    throw error;
  }
}

async function writeStore(tx: Tx, file: StoreFile): Promise<Omit<ImportSummary, 'milliseconds'>> {
  // The settings row goes first: a concurrent import blocks on its primary key and then fails.
  await tx.storeSettings.create({ data: { id: 1, ...file.store } });
  if ((await tx.product.count()) + (await tx.order.count()) > 0) throw new StoreNotEmptyError();

  const warehouseOrder = file.warehouses.map((warehouse) => warehouse.code);
  await tx.warehouse.createMany({ data: file.warehouses.map(warehouseRow) });
  const memberLevels = file.memberLevels ?? [];
  if (memberLevels.length) await tx.memberLevel.createMany({ data: memberLevels.map(memberLevelRow) });

  const ledger = new StockLedger(warehouseOrder);
  for (const product of file.products) ledger.addProduct(product);
  for (const batch of chunks(file.products.map(productRow))) await tx.product.createMany({ data: batch });

  const coupons = file.coupons ?? [];
  if (coupons.length) await tx.coupon.createMany({ data: coupons.map(couponRow) });
  const couponCodes = new Map(coupons.map((coupon) => [couponKey(coupon.code), coupon.code]));

  const customers = file.customers ?? [];
  for (const batch of chunks(customers.map(customerRow))) await tx.customer.createMany({ data: batch });

  const orders = file.orders ?? [];
  const orderRowsList: OrderRow[] = [];
  const items: OrderItemRow[] = [];
  const shipments: ShipmentRow[] = [];
  const events: ShipmentEventRow[] = [];
  for (const order of orders) {
    const rows = orderRows(order, couponCodes);
    orderRowsList.push(rows.order);
    items.push(...rows.items);
    shipments.push(...rows.shipments);
    events.push(...rows.events);
  }
  const reservations: ReservationRow[] = orders
    .filter((order) => OPEN_ORDER_STATUSES.includes(order.status))
    .sort(compareOrdersByPlacement)
    .flatMap((order) => ledger.reserveOrder(order));
  const stock = ledger.allRows();

  for (const batch of chunks(stock)) await tx.stock.createMany({ data: batch });
  for (const batch of chunks(orderRowsList)) {
    await tx.order.createMany({
      data: batch.map((row) => ({ ...row, shippingAddress: row.shippingAddress ?? undefined })),
    });
  }
  for (const batch of chunks(items)) await tx.orderItem.createMany({ data: batch });
  const shipmentIds = new Map<string, number>();
  for (const batch of chunks(shipments)) {
    const created = await tx.shipment.createManyAndReturn({ data: batch, select: { id: true, orderId: true, line: true } });
    for (const row of created) shipmentIds.set(`${row.orderId}\u0000${row.line}`, row.id);
  }
  const eventData = events.map(({ orderId, shipmentLine, ...event }) => {
    const shipmentId = shipmentIds.get(`${orderId}\u0000${shipmentLine}`);
    if (shipmentId === undefined) throw new Error(`shipment ${shipmentLine} of order ${orderId} was not written`);
    return { ...event, shipmentId };
  });
  for (const batch of chunks(eventData)) await tx.shipmentEvent.createMany({ data: batch });
  for (const batch of chunks(reservations)) await tx.stockReservation.createMany({ data: batch });

  return {
    warehouses: file.warehouses.length,
    memberLevels: memberLevels.length,
    products: file.products.length,
    stock: stock.length,
    coupons: coupons.length,
    customers: customers.length,
    orders: orders.length,
    orderItems: items.length,
    shipments: shipments.length,
    shipmentEvents: events.length,
    reservations: reservations.length,
  };
}
