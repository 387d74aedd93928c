// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPart, textOf } from './fixtures';
import type { ToolOutput } from './ui';

afterEach(cleanup);

type Quote = ToolOutput<'quotePrice'>;

/** 1 × 1299.00 for a gold member (10%): the fixture store's own numbers. */
const goldQuote: Quote = {
  sku: 'NW-4471-B',
  name: 'Nimbus Trail Runner',
  status: 'active',
  unitPrice: '1299.00',
  quantity: 1,
  subtotal: '1299.00',
  memberLevel: { code: 'gold', name: 'Gold', discountPercent: '10' },
  memberDiscount: '129.90',
  afterMember: '1169.10',
  coupon: null,
  total: '1169.10',
  memberLevelSource: 'account',
};

function renderQuote(output: Quote, locale: 'en' | 'zh' = 'en') {
  renderPart(
    {
      type: 'tool-quotePrice',
      toolCallId: 'call_quote',
      state: 'output-available',
      input: { sku: output.sku, quantity: output.quantity },
      output,
    },
    { locale },
  );
  return screen.getByTestId('price-breakdown');
}

/** The breakdown's rows as "label … amount" text, in order. */
function rows(card: HTMLElement): string[] {
  return Array.from(card.querySelectorAll('dl > div')).map(textOf);
}

describe('price breakdown (quotePrice)', () => {
  it("shows unit price × quantity, the member discount for the shopper's own level, and the total", () => {
    const card = renderQuote({ ...goldQuote, quantity: 2, subtotal: '2598.00', memberDiscount: '259.80', total: '2338.20' });
    expect(rows(card)).toEqual([
      'SubtotalCN¥1,299.00 × 2CN¥2,598.00',
      'Gold discount (10%)Your member level−CN¥259.80',
      'TotalCN¥2,338.20',
    ]);
    expect(screen.getByTestId('price-total').textContent).toBe('CN¥2,338.20');
  });

  it('says a stated level is an estimate for that level', () => {
    const card = renderQuote({
      ...goldQuote,
      memberLevel: { code: 'silver', name: 'Silver', discountPercent: '5' },
      memberLevelSource: 'stated',
    });
    expect(rows(card)[1]).toBe('Silver discount (5%)Estimate for Silver members−CN¥129.90');
  });

  it('has no member line without a level', () => {
    const card = renderQuote({
      ...goldQuote,
      memberLevel: null,
      memberDiscount: '0.00',
      total: '1299.00',
      memberLevelSource: 'none',
    });
    expect(rows(card)).toEqual(['SubtotalCN¥1,299.00 × 1CN¥1,299.00', 'TotalCN¥1,299.00']);
  });

  it('an applied coupon: its code and what it takes off', () => {
    const card = renderQuote({
      ...goldQuote,
      coupon: { code: 'SAVE50', applied: true, discount: '50.00' },
      total: '1119.10',
    });
    expect(rows(card)).toContain('Coupon SAVE50−CN¥50.00');
    expect(screen.getByTestId('price-total').textContent).toBe('CN¥1,119.10');
  });

  it('a coupon that was not applied: the code and why, in English and Chinese', () => {
    const expired: Quote = {
      ...goldQuote,
      coupon: {
        code: 'EXPIRED10',
        applied: false,
        discount: '0.00',
        reason: 'expired',
        message: 'Coupon EXPIRED10 expired 2024-01-01T00:00:00.000Z.',
      },
    };
    const en = renderQuote(expired);
    expect(textOf(within(en).getByTestId('coupon-rejected'))).toBe('Coupon EXPIRED10Not appliedThis coupon has expired.');
    expect(screen.getByTestId('price-total').textContent).toBe('CN¥1,169.10');
    cleanup();

    const zh = renderQuote(expired, 'zh');
    expect(textOf(within(zh).getByTestId('coupon-rejected'))).toBe('优惠券 EXPIRED10未使用该优惠券已过期。');
    expect(rows(zh)[1]).toBe('Gold折扣（10%）您的会员等级−¥129.90');
  });

  it('below the minimum spend: the reason and the minimum, in both languages', () => {
    const below: Quote = {
      ...goldQuote,
      coupon: { code: 'BIG2000', applied: false, discount: '0.00', reason: 'below_minimum_spend', minSpend: '2000.00' },
    };
    expect(textOf(within(renderQuote(below)).getByTestId('coupon-rejected'))).toBe(
      "Coupon BIG2000Not appliedThis order doesn't reach the coupon's minimum spend.Minimum spend: CN¥2,000.00 after member discount.",
    );
    cleanup();
    expect(textOf(within(renderQuote(below, 'zh')).getByTestId('coupon-rejected'))).toBe(
      '优惠券 BIG2000未使用本单金额未达到该优惠券的最低消费。最低消费：会员折扣后满 ¥2,000.00。',
    );
  });
});
