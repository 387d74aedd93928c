// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPart, shippedOrder, textOf } from './fixtures';
import type { ToolOutput } from './ui';

// The shopper's time zone, pinned so the expected text does not depend on the machine (UTC−8 in November).
process.env.TZ = 'America/Los_Angeles';

afterEach(cleanup);

function renderOrder(order: ToolOutput<'getOrder'>, locale: 'en' | 'zh' = 'en') {
  renderPart(
    { type: 'tool-getOrder', toolCallId: 'call_order', state: 'output-available', input: { orderId: order.id }, output: order },
    { locale },
  );
  return screen.getByTestId('order-card');
}

function steps(card: HTMLElement) {
  const progress = within(card).getByRole('list', { name: 'Order progress' });
  return within(progress)
    .getAllByRole('listitem')
    .map((step) => ({ text: textOf(step), current: step.getAttribute('aria-current') }));
}

describe('order card (getOrder)', () => {
  it('marks the current status as the current step and the earlier ones as done', () => {
    const card = renderOrder(shippedOrder);
    expect(screen.getByTestId('order-status').textContent).toBe('Shipped');
    expect(steps(card)).toEqual([
      { text: 'Pending (done)', current: null },
      { text: 'Paid (done)', current: null },
      { text: 'Processing (done)', current: null },
      { text: 'Shipped', current: 'step' },
      { text: 'Delivered', current: null },
    ]);
  });

  it('shows items with quantity and line total, the coupon, shipping, total and the shipment', () => {
    const card = renderOrder(shippedOrder);
    const text = textOf(card);
    expect(text).toContain('Order ORD-20241115-00001');
    expect(text).toContain('Placed Nov 15, 2024, 4:30 AM · Status: Shipped');
    expect(text).toContain('Nimbus Trail Runner × 1CN¥1,169.10');
    expect(text).toContain('Merino Socks × 2CN¥89.82');
    expect(text).toContain('CouponSAVE50');
    expect(text).toContain('ShippingCN¥0.00');
    expect(text).toContain('TotalCN¥1,208.92');
    expect(text).toContain('SF Express · Tracking no. SF1234567890 · In transitEstimated delivery Nov 18, 2024');
  });

  it('a cancelled order is a terminal state, not a step on the way', () => {
    const card = renderOrder({ ...shippedOrder, status: 'cancelled', shipments: [] });
    expect(screen.getByTestId('order-status').textContent).toBe('Cancelled');
    expect(steps(card)).toEqual([{ text: 'Cancelled', current: 'step' }]);
    expect(textOf(card)).not.toContain('Delivered');
  });

  it('in Chinese: status names and the refunded end state', () => {
    const card = renderOrder({ ...shippedOrder, status: 'refunded' }, 'zh');
    expect(screen.getByTestId('order-status').textContent).toBe('已退款');
    expect(textOf(card)).toContain('下单时间 2024年11月15日 04:30 · 状态：已退款');
    expect(within(card).getByRole('list', { name: '订单进度' }).querySelector('[aria-current="step"]')?.textContent).toBe(
      '已退款',
    );
    expect(textOf(card)).toContain('合计¥1,208.92');
  });

  it('a pending order: the first step is current and none is done', () => {
    const card = renderOrder({ ...shippedOrder, status: 'pending', shipments: [] });
    expect(steps(card).map((step) => step.current)).toEqual(['step', null, null, null, null]);
    expect(textOf(card)).not.toContain('(done)');
    expect(textOf(card)).not.toContain('Shipments');
  });
});

describe('order list (listMyOrders)', () => {
  it('one row per order with number, date, item count, status and total', () => {
    renderPart({
      type: 'tool-listMyOrders',
      toolCallId: 'call_list',
      state: 'output-available',
      input: { limit: 2 },
      output: {
        orders: [
          {
            id: 'ORD-20241120-00007',
            status: 'pending',
            placedAt: '2024-11-20T12:00:00.000Z',
            total: '89.82',
            itemCount: 2,
            items: [{ sku: 'SK-0102', name: 'Merino Socks', quantity: 2 }],
          },
          {
            id: 'ORD-20241115-00001',
            status: 'delivered',
            placedAt: '2024-11-15T12:00:00.000Z',
            total: '1169.10',
            itemCount: 1,
            items: [{ sku: 'NW-4471-B', name: 'Nimbus Trail Runner', quantity: 1 }],
          },
        ],
        nextCursor: 'WyIyMDI0LTExLTE1VDEyOjAwOjAwLjAwMFoiLCJPUkQtMjAyNDExMTUtMDAwMDEiXQ',
      },
    });
    const list = screen.getByTestId('order-list');
    expect(within(list).getAllByTestId('order-row').map(textOf)).toEqual([
      'ORD-20241120-00007CN¥89.82Nov 20, 2024·2 itemsPending',
      'ORD-20241115-00001CN¥1,169.10Nov 15, 2024·1 itemDelivered',
    ]);
    expect(textOf(list)).toContain('Older orders are not shown');
  });

  it('no orders yet', () => {
    renderPart(
      {
        type: 'tool-listMyOrders',
        toolCallId: 'call_list',
        state: 'output-available',
        input: {},
        output: { orders: [], nextCursor: null },
      },
      { locale: 'zh' },
    );
    expect(textOf(screen.getByTestId('order-list'))).toBe('您的订单您还没有订单。');
  });
});
