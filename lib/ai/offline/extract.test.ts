import { describe, expect, it } from 'vitest';
import {
  extractCouponCodes,
  extractEmail,
  extractIdCandidates,
  extractMemberLevel,
  extractPhone,
  extractQuantity,
  extractWarehouses,
} from './extract';

const LEVELS = [
  { code: 'gold', name: '黄金会员', discountPercent: '10' },
  { code: 'silver', name: '白银会员', discountPercent: '5' },
  { code: 'VIP', name: 'Trailblazer VIP', discountPercent: '12' },
  { code: 'M1', name: 'Member', discountPercent: '2' },
];
const WAREHOUSES = [
  { code: 'EAST-1', name: '华东仓', region: 'Shanghai' },
  { code: 'RNO', name: 'Reno Fulfillment', region: 'Reno' },
];

describe('extractQuantity', () => {
  it.each([
    ['我要买两双限量球鞋', 2],
    ['来3件', 3],
    ['十二个', 12],
    ['I will take two of those', 2],
    ["I'll take 3 pairs", 3],
    ['x4 please', 4],
    ['a dozen socks', 12],
    ['buy 5', 5],
    ['how much is it?', null],
    ['is the sneaker in stock?', null],
    ['order ORD-20241115-00001', null],
  ])('%s → %s', (text, expected) => {
    expect(extractQuantity(text)).toBe(expected);
  });
});

describe('identifier candidates', () => {
  it('finds order and tracking numbers of any format, and joins digit blocks', () => {
    expect(extractIdCandidates('where is ORD-20241115-00001?')).toEqual(['ORD-20241115-00001']);
    expect(extractIdCandidates('order #5001 please')).toEqual(['#5001']);
    expect(extractIdCandidates('track SF 1234 567 890')).toContain('SF1234567890');
    expect(extractIdCandidates('9400 1000 0000 0000 0000 00')).toContain('9400100000000000000000');
    expect(extractIdCandidates('1Z999AA10123456784 where?')).toEqual(['1Z999AA10123456784']);
    expect(extractIdCandidates('is the trail shoe in stock')).toEqual([]);
  });

  it('reads coupon codes by shape or after a coupon word, in either case', () => {
    expect(extractCouponCodes('how much with SAVE50?', extractIdCandidates('how much with SAVE50?'))).toEqual(['SAVE50']);
    expect(extractCouponCodes('用save50可以吗', extractIdCandidates('用save50可以吗'))).toEqual(['SAVE50']);
    expect(extractCouponCodes('coupon code: FREESHIP', [])).toEqual(['FREESHIP']);
    expect(extractCouponCodes('order ORD-20241115-00001', extractIdCandidates('order ORD-20241115-00001'))).toEqual([]);
  });

  it('reads contacts, and never an order number as a phone', () => {
    expect(extractEmail('it is Li.Na@Example.com thanks')).toBe('Li.Na@Example.com');
    expect(extractPhone('my phone is +86 139-0013-9000', [])).toBe('+86 139-0013-9000');
    expect(extractPhone('13800138000', [])).toBe('13800138000');
    expect(extractPhone('ORD-20241115-00001', ['ORD-20241115-00001'])).toBeNull();
  });
});

describe('store vocabulary', () => {
  it('recognises member levels by code or display name, whole words only', () => {
    expect(extractMemberLevel('我是黄金会员', LEVELS)?.code).toBe('gold');
    expect(extractMemberLevel("I'm a Gold member", LEVELS)?.code).toBe('gold');
    expect(extractMemberLevel('as a trailblazer vip', LEVELS)?.code).toBe('VIP');
    expect(extractMemberLevel('the golden jacket', LEVELS)).toBeNull();
    expect(extractMemberLevel('白银', LEVELS)?.code).toBe('silver');
  });

  it('recognises warehouses by code, name or region', () => {
    expect(extractWarehouses('and in Reno?', WAREHOUSES)).toEqual(['RNO']);
    expect(extractWarehouses('华东仓有吗', WAREHOUSES)).toEqual(['EAST-1']);
    expect(extractWarehouses('ship from east-1', WAREHOUSES)).toEqual(['EAST-1']);
    expect(extractWarehouses('is it in stock', WAREHOUSES)).toEqual([]);
  });
});
