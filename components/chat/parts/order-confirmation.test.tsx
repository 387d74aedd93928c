// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPart, shippedOrder, textOf } from './fixtures';
import type { ShopToolPart } from './tool-part';

afterEach(cleanup);

const placeInput = {
  items: [
    { sku: 'NW-4471-B', quantity: 1 },
    { sku: 'SK-0102', quantity: 2 },
  ],
  couponCode: 'SAVE50',
};

const placeRequested: ShopToolPart = {
  type: 'tool-placeOrder',
  toolCallId: 'call_place',
  state: 'approval-requested',
  input: placeInput,
  approval: { id: 'approval_place_1' },
};

const cancelRequested: ShopToolPart = {
  type: 'tool-cancelOrder',
  toolCallId: 'call_cancel',
  state: 'approval-requested',
  input: { orderId: 'ORD-20241120-00007' },
  approval: { id: 'approval_cancel_1' },
};

describe('order confirmation (placeOrder / cancelOrder)', () => {
  it('shows what will be ordered and answers the approval with its id: Confirm → true', () => {
    const onApprovalResponse = vi.fn();
    renderPart(placeRequested, { onApprovalResponse });
    const card = screen.getByTestId('order-confirmation');
    expect(textOf(card)).toContain('Place this order?');
    expect(Array.from(card.querySelectorAll('li')).map(textOf)).toEqual(['SKU NW-4471-B× 1', 'SKU SK-0102× 2']);
    expect(textOf(card)).toContain('Coupon SAVE50');

    const confirm = screen.getByTestId('approve-button');
    expect(confirm.tagName).toBe('BUTTON');
    expect(confirm.textContent).toBe('Confirm');
    fireEvent.click(confirm);
    expect(onApprovalResponse).toHaveBeenCalledTimes(1);
    expect(onApprovalResponse).toHaveBeenCalledWith({ id: 'approval_place_1', approved: true });
  });

  it('Cancel → false', () => {
    const onApprovalResponse = vi.fn();
    renderPart(placeRequested, { onApprovalResponse });
    expect(screen.getByTestId('deny-button').textContent).toBe('Cancel');
    fireEvent.click(screen.getByTestId('deny-button'));
    expect(onApprovalResponse).toHaveBeenCalledWith({ id: 'approval_place_1', approved: false });
  });

  it('both buttons are disabled while a request is in flight, and clicks do nothing', () => {
    const onApprovalResponse = vi.fn();
    renderPart(placeRequested, { onApprovalResponse, disabled: true });
    for (const testId of ['approve-button', 'deny-button']) {
      const button = screen.getByTestId(testId) as HTMLButtonElement;
      expect(button.disabled).toBe(true);
      fireEvent.click(button);
    }
    expect(onApprovalResponse).not.toHaveBeenCalled();
  });

  it('cancelling an order names the order; keeping it answers false', () => {
    const onApprovalResponse = vi.fn();
    renderPart(cancelRequested, { onApprovalResponse, locale: 'zh' });
    expect(textOf(screen.getByTestId('order-confirmation'))).toContain('订单 ORD-20241120-00007 将被取消');
    expect(screen.getByTestId('approve-button').textContent).toBe('确认');
    fireEvent.click(screen.getByTestId('deny-button'));
    expect(onApprovalResponse).toHaveBeenCalledWith({ id: 'approval_cancel_1', approved: false });
  });

  it('after the answer: no buttons, and what happens next', () => {
    renderPart({ ...placeRequested, state: 'approval-responded', approval: { id: 'approval_place_1', approved: true } });
    expect(screen.queryByTestId('approve-button')).toBeNull();
    expect(textOf(screen.getByTestId('order-confirmation'))).toContain('Confirmed — placing your order…');
    cleanup();

    renderPart({ ...placeRequested, state: 'approval-responded', approval: { id: 'approval_place_1', approved: false } });
    expect(screen.getByTestId('approval-outcome').textContent).toBe('Cancelled');
    cleanup();

    renderPart({ ...placeRequested, state: 'output-denied', approval: { id: 'approval_place_1', approved: false } });
    expect(screen.queryByTestId('deny-button')).toBeNull();
    expect(screen.getByTestId('approval-outcome').textContent).toBe('You cancelled this');
  });

  it('the placed order: a success headline over the order card', () => {
    renderPart({
      type: 'tool-placeOrder',
      toolCallId: 'call_place',
      state: 'output-available',
      input: placeInput,
      output: { order: { ...shippedOrder, status: 'pending', shipments: [] }, replayed: false },
      approval: { id: 'approval_place_1', approved: true },
    });
    const confirmation = screen.getByTestId('order-confirmation');
    expect(confirmation.querySelector('p')?.textContent).toBe('Order placed');
    expect(screen.getByTestId('order-status').textContent).toBe('Pending');
    expect(screen.queryByTestId('approve-button')).toBeNull();
  });

  it('the cancelled order: its own headline and the terminal status', () => {
    renderPart(
      {
        type: 'tool-cancelOrder',
        toolCallId: 'call_cancel',
        state: 'output-available',
        input: { orderId: shippedOrder.id },
        output: { order: { ...shippedOrder, status: 'cancelled', shipments: [] }, released: [] },
        approval: { id: 'approval_cancel_1', approved: true },
      },
      { locale: 'zh' },
    );
    expect(screen.getByTestId('order-confirmation').querySelector('p')?.textContent).toBe('订单已取消');
    expect(screen.getByTestId('order-status').textContent).toBe('已取消');
  });
});
