import { Badge, Card, type CardFormat, shipmentStatusText, type ToolOutput } from './ui';

type Tracking = ToolOutput<'trackShipment'>;
type Shipment = Extract<Tracking, { lookup: 'trackingNumber' }>;

/** trackShipment, by tracking number (one parcel) or by order (each parcel, or "not shipped yet"). */
export function ShipmentTimeline({ tracking, format }: { tracking: Tracking; format: CardFormat }) {
  const { t } = format;
  if (tracking.lookup === 'trackingNumber') {
    return (
      <Card testId="shipment-timeline" label={t.shipment.heading}>
        <ShipmentDetails shipment={tracking} format={format} />
      </Card>
    );
  }
  const count = tracking.shipments.length;
  return (
    <Card testId="shipment-timeline" label={t.shipment.heading}>
      {count === 0 ? (
        <p className="text-slate-700">{t.shipment.notShipped(tracking.orderId)}</p>
      ) : (
        <div className="divide-y divide-slate-200">
          {tracking.shipments.map((shipment, index) => (
            <div key={shipment.trackingNumber} className="py-2 first:pt-0 last:pb-0">
              {count > 1 ? (
                <p className="mb-1 text-xs font-medium text-slate-600">{t.shipment.parcel(index + 1, count)}</p>
              ) : null}
              <ShipmentDetails shipment={shipment} format={format} />
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

function ShipmentDetails({
  shipment,
  format: { t, date, dateTime },
}: {
  shipment: Omit<Shipment, 'lookup'>;
  format: CardFormat;
}) {
  // The store lists events oldest first; the shopper wants the latest on top.
  const events = [...shipment.events].reverse();
  return (
    <>
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-semibold text-slate-900">{shipment.carrier}</p>
          <p className="text-xs text-slate-600">{t.shipment.trackingNumber(shipment.trackingNumber)}</p>
        </div>
        <Badge>{shipmentStatusText(t, shipment.status)}</Badge>
      </div>
      {shipment.estimatedDelivery ? (
        <p className="mt-1 text-xs text-slate-700">{t.shipment.estimatedDelivery(date(shipment.estimatedDelivery))}</p>
      ) : null}
      {events.length === 0 ? (
        <p className="mt-2 text-xs text-slate-600">{t.shipment.noEvents}</p>
      ) : (
        <ol aria-label={t.shipment.history} className="mt-2">
          {events.map((event, index) => (
            <li key={`${event.at}-${event.description}`} className="relative flex gap-2.5 pb-2.5 last:pb-0">
              {/* The rail down to the next (older) event. */}
              {index < events.length - 1 ? (
                <span aria-hidden="true" className="absolute top-3 bottom-0 left-[4.5px] w-px bg-slate-300" />
              ) : null}
              <span
                aria-hidden="true"
                className={`relative mt-1 size-2.5 shrink-0 rounded-full ${index === 0 ? 'bg-slate-800' : 'bg-white ring-1 ring-slate-400'}`}
              />
              <div className="min-w-0">
                <p className={index === 0 ? 'font-medium text-slate-900' : 'text-slate-700'}>{event.description}</p>
                <p className="text-xs text-slate-600">
                  <time dateTime={event.at}>{dateTime(event.at)}</time>
                  {event.location ? ` · ${event.location}` : null}
                </p>
              </div>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
