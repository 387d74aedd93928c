import { describe, expect, it } from 'vitest';
import { SHOP_TOOL_NAMES } from '@/lib/ai/tools';
import {
  formatAmount,
  phrases,
  type RenderContext,
  renderAvailability,
  renderCancelled,
  renderHandoff,
  renderOrder,
  renderOrderList,
  renderPlaced,
  renderProductNotFound,
  renderQuote,
  renderSearchResults,
  renderToolError,
  renderTracking,
} from './render';
import type { StoreFacts, ToolOutputOf } from './types';

// ---------------------------------------------------------------------------------------------
// Two stores: a Chinese one in CNY (the fixture store of the commerce tests) and an English one in USD.
// ---------------------------------------------------------------------------------------------

const zhFacts: StoreFacts = {
  storeName: 'Acme 户外',
  currency: 'CNY',
  locale: 'zh-CN',
  memberLevels: [
    { code: 'silver', name: '白银会员', discountPercent: '5' },
    { code: 'gold', name: '黄金会员', discountPercent: '10' },
  ],
  warehouses: [
    { code: 'EAST-1', name: '华东仓', region: 'Shanghai' },
    { code: 'SOUTH-1', name: '华南仓', region: 'Guangzhou' },
    { code: 'NORTH-1', name: '华北仓', region: 'Beijing' },
  ],
  shopper: { signedIn: true, customerId: 'C-1001', name: '张伟', memberLevel: { code: 'gold', name: '黄金会员' } },
};

const enFacts: StoreFacts = {
  storeName: 'Northwind Outfitters',
  currency: 'USD',
  locale: 'en-US',
  memberLevels: [{ code: 'gold', name: 'Gold', discountPercent: '10' }],
  warehouses: [
    { code: 'WEST-1', name: 'West Coast Warehouse', region: 'Oakland' },
    { code: 'EAST-2', name: 'East Coast Warehouse', region: 'Newark' },
    { code: 'SOUTH-2', name: 'Southern Warehouse', region: 'Dallas' },
  ],
  shopper: { signedIn: false },
};

const zh: RenderContext = { language: 'zh', facts: zhFacts };
const en: RenderContext = { language: 'en', facts: enFacts };
const zhGuest: RenderContext = { language: 'zh', facts: { ...zhFacts, shopper: { signedIn: false } } };
const enSignedIn: RenderContext = {
  language: 'en',
  facts: { ...enFacts, shopper: { signedIn: true, customerId: 'C-2001', name: 'Jane Doe', memberLevel: null } },
};

const HAN = /\p{Script=Han}/u;
/** Chinese answers use Chinese punctuation: no ASCII comma, colon or full stop next to Chinese text. */
const ASCII_PUNCTUATION_NEXT_TO_HAN = /\p{Script=Han}[,:;!?]|[,:;!?]\p{Script=Han}|\p{Script=Han}\.(?!\d)/u;

function expectChinese(text: string): void {
  expect(text).toMatch(HAN);
  expect(text).not.toMatch(ASCII_PUNCTUATION_NEXT_TO_HAN);
}

function expectEnglish(text: string): void {
  expect(text).not.toMatch(HAN);
  expect(text).not.toMatch(/[，。：；！？（）“”、]/);
}

// ---------------------------------------------------------------------------------------------
// Tool outputs, by hand
// ---------------------------------------------------------------------------------------------

const sneakerStock: ToolOutputOf<'checkInventory'> = {
  sku: 'SKU-LIMITED-SNEAKER-01',
  name: '限量版复古球鞋',
  price: '1299.00',
  status: 'active',
  totalAvailable: 28,
  warehouses: [
    {
      code: 'EAST-1',
      name: '华东仓',
      region: 'Shanghai',
      onHand: 23,
      reserved: 0,
      available: 23,
      deliveryDays: { min: 2, max: 3 },
    },
    {
      code: 'SOUTH-1',
      name: '华南仓',
      region: 'Guangzhou',
      onHand: 7,
      reserved: 2,
      available: 5,
      deliveryDays: { min: 3, max: 5 },
    },
    {
      code: 'NORTH-1',
      name: '华北仓',
      region: 'Beijing',
      onHand: 0,
      reserved: 0,
      available: 0,
      deliveryDays: { min: 1, max: 2 },
    },
  ],
  deliveryWindow: { min: 2, max: 5 },
};

const bootsStock: ToolOutputOf<'checkInventory'> = {
  sku: 'NW-BOOT-200',
  name: 'Ridge Hiking Boot',
  price: '149.00',
  status: 'active',
  totalAvailable: 12,
  warehouses: [
    {
      code: 'WEST-1',
      name: 'West Coast Warehouse',
      region: 'Oakland',
      onHand: 12,
      reserved: 0,
      available: 12,
      deliveryDays: { min: 1, max: 1 },
    },
    {
      code: 'EAST-2',
      name: 'East Coast Warehouse',
      region: 'Newark',
      onHand: 3,
      reserved: 3,
      available: 0,
      deliveryDays: { min: 2, max: 4 },
    },
  ],
  deliveryWindow: { min: 1, max: 1 },
};

function quote(overrides: Partial<ToolOutputOf<'quotePrice'>> = {}): ToolOutputOf<'quotePrice'> {
  return {
    sku: 'SKU-LIMITED-SNEAKER-01',
    name: '限量版复古球鞋',
    status: 'active',
    unitPrice: '1299.00',
    quantity: 1,
    subtotal: '1299.00',
    memberLevel: { code: 'gold', name: '黄金会员', discountPercent: '10' },
    memberDiscount: '129.90',
    afterMember: '1169.10',
    coupon: { code: 'SAVE50', applied: true, discount: '50.00', minSpend: '500.00' },
    total: '1119.10',
    memberLevelSource: 'account',
    ...overrides,
  };
}

const shippedOrder: ToolOutputOf<'getOrder'> = {
  id: 'ORD-20241115-00001',
  status: 'shipped',
  placedAt: '2024-11-15T02:02:00.000Z',
  items: [
    {
      sku: 'SKU-LIMITED-SNEAKER-01',
      name: '限量版复古球鞋',
      quantity: 1,
      unitPrice: '1299.00',
      discount: '129.90',
      lineTotal: '1169.10',
    },
  ],
  couponCode: null,
  shippingFee: '0.00',
  total: '1169.10',
  shipments: [{ carrier: '顺丰速运', trackingNumber: 'SF1234567890', status: 'in_transit', estimatedDelivery: '2024-11-18' }],
  shippingAddress: {
    name: '张伟',
    phone: '021-5555-0101',
    line1: '南京西路 1266 号',
    city: '上海',
    region: '上海',
    postalCode: '200040',
    country: 'CN',
  },
};

const enOrder: ToolOutputOf<'getOrder'> = {
  id: 'NW-ORDER-77',
  status: 'delivered',
  placedAt: '2026-10-01T08:00:00.000Z',
  items: [
    { sku: 'NW-BOOT-200', name: 'Ridge Hiking Boot', quantity: 1, unitPrice: '189.00', discount: '0.00', lineTotal: '189.00' },
    { sku: 'NW-SOCK-3', name: 'Wool Socks', quantity: 2, unitPrice: '14.50', discount: '0.00', lineTotal: '29.00' },
  ],
  couponCode: 'WELCOME10',
  shippingFee: '7.95',
  total: '215.95',
  shipments: [],
};

const shipment = (
  overrides: Partial<Extract<ToolOutputOf<'trackShipment'>, { lookup: 'trackingNumber' }>> = {},
): Extract<ToolOutputOf<'trackShipment'>, { lookup: 'trackingNumber' }> => ({
  lookup: 'trackingNumber',
  carrier: 'UPS',
  trackingNumber: '1Z999AA10123456784',
  status: 'in_transit',
  estimatedDelivery: '2026-06-04',
  events: [
    { at: '2026-06-01T14:10:00.000Z', location: 'Oakland, CA', description: 'Picked up' },
    { at: '2026-06-02T09:45:00.000Z', location: 'Reno, NV', description: 'Departed facility' },
  ],
  ...overrides,
});

const sneakerResult = {
  sku: 'SKU-LIMITED-SNEAKER-01',
  name: '限量版复古球鞋',
  aliases: ['限量球鞋', 'Limited Retro Sneaker'],
  category: 'shoes',
  price: '1299.00',
  status: 'active',
  score: 0.9,
} as const satisfies ToolOutputOf<'searchProducts'>['results'][number];

const jacketResult = {
  sku: 'OLD-JACKET-9',
  name: 'Classic Rain Jacket',
  aliases: ['经典雨衣'],
  category: 'outerwear',
  price: '599.00',
  status: 'discontinued',
  score: 0.6,
} as const satisfies ToolOutputOf<'searchProducts'>['results'][number];

// ---------------------------------------------------------------------------------------------

describe('formatAmount', () => {
  it.each([
    ['1119.10', 'CNY', '¥1119.10'],
    ['1299.00', 'CNY', '¥1299.00'],
    ['1500', 'JPY', '¥1500'],
    ['215.95', 'USD', '$215.95'],
    ['19.99', 'EUR', '€19.99'],
    ['5.00', 'GBP', '£5.00'],
    ['88.80', 'HKD', 'HK$88.80'],
    ['100.00', 'SGD', 'SGD 100.00'],
    ['100.00', 'usd', '$100.00'],
    ['1234567.80', 'USD', '$1234567.80'],
    ['0.10', 'CNY', '¥0.10'],
    ['-5.00', 'USD', '-$5.00'],
  ])('%s %s → %s', (amount, currency, expected) => {
    expect(formatAmount(amount, currency)).toBe(expected);
  });
});

describe('renderAvailability', () => {
  it('lists every warehouse with stock, with region and delivery days, and notes those without (zh)', () => {
    const text = renderAvailability(sneakerStock, zh, []);
    expectChinese(text);
    expect(text).toContain('限量版复古球鞋');
    expect(text).toContain('SKU-LIMITED-SNEAKER-01');
    expect(text).toContain('28 件');
    expect(text).toContain('- 华东仓（Shanghai）：23 件，约 2–3 天送达');
    expect(text).toContain('- 华南仓（Guangzhou）：5 件，约 3–5 天送达');
    expect(text).toContain('华北仓（Beijing）暂时无货。');
    expect(text).not.toContain('- 华北仓');
  });

  it('lists every warehouse with stock (en)', () => {
    const text = renderAvailability(bootsStock, en, []);
    expectEnglish(text);
    expect(text).toBe(
      [
        'Ridge Hiking Boot (NW-BOOT-200): 12 available in total.',
        '- West Coast Warehouse (Oakland): 12 available, delivery in 1 day',
        'No stock at East Coast Warehouse (Newark).',
      ].join('\n'),
    );
  });

  it('shows only the warehouses asked about', () => {
    const text = renderAvailability(sneakerStock, zh, ['SOUTH-1']);
    expect(text).toBe(
      [
        '限量版复古球鞋（SKU-LIMITED-SNEAKER-01）的库存：',
        '- 华南仓（Guangzhou）：5 件，约 3–5 天送达',
        '所有仓库共有 28 件可售。',
      ].join('\n'),
    );
    expect(text).not.toContain('华东仓');
    expect(text).not.toContain('华北仓');
    expect(text).not.toContain('23');
  });

  it('shows several focused warehouses, without a total when they hold all the stock', () => {
    const text = renderAvailability(bootsStock, en, ['WEST-1', 'EAST-2']);
    expect(text).toBe(
      [
        'Stock of Ridge Hiking Boot (NW-BOOT-200):',
        '- West Coast Warehouse (Oakland): 12 available, delivery in 1 day',
        '- East Coast Warehouse (Newark): out of stock',
      ].join('\n'),
    );
  });

  it('matches warehouse codes case-insensitively', () => {
    expect(renderAvailability(sneakerStock, zh, ['south-1'])).toContain('华南仓（Guangzhou）：5 件');
  });

  it('says a focused warehouse has none, and that others do', () => {
    const text = renderAvailability(sneakerStock, zh, ['NORTH-1']);
    expect(text).toContain('- 华北仓（Beijing）：暂时无货');
    expect(text).toContain('其他仓库还有 28 件可售。');
    expect(text).not.toContain('华东仓');
  });

  it('names a focused warehouse the product has no stock row in from the store facts', () => {
    const text = renderAvailability(bootsStock, en, ['SOUTH-2']);
    expect(text).toContain('- Southern Warehouse (Dallas): out of stock');
    expect(text).toContain('Other warehouses have 12 available.');
  });

  it('ignores unknown focus codes and shows everything', () => {
    expect(renderAvailability(bootsStock, en, ['MARS-9'])).toBe(renderAvailability(bootsStock, en, []));
  });

  it('says clearly when nothing is in stock anywhere', () => {
    const none: ToolOutputOf<'checkInventory'> = {
      ...sneakerStock,
      totalAvailable: 0,
      warehouses: sneakerStock.warehouses.map((w) => ({ ...w, available: 0 })),
      deliveryWindow: null,
    };
    const zhText = renderAvailability(none, zh, []);
    expect(zhText).toBe('抱歉，限量版复古球鞋（SKU-LIMITED-SNEAKER-01）目前所有仓库都缺货。');
    expect(renderAvailability(none, zh, ['EAST-1'])).toContain('缺货');
    const enText = renderAvailability({ ...bootsStock, totalAvailable: 0, warehouses: [] }, en, []);
    expect(enText).toContain('out of stock');
    expectEnglish(enText);
  });

  it('says a discontinued product is no longer sold, whatever the stock', () => {
    const jacket: ToolOutputOf<'checkInventory'> = {
      sku: 'OLD-JACKET-9',
      name: 'Classic Rain Jacket',
      price: '89.00',
      status: 'discontinued',
      totalAvailable: 4,
      warehouses: [
        {
          code: 'EAST-1',
          name: '华东仓',
          region: 'Shanghai',
          onHand: 4,
          reserved: 0,
          available: 4,
          deliveryDays: { min: 2, max: 3 },
        },
      ],
      deliveryWindow: { min: 2, max: 3 },
    };
    const zhText = renderAvailability(jacket, zh, []);
    expect(zhText).toContain('已停产');
    expect(zhText).toContain('不再销售');
    expect(zhText).not.toContain('4 件');
    const enText = renderAvailability(jacket, en, []);
    expect(enText).toContain('discontinued');
    expect(enText).toContain('no longer sold');
  });
});

describe('renderQuote', () => {
  it('gives the whole breakdown with exact amounts for an account member level (zh)', () => {
    const text = renderQuote(quote(), zh);
    expectChinese(text);
    expect(text).toBe(
      [
        '限量版复古球鞋（SKU-LIMITED-SNEAKER-01）的价格：',
        '- 单价 ¥1299.00 × 1 件 = ¥1299.00',
        '- 您的黄金会员价：优惠 10%，-¥129.90',
        '- 优惠券 SAVE50：-¥50.00',
        '合计：¥1119.10',
      ].join('\n'),
    );
  });

  it('says "your <level> member price" in English', () => {
    const text = renderQuote(
      quote({
        name: 'Ridge Hiking Boot',
        sku: 'NW-BOOT-200',
        unitPrice: '189.00',
        quantity: 2,
        subtotal: '378.00',
        memberLevel: { code: 'gold', name: 'Gold', discountPercent: '10' },
        memberDiscount: '37.80',
        afterMember: '340.20',
        coupon: null,
        total: '340.20',
      }),
      en,
    );
    expectEnglish(text);
    expect(text).toContain('$189.00 × 2 = $378.00');
    expect(text).toContain('Your Gold member price: 10% off, -$37.80');
    expect(text).toContain('Total: $340.20');
    expect(text).not.toContain('Coupon');
  });

  it('calls a stated level an estimate to confirm when signed in', () => {
    const zhText = renderQuote(quote({ memberLevelSource: 'stated' }), zhGuest);
    expect(zhText).toContain('黄金会员优惠 10%：-¥129.90');
    expect(zhText).toContain('以上是黄金会员的参考价格，登录后会按您账户的会员等级确认。');
    expect(zhText).not.toContain('您的黄金会员价');
    expect(zhText).toContain('¥1119.10');

    const enText = renderQuote(
      quote({ memberLevel: { code: 'gold', name: 'Gold', discountPercent: '10' }, memberLevelSource: 'stated' }),
      en,
    );
    expect(enText).toContain('Gold member discount, 10% off: -$129.90');
    expect(enText).toContain('estimate');
    expect(enText).toContain('sign in');
  });

  it('prints no member line without a level', () => {
    const text = renderQuote(
      quote({
        memberLevel: null,
        memberDiscount: '0.00',
        afterMember: '1299.00',
        coupon: null,
        total: '1299.00',
        memberLevelSource: 'none',
      }),
      zh,
    );
    expect(text).not.toContain('会员');
    expect(text).toContain('合计：¥1299.00');
  });

  const rejected = (
    reason: NonNullable<NonNullable<ToolOutputOf<'quotePrice'>['coupon']>['reason']>,
    extra: { minSpend?: string } = {},
  ) =>
    quote({
      coupon: { code: 'SAVE50', applied: false, discount: '0.00', reason, message: 'internal English text', ...extra },
      total: '1169.10',
    });

  it.each([
    ['expired', '已过期', 'it has expired'],
    ['not_yet_valid', '还没到可以使用的时间', 'it is not valid yet'],
    ['used_up', '使用次数已达上限', 'it has been used up'],
    ['not_applicable', '不适用于这件商品', "it doesn't apply to this product"],
    ['unknown', '没有这个优惠码', 'there is no coupon with that code'],
  ] as const)('explains a coupon rejected as %s', (reason, zhReason, enReason) => {
    const zhText = renderQuote(rejected(reason), zh);
    expect(zhText).toContain(`- 优惠券 SAVE50 无法使用：${zhReason}`);
    expect(zhText).toContain('合计：¥1169.10');
    expect(zhText).not.toContain('internal English text');
    expectChinese(zhText);
    const enText = renderQuote(rejected(reason), en);
    expect(enText).toContain(`- Coupon SAVE50 can't be used: ${enReason}`);
    expect(enText).not.toContain('internal English text');
  });

  it('gives the minimum spend of a coupon below it', () => {
    const text = renderQuote(rejected('below_minimum_spend', { minSpend: '2000.00' }), zh);
    expect(text).toContain('- 优惠券 SAVE50 无法使用：需满 ¥2000.00 才能使用');
    expect(text).toContain('按会员折后金额计算');
    expect(renderQuote(rejected('below_minimum_spend', { minSpend: '2000.00' }), en)).toContain(
      'it needs a minimum spend of $2000.00 (after member discount)',
    );
    const noMember = quote({
      memberLevel: null,
      memberDiscount: '0.00',
      afterMember: '1299.00',
      memberLevelSource: 'none',
      coupon: { code: 'BIG2000', applied: false, discount: '0.00', reason: 'below_minimum_spend', minSpend: '2000.00' },
      total: '1299.00',
    });
    expect(renderQuote(noMember, en)).toContain("- Coupon BIG2000 can't be used: it needs a minimum spend of $2000.00\n");
    expect(renderQuote(noMember, zh)).not.toContain('会员');
  });

  it('says a discontinued product cannot be ordered', () => {
    expect(renderQuote(quote({ status: 'discontinued' }), zh)).toContain('已停产，无法下单');
    expect(renderQuote(quote({ status: 'discontinued' }), en)).toContain("can't be ordered");
    expect(renderQuote(quote(), en)).not.toContain('discontinued');
  });
});

describe('renderOrder', () => {
  it('shows status, date, items, total and shipments, and of the address only the city (zh)', () => {
    const text = renderOrder(shippedOrder, zh);
    expectChinese(text);
    expect(text).toBe(
      [
        '订单 ORD-20241115-00001：已发货',
        '下单日期：2024-11-15',
        '商品：',
        '- 限量版复古球鞋 × 1',
        '合计：¥1169.10',
        '物流：',
        '- 顺丰速运，运单号 SF1234567890：运输中，预计 2024-11-18 送达',
        '收货城市：上海',
      ].join('\n'),
    );
    for (const secret of ['张伟', '5555', '南京西路', '1266', '200040']) expect(text).not.toContain(secret);
  });

  it('prints no address when the output has none', () => {
    const { shippingAddress: _, ...guestView } = shippedOrder;
    const text = renderOrder(guestView, zh);
    expect(text).not.toContain('收货城市');
    expect(renderOrder({ ...shippedOrder, shippingAddress: null }, zh)).not.toContain('收货城市');
  });

  it('shows coupon and shipping fee when there are any (en)', () => {
    const text = renderOrder(enOrder, en);
    expectEnglish(text);
    expect(text).toContain('Order NW-ORDER-77: delivered');
    expect(text).toContain('Placed on 2026-10-01');
    expect(text).toContain('- Ridge Hiking Boot × 1');
    expect(text).toContain('- Wool Socks × 2');
    expect(text).toContain('Coupon: WELCOME10');
    expect(text).toContain('Shipping: $7.95');
    expect(text).toContain('Total: $215.95');
    expect(text).not.toContain('Shipments');
  });

  it.each([
    ['pending', '待付款', 'awaiting payment'],
    ['paid', '已付款', 'paid'],
    ['processing', '处理中', 'being prepared'],
    ['shipped', '已发货', 'shipped'],
    ['delivered', '已送达', 'delivered'],
    ['cancelled', '已取消', 'cancelled'],
    ['refunded', '已退款', 'refunded'],
  ] as const)('localizes the status %s', (status, zhStatus, enStatus) => {
    expect(renderOrder({ ...shippedOrder, status }, zh).split('\n')[0]).toBe(`订单 ORD-20241115-00001：${zhStatus}`);
    expect(renderOrder({ ...enOrder, status }, en).split('\n')[0]).toBe(`Order NW-ORDER-77: ${enStatus}`);
  });
});

describe('renderOrderList', () => {
  const list: ToolOutputOf<'listMyOrders'> = {
    orders: [
      {
        id: 'ORD-20241115-00001',
        status: 'shipped',
        placedAt: '2024-11-15T02:02:00.000Z',
        total: '1169.10',
        itemCount: 1,
        items: [{ sku: 'SKU-LIMITED-SNEAKER-01', name: '限量版复古球鞋', quantity: 1 }],
      },
      {
        id: '#5001',
        status: 'pending',
        placedAt: '2024-11-16T08:00:00.000Z',
        total: '99.80',
        itemCount: 3,
        items: [
          { sku: '#100233', name: '运动袜三双装', quantity: 2 },
          { sku: 'CAP-COLLECTOR', name: 'Collector Edition Cap', quantity: 1 },
        ],
      },
    ],
    nextCursor: null,
  };

  it('lists orders newest first with date, status, total and items', () => {
    const text = renderOrderList(list, zh);
    expectChinese(text);
    expect(text).toBe(
      [
        '您最近的 2 个订单：',
        '- #5001（2024-11-16）：待付款，¥99.80，运动袜三双装 × 2、Collector Edition Cap × 1',
        '- ORD-20241115-00001（2024-11-15）：已发货，¥1169.10，限量版复古球鞋 × 1',
      ].join('\n'),
    );
  });

  it('mentions older orders when there is a next page', () => {
    expect(renderOrderList({ ...list, nextCursor: 'abc' }, en)).toContain('older orders');
    expect(renderOrderList(list, en)).not.toContain('older orders');
  });

  it('says when there are no orders', () => {
    expect(renderOrderList({ orders: [], nextCursor: null }, zh)).toBe('您还没有订单。');
    expect(renderOrderList({ orders: [], nextCursor: null }, en)).toBe('You have no orders yet.');
  });
});

describe('renderTracking', () => {
  it('describes one shipment by tracking number with its latest event (en)', () => {
    const text = renderTracking(shipment(), en);
    expectEnglish(text);
    expect(text).toBe(
      [
        'UPS shipment 1Z999AA10123456784: in transit, estimated delivery 2026-06-04.',
        'Latest update: 2026-06-02 09:45 UTC, Reno, NV: Departed facility',
      ].join('\n'),
    );
  });

  it('picks the latest event by time, whatever the order', () => {
    const events = shipment().events.slice().reverse();
    expect(renderTracking(shipment({ events }), en)).toContain('Departed facility');
    expect(renderTracking(shipment({ events }), en)).not.toContain('Picked up');
  });

  it('gives no estimate for a parcel that has arrived or gone back', () => {
    expect(renderTracking(shipment({ status: 'delivered' }), en).split('\n')[0]).toBe(
      'UPS shipment 1Z999AA10123456784: delivered.',
    );
    expect(renderTracking(shipment({ status: 'returned' }), zh)).not.toContain('预计');
    expect(
      renderOrder(
        {
          ...shippedOrder,
          shipments: [
            { carrier: '顺丰速运', trackingNumber: 'SF1234567890', status: 'delivered', estimatedDelivery: '2024-11-18' },
          ],
        },
        zh,
      ),
    ).toContain('- 顺丰速运，运单号 SF1234567890：已签收\n');
  });

  it('says when there are no events or estimate yet', () => {
    const text = renderTracking(shipment({ events: [], estimatedDelivery: null, status: 'label_created' }), zh);
    expectChinese(text);
    expect(text).toContain('已生成运单，等待揽收');
    expect(text).toContain('暂时还没有物流动态');
    expect(text).not.toContain('预计');
  });

  it.each([
    ['label_created', '已生成运单', 'label created'],
    ['in_transit', '运输中', 'in transit'],
    ['out_for_delivery', '派送中', 'out for delivery'],
    ['delivered', '已签收', 'delivered'],
    ['exception', '运输异常', 'delivery problem'],
    ['returned', '已退回', 'returned to sender'],
  ])('localizes the status %s', (status, zhStatus, enStatus) => {
    expect(renderTracking(shipment({ status }), zh)).toContain(`：${zhStatus}`);
    expect(renderTracking(shipment({ status }), en)).toContain(`: ${enStatus}`);
  });

  it('explains an exception and offers a person', () => {
    const zhText = renderTracking(shipment({ status: 'exception' }), zh);
    expect(zhText).toContain('异常');
    expect(zhText).toContain('延迟');
    expect(zhText).toContain('人工客服');
    const enText = renderTracking(shipment({ status: 'exception' }), en);
    expect(enText).toContain('problem');
    expect(enText).toContain('delayed');
    expect(enText).toContain('person');
    expect(renderTracking(shipment(), en)).not.toContain('person');
  });

  it('explains a returned parcel and offers a person', () => {
    const zhText = renderTracking(shipment({ status: 'returned' }), zh);
    expect(zhText).toContain('退回');
    expect(zhText).toContain('人工客服');
    expect(renderTracking(shipment({ status: 'returned' }), en)).toContain('will not be delivered');
  });

  it('says an order without shipments has not shipped yet', () => {
    const output: ToolOutputOf<'trackShipment'> = { lookup: 'order', orderId: '#5001', shipments: [] };
    expect(renderTracking(output, zh)).toBe('订单 #5001 还没有发货，发货后就能查到物流信息。');
    expect(renderTracking(output, en)).toContain('has not shipped yet');
  });

  it('describes every shipment of an order', () => {
    const { lookup: _, ...first } = shipment();
    const second = {
      ...first,
      carrier: 'FedEx',
      trackingNumber: '7489 1234 5678',
      status: 'exception',
      estimatedDelivery: null,
      events: [{ at: '2026-06-03T07:00:00.000Z', location: null, description: 'Address not found' }],
    };
    const text = renderTracking({ lookup: 'order', orderId: 'NW-ORDER-77', shipments: [first, second] }, en);
    expectEnglish(text);
    expect(text.split('\n')[0]).toBe('Order NW-ORDER-77 has 2 shipments:');
    expect(text).toContain('- UPS shipment 1Z999AA10123456784: in transit, estimated delivery 2026-06-04.');
    expect(text).toContain('- FedEx shipment 7489 1234 5678: delivery problem.');
    expect(text).toContain('  Latest update: 2026-06-03 07:00 UTC: Address not found');
    expect(text).toContain('person');
  });

  it('describes the one shipment of an order (zh)', () => {
    const text = renderTracking(
      {
        lookup: 'order',
        orderId: 'ORD-20241115-00001',
        shipments: [
          {
            carrier: '顺丰速运',
            trackingNumber: 'SF1234567890',
            status: 'in_transit',
            estimatedDelivery: '2024-11-18',
            events: [
              { at: '2024-11-15T10:00:00.000Z', location: '上海', description: '已揽收' },
              { at: '2024-11-16T01:00:00.000Z', location: '杭州', description: '运输中转' },
            ],
          },
        ],
      },
      zh,
    );
    expectChinese(text);
    expect(text).toBe(
      [
        '订单 ORD-20241115-00001 的物流信息：',
        '顺丰速运 运单 SF1234567890：运输中，预计 2024-11-18 送达。',
        '最新动态：2024-11-16 01:00 UTC 杭州，运输中转',
      ].join('\n'),
    );
  });
});

describe('renderPlaced and renderCancelled', () => {
  const placedOrder: ToolOutputOf<'getOrder'> = {
    ...shippedOrder,
    id: 'ORD-20260601-A1B2C3D4E5',
    status: 'pending',
    couponCode: 'SAVE50',
    total: '1119.10',
    shipments: [],
    shippingAddress: null,
  };

  it('confirms a new order with number, items, total and status', () => {
    const text = renderPlaced({ order: placedOrder, replayed: false }, zh);
    expectChinese(text);
    expect(text).toContain('下单成功');
    expect(text).toContain('ORD-20260601-A1B2C3D4E5');
    expect(text).toContain('待付款');
    expect(text).toContain('- 限量版复古球鞋 × 1');
    expect(text).toContain('优惠券：SAVE50');
    expect(text).toContain('合计：¥1119.10');
    expect(text).not.toContain('之前已经提交');
  });

  it('says a replayed order was already placed', () => {
    const zhText = renderPlaced({ order: placedOrder, replayed: true }, zh);
    expect(zhText).toContain('这笔订单之前已经提交过了');
    expect(zhText).not.toContain('下单成功');
    const enText = renderPlaced({ order: { ...enOrder, status: 'pending' }, replayed: true }, en);
    expect(enText).toContain('already placed');
    expect(enText).toContain('NW-ORDER-77');
    expect(enText).toContain('Total: $215.95');
    expect(renderPlaced({ order: enOrder, replayed: false }, en)).not.toContain('already');
  });

  it('confirms a cancellation with the order total as the most that is refunded', () => {
    const output: ToolOutputOf<'cancelOrder'> = {
      order: { ...placedOrder, status: 'cancelled' },
      released: [{ sku: 'SKU-LIMITED-SNEAKER-01', warehouseCode: 'EAST-1', quantity: 1 }],
    };
    const text = renderCancelled(output, zh);
    expectChinese(text);
    expect(text).toContain('订单 ORD-20260601-A1B2C3D4E5 已取消。');
    expect(text).toContain('¥1119.10');
    expect(text).toContain('已释放');
    // No amount other than the order total.
    expect(text.match(/¥[\d.]+/g)).toEqual(['¥1119.10']);
    const enText = renderCancelled({ order: { ...enOrder, status: 'cancelled' }, released: [] }, en);
    expectEnglish(enText);
    expect(enText).toContain('Order NW-ORDER-77 has been cancelled.');
    expect(enText).toContain('$215.95');
    expect(enText).not.toContain('released');
  });
});

describe('renderSearchResults and renderProductNotFound', () => {
  it('lists results with SKU, price and the discontinued flag', () => {
    const text = renderSearchResults({ query: '球鞋', results: [sneakerResult, jacketResult] }, zh);
    expectChinese(text);
    expect(text).toContain('- 限量版复古球鞋（SKU-LIMITED-SNEAKER-01）：¥1299.00');
    expect(text).toContain('- Classic Rain Jacket（OLD-JACKET-9）：¥599.00（已停产）');
    expect(text).not.toContain('¥1299.00（已停产）');
    const enText = renderSearchResults(
      { query: 'jacket', results: [{ ...jacketResult, aliases: [], name: 'Classic Rain Jacket' }] },
      en,
    );
    expect(enText).toContain('- Classic Rain Jacket (OLD-JACKET-9): $599.00 (discontinued)');
  });

  it('keeps the list short', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ ...jacketResult, sku: `RAIN-${i}`, name: `Rain Jacket ${i}` }));
    const text = renderSearchResults({ query: 'rain jacket', results: many }, en);
    expect(text).toContain('Rain Jacket 7');
    expect(text).not.toContain('Rain Jacket 8');
    expect(text).toContain('4 more');
  });

  it('turns an empty search into "not found"', () => {
    expect(renderSearchResults({ query: 'unicorn boots', results: [] }, en)).toBe(renderProductNotFound('unicorn boots', [], en));
  });

  it('says what was not found and asks for the name or SKU', () => {
    const text = renderProductNotFound('火星跑鞋', [], zh);
    expect(text).toBe('抱歉，没有找到“火星跑鞋”。\n请告诉我商品名称或 SKU。');
    const enText = renderProductNotFound('unicorn boots', [], en);
    expect(enText).toContain('"unicorn boots"');
    expect(enText).toContain('name or SKU');
    expect(enText).not.toContain('Did you mean');
  });

  it('suggests up to three of the closest products', () => {
    const closest = ['Trail Running Shoe', 'Ridge Hiking Boot', 'Wool Socks', 'Rain Jacket'].map((name, i) => ({
      ...jacketResult,
      sku: `SKU-${i}`,
      name,
    }));
    const text = renderProductNotFound('trial shoe', closest, en);
    expect(text).toContain('Did you mean Trail Running Shoe, Ridge Hiking Boot or Wool Socks?');
    expect(text).not.toContain('Rain Jacket');
    expect(renderProductNotFound('限量球', [sneakerResult], zh)).toContain('您是不是要找：限量版复古球鞋？');
  });
});

describe('renderHandoff', () => {
  it('says a person takes over in this chat', () => {
    const zhText = renderHandoff({ status: 'waiting_human', reason: 'Shopper wants a refund for ORD-1' }, zh);
    expectChinese(zhText);
    expect(zhText).toContain('人工客服');
    expect(zhText).not.toContain('refund');
    const enText = renderHandoff({ status: 'waiting_human', reason: 'x' }, en);
    expect(enText).toContain('reply here');
    expect(renderHandoff({ status: 'human', reason: 'x' }, en)).toContain('already handling');
  });
});

describe('renderToolError', () => {
  const err = (code: string, message = 'Some internal message from the store.') => ({ code, message });

  it.each([
    ['checkInventory', '没有找到这件商品', "couldn't find that product"],
    ['quotePrice', '没有找到这件商品', "couldn't find that product"],
    ['getOrder', '没有找到这个订单', "couldn't find that order"],
    ['cancelOrder', '没有找到这个订单', "couldn't find that order"],
    ['listMyOrders', '没有找到您的账户', "couldn't find your customer account"],
  ] as const)('words not_found for %s', (tool, zhText, enText) => {
    expect(renderToolError(tool, err('not_found'), zh)).toContain(zhText);
    expect(renderToolError(tool, err('not_found'), en)).toContain(enText);
  });

  it('tells a tracking number from an order in trackShipment not_found', () => {
    const byNumber = err('not_found', 'No shipment with tracking number "SF000".');
    expect(renderToolError('trackShipment', byNumber, zh)).toContain('没有找到这个运单号');
    const byOrder = err('not_found', 'No order with that number was found for you. Check the number and the email or phone.');
    expect(renderToolError('trackShipment', byOrder, en)).toContain("couldn't find that order");
  });

  it('asks a guest to check the contact too, never hinting the order is someone else’s', () => {
    const guest = renderToolError('getOrder', err('not_found'), zhGuest);
    expect(guest).toContain('邮箱或手机号');
    expect(renderToolError('getOrder', err('not_found'), zh)).not.toContain('邮箱');
    expect(renderToolError('getOrder', err('not_found'), en)).toContain('email or phone');
    expect(renderToolError('getOrder', err('not_found'), enSignedIn)).not.toContain('email');
  });

  it('words contact_required and sign_in_required', () => {
    expect(renderToolError('getOrder', err('contact_required'), zh)).toContain('邮箱或手机号');
    expect(renderToolError('trackShipment', err('contact_required'), en)).toContain('email address or phone number');
    const signIn = renderToolError('listMyOrders', err('sign_in_required', 'Listing orders needs a signed-in account.'), en);
    expect(signIn).toContain('sign in on the Northwind Outfitters website');
    expect(signIn).not.toContain('Listing orders needs');
    expect(renderToolError('placeOrder', err('sign_in_required'), zh)).toContain('下单需要先在Acme 户外的网站上登录');
    expect(renderToolError('cancelOrder', err('sign_in_required'), zh)).toContain('取消订单');
  });

  it('says how many are available when out of stock', () => {
    const error = err('out_of_stock', 'Only 5 of SKU-LIMITED-SNEAKER-01 available, 10 requested.');
    expect(renderToolError('placeOrder', error, zh)).toContain('目前只有 5 件可售，您要的是 10 件');
    expect(renderToolError('placeOrder', error, en)).toContain('only 5 available, and you asked for 10');
    expect(renderToolError('placeOrder', err('out_of_stock', 'Only 0 of X available, 1 requested.'), en)).toContain(
      'out of stock',
    );
    expect(renderToolError('placeOrder', err('out_of_stock', 'odd'), zh)).toContain('库存不足');
  });

  it('words product_unavailable, not_cancellable and coupon_not_applicable', () => {
    expect(renderToolError('placeOrder', err('product_unavailable'), zh)).toContain('已停产');
    const notCancellable = err(
      'not_cancellable',
      'Order ORD-1 is shipped and can no longer be cancelled (only pending, paid or processing orders can).',
    );
    const zhText = renderToolError('cancelOrder', notCancellable, zh);
    expect(zhText).toContain('已发货');
    expect(zhText).toContain('无法取消');
    expect(zhText).toContain('人工客服');
    expectChinese(zhText);
    const enText = renderToolError('cancelOrder', notCancellable, en);
    expect(enText).toContain('This order is shipped and can no longer be cancelled');
    expect(enText).toContain('person');
    expect(renderToolError('cancelOrder', err('not_cancellable', 'weird'), en)).toContain('can no longer be cancelled');

    const expired = err('coupon_not_applicable', 'Coupon SAVE50 expired 2026-01-01T00:00:00.000Z.');
    expect(renderToolError('placeOrder', expired, zh)).toContain('这张优惠券无法用于这笔订单：已过期');
    expect(renderToolError('placeOrder', expired, en)).toContain('without it');
    const minSpend = err(
      'coupon_not_applicable',
      'Coupon SAVE50 needs a minimum spend of 500.00 after member discount; this comes to 89.82.',
    );
    expect(renderToolError('placeOrder', minSpend, zh)).toContain('需满 ¥500.00');
    expect(renderToolError('placeOrder', err('coupon_not_applicable', 'Coupon X has been used up.'), en)).toContain('used up');
    expect(renderToolError('placeOrder', err('coupon_not_applicable', '???'), zh)).toBe(
      '这张优惠券无法用于这笔订单。要不要不使用优惠券直接下单？',
    );
  });

  it('passes on the message of invalid_input', () => {
    const error = err('invalid_input', 'Unknown member level "diamond". Known levels: gold (Gold).');
    expect(renderToolError('quotePrice', error, en)).toContain('Unknown member level "diamond"');
  });

  it.each(['store_unavailable', 'idempotency_conflict', 'something_new'])('never echoes internals for %s', (code) => {
    const error = err(code, 'PrismaClientKnownRequestError: connection refused at 10.0.0.3');
    const zhText = renderToolError('getOrder', error, zh);
    const enText = renderToolError('getOrder', error, en);
    expect(zhText).toBe('抱歉，暂时查不到，请稍后再试。');
    expect(enText).toContain('try again');
    expect(enText).not.toContain('Prisma');
  });

  it('answers every tool and language with non-empty text', () => {
    for (const tool of SHOP_TOOL_NAMES) {
      for (const code of ['not_found', 'sign_in_required', 'invalid_input', 'store_unavailable']) {
        expectChinese(renderToolError(tool, err(code, 'x'), zh));
        expectEnglish(renderToolError(tool, err(code, 'x'), en));
      }
    }
  });
});

describe('phrases', () => {
  const names = Object.keys(phrases) as (keyof typeof phrases)[];

  it('has every phrase in both languages, in the right script', () => {
    for (const name of names) {
      const say = (ctx: RenderContext): string => {
        if (name === 'askContact') return phrases.askContact(ctx, 'ORD-20241115-00001');
        if (name === 'askSignIn') return phrases.askSignIn(ctx, 'list');
        return phrases[name](ctx);
      };
      expectChinese(say(zh));
      expectEnglish(say(en));
    }
  });

  it('greets with the store name and what it can help with', () => {
    const text = phrases.greeting(en);
    expect(text).toContain('Northwind Outfitters');
    for (const topic of ['stock', 'prices', 'coupons', 'orders', 'tracking']) expect(text).toContain(topic);
    expect(text.split('\n').length).toBeLessThanOrEqual(2);
    const zhText = phrases.greeting(zh);
    expect(zhText).toContain('Acme 户外');
    expect(zhText).toContain('张伟');
    for (const topic of ['库存', '价格', '优惠券', '订单', '物流']) expect(zhText).toContain(topic);
  });

  it('is honest about being a rule-based engine', () => {
    const text = phrases.identity(en);
    expect(text).toContain('Northwind Outfitters');
    expect(text).toContain('rule-based');
    expect(text).toContain('not an AI language model');
    expect(text).toContain('person');
    expect(phrases.identity(zh)).toContain('不是 AI 大语言模型');
    expect(text.startsWith("I'm Northwind Outfitters' built-in assistant")).toBe(true);
    expect(phrases.identity({ ...en, facts: { ...enFacts, storeName: 'Northwind' } })).toContain("Northwind's built-in");
  });

  it('asks for contact and sign-in with the specifics', () => {
    expect(phrases.askContact(zh, '#5001')).toContain('#5001');
    expect(phrases.askContact(en, ' ')).toBe(
      'To confirm the order is yours, please give me the email address or phone number used on it.',
    );
    expect(phrases.askSignIn(en, 'list')).toContain('see your orders');
    expect(phrases.askSignIn(en, 'order')).toContain('place an order');
    expect(phrases.askSignIn(en, 'cancel')).toContain('cancel an order');
    expect(phrases.notSignedInForOrder(zh)).toContain('登录');
    expect(phrases.confirmPlacement(en)).toContain('window below');
    expect(phrases.placementDeclined(en)).toBe('OK, nothing was ordered.');
    expect(phrases.refuseOtherCustomers(en)).toContain('your own orders');
    expect(phrases.outOfScope(zh)).toContain('人工客服');
  });
});
