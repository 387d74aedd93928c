// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPart, textOf } from './fixtures';

afterEach(cleanup);

describe('ToolPart states', () => {
  it('while the tool runs: a short line saying what it does, no card', () => {
    renderPart({ type: 'tool-checkInventory', toolCallId: 'call_1', state: 'input-streaming', input: {} });
    expect(screen.getByTestId('tool-running').textContent).toBe('Checking stock…');
    cleanup();

    renderPart(
      { type: 'tool-getOrder', toolCallId: 'call_2', state: 'input-available', input: { orderId: 'ORD-1' } },
      { locale: 'zh' },
    );
    expect(screen.getByTestId('tool-running').textContent).toBe('正在查询订单…');
    expect(screen.queryByTestId('order-card')).toBeNull();
  });

  it('the spinner stops for shoppers who ask for reduced motion', () => {
    renderPart({ type: 'tool-trackShipment', toolCallId: 'call_3', state: 'input-available', input: { trackingNumber: 'SF1' } });
    const spinner = screen.getByTestId('tool-running').querySelector('svg');
    expect(spinner?.getAttribute('class')).toContain('motion-safe:animate-spin');
    expect(spinner?.getAttribute('class')).not.toMatch(/(^|\s)animate-spin/);
  });

  it('a failed tool: the short failure line, no card and none of the error text', () => {
    const errorText = JSON.stringify({
      error: 'store_unavailable',
      message: 'The store could not answer that just now. Please try again shortly.',
    });
    renderPart({
      type: 'tool-checkInventory',
      toolCallId: 'call_4',
      state: 'output-error',
      input: { sku: 'NW-4471-B' },
      errorText,
    });
    expect(screen.getByTestId('tool-error').textContent).toBe("Couldn't check stock");
    expect(screen.queryByTestId('product-card')).toBeNull();
    expect(document.body.textContent).not.toContain('store_unavailable');
    expect(document.body.textContent).not.toContain('try again shortly');
  });

  it('a placeOrder that failed after approval says the order was not placed, without buttons', () => {
    renderPart(
      {
        type: 'tool-placeOrder',
        toolCallId: 'call_5',
        state: 'output-error',
        input: { items: [{ sku: 'NW-4471-B', quantity: 3 }] },
        errorText: JSON.stringify({ error: 'out_of_stock', message: 'Only 2 of NW-4471-B available, 3 requested.' }),
        approval: { id: 'approval_5', approved: true },
      },
      { locale: 'zh' },
    );
    expect(screen.getByTestId('tool-error').textContent).toBe('未能下单');
    expect(screen.queryByTestId('approve-button')).toBeNull();
    expect(document.body.textContent).not.toContain('Only 2');
  });

  it('hand-off: tells the shopper a person will reply here', () => {
    renderPart({
      type: 'tool-handOffToHuman',
      toolCallId: 'call_6',
      state: 'output-available',
      input: { reason: 'Wants a refund for order ORD-20241115-00001.' },
      output: { status: 'waiting_human', reason: 'Wants a refund for order ORD-20241115-00001.' },
    });
    expect(textOf(screen.getByTestId('handoff-card'))).toBe("You've been passed to a member of our team — they'll reply here.");
    // The reason is a note for staff, not for the shopper.
    expect(document.body.textContent).not.toContain('Wants a refund');
  });
});
