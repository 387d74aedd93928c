// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPart, textOf, trailAvailability } from './fixtures';
import type { ToolOutput } from './ui';

afterEach(cleanup);

function renderStock(output: ToolOutput<'checkInventory'>, locale: 'en' | 'zh' = 'en') {
  return renderPart(
    { type: 'tool-checkInventory', toolCallId: 'call_stock', state: 'output-available', input: { sku: output.sku }, output },
    { locale },
  );
}

describe('product card (checkInventory)', () => {
  it("shows the product, its list price, each warehouse's units in words and the total", () => {
    renderStock(trailAvailability);
    const card = screen.getByTestId('product-card');
    expect(textOf(card)).toContain('Nimbus Trail Runner');
    expect(textOf(card)).toContain('SKU NW-4471-B');
    expect(textOf(card)).toContain('CN¥1,299.00');
    const rows = within(card)
      .getAllByRole('listitem')
      .map((row) => [textOf(row), row.getAttribute('data-stock')]);
    expect(rows).toEqual([
      ['Shanghai · East China7 in stock', 'in'],
      ['Guangzhou · South ChinaOnly 3 left', 'low'],
      ['Chengdu · SouthwestOut of stock', 'out'],
    ]);
    expect(screen.getByTestId('product-available').textContent).toBe('10');
    expect(textOf(card)).toContain('Arrives in 2–5 days');
    expect(textOf(card)).not.toContain('Discontinued');
  });

  it('in Chinese: units, delivery window and price in zh-CN', () => {
    renderStock(trailAvailability, 'zh');
    const card = screen.getByTestId('product-card');
    expect(textOf(card)).toContain('有货 7 件');
    expect(textOf(card)).toContain('仅剩 3 件');
    expect(textOf(card)).toContain('无货');
    expect(textOf(card)).toContain('2–5 天送达');
    expect(textOf(card)).toContain('¥1,299.00');
  });

  it('a discontinued product without stock: the badge, total 0 and no delivery window', () => {
    renderStock({
      ...trailAvailability,
      status: 'discontinued',
      totalAvailable: 0,
      warehouses: trailAvailability.warehouses.map((w) => ({ ...w, reserved: w.onHand, available: 0 })),
      deliveryWindow: null,
    });
    const card = screen.getByTestId('product-card');
    expect(textOf(card)).toContain('Discontinued');
    expect(textOf(card)).toContain("This product can't be ordered any more.");
    expect(screen.getByTestId('product-available').textContent).toBe('0');
    expect(textOf(card)).not.toContain('Arrives');
  });

  it('a one-day window reads as one day', () => {
    renderStock({ ...trailAvailability, deliveryWindow: { min: 1, max: 1 } });
    expect(textOf(screen.getByTestId('product-card'))).toContain('Arrives in 1 day');
  });
});

describe('search results (searchProducts)', () => {
  const product = (n: number): ToolOutput<'searchProducts'>['results'][number] => ({
    sku: `NW-${n}`,
    name: `Trail shoe ${n}`,
    aliases: [],
    category: 'shoes',
    price: `${n}99.00`,
    status: n === 2 ? 'discontinued' : 'active',
    score: 0.6,
  });

  it('lists at most five products with SKU, price and a discontinued flag', () => {
    const results = [1, 2, 3, 4, 5, 6, 7].map(product);
    renderPart({
      type: 'tool-searchProducts',
      toolCallId: 'call_search',
      state: 'output-available',
      input: { query: 'trail shoes' },
      output: { query: 'trail shoes', results },
    });
    const list = screen.getByTestId('product-results');
    const rows = within(list).getAllByRole('listitem').map(textOf);
    expect(rows).toEqual([
      'Trail shoe 1SKU NW-1CN¥199.00',
      'Trail shoe 2SKU NW-2DiscontinuedCN¥299.00',
      'Trail shoe 3SKU NW-3CN¥399.00',
      'Trail shoe 4SKU NW-4CN¥499.00',
      'Trail shoe 5SKU NW-5CN¥599.00',
    ]);
    expect(textOf(list)).toContain('Results for “trail shoes”');
    expect(textOf(list)).toContain('and 2 more');
  });

  it('says so when nothing matched', () => {
    renderPart(
      {
        type: 'tool-searchProducts',
        toolCallId: 'call_search',
        state: 'output-available',
        input: { query: '飞碟' },
        output: { query: '飞碟', results: [] },
      },
      { locale: 'zh' },
    );
    expect(textOf(screen.getByTestId('product-results'))).toBe('“飞碟”的搜索结果没有找到相关商品。');
  });
});
