import type { PrismaClient } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/generated/client';
import { CommerceError } from './errors';
import { trackingKey } from './normalize';
import { findVisibleOrderId, type Viewer } from './orders';

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
