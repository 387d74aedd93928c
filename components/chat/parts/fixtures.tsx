// Realistic tool outputs and a render helper for the card tests (not a test file itself).
import { render } from '@testing-library/react';
import type { WidgetLocale } from '../i18n';
import { type ShopToolPart, ToolPart } from './tool-part';
import type { ToolOutput } from './ui';

export function renderPart(
  part: ShopToolPart,
  options: {
    locale?: WidgetLocale;
    disabled?: boolean;
    onApprovalResponse?: (response: { id: string; approved: boolean }) => void;
  } = {},
) {
  return render(
    <ToolPart
      part={part}
      locale={options.locale ?? 'en'}
      currency="CNY"
      disabled={options.disabled}
      onApprovalResponse={options.onApprovalResponse ?? (() => {})}
    />,
  );
}

/** All visible text of an element, whitespace collapsed. */
export function textOf(element: Element): string {
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export const trailAvailability: ToolOutput<'checkInventory'> = {
  sku: 'NW-4471-B',
  name: 'Nimbus Trail Runner',
  price: '1299.00',
  status: 'active',
  totalAvailable: 10,
  warehouses: [
    {
      code: 'SH',
      name: 'Shanghai',
      region: 'East China',
      onHand: 9,
      reserved: 2,
      available: 7,
      deliveryDays: { min: 2, max: 3 },
    },
    {
      code: 'GZ',
      name: 'Guangzhou',
      region: 'South China',
      onHand: 4,
      reserved: 1,
      available: 3,
      deliveryDays: { min: 3, max: 5 },
    },
    {
      code: 'CD',
      name: 'Chengdu',
      region: 'Southwest',
      onHand: 2,
      reserved: 2,
      available: 0,
      deliveryDays: { min: 4, max: 7 },
    },
  ],
  deliveryWindow: { min: 2, max: 5 },
};

export const shippedOrder: ToolOutput<'getOrder'> = {
  id: 'ORD-20241115-00001',
  status: 'shipped',
  placedAt: '2024-11-15T12:30:00.000Z',
  items: [
    {
      sku: 'NW-4471-B',
      name: 'Nimbus Trail Runner',
      quantity: 1,
      unitPrice: '1299.00',
      discount: '129.90',
      lineTotal: '1169.10',
    },
    { sku: 'SK-0102', name: 'Merino Socks', quantity: 2, unitPrice: '49.90', discount: '9.98', lineTotal: '89.82' },
  ],
  couponCode: 'SAVE50',
  shippingFee: '0.00',
  total: '1208.92',
  shipments: [{ carrier: 'SF Express', trackingNumber: 'SF1234567890', status: 'in_transit', estimatedDelivery: '2024-11-18' }],
};
