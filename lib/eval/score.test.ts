import { describe, expect, it } from 'vitest';
import type { EvalTurn } from './schema';
import { containsFact, matchesSubset, scoreTurn } from './score';

describe('matchesSubset (tool inputs)', () => {
  it('needs every expected key and ignores extra ones', () => {
    expect(matchesSubset({ sku: 'A' }, { sku: 'A', quantity: 1, limit: 5 })).toBe(true);
    expect(matchesSubset({ sku: 'A', quantity: 2 }, { sku: 'A' })).toBe(false);
    expect(matchesSubset({ quantity: 2 }, { quantity: '2' })).toBe(false);
    expect(matchesSubset({}, undefined)).toBe(false);
  });

  it('compares strings trimmed and case-insensitively (coupon codes and levels are)', () => {
    expect(matchesSubset({ couponCode: 'SAVE50' }, { couponCode: ' save50 ' })).toBe(true);
    expect(matchesSubset({ couponCode: 'SAVE50' }, { couponCode: 'SAVE5' })).toBe(false);
  });

  it('matches arrays in any order but with the same length', () => {
    const expected = { items: [{ sku: 'A', quantity: 2 }, { sku: 'B' }] };
    expect(
      matchesSubset(expected, {
        items: [
          { sku: 'B', quantity: 1 },
          { sku: 'A', quantity: 2 },
        ],
      }),
    ).toBe(true);
    expect(matchesSubset(expected, { items: [{ sku: 'A', quantity: 2 }] })).toBe(false);
    expect(matchesSubset(expected, { items: [{ sku: 'A', quantity: 2 }, { sku: 'B' }, { sku: 'C' }] })).toBe(false);
    // One actual element cannot satisfy two expected ones.
    expect(matchesSubset([{ sku: 'A' }, { sku: 'A' }], [{ sku: 'A' }, { sku: 'B' }])).toBe(false);
  });

  it('accepts any alternative of $anyOf', () => {
    const expected = { memberLevel: { $anyOf: ['gold', '黄金会员'] } };
    expect(matchesSubset(expected, { memberLevel: '黄金会员' })).toBe(true);
    expect(matchesSubset(expected, { memberLevel: 'Gold' })).toBe(true);
    expect(matchesSubset(expected, { memberLevel: 'silver' })).toBe(false);
    expect(matchesSubset(expected, {})).toBe(false);
  });
});

describe('containsFact', () => {
  it('is case-insensitive for Latin text and folds full-width characters', () => {
    expect(containsFact('Shipped with SF Express', 'sf express')).toBe(true);
    expect(containsFact('运单 ＳＦ１２３４５６７８９０', 'SF1234567890')).toBe(true);
    expect(containsFact('已发货', '已签收')).toBe(false);
  });

  it('takes an array as alternatives: any one will do', () => {
    expect(containsFact('库存：华东仓 23 件', ['EAST-1', '华东仓'])).toBe(true);
    expect(containsFact('in stock', ['EAST-1', '华东仓'])).toBe(false);
  });
});

describe('scoreTurn', () => {
  const turn: EvalTurn = {
    user: 'is it in stock, and how much?',
    expectTools: [
      { name: 'checkInventory', input: { sku: 'A' } },
      { name: 'quotePrice', input: { sku: 'A' } },
    ],
    forbidTools: ['placeOrder'],
    mustContain: ['23', ['EAST-1', '华东仓']],
    mustNotContain: ['13800138000'],
  };

  it('passes when every expected call and fact is there, in any order, searches allowed', () => {
    const score = scoreTurn(turn, {
      toolCalls: [
        { toolName: 'searchProducts', input: { query: 'sneaker' } },
        { toolName: 'quotePrice', input: { sku: 'A', quantity: 1 } },
        { toolName: 'checkInventory', input: { sku: 'A' } },
      ],
      text: '华东仓 has 23.',
    });
    expect(score).toMatchObject({ toolOk: true, answerOk: true, missingTools: [], unexpectedTools: [], missingFacts: [] });
  });

  it('fails tool choice on a missing or forbidden call, and answers on missing or leaked facts', () => {
    const score = scoreTurn(turn, {
      toolCalls: [
        { toolName: 'checkInventory', input: { sku: 'B' } },
        { toolName: 'quotePrice', input: { sku: 'A' } },
        { toolName: 'placeOrder', input: { items: [] } },
      ],
      text: 'Call 13800138000, we have 23',
    });
    expect(score.toolOk).toBe(false);
    expect(score.missingTools).toEqual([{ name: 'checkInventory', input: { sku: 'A' } }]);
    expect(score.unexpectedTools.map((c) => c.toolName)).toEqual(['placeOrder']);
    expect(score.answerOk).toBe(false);
    expect(score.missingFacts).toEqual([['EAST-1', '华东仓']]);
    expect(score.leakedFacts).toEqual(['13800138000']);
  });

  it('reads expectTools [] as "no tool at all" and an absent expectTools as no check', () => {
    const call = { toolName: 'searchProducts', input: { query: 'hello' } };
    expect(scoreTurn({ user: 'hi', expectTools: [] }, { toolCalls: [call], text: 'Hello!' }).toolOk).toBe(false);
    expect(scoreTurn({ user: 'hi', expectTools: [] }, { toolCalls: [], text: 'Hello!' }).toolOk).toBe(true);
    expect(scoreTurn({ user: 'hi' }, { toolCalls: [call], text: 'Hello!' }).toolOk).toBe(true);
  });

  it('accepts any alternative of an anyOf entry', () => {
    const where: EvalTurn = {
      user: 'where is order X?',
      expectTools: [
        {
          anyOf: [
            { name: 'getOrder', input: { orderId: 'X' } },
            { name: 'trackShipment', input: { orderId: 'X' } },
          ],
        },
      ],
    };
    expect(scoreTurn(where, { toolCalls: [{ toolName: 'trackShipment', input: { orderId: 'X' } }], text: '' }).toolOk).toBe(true);
    expect(scoreTurn(where, { toolCalls: [{ toolName: 'getOrder', input: { orderId: 'X' } }], text: '' }).toolOk).toBe(true);
    const wrong = scoreTurn(where, { toolCalls: [{ toolName: 'getOrder', input: { orderId: 'Y' } }], text: '' });
    expect(wrong.toolOk).toBe(false);
    expect(wrong.missingTools).toEqual(where.expectTools);
  });

  it('fails a turn that could not run', () => {
    const score = scoreTurn({ approve: true }, { toolCalls: [], text: '', error: 'nothing was waiting for a confirmation' });
    expect(score).toMatchObject({ toolOk: false, answerOk: false });
  });
});
