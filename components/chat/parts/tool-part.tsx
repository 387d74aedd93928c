import type { ReactNode } from 'react';
import type { ShopToolName } from '@/lib/ai/tools';
import type { ShopUIMessage } from '@/lib/chat/messages';
import type { WidgetLocale } from '../i18n';
import { HandoffNotice } from './handoff-notice';
import { OrderCard, OrderList } from './order-card';
import { OrderConfirmation } from './order-confirmation';
import { PriceBreakdown } from './price-breakdown';
import { ProductCard, SearchResults } from './product-card';
import { ShipmentTimeline } from './shipment-timeline';
import { cardFormat, StatusLine } from './ui';

/** A `tool-<name>` part of an assistant message, typed per shop tool (input, output, state). */
export type ShopToolPart = Extract<ShopUIMessage['parts'][number], { type: `tool-${string}` }>;

type ToolNameOf<T> = T extends `tool-${infer Name}` ? Name : never;

function toolNameOf(part: ShopToolPart): ShopToolName {
  // `tool-` + the tool's name, by the SDK's definition of the part type.
  return part.type.slice('tool-'.length) as ToolNameOf<ShopToolPart['type']>;
}

/**
 * One tool call in the shopper's conversation: a running line while it works, a muted line if it
 * failed (the assistant explains in its reply), the confirmation for order changes, else the card.
 */
export function ToolPart({
  part,
  locale,
  currency,
  onApprovalResponse,
  disabled = false,
}: {
  part: ShopToolPart;
  locale: WidgetLocale;
  /** ISO 4217 code of the store currency, e.g. "CNY". */
  currency: string;
  /** `id` is `part.approval.id`. */
  onApprovalResponse: (response: { id: string; approved: boolean }) => void;
  /** True while a request is in flight. */
  disabled?: boolean;
}): ReactNode {
  const format = cardFormat(locale, currency);
  const tool = toolNameOf(part);

  switch (part.state) {
    case 'input-streaming':
    case 'input-available':
      return (
        <StatusLine kind="running" testId="tool-running">
          {format.t.running[tool]}
        </StatusLine>
      );
    case 'output-error':
      // errorText is meant for the model (and may be a store message): the shopper gets the short line only.
      return (
        <StatusLine kind="failed" testId="tool-error">
          {format.t.failed[tool]}
        </StatusLine>
      );
  }

  if (part.type === 'tool-placeOrder' || part.type === 'tool-cancelOrder') {
    return <OrderConfirmation part={part} format={format} onApprovalResponse={onApprovalResponse} disabled={disabled} />;
  }
  // Only the order-changing tools above ask for approval, so anything else left has its output.
  if (part.state !== 'output-available') return null;

  switch (part.type) {
    case 'tool-searchProducts':
      return <SearchResults search={part.output} format={format} />;
    case 'tool-checkInventory':
      return <ProductCard availability={part.output} format={format} />;
    case 'tool-quotePrice':
      return <PriceBreakdown quote={part.output} format={format} />;
    case 'tool-getOrder':
      return <OrderCard order={part.output} format={format} />;
    case 'tool-listMyOrders':
      return <OrderList list={part.output} format={format} />;
    case 'tool-trackShipment':
      return <ShipmentTimeline tracking={part.output} format={format} />;
    case 'tool-handOffToHuman':
      return <HandoffNotice handoff={part.output} format={format} />;
    default:
      // A new tool fails to compile here until it has a card.
      return part satisfies never;
  }
}
