// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPart, textOf } from './fixtures';
import type { ToolOutput } from './ui';

// The shopper's time zone, pinned so the expected text does not depend on the machine (UTC−8 in November).
process.env.TZ = 'America/Los_Angeles';

afterEach(cleanup);

const inTransit = {
  carrier: 'SF Express',
  trackingNumber: 'SF1234567890',
  status: 'in_transit',
  estimatedDelivery: '2024-11-18',
  events: [
    { at: '2024-11-15T10:00:00.000Z', location: '深圳', description: '已揽收' },
    { at: '2024-11-16T10:00:00.000Z', location: '上海', description: '运输中' },
    { at: '2024-11-17T10:00:00.000Z', location: null, description: '派送中' },
  ],
};

function renderTracking(output: ToolOutput<'trackShipment'>, locale: 'en' | 'zh' = 'en') {
  renderPart(
    {
      type: 'tool-trackShipment',
      toolCallId: 'call_track',
      state: 'output-available',
      input: { trackingNumber: 'SF1234567890' },
      output,
    },
    { locale },
  );
  return screen.getByTestId('shipment-timeline');
}

describe('shipment timeline (trackShipment)', () => {
  it('by tracking number: carrier, number, status, estimate, and the events newest first', () => {
    const card = renderTracking({ lookup: 'trackingNumber', ...inTransit });
    expect(textOf(card)).toContain('SF ExpressTracking no. SF1234567890In transit');
    expect(textOf(card)).toContain('Estimated delivery Nov 18, 2024');
    const events = within(within(card).getByRole('list', { name: 'Tracking history' })).getAllByRole('listitem');
    expect(events.map((event) => event.querySelector('p')?.textContent)).toEqual(['派送中', '运输中', '已揽收']);
    expect(events.map((event) => event.querySelector('time')?.getAttribute('dateTime'))).toEqual([
      '2024-11-17T10:00:00.000Z',
      '2024-11-16T10:00:00.000Z',
      '2024-11-15T10:00:00.000Z',
    ]);
    expect(textOf(events[1] as HTMLElement)).toBe('运输中Nov 16, 2024, 2:00 AM · 上海');
  });

  it('by order: every parcel, numbered', () => {
    const card = renderTracking({
      lookup: 'order',
      orderId: 'ORD-20241115-00001',
      shipments: [
        inTransit,
        { ...inTransit, trackingNumber: 'YT0000000001', carrier: 'YTO', status: 'label_created', events: [] },
      ],
    });
    expect(textOf(card)).toContain('Parcel 1 of 2SF Express');
    expect(textOf(card)).toContain('Parcel 2 of 2YTOTracking no. YT0000000001Label created');
    expect(textOf(card)).toContain('No tracking updates yet.');
  });

  it('an order with no shipments has not shipped yet', () => {
    const card = renderTracking({ lookup: 'order', orderId: 'ORD-20241120-00007', shipments: [] }, 'zh');
    expect(textOf(card)).toBe('订单 ORD-20241120-00007 尚未发货。');
  });
});
