import type { ReactNode } from 'react';
import { OrderCard } from './order-card';
import type { ShopToolPart } from './tool-part';
import { Card, type CardFormat, CheckIcon, StatusLine, type ToolInput } from './ui';

type OrderChangePart = Extract<ShopToolPart, { type: 'tool-placeOrder' | 'tool-cancelOrder' }>;
/** The states after the call's input is complete that this component draws (running and failed lines are ToolPart's). */
type DecisionPart = Extract<
  OrderChangePart,
  { state: 'approval-requested' | 'approval-responded' | 'output-denied' | 'output-available' }
>;

/**
 * placeOrder / cancelOrder: what will happen and Confirm / Cancel while the call waits for the
 * shopper; then the answer; then the resulting order under a success headline.
 */
export function OrderConfirmation({
  part,
  format,
  onApprovalResponse,
  disabled,
}: {
  part: DecisionPart;
  format: CardFormat;
  onApprovalResponse: (response: { id: string; approved: boolean }) => void;
  disabled: boolean;
}) {
  const { t } = format;
  const placing = part.type === 'tool-placeOrder';

  if (part.state === 'output-available') {
    return (
      <div data-testid="order-confirmation" className="space-y-1.5">
        <p className="flex items-center gap-1.5 text-sm font-semibold text-slate-900">
          <CheckIcon className="size-4 text-emerald-700" />
          {placing ? t.order.placed : t.order.cancelled}
        </p>
        <OrderCard order={part.output.order} format={format} />
      </div>
    );
  }

  const summary =
    part.type === 'tool-placeOrder' ? (
      <PlaceSummary input={part.input} format={format} />
    ) : (
      <CancelSummary input={part.input} format={format} />
    );

  let footer: ReactNode;
  if (part.state === 'approval-requested') {
    const approvalId = part.approval.id;
    footer = (
      <div className="mt-3 flex gap-2">
        <button
          type="button"
          data-testid="approve-button"
          disabled={disabled}
          onClick={() => onApprovalResponse({ id: approvalId, approved: true })}
          className="flex-1 rounded-lg bg-(--chat-primary) px-3 py-1.5 text-sm font-semibold text-(--chat-on-primary) hover:opacity-90 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-(--chat-primary) disabled:cursor-not-allowed disabled:opacity-50"
        >
          {t.confirm.confirm}
        </button>
        <button
          type="button"
          data-testid="deny-button"
          disabled={disabled}
          onClick={() => onApprovalResponse({ id: approvalId, approved: false })}
          className="flex-1 rounded-lg bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-500 disabled:cursor-not-allowed disabled:opacity-50"
        >
          {placing ? t.confirm.deny : t.confirm.keepOrder}
        </button>
      </div>
    );
  } else if (part.state === 'approval-responded' && part.approval.approved) {
    // Approved: the tool runs with the next request, so this is the running line until the order arrives.
    footer = (
      <div className="mt-2">
        <StatusLine kind="running" testId="tool-running">
          {placing ? t.confirm.placing : t.confirm.cancelling}
        </StatusLine>
      </div>
    );
  } else {
    const text =
      part.state === 'output-denied'
        ? placing
          ? t.confirm.placeDeniedFinal
          : t.confirm.cancelDeniedFinal
        : placing
          ? t.confirm.placeDenied
          : t.confirm.cancelDenied;
    footer = (
      <div className="mt-2">
        <StatusLine kind="note" testId="approval-outcome">
          {text}
        </StatusLine>
      </div>
    );
  }

  return (
    <Card testId="order-confirmation" label={placing ? t.confirm.placeHeading : t.confirm.cancelHeading}>
      {summary}
      {footer}
    </Card>
  );
}

function PlaceSummary({ input, format: { t } }: { input: ToolInput<'placeOrder'>; format: CardFormat }) {
  return (
    <>
      <p className="font-semibold text-slate-900">{t.confirm.placeHeading}</p>
      <ul className="mt-1.5 divide-y divide-slate-100">
        {input.items.map((item) => (
          <li key={item.sku} className="flex items-baseline justify-between gap-3 py-1">
            <span className="min-w-0 truncate">{t.sku(item.sku)}</span>
            <span className="shrink-0 font-medium tabular-nums">{t.quantity(item.quantity)}</span>
          </li>
        ))}
      </ul>
      {input.couponCode ? <p className="mt-1 text-xs text-slate-700">{t.confirm.coupon(input.couponCode)}</p> : null}
      <p className="mt-1.5 text-xs text-slate-600">{t.confirm.placeDetail}</p>
    </>
  );
}

function CancelSummary({ input, format: { t } }: { input: ToolInput<'cancelOrder'>; format: CardFormat }) {
  return (
    <>
      <p className="font-semibold text-slate-900">{t.confirm.cancelHeading}</p>
      <p className="mt-1 text-slate-700">{t.confirm.cancelDetail(input.orderId)}</p>
    </>
  );
}
