import { AmountRow, Badge, Card, type CardFormat, CheckIcon, CrossIcon, shipmentStatusText, type ToolOutput } from './ui';

type Order = ToolOutput<'getOrder'>;
type OrderStatus = Order['status'];

/** The road an order normally travels; cancelled and refunded end it instead. */
const STEPS = ['pending', 'paid', 'processing', 'shipped', 'delivered'] as const satisfies readonly OrderStatus[];
type Step = (typeof STEPS)[number];

function isStep(status: OrderStatus): status is Step {
  return (STEPS as readonly OrderStatus[]).includes(status);
}

/** getOrder, and the order placeOrder / cancelOrder return: status steps, items, amounts, shipments. */
export function OrderCard({ order, format }: { order: Order; format: CardFormat }) {
  const { t, money, date, dateTime } = format;
  const heading = t.order.heading(order.id);
  return (
    <Card testId="order-card" label={heading}>
      <p className="font-semibold text-slate-900">{heading}</p>
      <p className="text-xs text-slate-600">
        {t.order.placedOn(dateTime(order.placedAt))} · {t.order.status}
        <span data-testid="order-status" className="font-medium text-slate-800">
          {t.orderStatus[order.status]}
        </span>
      </p>
      <OrderSteps status={order.status} format={format} />

      <ul className="mt-2.5 divide-y divide-slate-100 border-t border-slate-200">
        {order.items.map((item) => (
          <li key={item.sku} className="flex items-baseline justify-between gap-3 py-1.5">
            <span className="min-w-0">
              <span className="text-slate-900">{item.name}</span>{' '}
              <span className="text-xs text-slate-600">{t.quantity(item.quantity)}</span>
            </span>
            <span className="shrink-0 tabular-nums">{money(item.lineTotal)}</span>
          </li>
        ))}
      </ul>
      <dl className="space-y-1 border-t border-slate-200 pt-1.5">
        {order.couponCode ? (
          <div className="flex items-baseline justify-between gap-3">
            <dt>{t.order.coupon}</dt>
            <dd className="font-mono text-xs">{order.couponCode}</dd>
          </div>
        ) : null}
        <AmountRow label={t.order.shipping} amount={money(order.shippingFee)} />
        <AmountRow label={t.order.total} amount={money(order.total)} strong />
      </dl>

      {order.shipments.length > 0 ? (
        <div className="mt-2.5 border-t border-slate-200 pt-2">
          <p className="text-xs font-medium text-slate-600">{t.order.shipments}</p>
          <ul className="mt-1 space-y-1">
            {order.shipments.map((shipment) => (
              <li key={shipment.trackingNumber} className="text-xs text-slate-700">
                <span className="font-medium text-slate-900">{shipment.carrier}</span> ·{' '}
                {t.shipment.trackingNumber(shipment.trackingNumber)} · {shipmentStatusText(t, shipment.status)}
                {shipment.estimatedDelivery ? (
                  <span className="block">{t.shipment.estimatedDelivery(date(shipment.estimatedDelivery))}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}

/** Pending → paid → processing → shipped → delivered, the current one marked; a cancelled or refunded order shows only that end. */
function OrderSteps({ status, format: { t } }: { status: OrderStatus; format: CardFormat }) {
  if (!isStep(status)) {
    return (
      <ol aria-label={t.order.progress} className="mt-2">
        <li
          aria-current="step"
          className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-2.5 py-1 text-xs font-semibold text-slate-800 ring-1 ring-slate-400"
        >
          <CrossIcon className="size-3.5" />
          {t.orderStatus[status]}
        </li>
      </ol>
    );
  }
  const current = STEPS.indexOf(status);
  return (
    <ol aria-label={t.order.progress} className="mt-2.5 flex items-start">
      {STEPS.map((step, index) => {
        const state = index < current ? 'done' : index === current ? 'current' : 'upcoming';
        return (
          <li
            key={step}
            aria-current={state === 'current' ? 'step' : undefined}
            className="relative flex flex-1 flex-col items-center gap-1 text-center"
          >
            {/* The connector to the previous step: solid once that step is behind us. */}
            {index > 0 ? (
              <span
                aria-hidden="true"
                className={`absolute top-2 right-1/2 h-0.5 w-full ${state === 'upcoming' ? 'bg-slate-200' : 'bg-slate-600'}`}
              />
            ) : null}
            <span
              aria-hidden="true"
              className={`relative flex size-4 items-center justify-center rounded-full ${
                state === 'done'
                  ? 'bg-slate-600 text-white'
                  : state === 'current'
                    ? 'bg-(--chat-primary) text-(--chat-on-primary) ring-2 ring-(--chat-primary) ring-offset-1'
                    : 'bg-white ring-1 ring-slate-300'
              }`}
            >
              {state === 'done' ? <CheckIcon className="size-3" /> : null}
              {state === 'current' ? <span className="size-1.5 rounded-full bg-current" /> : null}
            </span>
            <span
              className={`text-[11px] leading-tight ${
                state === 'current' ? 'font-semibold text-slate-900' : state === 'done' ? 'text-slate-700' : 'text-slate-500'
              }`}
            >
              {t.orderStatus[step]}
              {state === 'done' ? <span className="sr-only"> {t.order.stepDone}</span> : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/** listMyOrders: one row per order with number, date, status, item count and total. */
export function OrderList({ list, format }: { list: ToolOutput<'listMyOrders'>; format: CardFormat }) {
  const { t, money, date } = format;
  return (
    <Card testId="order-list" label={t.orders.heading}>
      <p className="text-xs font-medium text-slate-600">{t.orders.heading}</p>
      {list.orders.length === 0 ? (
        <p className="mt-1 text-slate-700">{t.orders.none}</p>
      ) : (
        <ul className="mt-1 divide-y divide-slate-100">
          {list.orders.map((order) => (
            <li key={order.id} data-testid="order-row" className="py-1.5">
              <div className="flex items-baseline justify-between gap-3">
                <span className="min-w-0 truncate font-medium text-slate-900">{order.id}</span>
                <span className="shrink-0 tabular-nums text-slate-900">{money(order.total)}</span>
              </div>
              <div className="mt-0.5 flex flex-wrap items-center gap-x-1.5 text-xs text-slate-600">
                <span>{date(order.placedAt)}</span>
                <span aria-hidden="true">·</span>
                <span>{t.orders.itemCount(order.itemCount)}</span>
                <Badge>{t.orderStatus[order.status]}</Badge>
              </div>
            </li>
          ))}
        </ul>
      )}
      {list.nextCursor ? <p className="mt-1 text-xs text-slate-600">{t.orders.more}</p> : null}
    </Card>
  );
}
