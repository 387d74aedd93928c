import type { PrismaClient } from '@/lib/db/client';
import type { OrderStatus, Prisma, ShipmentStatus } from '@/lib/db/generated/client';
import { CommerceError } from './errors';
import { trackingKey } from './normalize';
import { changeOrderStatusInTransaction, findVisibleOrderId, lockOrderStatus, type Viewer } from './orders';

export interface TrackingEvent {
  at: string;
  location: string | null;
  description: string;
}

/** What anyone holding a tracking number may learn: nothing about the order, items or people. */
export interface ShipmentTracking {
  carrier: string;
  trackingNumber: string;
  status: string;
  /** "YYYY-MM-DD" or null */
  estimatedDelivery: string | null;
  /** Oldest first. */
  events: TrackingEvent[];
}

export type TrackShipmentQuery = { trackingNumber: string } | { orderId: string; viewer: Viewer };

export interface OrderTracking {
  orderId: string;
  shipments: ShipmentTracking[];
}

const shipmentSelect = {
  carrier: true,
  trackingNumber: true,
  status: true,
  estimatedDelivery: true,
  events: { orderBy: [{ at: 'asc' }, { id: 'asc' }], select: { at: true, location: true, description: true } },
} satisfies Prisma.ShipmentSelect;

function toTracking(s: {
  carrier: string;
  trackingNumber: string;
  status: string;
  estimatedDelivery: Date | null;
  events: { at: Date; location: string | null; description: string }[];
}): ShipmentTracking {
  // Built field by field (never spread from the row) so nothing else can slip out.
  return {
    carrier: s.carrier,
    trackingNumber: s.trackingNumber,
    status: s.status,
    estimatedDelivery: s.estimatedDelivery ? s.estimatedDelivery.toISOString().slice(0, 10) : null,
    events: s.events.map((e) => ({ at: e.at.toISOString(), location: e.location, description: e.description })),
  };
}

/**
 * By tracking number (case, spaces and dashes ignored): that shipment, revealing only carrier,
 * status, estimate and events. By order: the getOrder visibility rules, then all its shipments.
 */
export async function trackShipment(db: PrismaClient, query: { trackingNumber: string }): Promise<ShipmentTracking>;
export async function trackShipment(db: PrismaClient, query: { orderId: string; viewer: Viewer }): Promise<OrderTracking>;
export async function trackShipment(db: PrismaClient, query: TrackShipmentQuery): Promise<ShipmentTracking | OrderTracking>;
export async function trackShipment(db: PrismaClient, query: TrackShipmentQuery): Promise<ShipmentTracking | OrderTracking> {
  if ('trackingNumber' in query) {
    const key = typeof query.trackingNumber === 'string' ? trackingKey(query.trackingNumber) : '';
    if (!key) throw new CommerceError('invalid_input', 'Give a tracking number.', { field: 'trackingNumber' });
    const shipment = await db.shipment.findFirst({
      where: { trackingKey: key },
      orderBy: { id: 'desc' },
      select: shipmentSelect,
    });
    if (!shipment) throw new CommerceError('not_found', `No shipment with tracking number "${query.trackingNumber}".`);
    return toTracking(shipment);
  }
  const orderId = await findVisibleOrderId(db, query.orderId, query.viewer);
  const shipments = await db.shipment.findMany({ where: { orderId }, orderBy: { line: 'asc' }, select: shipmentSelect });
  return { orderId, shipments: shipments.map(toTracking) };
}

// ---------------------------------------------------------------------------------------------
// Carrier updates reported by the shop's systems
// ---------------------------------------------------------------------------------------------

export const SHIPMENT_STATUSES = [
  'label_created',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'exception',
  'returned',
] as const satisfies readonly ShipmentStatus[];

/** The carrier has the parcel: an order still being prepared counts as shipped from then on. */
const WITH_CARRIER: readonly ShipmentStatus[] = ['in_transit', 'out_for_delivery', 'delivered'];

export interface ShipmentUpdateInput {
  orderId: string;
  /** Matched within the order with case, spaces and dashes ignored; a new one creates a shipment. */
  trackingNumber: string;
  /** Required for a new shipment; given for an existing one, it replaces the stored carrier. */
  carrier?: string;
  /** The carrier's current status. Any status may follow any other (carriers correct themselves). Omitted: unchanged (label_created for a new shipment). */
  status?: ShipmentStatus;
  /** "YYYY-MM-DD"; null clears it; omitted leaves it. */
  estimatedDelivery?: string | null;
  /** Tracking events; one already stored on the shipment (same time and description) is not added again. */
  events?: readonly { at: Date; location?: string | null; description: string }[];
}

export interface ShipmentUpdateResult {
  orderId: string;
  trackingNumber: string;
  /** created: the tracking number was new for the order; unchanged: nothing was written. */
  shipment: 'created' | 'updated' | 'unchanged';
  /** Null for a new shipment. */
  previousStatus: ShipmentStatus | null;
  status: ShipmentStatus;
  estimatedDelivery: string | null;
  eventsAdded: number;
  /** The order after following its shipments (see applyShipmentUpdate). */
  order: { previousStatus: OrderStatus; status: OrderStatus; changed: boolean };
}

function invalid(field: string, message: string): CommerceError {
  return new CommerceError('invalid_input', message, { field });
}

function parseDay(value: string): Date {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) {
    throw invalid('estimatedDelivery', `estimatedDelivery must be a date like 2026-11-18 (got "${value}").`);
  }
  return day;
}

function dayOf(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

/**
 * Applies what a carrier reported about one parcel of an order, in a transaction of its own
 * (applyShipmentUpdateInTransaction: in the caller's), with the order's row locked so updates to
 * one order happen one at a time:
 * creates the shipment when the tracking number is new for the order (carrier required; not for a
 * cancelled order), else updates carrier, status and estimate as given; adds the events it does
 * not already have. Then the order follows its shipments, forward only: a paid or processing order
 * becomes shipped once any of its shipments is with the carrier (in_transit, out_for_delivery or
 * delivered; its reserved units leave the warehouses), and a shipped order becomes delivered once
 * every one of its shipments is delivered. Exceptions and returns leave the order as it is (a
 * refund is the shop's decision: order.status_changed). Unknown order → not_found.
 */
export async function applyShipmentUpdate(db: PrismaClient, input: ShipmentUpdateInput): Promise<ShipmentUpdateResult> {
  return db.$transaction((tx) => applyShipmentUpdateInTransaction(tx, input), { maxWait: 10_000, timeout: 20_000 });
}

/** applyShipmentUpdate inside the caller's transaction (e.g. with the webhook event that reported it). */
export async function applyShipmentUpdateInTransaction(
  tx: Prisma.TransactionClient,
  input: ShipmentUpdateInput,
): Promise<ShipmentUpdateResult> {
  const key = typeof input.trackingNumber === 'string' ? trackingKey(input.trackingNumber) : '';
  if (!key) throw invalid('trackingNumber', 'Give a tracking number.');
  const estimate =
    input.estimatedDelivery === undefined || input.estimatedDelivery === null
      ? input.estimatedDelivery
      : parseDay(input.estimatedDelivery);
  if (input.status !== undefined && !SHIPMENT_STATUSES.includes(input.status)) {
    throw invalid('status', `"${String(input.status)}" is not a shipment status (${SHIPMENT_STATUSES.join(', ')}).`);
  }
  const carrier = input.carrier?.trim() || undefined;
  for (const [i, event] of (input.events ?? []).entries()) {
    if (!(event.at instanceof Date) || Number.isNaN(event.at.getTime()))
      throw invalid(`events[${i}].at`, `events[${i}].at must be a time.`);
    if (!event.description?.trim()) throw invalid(`events[${i}].description`, `events[${i}].description is required.`);
  }

  const orderStatus = await lockOrderStatus(tx, input.orderId);
  const existing = await tx.shipment.findFirst({
    where: { orderId: input.orderId, trackingKey: key },
    orderBy: { id: 'desc' },
    include: { events: { select: { at: true, description: true } } },
  });

  let shipmentId: number;
  let trackingNumber: string;
  let shipment: ShipmentUpdateResult['shipment'];
  let previousStatus: ShipmentStatus | null;
  let status: ShipmentStatus;
  let estimatedDelivery: string | null;
  const known = new Set<string>();
  if (existing) {
    shipmentId = existing.id;
    trackingNumber = existing.trackingNumber;
    previousStatus = existing.status;
    status = input.status ?? existing.status;
    estimatedDelivery = estimate === undefined ? dayOf(existing.estimatedDelivery) : dayOf(estimate);
    for (const e of existing.events) known.add(eventKey(e.at, e.description));
    const data: Prisma.ShipmentUpdateInput = {
      ...(carrier !== undefined && carrier !== existing.carrier && { carrier }),
      ...(status !== existing.status && { status }),
      ...(estimatedDelivery !== dayOf(existing.estimatedDelivery) && { estimatedDelivery: estimate ?? null }),
    };
    shipment = Object.keys(data).length > 0 ? 'updated' : 'unchanged';
    if (shipment === 'updated') await tx.shipment.update({ where: { id: existing.id }, data });
  } else {
    if (!carrier)
      throw invalid('carrier', `Tracking number ${input.trackingNumber} is new for order ${input.orderId}: give its carrier.`);
    if (orderStatus === 'cancelled') {
      throw new CommerceError('invalid_status_change', `Order ${input.orderId} is cancelled: it cannot get a new shipment.`, {
        orderId: input.orderId,
        from: orderStatus,
      });
    }
    const last = await tx.shipment.aggregate({ where: { orderId: input.orderId }, _max: { line: true } });
    trackingNumber = input.trackingNumber.trim();
    previousStatus = null;
    status = input.status ?? 'label_created';
    estimatedDelivery = dayOf(estimate ?? null);
    const created = await tx.shipment.create({
      data: {
        orderId: input.orderId,
        line: (last._max.line ?? 0) + 1,
        carrier,
        trackingNumber,
        trackingKey: key,
        status,
        estimatedDelivery: estimate ?? null,
      },
      select: { id: true },
    });
    shipmentId = created.id;
    shipment = 'created';
  }

  const fresh: { shipmentId: number; at: Date; location: string | null; description: string }[] = [];
  for (const event of input.events ?? []) {
    const description = event.description.trim();
    const k = eventKey(event.at, description);
    if (known.has(k)) continue;
    known.add(k);
    fresh.push({ shipmentId, at: event.at, location: event.location?.trim() || null, description });
  }
  if (fresh.length > 0) {
    await tx.shipmentEvent.createMany({ data: fresh });
    if (shipment === 'unchanged') shipment = 'updated';
  }

  const order = await followShipments(tx, input.orderId, orderStatus);
  return {
    orderId: input.orderId,
    trackingNumber,
    shipment,
    previousStatus,
    status,
    estimatedDelivery,
    eventsAdded: fresh.length,
    order,
  };
}

function eventKey(at: Date, description: string): string {
  return `${at.getTime()} ${description.trim()}`;
}

/** The order catching up with its shipments (see applyShipmentUpdate), through the status machine. */
async function followShipments(
  tx: Prisma.TransactionClient,
  orderId: string,
  previousStatus: OrderStatus,
): Promise<ShipmentUpdateResult['order']> {
  const shipments = await tx.shipment.findMany({ where: { orderId }, select: { status: true } });
  let status = previousStatus;
  if ((status === 'paid' || status === 'processing') && shipments.some((s) => WITH_CARRIER.includes(s.status))) {
    status = (await changeOrderStatusInTransaction(tx, orderId, 'shipped')).status;
  }
  if (status === 'shipped' && shipments.length > 0 && shipments.every((s) => s.status === 'delivered')) {
    status = (await changeOrderStatusInTransaction(tx, orderId, 'delivered')).status;
  }
  return { previousStatus, status, changed: status !== previousStatus };
}
